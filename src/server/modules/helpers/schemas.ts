/**
 * The helpers module's contract (帮办代办员): the public roster of a town or village
 * (docs/API-CONTRACT.md: GET /api/v1/helpers?region=CODE → { items: [{ id, name, type, phone,
 * regionCodes }] }, more fields allowed) and the administrators' records (/helper-records).
 */
import { z } from 'zod';
import { freeText, itemCode, personName, regionCode } from '../../../shared/fields.js';
import { HELPER_TYPE_CODES, HELPER_TYPES, normaliseHelperPhone } from '../../../shared/helpers.js';
import { validInterval, WEEKDAYS } from '../../../shared/venue-hours.js';
import { pageQuery } from '../../platform/openapi.js';

export const helperType = z.enum(HELPER_TYPE_CODES, { error: `type 应为以下之一：${HELPER_TYPE_CODES.map((c) => `${c}（${HELPER_TYPES[c]}）`).join('、')}` });

const unique = <T>(list: T[]): T[] => [...new Set(list)];

// ---- public ----

export const rosterQuery = z.object({
  /** a town (9 digits) or a village (12 digits) */
  region: z.string({ error: '请提供 region：镇（街道）或村（社区）的行政区划代码' })
    .regex(/^\d{9}(\d{3})?$/, 'region 应为镇（街道）或村（社区）的行政区划代码：9 位或 12 位数字'),
});

const codeName = z.object({ code: z.string(), name: z.string() });

export const rosterHelper = z.object({
  id: z.string(),
  name: z.string(),
  type: helperType,
  /** 村两委, 党员, 社区工作者, 网格员, 志愿者, 退休干部 */
  typeName: z.string(),
  /** the work phone: public by design (mobile 13905371234 or landline 0537-5212345) */
  phone: z.string(),
  /** the places the helper covers: villages, or their town (then every village of it) */
  regionCodes: z.array(z.string()),
  /** the same places with their names, for people */
  areas: z.array(codeName),
  /** the grid (网格) within the village, when the helper covers one: 第三网格（幸福路 1–12 号楼） */
  grid: z.string(),
  /** the town's 帮办代办 coordinator: gets the requests no helper covers */
  coordinator: z.boolean(),
  /** what the helper helps with (published items; empty: any business) */
  items: z.array(codeName),
  /** duty hours in lines: 周一至周五 08:30-12:00、14:00-17:30; empty when none are set */
  duty: z.array(z.string()),
  /** more about when and how to reach them: 电话预约，可上门服务 */
  dutyNote: z.string(),
});
export type RosterHelper = z.infer<typeof rosterHelper>;

export const helperRoster = z.object({
  region: z.object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['town', 'village']),
    /** the town of a village (the town itself for a town) */
    townCode: z.string(),
    townName: z.string(),
  }),
  /** the “三不” rules: 免费帮办、不拖延、不泄露个人信息 */
  promise: z.string(),
  /**
   * A village: the helpers whose area includes it (its own first, then those covering its whole
   * town), then the town's coordinators. A town: every active helper of the town, coordinators first.
   */
  items: z.array(rosterHelper),
});
export type HelperRosterView = z.infer<typeof helperRoster>;

// ---- administrators ----

/** A staff account id (UUIDv7 text). */
const accountId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, '工作人员账号编号不正确');
export const helperIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '帮办代办员编号不正确') });

const helperPhone = z.string({ error: '请填写联系电话' }).max(30, '电话不超过 30 个字符').transform((raw, ctx) => {
  const phone = normaliseHelperPhone(raw);
  if (phone === null) {
    ctx.addIssue({ code: 'custom', message: raw.trim() ? '电话应为 11 位手机号码或带区号的固定电话，例如 13905371234、0537-5212345' : '请填写联系电话' });
    return z.NEVER;
  }
  return phone;
});

const interval = z.string().refine(validInterval, '时间段应写成 08:30-12:00，开始早于结束');
const intervals = z.array(interval).max(4, '一天最多 4 个时间段').superRefine((list, ctx) => {
  const sorted = [...list].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.slice(0, 5) < sorted[i - 1]!.slice(6, 11)) ctx.addIssue({ code: 'custom', message: `时间段 ${sorted[i - 1]} 和 ${sorted[i]} 重叠` });
  }
});

/** shared/helpers.ts HelperDuty, as an administrator writes it. */
export const dutyInput = z.strictObject({
  week: z.partialRecord(z.enum(WEEKDAYS, { error: '星期应为 1（周一）到 7（周日）' }), intervals),
  /** working: not on 法定节假日 (调休 workdays as Monday); own: the weekly hours whatever the calendar says */
  calendar: z.enum(['working', 'own'], { error: 'calendar 应为 working（按工作日历）或 own（不看节假日）' }).default('working'),
});

export const helperInput = z.strictObject({
  name: personName,
  type: helperType,
  phone: helperPhone,
  /** the town (镇/街道) the helper belongs to: its administrators manage the record */
  townCode: regionCode,
  /** the places covered: villages of the town, or the town itself */
  areaCodes: z.array(regionCode).min(1, '请至少选择一个服务区域（本镇街道或其下的村、社区）').max(100, '服务区域最多 100 个').transform(unique),
  grid: freeText(100).default(''),
  coordinator: z.boolean({ error: 'coordinator 应为 true 或 false' }).default(false),
  itemCodes: z.array(itemCode).max(60, '帮办事项最多 60 项').default([]).transform(unique),
  duty: dutyInput.default({ week: {}, calendar: 'working' }),
  dutyNote: freeText(100).default(''),
  /** the staff account (role helper, in the town) the helper will work in; null: none */
  staffId: accountId.nullable().default(null),
});
export type HelperInput = z.infer<typeof helperInput>;

export const helperUpdate = helperInput.extend({
  /** false: withdrawn from the roster (kept for history); true: back on it */
  active: z.boolean({ error: 'active 应为 true（在册）或 false（停用）' }),
  /** the version the edit was made on (409 when someone changed the record since) */
  version: z.number({ error: '缺少版本号 version' }).int().min(1),
});
export type HelperUpdate = z.infer<typeof helperUpdate>;

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const helperRecordsQuery = z.object({
  /** a town: its helpers (default: every town the administrator manages) */
  town: regionCode.optional(),
  type: helperType.optional(),
  /** a village: the helpers covering it (its own, and those covering its whole town) */
  village: regionCode.optional(),
  /** part of a name or grid */
  q: z.string().trim().max(50, '搜索词不超过 50 字').optional(),
  /** true: only those on the roster; false: only those withdrawn; default both, active first */
  active: flag.optional(),
  ...pageQuery,
});

export const helperRecord = z.object({
  id: z.string(),
  name: z.string(),
  type: helperType,
  typeName: z.string(),
  phone: z.string(),
  townCode: z.string(),
  townName: z.string(),
  areas: z.array(codeName),
  grid: z.string(),
  coordinator: z.boolean(),
  /** null name: the item is no longer in the published catalog */
  items: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
  duty: z.object({ week: z.partialRecord(z.enum(WEEKDAYS), z.array(z.string())), calendar: z.enum(['working', 'own']) }),
  dutyText: z.array(z.string()),
  dutyNote: z.string(),
  /** the linked staff account; name null when the account no longer exists */
  staff: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HelperRecord = z.infer<typeof helperRecord>;
export const helperRecordList = z.object({ total: z.number(), items: z.array(helperRecord) });
