/**
 * The ratings module's contract. POST /api/v1/ratings keeps the public contract's fields
 * (API-CONTRACT.md: caseNo, level 1..5 with 5 = 非常满意, channel, tags, text); the rest is ours.
 * The web app infers its types from these (type-only imports).
 */
import { z } from 'zod';
import { freeText, regionCode } from '../../../shared/fields.js';
import {
  ALL_DIMENSIONS, FOLLOW_UP_STATUS_CODES, RATING_CHANNEL_CODES, RATING_LEVEL_CODES, RATING_TAGS, VISIT_METHOD_CODES,
} from '../../../shared/ratings.js';
import { pageQuery } from '../../platform/openapi.js';

const score = z.number({ error: '评价等级应为 1 到 5 的整数（5 为非常满意）' }).int('评价等级应为 1 到 5 的整数（5 为非常满意）').min(1, '评价等级应为 1 到 5 的整数（5 为非常满意）').max(5, '评价等级应为 1 到 5 的整数（5 为非常满意）');
const ratingToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '评价链接不正确');
const caseNo = z.string().trim().regex(/^\d{25}$/, '办件编号为 25 位数字');
// a day that does not exist (0000-00-00) made the range's bounds invalid dates: a 500, found by fuzzing
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((d) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}, '日期不存在');

export const ratingChannel = z.enum(RATING_CHANNEL_CODES, { error: `评价渠道应为以下之一：${RATING_CHANNEL_CODES.join('、')}` });

export const rateBody = z.strictObject({
  caseNo,
  /** 5 = 非常满意 … 1 = 非常不满意 (the Shandong numbering) */
  level: score,
  channel: ratingChannel,
  tags: z.array(z.enum(RATING_TAGS, { error: '评价标签不在可选范围内' })).max(10, '最多选择 10 个标签').optional(),
  text: freeText(500).optional(),
  /** the other dimensions, each 1..5 (整体满意度 is `level`) */
  dimensions: z.partialRecord(z.enum(ALL_DIMENSIONS, { error: '评价维度不正确' }), score).optional(),
  /** the token of an SMS or window-QR rating link (no sign-in needed) */
  token: ratingToken.optional(),
  /** a hall tablet or kiosk: its id, with `Authorization: Bearer <its token>` */
  terminalId: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '终端编号不正确').optional(),
});
export type RateInput = z.infer<typeof rateBody>;

export const ratingStateQuery = z.object({
  caseNo: caseNo.optional(),
  token: ratingToken.optional(),
  terminalId: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '终端编号不正确').optional(),
});

const levelView = { level: z.enum(RATING_LEVEL_CODES), levelLabel: z.string(), score: z.number().int() };

export const ratingView = z.object({
  id: z.string(),
  round: z.number().int(),
  ...levelView,
  dimensions: z.array(z.object({ key: z.string(), label: z.string(), ...levelView })),
  tags: z.array(z.string()),
  text: z.string(),
  channel: ratingChannel,
  channelLabel: z.string(),
  bad: z.boolean(),
  counted: z.boolean(),
  ratedAt: z.string(),
});

export const followUpPublicView = z.object({
  status: z.enum(FOLLOW_UP_STATUS_CODES),
  statusLabel: z.string(),
  visitedAt: z.string().nullable(),
  rectifiedAt: z.string().nullable(),
  /** what was done (整改措施), shown to the rater before a re-rating */
  rectification: z.string().nullable(),
  rerateUntil: z.string().nullable(),
});

export const ratingState = z.object({
  caseNo: z.string(),
  itemName: z.string(),
  handlingPlace: z.string(),
  handledAt: z.string().nullable(),
  mode: z.enum(['online', 'onsite']),
  dimensions: z.array(z.object({ key: z.string(), label: z.string() })),
  /** not_handled: not yet 办结; open: may be rated; rerate: a rectified 差评 may be re-rated once; rated: done; closed: the time is up */
  state: z.enum(['not_handled', 'open', 'rerate', 'rated', 'closed']),
  /** the last day a rating (or the re-rating) is taken */
  until: z.string().nullable(),
  ratings: z.array(ratingView),
  followUp: followUpPublicView.nullable(),
  /** asked with a rating link: where the link came from (its rating's channel); null otherwise */
  linkChannel: z.enum(['sms', 'window_qr']).nullable(),
});
export type RatingStateView = z.infer<typeof ratingState>;

