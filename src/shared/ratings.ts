/**
 * 好差评 (DOMAIN.md §4; 国办发〔2019〕51号, 鲁政办发〔2020〕10号, GB/T 39734/39735): the five levels,
 * the dimensions, the channels, the reasons a 差评 gives, and the follow-up's states. Shared so the
 * portal, the tablet page and the workbench say the same words.
 *
 * Levels are stored by key. Interfaces speak numbers, and two numberings exist: the public API and
 * the Shandong platform use 5 = 非常满意, GB/T 39046 uses 1 = 非常满意. Convert only at the edge.
 */
export const RATING_LEVELS = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
} as const;
export type RatingLevel = keyof typeof RATING_LEVELS;
export const RATING_LEVEL_CODES = Object.keys(RATING_LEVELS) as [RatingLevel, ...RatingLevel[]];

/** The Shandong interface's (and this API's) number: 5 = 非常满意 … 1 = 非常不满意. */
export const SHANDONG_SCORE: Record<RatingLevel, 1 | 2 | 3 | 4 | 5> = { very_satisfied: 5, satisfied: 4, basic: 3, dissatisfied: 2, very_dissatisfied: 1 };
/** GB/T 39046's code: 1 = 非常满意 … 5 = 非常不满意. */
export const GBT39046_CODE: Record<RatingLevel, 1 | 2 | 3 | 4 | 5> = { very_satisfied: 1, satisfied: 2, basic: 3, dissatisfied: 4, very_dissatisfied: 5 };

export const levelOfScore = (score: number): RatingLevel | null => RATING_LEVEL_CODES.find((l) => SHANDONG_SCORE[l] === score) ?? null;

/** 差评: 不满意 and 非常不满意. */
export const isBadLevel = (level: RatingLevel): boolean => level === 'dissatisfied' || level === 'very_dissatisfied';

/** Where the rating was given. */
export const RATING_CHANNELS = {
  pc: '电脑端',
  mobile: '移动端',
  window_qr: '窗口二维码',
  tablet: '窗口评价器',
  kiosk: '自助终端',
  phone: '电话回访',
  sms: '短信',
} as const;
export type RatingChannel = keyof typeof RATING_CHANNELS;
export const RATING_CHANNEL_CODES = Object.keys(RATING_CHANNELS) as [RatingChannel, ...RatingChannel[]];

/** Online (一事一评 for an application made on the web or phone) or on site (一次一评 at a window). */
export type RatingMode = 'online' | 'onsite';

export const RATING_DIMENSIONS = {
  online: { overall: '整体满意度', efficiency: '办事效率', guide_accuracy: '办事指南精确度', convenience: '办事便捷度', usability: '平台操作性' },
  onsite: { overall: '整体满意度', efficiency: '服务效率', service_level: '服务水平', attitude: '服务态度' },
} as const;
export type RatingDimension = keyof (typeof RATING_DIMENSIONS)['online'] | keyof (typeof RATING_DIMENSIONS)['onsite'];
export const ALL_DIMENSIONS = [...new Set([...Object.keys(RATING_DIMENSIONS.online), ...Object.keys(RATING_DIMENSIONS.onsite)])] as [RatingDimension, ...RatingDimension[]];

/** The reasons a 差评 may give (more than one); free text may say the rest. */
export const BAD_RATING_TAGS = [
  '办理时间长',
  '多次跑腿',
  '材料要求多',
  '办事指南不清楚',
  '服务态度不好',
  '业务不熟练',
  '网上办理不方便',
  '结果不满意',
  '收费不合理',
  '其他',
] as const;
export type BadRatingTag = (typeof BAD_RATING_TAGS)[number];

/** What a positive rating may say it liked. */
export const GOOD_RATING_TAGS = ['办事快', '一次办好', '服务热情', '指南清楚', '操作方便', '帮办贴心'] as const;
export const RATING_TAGS = [...BAD_RATING_TAGS, ...GOOD_RATING_TAGS] as const;

/** Working days after handling (办结) within which a case may still be rated. */
export const RATING_WINDOW_WORKING_DAYS = 5;
/** Working days after a rectification within which the rater may re-rate, once. */
export const RERATING_WINDOW_WORKING_DAYS = 5;
/** Working days the handling unit has for the return visit (回访) of a 差评. */
export const VISIT_WORKING_DAYS = 1;
/** The default rectification (整改) limit in working days; RATING_RECTIFY_DAYS configures it. */
export const DEFAULT_RECTIFY_WORKING_DAYS = 5;
/** Calendar days after handling with no rating before the SMS invitation goes out. */
export const INVITE_AFTER_DAYS = 3;

export const FOLLOW_UP_STATUSES = {
  visiting: '待回访',
  rectifying: '整改中',
  rectified: '已整改（待复评）',
  appealing: '申诉复核中',
  closed: '已办结',
  voided: '申诉成立（不计入）',
} as const;
export type FollowUpStatus = keyof typeof FOLLOW_UP_STATUSES;
export const FOLLOW_UP_STATUS_CODES = Object.keys(FOLLOW_UP_STATUSES) as [FollowUpStatus, ...FollowUpStatus[]];

export const VISIT_METHODS = { phone: '电话回访', visit: '上门回访', window: '窗口面谈', sms: '短信' } as const;
export type VisitMethod = keyof typeof VISIT_METHODS;
export const VISIT_METHOD_CODES = Object.keys(VISIT_METHODS) as [VisitMethod, ...VisitMethod[]];

/** Which follow-up limit is passed (超期): the return visit, or the rectification. */
export type FollowUpOverdue = 'visit' | 'rectify' | null;
