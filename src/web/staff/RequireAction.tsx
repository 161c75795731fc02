import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ROLE_LABELS, type Action } from '../../shared/roles.js';
import { actionsOf, staffRolesOf } from '../api/session.js';
import { PageHeading } from '../components/PageHeading.js';
import { useWorkbench } from './context.js';

/**
 * Renders `children` only for staff whose roles allow `action`; anyone else reaching the URL
 * directly gets a 403-style page (the server refuses their requests anyway).
 */
export function RequireAction({ action, title, children }: { action: Action; title: string; children: ReactNode }) {
  const { me } = useWorkbench();
  if (actionsOf(me).has(action)) return <>{children}</>;
  const roles = staffRolesOf(me).map((r) => `${ROLE_LABELS[r.role]}（${r.regionName}）`).join('、') || '无';
  return (
    <>
      <PageHeading title={`无权访问${title}`}>无权访问</PageHeading>
      <Alert
        type="warning"
        showIcon
        title={`您没有使用「${title}」的权限（403）`}
        description={`您当前的角色：${roles}。如确需使用，请联系本级管理员授权。`}
        style={{ marginBottom: 16, maxWidth: 640 }}
      />
      <Link to="/workbench">返回工作台首页</Link>
    </>
  );
}
