/**
 * The practices module's contract (典型案例): the workbench's practice records and the portal's
 * published practices. The web app infers its types from these (type-only imports).
 */
import { z } from 'zod';
import { freeText, itemCode, regionCode } from '../../../shared/fields.js';
import { PRACTICE_LIMITS as L, PRACTICE_STATUS_CODES, PRACTICE_TAGS } from '../../../shared/practices.js';
import { pageQuery } from '../../platform/openapi.js';

const version = z.number({ error: '缺少版本号 version（读取案例时得到的）' }).int('版本号应为整数').min(1, '版本号应为正整数');
const oneLine = (s: z.ZodString) => s.regex(/^[^\r\n]*$/, '请写在一行里');

export const practiceTitle = oneLine(freeText(L.titleMax).min(L.titleMin, `请填写标题（${L.titleMin} 到 ${L.titleMax} 个字）`));
export const practiceSummary = oneLine(freeText(L.summaryMax).min(L.summaryMin, `请填写摘要（${L.summaryMin} 到 ${L.summaryMax} 个字，列表中显示）`));
/** Plain text; paragraphs are its lines. Angle brackets are kept as typed and shown as text, never as markup. */
export const practiceBody = freeText(L.bodyMax).min(L.bodyMin, `正文至少 ${L.bodyMin} 字：写清做法、成效和可推广的经验`);
export const practiceTag = z.enum(PRACTICE_TAGS, { error: `标签应为以下之一：${PRACTICE_TAGS.join('、')}` });

/** POST /practice-records and PUT /practice-records/{id}: what the place writes. */
export const practiceFields = {
  title: practiceTitle,
  /** the town or village it happened in (within the writer's places) */
  regionCode,
  summary: practiceSummary,
  body: practiceBody,
  itemCodes: z.array(itemCode).max(L.itemsMax, `最多关联 ${L.itemsMax} 个事项`).default([]),
  tags: z.array(practiceTag).max(L.tagsMax, `最多选择 ${L.tagsMax} 个标签`).default([]),
};
export const createPracticeBody = z.strictObject(practiceFields);
export type PracticeInput = z.infer<typeof createPracticeBody>;
export const updatePracticeBody = z.strictObject({ ...practiceFields, version });

export const practiceIdParams = z.object({ id: z.string().uuid('案例编号不正确') });
export const versionBody = z.strictObject({ version });
export const reasonBody = z.strictObject({
  version,
  reason: freeText(L.reasonMax).min(L.reasonMin, `请写明理由（${L.reasonMin} 到 ${L.reasonMax} 字），报送单位会看到`),
});
export const trainingBody = z.strictObject({ version, training: z.boolean({ error: 'training 应为 true 或 false' }) });

// ---- photos ----

export const photoAlt = z.string({ error: '请填写照片说明：这张照片拍的是什么' })
  .pipe(oneLine(freeText(L.altMax).min(L.altMin, `请填写照片说明（${L.altMin} 到 ${L.altMax} 个字）：这张照片拍的是什么`)));
const photoVersion = z.coerce.number({ error: '缺少版本号 version（读取案例时得到的）' }).int('版本号应为整数').min(1, '版本号应为正整数');
/** POST /practice-records/{id}/photos: the text fields sent with the image (multipart, beside `file`). */
export const photoUploadFields = z.object({ alt: photoAlt, version: photoVersion });
export const photoArrangeBody = z.strictObject({
  version,
  photos: z.array(z.strictObject({ fileId: z.string().uuid('照片编号格式不正确'), alt: photoAlt })).max(L.photos, `每个案例最多 ${L.photos} 张照片`),
});
export const photoParams = practiceIdParams.extend({ fileId: z.string().uuid('照片编号格式不正确') });
export const photoRemoveQuery = z.object({ version: photoVersion });

export const practicePhotoView = z.object({
  fileId: z.string(),
  /** where the picture is read (GET /files/{id}): anyone once the practice is published */
  url: z.string(),
  alt: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});
export type PracticePhotoView = z.infer<typeof practicePhotoView>;
export const practicePhotoList = z.object({ version: z.number().int(), updatedAt: z.string(), photos: z.array(practicePhotoView) });
export type PracticePhotoList = z.infer<typeof practicePhotoList>;

// ---- views ----

const itemRef = z.object({ code: z.string(), name: z.string() });
const status = z.enum(PRACTICE_STATUS_CODES);

export const practiceRecordListQuery = z.object({
  ...pageQuery,
  status: status.optional(),
  /** a town or village (its subtree) */
  region: regionCode.optional(),
  q: z.string().trim().max(40).optional(),
});

export const practiceRecordItem = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  status,
  statusLabel: z.string(),
  training: z.boolean(),
  tags: z.array(z.string()),
  createdByName: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  version: z.number().int(),
});
export const practiceRecordList = z.object({ total: z.number().int(), items: z.array(practiceRecordItem) });

export const practiceEventView = z.object({ action: z.string(), actionLabel: z.string(), note: z.string(), by: z.string(), at: z.string() });

export const practiceRecord = practiceRecordItem.extend({
  body: z.string(),
  items: z.array(itemRef),
  photos: z.array(practicePhotoView),
  withdrawReason: z.string().nullable(),
  createdAt: z.string(),
  submittedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  history: z.array(practiceEventView),
  /** what this person may do now */
  actions: z.array(z.enum(['edit', 'submit', 'return', 'publish', 'withdraw', 'training'])),
  /** the training sessions that cite it as a 教学案例 */
  trainingSessions: z.number().int(),
});
export type PracticeRecordView = z.infer<typeof practiceRecord>;

// ---- the portal ----

export const publicPracticeQuery = z.object({
  ...pageQuery,
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
  /** a town (镇/街道): its practices and its villages' */
  town: z.string().regex(/^\d{9}$/, '镇（街道）代码应为 9 位数字').optional(),
  tag: practiceTag.optional(),
});

export const publicPracticeItem = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  regionName: z.string(),
  townCode: z.string(),
  townName: z.string(),
  tags: z.array(z.string()),
  publishedAt: z.string(),
  training: z.boolean(),
  /** the first photo, for the list's thumbnail (null: the practice has none) */
  cover: practicePhotoView.nullable(),
});
export const publicPracticeList = z.object({
  total: z.number().int(),
  items: z.array(publicPracticeItem),
  /** the towns that have published practices (the filter's choices) */
  towns: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
});
export type PublicPracticeList = z.infer<typeof publicPracticeList>;

export const publicPractice = publicPracticeItem.omit({ cover: true }).extend({
  paragraphs: z.array(z.string()),
  items: z.array(itemRef),
  photos: z.array(practicePhotoView),
});
export type PublicPracticeView = z.infer<typeof publicPractice>;
