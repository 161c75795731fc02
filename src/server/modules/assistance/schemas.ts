/**
 * The assistance module's contract (帮办代办 help requests): what a request is made of, the
 * helper's and the coordinator's actions, lists, one request with its history, the monthly
 * figures. The web app infers its types from these (type-only imports).
 */
import { z } from 'zod';
import { freeText, itemCode, mobileSchema, personName, regionCode } from '../../../shared/fields.js';
import { HELP_FLAG_CODES, HELP_PHOTOS_PER_RECORD, HELP_REQUEST_STATUS_CODES } from '../../../shared/assistance.js';
import { pageQuery } from '../../platform/openapi.js';

const requiredText = (max: number, message: string) => freeText(max).min(1, message);
const version = z.number().int().min(1).optional().describe('the version the page showed; another current version gives 409 HELP_REQUEST_CHANGED');

export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'Idempotency-Key 为 8–100 位字母、数字或 _ . : -').optional(),
});

export const createBody = z.strictObject({
  /** a citizen: for themself (default) or for a relative; not for staff */
  forSelf: z.boolean().optional(),
  /** staff: typed in at a window (default) or from a phone call; not for citizens */
  channel: z.enum(['window', 'phone']).optional(),
  /** the person to help */
  name: personName,
  phone: mobileSchema,
  address: requiredText(200, '请填写住址，方便帮办代办员联系或上门'),
  /** the person's village (村/社区) */
  villageCode: regionCode,
  /** the item it is about, from the published catalog (optional: the need says it in words) */
  itemCode: itemCode.optional(),
  need: requiredText(1000, '请说明需要帮办代办什么事'),
  preferredTime: freeText(100).default(''),
  homeVisit: z.boolean().default(false),
  flags: z.array(z.enum(HELP_FLAG_CODES)).max(HELP_FLAG_CODES.length).default([]),
});
export type CreateInput = z.infer<typeof createBody>;

export const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '求助编号不正确') });

/** The helper's device's own id for a record or upload: the same id again records nothing new (a queued offline record sent twice). */
export const clientRef = z.string().regex(/^[A-Za-z0-9_.:-]{8,100}$/, '记录标识为 8–100 位字母、数字或 _ . : -');

/**
 * What a helper's record carries besides its note: when it happened (a record written without
 * signal is sent later), the photos uploaded for it, and the device's id for it.
 */
const recordFields = {
  at: z.string().datetime({ offset: true, message: '时间格式不正确' }).optional().describe('when it happened (ISO 8601), if earlier than now: not in the future, not before the request'),
  photoIds: z.array(z.string().min(1).max(60)).max(HELP_PHOTOS_PER_RECORD, `每条记录最多 ${HELP_PHOTOS_PER_RECORD} 张照片`).default([]),
  clientRef: clientRef.optional(),
};

export const versionBody = z.strictObject({ version });
export const contactBody = z.strictObject({
  method: z.enum(['phone', 'visit']),
  note: requiredText(1000, '请简要记录联系情况'),
  version,
  ...recordFields,
});
export const progressBody = z.strictObject({
  note: requiredText(1000, '请填写办理进展'),
  /** a home visit after the first contact (上门走访) rather than a note */
  visit: z.boolean().default(false),
  version,
  ...recordFields,
});
export const completeBody = z.strictObject({ note: requiredText(1000, '请填写办理结果'), version, ...recordFields });
export type RecordInput = { at?: string; photoIds: string[]; clientRef?: string };

/** The form fields of a photo upload (multipart, besides `file`). */
export const photoUploadFields = z.object({ clientRef: clientRef.optional() });
export const photoParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '求助编号不正确') });
export const helpPhoto = z.object({
  id: z.string(),
  /** where the picture is read (GET /files/{id}): the helper and the coordinators of the request */
  url: z.string(),
});

export const smsCodeBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, '验证码为 6 位数字') });
export const smsSent = z.object({
  /** the person's phone, masked */
  sentTo: z.string(),
  expiresAt: z.string(),
  /** demo deployments only: the code, since no SMS leaves the machine */
  demoCode: z.string().optional(),
});
export const assignBody = z.strictObject({ helperId: z.string().min(1, '请选择帮办代办员').max(60), note: freeText(500).default(''), version });
export const cancelBody = z.strictObject({ reason: requiredText(500, '请填写取消原因'), version });
export const ratingBody = z.strictObject({
  stars: z.number().int().min(1, '评价为 1–5 星').max(5, '评价为 1–5 星'),
  comment: freeText(500).default(''),
});

export const staffListQuery = z.object({
  status: z.enum(HELP_REQUEST_STATUS_CODES).optional(),
  /** only those past a time limit now */
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  village: regionCode.optional(),
  helperId: z.string().max(60).optional(),
  ...pageQuery,
});
export const mineQuery = z.object({ ...pageQuery });
export const statsQuery = z.object({
  /** a town (镇/街道) in the caller's scope; default: all of it */
  town: regionCode.optional(),
  // years outside 2000–2099 made the month's bounds invalid dates (a 500, found by fuzzing)
  month: z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM（2000–2099 年）').optional(),
});

