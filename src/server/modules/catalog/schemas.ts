import { z } from 'zod';
import { QUICK_FILTERS, type QuickFilter } from '../../../shared/catalog.js';
import { pageQuery } from '../../platform/openapi.js';
import { regionCode } from '../../../shared/fields.js';

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
  type: z.string(),
  typeCode: z.string(),
  department: z.string(),
  level: z.enum(['town', 'village']),
  visits: z.number(),
  onlineLevel: z.string().nullable(),
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
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }).nullable(),
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

// Types the web app reads from this contract until each response has a zod schema of its own.
export type { CatalogDiff } from './diff.js';
export type { LintFinding, LintReport } from './lint.js';
export type { ItemOverride, ListProfile } from './local.js';
export type GuideView = Awaited<ReturnType<import('./public.js').PublicCatalog['guide']>>;
