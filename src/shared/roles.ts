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
  /** 帮办代办 help requests of a place: assign, cancel, follow the overdue, the monthly figures (the town's coordination) */
  'assist.coordinate',
  'catalog.manage',
  /** venues of the service map and their self-service terminals (status board, tokens, maintenance) */
  'venue.manage',
  /** the 帮办代办员 roster of a town (helpers, their areas, phones, duty hours, linked accounts) */
  'helper.manage',
  'calendar.manage',
  'notification.manage',
  /** 好差评 of a place: the ratings, and the 差评's return visit, rectification and appeal (谁办理、谁负责) */
  'rating.followup',
  /** 申诉复核 of 差评 and phone ratings taken by the city's 好差评 office */
  'rating.review',
  /** the supervision dashboards of a place (cases, time limits, ratings, helpers, terminals; rankings; export) */
  'supervision.view',
  /** 改革任务: decompose the reform plan into tasks, set lead units and deadlines, accept or return completions (the city leads) */
  'reform.manage',
  /** report progress and evidence on the reform tasks a place leads */
  'reform.report',
  /** 培训记录: training sessions held in a place and who attended */
  'training.manage',
  /** 典型案例: a place submits its good practices to the city */
  'practice.submit',
  /** 典型案例: the city reviews, publishes and withdraws good practices */
  'practice.review',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * What each action lets a person do, in the words the workbench shows (role descriptions, the
 * account drawer, the audit log): never the code. `satisfies` makes a new action without words
 * here a compile error.
 */
export const ACTION_LABELS = {
  'workbench.use': '使用工作台',
  'account.view': '查看账号',
  'account.manage': '管理账号与授权',
  'audit.view': '查看审计日志',
  'region.view': '查看行政区划',
  'case.intake': '收件（一窗受理、代为申请）',
  'case.receive': '窗口预审、受理、转报和送达',
  'case.view': '查看本辖区办件',
  'case.decide': '审查和审批决定',
  'assist.act': '帮办代办',
  'assist.coordinate': '调度和督办帮办代办求助',
  'catalog.manage': '维护事项目录和实施清单',
  'venue.manage': '维护办事地点和自助终端',
  'helper.manage': '维护帮办代办员名单',
  'calendar.manage': '维护工作日历',
  'notification.manage': '维护通知模板',
  'rating.followup': '查看评价，回访和整改差评',
  'rating.review': '差评申诉复核',
  'supervision.view': '查看监督看板和统计',
  'reform.manage': '分解、督办和验收改革任务',
  'reform.report': '填报改革任务进展',
  'training.manage': '登记培训和参训记录',
  'practice.submit': '报送典型案例',
  'practice.review': '审核发布典型案例',
} as const satisfies Record<Action, string>;

/** The words for an action code (the code itself only for one this version does not know). */
export const actionLabel = (action: string): string => (ACTION_LABELS as Record<string, string>)[action] ?? action;

/** What a role may do, in words, without 使用工作台 (every staff role has it): 「查看账号、管理账号与授权…」. */
export const roleDescription = (role: StaffRole): string =>
  ROLE_ACTIONS[role].filter((a) => a !== 'workbench.use' && a !== 'region.view').map((a) => ACTION_LABELS[a]).join('、');

export const ROLE_ACTIONS: Record<StaffRole, readonly Action[]> = {
  window_clerk: ['workbench.use', 'region.view', 'case.intake', 'case.receive', 'case.view'],
  approver: ['workbench.use', 'region.view', 'case.view', 'case.decide'],
  helper: ['workbench.use', 'region.view', 'case.intake', 'assist.act'],
  town_admin: ['workbench.use', 'region.view', 'account.view', 'account.manage', 'audit.view', 'case.view', 'catalog.manage', 'venue.manage', 'helper.manage', 'assist.coordinate', 'rating.followup', 'supervision.view', 'reform.report', 'training.manage', 'practice.submit'],
  city_admin: ['workbench.use', 'region.view', 'account.view', 'account.manage', 'audit.view', 'case.view', 'catalog.manage', 'venue.manage', 'helper.manage', 'assist.coordinate', 'calendar.manage', 'notification.manage', 'rating.followup', 'rating.review', 'supervision.view', 'reform.manage', 'reform.report', 'training.manage', 'practice.submit', 'practice.review'],
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
