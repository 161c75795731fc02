/**
 * The catalog module's HTTP contract: every request and response shape, in zod. The routes parse
 * and serialize with these; the web app infers its types from them (type-only imports); the
 * services' values are checked against them at compile time (contract.test.ts).
 */
import { z } from 'zod';
import {
  AUDIENCES, CASE_TYPES, CHANNEL_FORMS, EXERCISE_LEVELS, HANDLING_MODES, ITEM_TYPES, MATERIAL_FORMS, MATERIAL_KINDS, MATERIAL_SOURCES, NECESSITIES,
  ONLINE_DEPTHS, POWER_SOURCES, QUICK_FILTERS, TIME_UNITS, type HandlingMode, type QuickFilter,
} from '../../../shared/catalog.js';
import { catalogItemSchema, materialSchema, timeLimitSchema } from '../../../shared/catalog-item.js';
import { pageQuery } from '../../platform/openapi.js';
import { regionCode } from '../../../shared/fields.js';

const catalogLevel = z.enum(['town', 'village']);
const regionLevel = z.enum(['county', 'town', 'village']);
const onlineLevelSchema = z.enum(['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ']).nullable().describe('网上办理深度等级; Ⅳ = 全程网办');
const handlingModeSchema = z.enum(Object.keys(HANDLING_MODES) as [HandlingMode, ...HandlingMode[]]);
const item = catalogItemSchema.shape;

const quickKeys = Object.keys(QUICK_FILTERS) as [QuickFilter, ...QuickFilter[]];

export const searchQuery = z.object({
  q: z.string().max(100, '搜索词不超过 100 字').optional(),
  level: z.enum(['town', 'village']).optional(),
  region: regionCode.optional(),
  department: z.string().max(50).optional(),
  audience: z.enum(['person', 'business']).optional().describe('person = 个人 (自然人), business = 法人'),
  theme: z.string().max(20).optional(),
  type: z.string().regex(/^\d{2}$/).optional(),
  quick: z
    .string()
    .max(100)
    .optional()
    .transform((v, ctx) => {
      const list = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const bad = list.filter((s) => !quickKeys.includes(s as QuickFilter));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `未知的快捷筛选：${bad.join('、')}（可选 ${quickKeys.join('、')}）` });
      return list as QuickFilter[];
    })
    .describe(`comma-separated: ${quickKeys.join(', ')}`),
  ...pageQuery,
});

export const itemSummary = z.object({
  code: z.string(),
  name: z.string(),
  itemName: z.string(),
  handlingName: z.string(),
  type: z.enum(ITEM_TYPES),
  typeCode: item.type,
  department: z.string(),
  level: catalogLevel,
  visits: z.number(),
  onlineLevel: onlineLevelSchema,
  promisedDays: z.number().nullable(),
  promisedLimit: z.string(),
  mobile: z.boolean(),
  appointment: z.boolean(),
  themes: z.array(z.string()),
  highlights: z.array(z.object({ start: z.number(), end: z.number() })).describe('character ranges of `name` that matched'),
});

const facet = z.array(z.object({ name: z.string(), count: z.number() }));
export const searchResult = z.object({
  total: z.number(),
  items: z.array(itemSummary),
  facets: z.object({ departments: facet, themes: facet }),
  expandedTerms: z.array(z.string()).describe('synonym targets the query was expanded with'),
  suggestions: z.array(z.string()).describe('what to try when nothing matched'),
  region: z.object({ code: z.string(), name: z.string(), level: regionLevel }).nullable(),
});

export const itemCodeParams = z.object({ code: z.string().max(40) });
export const guideQuery = z.object({ region: regionCode.optional() });

export const versionIdParams = z.object({ versionId: z.string().uuid('版本编号格式不正确') });
export const versionItemParams = z.object({ versionId: z.string().uuid('版本编号格式不正确'), code: z.string().max(40) });
export const catalogIdParams = z.object({ catalogId: z.string().uuid('目录编号格式不正确') });
export const createVersionBody = z.strictObject({ note: z.string().trim().max(500).default('') });
export const publishBody = z.strictObject({
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '生效日期格式为 YYYY-MM-DD'),
  noticeTitle: z.string().trim().max(200).optional(),
});
export const versionItemsQuery = z.object({ q: z.string().max(100).optional(), ...pageQuery });