export const rateResult = z.object({
  id: z.string(),
  caseNo: z.string(),
  round: z.number().int(),
  ...levelView,
  bad: z.boolean(),
  /** a 差评's follow-up: who handles it and by when */
  followUp: z.object({ handlingPlace: z.string(), visitDueOn: z.string(), rectifyDueOn: z.string() }).nullable(),
});

export const linkBody = z.strictObject({ caseId: z.string().uuid('办件编号不正确') });
export const linkResult = z.object({ url: z.string(), qrSvg: z.string(), until: z.string().nullable(), caseNo: z.string() });

// ---- The workbench ----

export const ratingListQuery = z.object({
  ...pageQuery,
  region: regionCode.optional(),
  from: day.optional(),
  to: day.optional(),
  level: z.enum(RATING_LEVEL_CODES).optional(),
  bad: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  channel: ratingChannel.optional(),
  q: z.string().trim().max(40).optional(),
});

export const ratingListItem = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  itemName: z.string(),
  handlingPlace: z.string(),
  round: z.number().int(),
  ...levelView,
  tags: z.array(z.string()),
  text: z.string(),
  channel: ratingChannel,
  channelLabel: z.string(),
  named: z.boolean(),
  bad: z.boolean(),
  counted: z.boolean(),
  ratedAt: z.string(),
  followUpStatus: z.enum(FOLLOW_UP_STATUS_CODES).nullable(),
});
export const ratingList = z.object({ total: z.number().int(), items: z.array(ratingListItem) });

export const followUpListQuery = z.object({
  ...pageQuery,
  region: regionCode.optional(),
  status: z.enum(FOLLOW_UP_STATUS_CODES).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const followUpView = z.object({
  ratingId: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  itemName: z.string(),
  handlingPlace: z.string(),
  status: z.enum(FOLLOW_UP_STATUS_CODES),
  statusLabel: z.string(),
  /** which limit is passed: the return visit, the rectification, or none */
  overdue: z.enum(['visit', 'rectify']).nullable(),
  visitDueOn: z.string(),
  rectifyDueOn: z.string(),
  rating: ratingView,
  rerating: ratingView.nullable(),
  visit: z.object({ at: z.string(), method: z.string(), methodLabel: z.string(), note: z.string(), by: z.string() }).nullable(),
  rectification: z.object({ at: z.string(), measures: z.string(), by: z.string() }).nullable(),
  rerateUntil: z.string().nullable(),
  appeal: z.object({ at: z.string(), reason: z.string(), by: z.string() }).nullable(),
  review: z.object({ at: z.string(), decision: z.enum(['upheld', 'rejected']), decisionLabel: z.string(), note: z.string(), by: z.string() }).nullable(),
  escalated: z.boolean(),
  version: z.number().int(),
  /** what this person may do now */
  actions: z.array(z.enum(['visit', 'rectify', 'appeal', 'review'])),
});
export type FollowUpView = z.infer<typeof followUpView>;
export const followUpList = z.object({
  total: z.number().int(),
  items: z.array(followUpView.omit({ rerating: true, visit: true, rectification: true, appeal: true, review: true, actions: true })),
});

export const ratingIdParams = z.object({ id: z.string().uuid('评价编号不正确') });
const version = z.number({ error: '缺少版本号' }).int().min(1);
export const visitBody = z.strictObject({
  method: z.enum(VISIT_METHOD_CODES, { error: `回访方式应为以下之一：${VISIT_METHOD_CODES.join('、')}` }),
  note: freeText(1000).min(2, '请填写回访情况'),
  version,
});
export const rectifyBody = z.strictObject({ measures: freeText(2000).min(4, '请填写整改措施和结果'), version });
export const appealBody = z.strictObject({ reason: freeText(1000).min(4, '请填写申诉理由（如恶意差评、误评及其依据）'), version });
export const reviewBody = z.strictObject({
  decision: z.enum(['upheld', 'rejected'], { error: '复核结论应为 upheld（申诉成立）或 rejected（申诉不成立）' }),
  note: freeText(1000).min(2, '请填写复核意见'),
  version,
});
