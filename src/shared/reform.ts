/**
 * 改革任务 (issue 17 §4): the states of a task of the reform plan and its flags, shared so the
 * workbench and the Excel export say the same words.
 *
 * 未开始 → (a progress report) 推进中 → (a report of 100 %) 待验收 → (the city accepts) 已完成; or the
 * city returns it (退回, with the reason) → 推进中 again.
 */
export const REFORM_STATUSES = {
  not_started: '未开始',
  in_progress: '推进中',
  awaiting: '待验收',
  done: '已完成',
} as const;
export type ReformStatus = keyof typeof REFORM_STATUSES;
export const REFORM_STATUS_CODES = Object.keys(REFORM_STATUSES) as [ReformStatus, ...ReformStatus[]];

/** 临期: the deadline is at most this many working days away. */
export const REFORM_DUE_SOON_WORKING_DAYS = 5;

/** What happened on a task, as its timeline says it. */
export const REFORM_EVENTS = {
  create: '创建任务',
  edit: '修改任务',
  report: '进展填报',
  accept: '验收通过',
  return: '退回',
  remind: '督办提醒',
} as const;
export type ReformEventKind = keyof typeof REFORM_EVENTS;
export const REFORM_EVENT_CODES = Object.keys(REFORM_EVENTS) as [ReformEventKind, ...ReformEventKind[]];

/** The deepest a task may be decomposed (the plan's task → sub-task → work item). */
export const REFORM_MAX_DEPTH = 3;

/** Evidence files (证明材料): PDF, pictures, Word and Excel (OFD too), each at most this size. */
export const REFORM_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** At most this many evidence files per report. */
export const REFORM_EVIDENCE_PER_REPORT = 10;
