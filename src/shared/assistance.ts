/**
 * 帮办代办 help requests (issue 14, DOMAIN.md §5): their statuses, channels, special-group flags and
 * event names in the words people read, and the working hours time limits are counted in. Shared
 * so the web pages say exactly what the server means.
 */

/**
 * Where a request stands. Dispatch happens as it is submitted, so a request starts `assigned` (a
 * helper or the town's coordinator has it) or `unassigned` (nobody covers the village: the town's
 * administrators see it and assign it by hand). Then accepted → contacted → completed; cancelled
 * from any open status.
 */
export const HELP_REQUEST_STATUSES = {
  unassigned: '待分派',
  assigned: '待接单',
  accepted: '已接单',
  contacted: '已联系',
  completed: '已办结',
  cancelled: '已取消',
} as const;
export type HelpRequestStatus = keyof typeof HELP_REQUEST_STATUSES;
export const HELP_REQUEST_STATUS_CODES = Object.keys(HELP_REQUEST_STATUSES) as [HelpRequestStatus, ...HelpRequestStatus[]];
/** The statuses in which a request is still someone's work. */
export const OPEN_HELP_STATUSES: readonly HelpRequestStatus[] = ['unassigned', 'assigned', 'accepted', 'contacted'];
export const isOpenHelpStatus = (s: string): boolean => (OPEN_HELP_STATUSES as readonly string[]).includes(s);

/** How a request came in. */
export const HELP_CHANNELS = {
  online: '本人网上求助',
  relative: '为亲属求助',
  window: '窗口代为登记',
  phone: '电话求助登记',
} as const;
export type HelpChannel = keyof typeof HELP_CHANNELS;

/** Special groups: any of them makes a request 优先 (first in every queue). */
export const HELP_FLAGS = {
  elderly: '老年人',
  disabled: '残疾人',
  seriously_ill: '重病',
  limited_mobility: '行动不便',
} as const;
export type HelpFlag = keyof typeof HELP_FLAGS;
export const HELP_FLAG_CODES = Object.keys(HELP_FLAGS) as [HelpFlag, ...HelpFlag[]];

/** How the helper first reached the person. */
export const HELP_CONTACT_METHODS = { phone: '电话联系', visit: '上门走访' } as const;
export type HelpContactMethod = keyof typeof HELP_CONTACT_METHODS;

/** What a request's history records. */
export const HELP_EVENTS = {
  submit: '提交求助',
  assign: '分派帮办代办员',
  accept: '帮办代办员已接单',
  contact: '帮办代办员已联系',
  progress: '办理进展',
  visit: '上门走访',
  authorise: '求助人同意代办',
  apply: '已代为申请',
  complete: '已办结',
  cancel: '已取消',
  rate: '群众评价',
  escalate_accept: '超时未接单，已上报镇（街道）协调人',
  escalate_contact: '超时未联系，已上报镇（街道）协调人',
} as const;
export type HelpEventAction = keyof typeof HELP_EVENTS;

/**
 * The working hours time limits are counted in, China time, on the working-day calendar's working
 * days (holidays off, 调休 make-up days on): 08:30–12:00 and 13:30–17:30, 7.5 hours a day.
 */
export const HELP_WORKING_PERIODS: readonly { start: string; end: string }[] = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** The default time limits, in working minutes: accept within 2 working hours, first contact within 1 working day (7.5 working hours). */
export const HELP_DEFAULT_LIMITS = { acceptMinutes: 120, contactMinutes: 450 } as const;


/** How a person consents to a helper applying for them (代办授权). */
export const HELP_AUTHORISATION_METHODS = {
  sms: '短信验证码确认',
  letter: '书面委托书',
} as const;
export type HelpAuthorisationMethod = keyof typeof HELP_AUTHORISATION_METHODS;

/**
 * 代办授权 rules: an SMS code lasts 10 minutes, 5 wrong tries end it, a new one at most once a
 * minute; consent lasts 30 days and is used for one application.
 */
export const HELP_AUTHORISATION = { codeMinutes: 10, maxAttempts: 5, resendSeconds: 60, validDays: 30 } as const;

/** Photos a helper records with a visit or progress note: at most this many per record. */
export const HELP_PHOTOS_PER_RECORD = 9;
