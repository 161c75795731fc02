/** Roles and what each may do. Shared so the web app shows only the menus a role can use. */
export const STAFF_ROLES = ['window_clerk', 'approver', 'helper', 'town_admin', 'city_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'citizen';

export const ROLE_LABELS: Record<Role, string> = {
  citizen: '群众',
  window_clerk: '窗口人员',
  approver: '审批人员',
  helper: '帮办代办员',
  town_admin: '镇街管理员',
  city_admin: '市级管理员',
};

export const ACTIONS = [
  'workbench.use',
  'account.view',
  'account.manage',
  'audit.view',
  'region.view',
  'case.intake',
  /** act as the receiving window on cases at a place (review, accept, forward, deliver); helpers only take cases in */
  'case.receive',
  'case.view',
  'case.decide',
  'assist.act',
  'catalog.manage',
  'calendar.manage',
  'notification.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ROLE_ACTIONS: Record<StaffRole, readonly Action[]> = {
  window_clerk: ['workbench.use', 'region.view', 'case.intake', 'case.receive', 'case.view'],
  approver: ['workbench.use', 'region.view', 'case.view', 'case.decide'],
  helper: ['workbench.use', 'region.view', 'case.intake', 'assist.act'],
  town_admin: ['workbench.use', 'region.view', 'account.view', 'account.manage', 'audit.view', 'case.view', 'catalog.manage'],
  city_admin: ['workbench.use', 'region.view', 'account.view', 'account.manage', 'audit.view', 'case.view', 'catalog.manage', 'calendar.manage', 'notification.manage'],
};

/** Which roles an administrator holding `role` may grant (never above their own). */
export const GRANTABLE_ROLES: Record<StaffRole, readonly StaffRole[]> = {
  window_clerk: [],
  approver: [],
  helper: [],
  town_admin: ['window_clerk', 'approver', 'helper', 'town_admin'],
  city_admin: ['window_clerk', 'approver', 'helper', 'town_admin', 'city_admin'],
};

export const roleAllows = (role: StaffRole, action: Action): boolean => ROLE_ACTIONS[role].includes(action);