export const regionParams = z.object({ region: regionCode });
export const regionItemParams = z.object({ region: regionCode, code: z.string().max(40) });
export const listsQuery = z.object({ parent: regionCode.optional(), missingOnly: z.enum(['true', 'false']).optional().transform((v) => v === 'true'), ...pageQuery });

export const noticeParams = z.object({ id: z.string().uuid('公示编号格式不正确') });

export const synonymBody = z.strictObject({
  term: z.string().trim().min(1, '请输入群众常用说法').max(20),
  targets: z.array(z.string().trim().min(1).max(40)).min(1, '至少一个对应的规范用词').max(10),
});
export const synonymParams = z.object({ id: z.string().uuid() });

// ── 实施清单 local fields (request bodies, and part of the answers) ──

const text = (max: number) => z.string().trim().max(max, `不超过 ${max} 字`);
const phone = z
  .string()
  .trim()
  .max(50)
  .regex(/^$|^[0-9\-、，, ()（）转]+$/, '电话只能包含数字、连字符和分隔符');

/** 实施清单 profile: the centre's address, hours, phones, window, contact and default handling mode (body and response). */
export const listProfileSchema = z.strictObject({
  /** 办理地点 */
  location: text(200).default(''),
  /** 办理时间 (a venue's weekly hours in words can run past 200 characters) */
  hours: text(500).default(''),
  consultPhone: phone.default(''),
  complaintPhone: phone.default(''),
  /** 窗口 */
  window: text(100).default(''),
  /** 联系人 (staff contact shown to the public: name and work phone) */
  staffContact: text(100).default(''),
  defaultHandlingMode: handlingModeSchema.nullable().default(null),
});
export type ListProfile = z.infer<typeof listProfileSchema>;

/** One item's local settings in a 实施清单; absent keys fall back to the profile (body and response). */
export const itemOverrideSchema = z.strictObject({
  enabled: z.boolean().optional(),
  handlingMode: handlingModeSchema.optional(),
  location: text(200).optional(),
  hours: text(200).optional(),
  consultPhone: phone.optional(),
  complaintPhone: phone.optional(),
  window: text(100).optional(),
  staffContact: text(100).optional(),
  devolvedToTown: z.boolean().optional(),
  extendedToVillage: z.boolean().optional(),
  onlineUrl: text(300).optional(),
});
export type ItemOverride = z.infer<typeof itemOverrideSchema>;

// ── responses ──
// Dates are ISO 8601 text as stored (created_at …), effective dates YYYY-MM-DD. Labels are the
// GB/T 39046 names of a code (z.enum over a code list's values); codes are the keys.

// ── diff, notices ──
const namedRow = z.object({ rowCode: z.string(), name: z.string() });
export const catalogDiff = z.object({
  added: z.array(namedRow),
  removed: z.array(namedRow),
  changed: z.array(namedRow.extend({ fields: z.array(z.object({ field: z.string().describe('CatalogItem key'), label: z.string() })) })),
});
export type CatalogDiff = z.infer<typeof catalogDiff>;

export const noticeSummary = z.object({ id: z.string(), title: z.string(), effectiveDate: z.string(), publishedAt: z.string(), body: z.string() });
export const noticeList = z.object({ total: z.number(), items: z.array(noticeSummary) });
export const noticeDetail = noticeSummary.extend({ diff: catalogDiff });

// ── lint ──
export const lintFinding = z.object({ rule: z.string(), severity: z.enum(['error', 'warning']), field: z.string().describe('path in the CatalogItem, e.g. fees.items.0.basis'), message: z.string() });
export type LintFinding = z.infer<typeof lintFinding>;
export const lintReport = z.object({
  items: z.number(),
  errors: z.number(),
  warnings: z.number(),
  byRule: z.array(z.object({ rule: z.string(), errors: z.number(), warnings: z.number() })),
  findings: z.array(namedRow.extend({ findings: z.array(lintFinding) })).describe('items with at least one finding'),
});
export type LintReport = z.infer<typeof lintReport>;

