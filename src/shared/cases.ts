/**
 * Cases (办件): statuses, actions and the one table of allowed transitions, shared by the
 * server (which enforces it) and the web app (which shows only the buttons it allows).
 * DOMAIN.md §3: 待预审 → 待受理 → (补正 ↔) 已受理 → 审查/决定 → 已办结(准予/不予) → 已送达;
 * also 不予受理, 撤回, 终止.
 */

export const CASE_STATUSES = {
  pending_review: '待预审',
  pending_acceptance: '待受理',
  correction: '待补正',
  accepted: '已受理（审查中）',
  deciding: '待决定',
  suspended: '特别程序中',
  approved: '已办结（准予）',
  denied: '已办结（不予）',
  delivered: '已送达',
  refused: '不予受理',
  withdrawn: '已撤回',
  terminated: '已终止',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;
export const CASE_STATUS_CODES = Object.keys(CASE_STATUSES) as [CaseStatus, ...CaseStatus[]];

/** Statuses in which nothing more happens to a case. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['delivered', 'refused', 'withdrawn', 'terminated'];
/** Statuses after which an application is done for its applicant: decided (its result is out) or ended. */
export const DONE_STATUSES: ReadonlySet<CaseStatus> = new Set<CaseStatus>(['approved', 'denied', 'delivered', 'refused', 'withdrawn', 'terminated']);
/** Statuses still being handled (the time limit matters): not final, not yet decided. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['pending_review', 'pending_acceptance', 'correction', 'accepted', 'deciding', 'suspended'];
/** Statuses in which the working-day clock runs (after acceptance, not paused). */
export const CLOCK_RUNNING_STATUSES: readonly CaseStatus[] = ['accepted', 'deciding'];

export const CASE_ACTIONS = {
  submit: '提交申请',
  accept: '受理',
  'request-correction': '一次性告知补正',
  resubmit: '补正材料',
  refuse: '不予受理',
  approve: '审查通过',
  deny: '决定不予许可',
  return: '退回',
  transfer: '转办',
  extend: '延期',
  pause: '特别程序（暂停计时）',
  resume: '特别程序结束（恢复计时）',
  withdraw: '撤回申请',
  terminate: '终止办理',
  forward: '收件转报',
  deliver: '送达',
} as const;
export type CaseAction = keyof typeof CASE_ACTIONS;
/** Actions taken on an existing case through POST /cases/:id/actions/:action. */
export type CaseActionName = Exclude<CaseAction, 'submit'>;
export const CASE_ACTION_NAMES = (Object.keys(CASE_ACTIONS) as CaseAction[]).filter((a): a is CaseActionName => a !== 'submit');

/**
 * Who may take an action:
 * - receiver: staff with case.intake over the region where the case now sits (the collecting
 *   village before it is forwarded, the handling body after);
 * - handler_intake: staff with case.intake over the handling (deciding) region, once the case is there;
 * - decider: staff with case.decide over the handling region;
 * - applicant: the citizen account that submitted the case.
 */
export type CaseActorRole = 'receiver' | 'handler_intake' | 'decider' | 'applicant';

export interface CaseTransition {
  action: CaseActionName;
  from: readonly CaseStatus[];
  /** 'previous': back to the status the case was in before correction / the special procedure; 'same': no change */
  to: CaseStatus | 'previous' | 'same';
  by: readonly CaseActorRole[];
  /** an opinion or reason must be given */
  reasonRequired: boolean;
}

const PRE_ACCEPTANCE: readonly CaseStatus[] = ['pending_review', 'pending_acceptance'];
const IN_HANDLING: readonly CaseStatus[] = ['accepted', 'deciding'];

/** The workflow: every allowed (action, from-status) pair. Anything not listed is refused with 409 CASE_WRONG_STATE. */
const TRANSITION_TABLE = [
  { action: 'forward', from: PRE_ACCEPTANCE, to: 'pending_acceptance', by: ['receiver'], reasonRequired: false },
  { action: 'transfer', from: PRE_ACCEPTANCE, to: 'pending_acceptance', by: ['receiver'], reasonRequired: true },
  { action: 'accept', from: PRE_ACCEPTANCE, to: 'accepted', by: ['handler_intake'], reasonRequired: false },
  { action: 'refuse', from: [...PRE_ACCEPTANCE, 'correction'], to: 'refused', by: ['handler_intake'], reasonRequired: true },
  { action: 'request-correction', from: PRE_ACCEPTANCE, to: 'correction', by: ['receiver'], reasonRequired: false },
  { action: 'request-correction', from: IN_HANDLING, to: 'correction', by: ['decider'], reasonRequired: false },
  { action: 'resubmit', from: ['correction'], to: 'previous', by: ['applicant', 'receiver'], reasonRequired: false },
  { action: 'approve', from: ['accepted'], to: 'deciding', by: ['decider'], reasonRequired: false },
  { action: 'approve', from: ['deciding'], to: 'approved', by: ['decider'], reasonRequired: false },
  { action: 'deny', from: ['deciding'], to: 'denied', by: ['decider'], reasonRequired: true },
  { action: 'return', from: ['deciding'], to: 'accepted', by: ['decider'], reasonRequired: true },
  { action: 'extend', from: IN_HANDLING, to: 'same', by: ['decider'], reasonRequired: true },
  { action: 'pause', from: IN_HANDLING, to: 'suspended', by: ['decider'], reasonRequired: true },
  { action: 'resume', from: ['suspended'], to: 'previous', by: ['decider'], reasonRequired: false },
  { action: 'withdraw', from: [...PRE_ACCEPTANCE, 'correction', ...IN_HANDLING, 'suspended'], to: 'withdrawn', by: ['applicant', 'receiver'], reasonRequired: false },
  { action: 'terminate', from: [...IN_HANDLING, 'suspended', 'correction'], to: 'terminated', by: ['decider'], reasonRequired: true },
  { action: 'deliver', from: ['approved', 'denied'], to: 'delivered', by: ['handler_intake', 'decider'], reasonRequired: false },
] satisfies readonly CaseTransition[];
export const CASE_TRANSITIONS: readonly CaseTransition[] = TRANSITION_TABLE;

type Expect<T extends true> = T;
/**
 * Compile-time check: every action has at least one transition, so a new name in CASE_ACTIONS
 * does not compile until the table says from where it goes and who takes it (its body schema and
 * handler are enforced in the server's cases module).
 */
export type EveryActionHasATransition = Expect<[Exclude<CaseActionName, (typeof TRANSITION_TABLE)[number]['action']>] extends [never] ? true : false>;

/** The transition for an action from a status, if the workflow allows it. */
export function transitionFor(action: CaseActionName, from: CaseStatus): CaseTransition | undefined {
  return CASE_TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
}

/** Actions allowed from a status (for buttons). */
export function actionsFrom(status: CaseStatus): CaseActionName[] {
  return [...new Set(CASE_TRANSITIONS.filter((t) => t.from.includes(status)).map((t) => t.action))];
}

/** Workflow steps (环节) of GB/T 39046 table 7, and the step each status belongs to. */
export const CASE_STEPS = { pre_review: '预审', acceptance: '受理', review: '审查', decision: '决定', completion: '办结', delivery: '送达' } as const;
export type CaseStep = keyof typeof CASE_STEPS;
export const STEP_OF_STATUS: Record<CaseStatus, CaseStep> = {
  pending_review: 'pre_review',
  pending_acceptance: 'acceptance',
  correction: 'acceptance',
  accepted: 'review',
  deciding: 'decision',
  suspended: 'review',
  approved: 'completion',
  denied: 'completion',
  delivered: 'delivery',
  refused: 'completion',
  withdrawn: 'completion',
  terminated: 'completion',
};

/** 申报来源 */
export const CASE_CHANNELS = { window: '窗口', pc: '电脑端', mobile: '移动端', kiosk: '自助终端', assist: '帮办代办' } as const;
export type CaseChannel = keyof typeof CASE_CHANNELS;

export const DELIVERY_METHODS = { pickup: '窗口自取', post: '邮寄', electronic: '电子送达' } as const;
export type DeliveryMethod = keyof typeof DELIVERY_METHODS;

export const MATERIAL_SUBMISSION_SOURCES = { upload: '电子上传', licence: '电子证照', paper: '纸质收取' } as const;
export type MaterialSubmissionSource = keyof typeof MATERIAL_SUBMISSION_SOURCES;

export const WARNING_LEVELS = { none: '正常', yellow: '预警', red: '超期' } as const;
export type WarningLevel = keyof typeof WARNING_LEVELS;

/**
 * Warning level from the working days left until the due date (0 = due today, negative = overdue)
 * and the limit in working days: red when overdue; yellow when ≤ 1 working day or < 40% of the
 * limit is left.
 */
export function warningLevel(daysLeft: number, limitDays: number): WarningLevel {
  if (daysLeft < 0) return 'red';
  if (daysLeft <= 1 || daysLeft < 0.4 * limitDays) return 'yellow';
  return 'none';
}

/**
 * 办件编号: the receiving place's region code right-padded with 0 to 12 digits, the China date
 * (YYYYMMDD) and a 5-digit daily sequence per region — 25 digits, e.g. 370883001004 20261127 00001.
 */
export function formatCaseNo(regionCode: string, chinaDate: string, seq: number): string {
  if (seq > 99999) throw new Error('case sequence exhausted for the day');
  return regionCode.padEnd(12, '0') + chinaDate.replaceAll('-', '') + String(seq).padStart(5, '0');
}
export const CASE_NO_PATTERN = /^\d{12}\d{8}\d{5}$/;

/**
 * A case number in groups of five digits (37088 30010 04202 61127 00001), the way people read a
 * long number out or copy it by eye. Only for showing: copying and searching use the plain number.
 */
export function caseNoGroups(caseNo: string): string[] {
  return caseNo.replace(/\s/g, '').match(/.{1,5}/g) ?? [];
}
