import { AuditOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Action } from '../../shared/roles.js';

export interface MenuEntry {
  to: string;
  label: string;
  description: string;
  icon: ReactNode;
  /** Shown only to staff whose roles allow this action somewhere (ROLE_ACTIONS). */
  action: Action;
}

export const WORKBENCH_MENU: MenuEntry[] = [
  { to: '/workbench', label: '工作台', description: '本人信息、角色与辖区', icon: <HomeOutlined aria-hidden />, action: 'workbench.use' },
  { to: '/workbench/accounts', label: '账号管理', description: '辖区内工作人员账号、授权、解锁和重置密码', icon: <TeamOutlined aria-hidden />, action: 'account.view' },
  { to: '/workbench/audit', label: '审计日志', description: '登录、账号变更等操作记录', icon: <AuditOutlined aria-hidden />, action: 'audit.view' },
];