// ── guidance catalogs and versions (admin) ──
export const catalogVersionView = z.object({
  id: z.string(),
  catalogId: z.string(),
  versionNo: z.number(),
  status: z.enum(['draft', 'review', 'published', 'superseded']),
  itemCount: z.number(),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  effectiveDate: z.string().nullable(),
});
export const catalogView = z.object({
  id: z.string(),
  level: catalogLevel,
  name: z.string(),
  regionCode: z.string(),
  demonstration: z.boolean(),
  versions: z.array(catalogVersionView).describe('newest first'),
});
export const catalogList = z.object({ items: z.array(catalogView) });

export const versionItemRow = z.object({
  rowCode: z.string(),
  name: z.string(),
  type: catalogItemSchema.shape.type,
  department: z.string(),
  errors: z.number(),
  warnings: z.number(),
});
export const versionItems = z.object({ version: catalogVersionView, total: z.number(), items: z.array(versionItemRow) });
export const versionItemDetail = z.object({ version: catalogVersionView, item: catalogItemSchema, lint: z.array(lintFinding) });
export const versionDiff = z.object({ against: z.number().nullable().describe('version number compared with; null when none'), diff: catalogDiff });
export const publishResult = z.object({ version: catalogVersionView, noticeId: z.string(), diff: catalogDiff });
export const catalogImportResult = z.object({ version: catalogVersionView, imported: z.number() });

// ── implementation lists (admin) ──
export const implListSummary = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: catalogLevel,
  parentCode: z.string().nullable(),
  published: z.boolean(),
  dirty: z.boolean().describe('the draft differs from what is published'),
  publishedAt: z.string().nullable(),
  revision: z.number(),
  updatedAt: z.string(),
  missing: z.array(z.string()),
  missingLabels: z.array(z.string()),
});
export const implLists = z.object({ total: z.number(), items: z.array(implListSummary) });
export const implListItem = z.object({
  rowCode: z.string(),
  name: z.string(),
  department: z.string(),
  enabled: z.boolean(),
  override: itemOverrideSchema.nullable(),
  missing: z.array(z.string()),
});
export const implListDetail = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: catalogLevel,
  profile: listProfileSchema.describe('draft'),
  published: listProfileSchema.nullable(),
  /** the service map's venue for this place: its address, hours and phone are the profile's (edited there) */
  venue: z.object({ id: z.string(), name: z.string(), fields: z.array(z.enum(['location', 'hours', 'consultPhone'])) }).nullable(),
  dirty: z.boolean(),
  publishedAt: z.string().nullable(),
  revision: z.number(),
  missing: z.array(z.string()),
  missingLabels: z.array(z.string()),
  catalogVersion: z.object({ id: z.string(), versionNo: z.number() }).nullable(),
  items: z.array(implListItem),
});
export const implImportResult = z.object({ lists: z.number(), rows: z.number() });

// ── synonyms (admin) ──
export const synonymView = z.object({ id: z.string(), term: z.string(), targets: z.array(z.string()), updatedAt: z.string() });
export const synonymList = z.object({ total: z.number(), items: z.array(synonymView) });

// ── the public guide (办事指南) ──
export const timeLimitView = z.object({
  value: z.number(),
  unit: timeLimitSchema.shape.unit,
  unitLabel: z.enum(TIME_UNITS),
  note: z.string(),
  text: z.string().describe('e.g. 20 个工作日, 即办, 无'),
});

/** A town's or village's own details for an item: its 实施清单 over the guidance catalog's templates. */
export const localDetailsView = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  implementingBody: z.string(),
  handlingOrg: z.string(),
  handlingMode: handlingModeSchema.nullable(),
  handlingModeLabel: z.string().nullable(),
  location: z.string(),
  hours: z.string(),
  consultPhone: z.string(),
  complaintPhone: z.string(),
  window: z.string(),
  staffContact: z.string(),
  devolvedToTown: z.boolean(),
  extendedToVillage: z.boolean(),
  onlineUrl: z.string(),
  missing: z.array(z.string()).describe('local fields still empty (flagged to admins, shown as 请咨询 to the public)'),
});
export type LocalDetails = z.infer<typeof localDetailsView>;