const statusFields = {
  status: z.enum(HELP_REQUEST_STATUS_CODES),
  statusLabel: z.string(),
};

export const helpRequestListItem = z.object({
  id: z.string(),
  requestNo: z.string(),
  ...statusFields,
  channel: z.string(),
  channelLabel: z.string(),
  /** masked: 张*英 */
  subjectName: z.string(),
  /** masked: 138****0001 */
  subjectPhone: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  townCode: z.string(),
  townName: z.string(),
  itemCode: z.string().nullable(),
  itemName: z.string().nullable(),
  need: z.string(),
  homeVisit: z.boolean(),
  flags: z.array(z.object({ code: z.string(), label: z.string() })),
  /** 优先: a special-group flag is set */
  priority: z.boolean(),
  helperId: z.string().nullable(),
  helperName: z.string().nullable(),
  acceptDueAt: z.string(),
  contactDueAt: z.string(),
  /** the limit the request waits on now (null: none) */
  nextDueAt: z.string().nullable(),
  /** past a time limit now */
  overdue: z.boolean(),
  /** a missed limit was reported to the coordinator */
  escalated: z.boolean(),
  rating: z.number().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HelpRequestListItem = z.infer<typeof helpRequestListItem>;

export const helpRequestEvent = z.object({
  seq: z.number(),
  at: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  actorName: z.string(),
  note: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  /** staff only: whether the citizen sees it */
  internal: z.boolean(),
  /** when it happened, if earlier than `at` (recorded without signal and sent later) */
  occurredAt: z.string().nullable(),
  /** staff only: the photos recorded with it */
  photos: z.array(helpPhoto),
});

export const helpAuthorisation = z.object({
  id: z.string(),
  method: z.enum(['sms', 'letter']),
  methodLabel: z.string(),
  /** when the person consented */
  at: z.string(),
  validUntil: z.string(),
  /** the case it was used for (null: not yet) */
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  itemName: z.string().nullable(),
  /** staff only: the photo of the signed 委托书 */
  letterUrl: z.string().nullable(),
});

export const helpRequestDetail = helpRequestListItem.extend({
  /** the full name for the requester, the assigned helper and coordinators; masked otherwise */
  subjectName: z.string(),
  /** always masked: the assigned helper reveals it with POST …/phone (audited) */
  subjectPhone: z.string(),
  address: z.string(),
  preferredTime: z.string(),
  escalatedAt: z.string().nullable(),
  assignedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  contactedAt: z.string().nullable(),
  contactMethod: z.string().nullable(),
  completedAt: z.string().nullable(),
  resultNote: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: z.string().nullable(),
  events: z.array(helpRequestEvent),
  /** the consent in force that no case has used yet (null: none): 代办 needs one */
  authorisation: helpAuthorisation.nullable(),
  /** the applications a helper made for the person from this request (代办), with the consent each used */
  cases: z.array(z.object({
    caseId: z.string(), caseNo: z.string().nullable(), itemName: z.string().nullable(),
    /** where the case stands, in words (null: not found) */
    statusLabel: z.string().nullable(),
    authorisation: helpAuthorisation,
  })),
  /** what the caller may do now (the page shows these buttons only) */
  can: z.object({
    accept: z.boolean(), contact: z.boolean(), progress: z.boolean(), complete: z.boolean(), revealPhone: z.boolean(),
    assign: z.boolean(), cancel: z.boolean(), rate: z.boolean(),
    /** ask the person's consent to apply for them (SMS code or a signed 委托书) */
    authorise: z.boolean(),
    /** apply for the person now (a consent is in force) */
    applyOnBehalf: z.boolean(),
  }),
});
export type HelpRequestDetail = z.infer<typeof helpRequestDetail>;

export const helpRequestList = z.object({ total: z.number(), items: z.array(helpRequestListItem) });
export const phoneResult = z.object({ requestNo: z.string(), phone: z.string() });

export const helpStats = z.object({
  month: z.string(),
  town: z.object({ code: z.string(), name: z.string() }).nullable(),
  total: z.number(),
  byStatus: z.record(z.string(), z.number()),
  /** open and past a limit now */
  overdue: z.number(),
  /** missed at least one limit (reported to the coordinator) */
  escalated: z.number(),
  /** average working hours from submission to acceptance / first contact (null: none yet) */
  avgAcceptHours: z.number().nullable(),
  avgContactHours: z.number().nullable(),
  averageRating: z.number().nullable(),
  rated: z.number(),
  helpers: z.array(z.object({ helperId: z.string(), name: z.string(), total: z.number(), open: z.number(), completed: z.number(), averageRating: z.number().nullable() })),
});
