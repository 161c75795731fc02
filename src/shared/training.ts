/**
 * 培训记录 (issue 17 deliverable 5): the forms a session takes, its states, a participant's
 * attendance and assessment. Shared so the workbench and the exports say the same words.
 * 学时 come in 0.5 steps (half a morning is the smallest unit the bureau counts).
 */
export const TRAINING_FORMS = {
  lecture: '集中授课',
  online: '线上培训',
  meeting: '以会代训',
  shadowing: '跟岗学习',
  site_visit: '现场观摩',
} as const;
export type TrainingForm = keyof typeof TRAINING_FORMS;
export const TRAINING_FORM_CODES = Object.keys(TRAINING_FORMS) as [TrainingForm, ...TrainingForm[]];

export const TRAINING_STATUSES = { planned: '计划中', held: '已举办' } as const;
export type TrainingStatus = keyof typeof TRAINING_STATUSES;
export const TRAINING_STATUS_CODES = Object.keys(TRAINING_STATUSES) as [TrainingStatus, ...TrainingStatus[]];

export const ATTENDANCES = { attended: '已参训', absent: '缺席', leave: '请假' } as const;
export type Attendance = keyof typeof ATTENDANCES;
export const ATTENDANCE_CODES = Object.keys(ATTENDANCES) as [Attendance, ...Attendance[]];

export const ASSESSMENTS = { passed: '合格', failed: '不合格' } as const;
export type Assessment = keyof typeof ASSESSMENTS;
export const ASSESSMENT_CODES = Object.keys(ASSESSMENTS) as [Assessment, ...Assessment[]];

/** The most 学时 one session may count (a two-week 跟岗学习 at 8 a day). */
export const MAX_TRAINING_HOURS = 200;

/** 1.5 → "1.5", 2 → "2" */
export const hoursText = (hours: number): string => (Number.isInteger(hours) ? String(hours) : hours.toFixed(1));