export const guideMaterial = z.object({
  id: z.string(),
  name: z.string(),
  necessity: z.enum(NECESSITIES),
  necessityCode: materialSchema.shape.necessity,
  kind: z.enum(MATERIAL_KINDS),
  form: z.enum(MATERIAL_FORMS),
  source: z.enum(MATERIAL_SOURCES),
  sourceNote: z.string(),
  copies: z.number(),
  spec: z.string(),
  notes: z.string(),
  acceptanceCriteria: z.string(),
  basis: z.string(),
  licenceType: z.string().nullable(),
  conditional: z.boolean(),
  blankFormUrl: z.string().nullable(),
  sampleUrl: z.string().nullable(),
});

/** Fields the catalog row passes through unchanged (steps, fees, faqs, situations …) reuse its schema. */
export const guideView = z.object({
  code: z.string(),
  name: z.string(),
  itemName: z.string(),
  handlingName: z.string(),
  baseCode: z.string(),
  level: catalogLevel,
  type: z.enum(ITEM_TYPES),
  typeCode: item.type,
  exerciseLevel: z.enum(EXERCISE_LEVELS),
  powerSource: z.enum(POWER_SOURCES),
  department: z.string(),
  implementingBody: z.string(),
  handlingOrg: z.string(),
  jointOrgs: z.string(),
  legalBasis: z.string(),
  conditions: z.string(),
  caseType: z.enum(CASE_TYPES),
  legalLimit: timeLimitView,
  promisedLimit: timeLimitView,
  legalDays: z.number().nullable().describe('working days; 0 = 即办; null when not in working days'),
  promisedDays: z.number().nullable(),
  visits: z.number(),
  visitsReason: z.string(),
  onlineLevel: onlineLevelSchema,
  onlineDepth: z.array(z.enum(ONLINE_DEPTHS)),
  onlineUrl: z.string(),
  onlineApplication: z.object({
    allowed: z.boolean(),
    reason: z.string().nullable().describe('why not, in Chinese (null when allowed)'),
  }).describe('网上申请 on this site: only 依申请 items whose 办理形式 include 网上办理 and whose 网上办理深度 reaches 互联网收件 (POST /cases refuses others with 409 ONLINE_APPLICATION_NOT_ALLOWED)'),
  mobile: z.boolean(),
  appointment: z.boolean(),
  onlinePayment: z.boolean(),
  delivery: z.boolean(),
  inHall: z.boolean(),
  channels: z.array(z.enum(CHANNEL_FORMS)),
  audience: z.array(z.enum(AUDIENCES)),
  themes: z.array(z.string()),
  tongbanScope: item.tongbanScope,
  steps: item.steps,
  specialProcedures: item.specialProcedures,
  intermediaryServices: z.string(),
  quantityLimit: z.string(),
  results: z.array(item.results.unwrap().element.extend({ sampleUrl: z.string().nullable().describe('/api/v1/files/{id} of the sample') })),
  fees: item.fees,
  faqs: item.faqs,
  situations: item.situations,
  materials: z.array(guideMaterial),
  location: z.string(),
  hours: z.string(),
  consultPhone: z.string(),
  complaintPhone: z.string(),
  local: localDetailsView.nullable().describe('with a town or village: its own details'),
  region: z.object({
    code: z.string(),
    name: z.string(),
    level: regionLevel,
    list: z.object({ publishedAt: z.string().nullable(), revision: z.number() }).nullable(),
  }).nullable(),
  catalog: z.object({ name: z.string(), versionNo: z.number(), effectiveDate: z.string().nullable() }),
  path: z.string().describe('the guide page: /items/{code}?region={region}'),
});
export type GuideView = z.infer<typeof guideView>;
