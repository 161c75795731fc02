/**
 * One row of a guidance catalog (指导目录) — one 办理项 of a service item — with the
 * GB/T 39046-2020 table 4 fields. Stored as a JSON document per catalog version; the same
 * shape is imported from and exported to Excel (column names in excel.ts).
 */
import { z } from 'zod';
import {
  AUDIENCES, BASE_CODE_PATTERN, BODY_NATURES, CASE_TYPES, CHANNEL_FORMS, EXERCISE_LEVELS, ITEM_TYPES, MATERIAL_FORMS,
  MATERIAL_KINDS, MATERIAL_SOURCES, NECESSITIES, ONLINE_DEPTHS, POWER_SOURCES, TIME_UNITS, TONGBAN_SCOPES,
} from './catalog.js';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number) => z.string().trim().max(max, `不超过 ${max} 字`);
const optionalText = (max: number) => text(max).default('');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '编号为小写字母、数字和连字符');

export const timeLimitSchema = z.strictObject({
  /** number of units; 0 with unit 'instant' for 即办 */
  value: z.number().int().min(0).max(3650),
  unit: z.enum(keys(TIME_UNITS)),
  note: optionalText(500),
});
export type TimeLimit = z.infer<typeof timeLimitSchema>;

export const materialSchema = z.strictObject({
  id,
  name: text(200).min(1, '材料名称不能为空'),
  necessity: z.enum(keys(NECESSITIES)),
  kind: z.enum(keys(MATERIAL_KINDS)),
  form: z.enum(keys(MATERIAL_FORMS)),
  source: z.enum(keys(MATERIAL_SOURCES)),
  sourceNote: optionalText(200),
  copies: z.number().int().min(0).max(99).default(1),
  spec: optionalText(200),
  /** a blank form / sample exists (files are attached per catalog version) */
  blankFormFileId: z.string().max(64).nullable().default(null),
  sampleFileId: z.string().max(64).nullable().default(null),
  notes: optionalText(1000),
  acceptanceCriteria: optionalText(1000),
  basis: optionalText(500),
  /** 电子证照 type that satisfies this material (shown as 已关联电子证照，可免提交) */
  licenceType: text(100).nullable().default(null),
  /** true: required only when a situation answer selects it */
  conditional: z.boolean().default(false),
});
export type Material = z.infer<typeof materialSchema>;

export const situationSchema = z.strictObject({
  id,
  question: text(200).min(1),
  options: z
    .array(
      z.strictObject({
        id,
        label: text(100).min(1),
        /** materials this answer requires (ids from materials) */
        materialIds: z.array(id).default([]),
      }),
    )
    .min(2, '情形至少两个选项')
    .max(10),
});

