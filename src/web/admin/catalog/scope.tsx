import { Alert, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import type { VersionStatus } from '../../api/catalogAdmin.js';
import { STATUS_LABELS } from '../../api/catalogAdmin.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useWorkbench } from '../../staff/context.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { canManageGuidance } from './access.js';

export { canManageGuidance, regionLevelOf } from './access.js';

/** For pages of the city's guidance catalogs: catalog.manage, and at city level. */
export function RequireGuidance({ title, children }: { title: string; children: ReactNode }) {
  return (
    <RequireAction action="catalog.manage" title={title}>
      <GuidanceOnly title={title}>{children}</GuidanceOnly>
    </RequireAction>
  );
}

function GuidanceOnly({ title, children }: { title: string; children: ReactNode }) {
  const { me } = useWorkbench();
  if (canManageGuidance(me)) return <>{children}</>;
  return (
    <>
      <PageHeading title={`无权访问${title}`}>无权访问</PageHeading>
      <Alert
        type="warning"
        showIcon
        title={`「${title}」由市级管理员维护（403）`}
        description="镇（街道）管理员请在「实施清单」中维护本镇村的办理地点、时间和电话。"
        style={{ marginBottom: 16, maxWidth: 640 }}
      />
      <Link to="/workbench">返回工作台首页</Link>
    </>
  );
}

/** A load error in words; a refusal says so with its status (e.g. another town's list). */
export function LoadError({ what, error }: { what: string; error: unknown }) {
  const forbidden = error instanceof ApiError && error.status === 403;
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <Alert
      type={forbidden ? 'warning' : 'error'}
      showIcon
      role="alert"
      title={forbidden ? `无权查看${what}（403）` : missing ? `${what}不存在（404）` : `${what}加载失败`}
      description={errorMessage(error)}
      style={{ marginBottom: 16, maxWidth: 720 }}
    />
  );
}

const STATUS_COLORS: Record<VersionStatus, string> = { draft: 'processing', review: 'warning', published: 'success', superseded: 'default' };

/** A version's state in words (colour only supports the text). */
export const versionStatusTag = (status: VersionStatus) => <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Tag>;