export const catalogItemSchema = z.strictObject({
  baseCode: z.string().regex(BASE_CODE_PATTERN, '基本编码应为 12 位：2 位区划/来源 + 2 位事项类型 + 5 位主项 + 3 位子项'),
  handlingSeq: z.string().regex(/^\d{2}$/, '办理项序号为 2 位数字'),
  name: text(100).min(1, '事项名称不能为空'),
  /** 办理项名称, e.g. 新办 / 变更 / 注销; empty when the item has one 办理项 */
  handlingName: optionalText(50),
  type: z.enum(keys(ITEM_TYPES)),
  exerciseLevel: z.enum(keys(EXERCISE_LEVELS)),
  powerSource: z.enum(keys(POWER_SOURCES)),
  legalBasis: text(4000).min(1, '设定依据不能为空'),
  /** 实施主体 as a template: {townGov}, {town}, {village}, {villageName} — see renderTemplate in catalog/local.ts */
  implementingBody: text(100).min(1),
  implementingBodyNature: z.enum(keys(BODY_NATURES)),
  handlingOrg: optionalText(100),
  jointOrgs: optionalText(200),
  /** 业务主管部门 */
  department: text(50).min(1, '主管部门不能为空'),
  legalLimit: timeLimitSchema,
  promisedLimit: timeLimitSchema,
  caseType: z.enum(keys(CASE_TYPES)),
  conditions: text(4000).min(1, '受理条件不能为空'),
  steps: z.array(z.strictObject({ name: text(50).min(1), description: optionalText(500) })).max(20).default([]),
  specialProcedures: z.array(z.strictObject({ name: text(50).min(1), limit: optionalText(50), note: optionalText(300) })).max(10).default([]),
  intermediaryServices: optionalText(500),
  quantityLimit: optionalText(500),
  results: z.array(z.strictObject({ name: text(100).min(1), type: z.enum(['证照', '批文', '其他']), sampleFileId: z.string().max(64).nullable().default(null) })).max(10).default([]),
  fees: z.strictObject({
    charged: z.boolean(),
    items: z.array(z.strictObject({ name: text(100).min(1), standard: text(200).min(1), basis: text(500).min(1), waivable: z.boolean() })).max(20).default([]),
  }),
  tongbanScope: z.enum(['', ...TONGBAN_SCOPES]).default(''),
  audience: z.array(z.enum(keys(AUDIENCES))).min(1, '至少一个服务对象'),
  themes: z.array(text(20)).max(10).default([]),
  channels: z.array(z.enum(keys(CHANNEL_FORMS))).min(1, '至少一种办理形式'),
  visits: z.number().int().min(0).max(9),
  visitsReason: optionalText(500),
  onlineDepth: z.array(z.enum(keys(ONLINE_DEPTHS))).default([]),
  onlineUrl: optionalText(300),
  mobile: z.boolean().default(false),
  appointment: z.boolean().default(false),
  onlinePayment: z.boolean().default(false),
  delivery: z.boolean().default(false),
  inHall: z.boolean().default(true),
  location: optionalText(200),
  hours: optionalText(200),
  consultPhone: optionalText(50),
  complaintPhone: optionalText(50),
  faqs: z.array(z.strictObject({ q: text(300).min(1), a: text(2000).min(1) })).max(30).default([]),
  situations: z.array(situationSchema).max(10).default([]),
  materials: z.array(materialSchema).max(60).default([]),
  /** everyday words people search with (besides the global synonym table) */
  keywords: z.array(text(20)).max(20).default([]),
  devolvedToTown: z.boolean().default(false),
  extendedToVillage: z.boolean().default(false),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;
export type CatalogItemInput = z.input<typeof catalogItemSchema>;

/** 14-character row code: 基本编码 + 办理项序号. */
export const rowCode = (item: Pick<CatalogItem, 'baseCode' | 'handlingSeq'>) => item.baseCode + item.handlingSeq;

/** 最低生活保障（新办） */
export const displayName = (item: Pick<CatalogItem, 'name' | 'handlingName'>) =>
  item.handlingName ? `${item.name}（${item.handlingName}）` : item.name;

/** 承诺时限 in working days, or 0 for 即办; null when the unit is not working days. */
export function promisedWorkingDays(limit: TimeLimit): number | null {
  if (limit.unit === 'instant') return 0;
  if (limit.unit === 'workday') return limit.value;
  return null;
}

/** Field names as GB/T 39046 calls them (the diff, the admin form and the Excel headers use the same words). */
export const ITEM_FIELD_LABELS: Record<keyof CatalogItem, string> = {
  baseCode: '基本编码', handlingSeq: '办理项序号', name: '事项名称', handlingName: '办理项名称', type: '事项类型',
  exerciseLevel: '行使层级', powerSource: '权力来源', legalBasis: '设定依据', implementingBody: '实施主体',
  implementingBodyNature: '实施主体性质', handlingOrg: '承办机构', jointOrgs: '联办机构', department: '主管部门',
  legalLimit: '法定办结时限', promisedLimit: '承诺办结时限', caseType: '办件类型', conditions: '受理条件', steps: '办理流程',
  specialProcedures: '特别程序', intermediaryServices: '中介服务', quantityLimit: '数量限制', results: '办理结果', fees: '收费',
  tongbanScope: '通办范围', audience: '服务对象', themes: '服务主题', channels: '办理形式', visits: '到办事现场次数',
  visitsReason: '必须现场办理原因说明', onlineDepth: '网上办理深度', onlineUrl: '网办地址', mobile: '是否支持移动端办理',
  appointment: '是否支持预约办理', onlinePayment: '是否支持网上支付', delivery: '是否支持物流快递', inHall: '是否进驻政务服务大厅',
  location: '办理地点', hours: '办理时间', consultPhone: '咨询电话', complaintPhone: '监督投诉电话', faqs: '常见问题',
  situations: '情形引导', materials: '申请材料', keywords: '关键词', devolvedToTown: '下放到乡镇', extendedToVillage: '延伸到村居',
  effectiveFrom: '生效日期',
};

