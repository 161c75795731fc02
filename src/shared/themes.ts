/**
 * 一件事 themed services (DOMAIN.md §8): a bundle of catalog items around a life or business event,
 * applied for once — one form (a field several items ask is asked once and copied into each),
 * one set of materials (the same material asked once), situation questions that pick the items
 * that apply, a lead body (牵头部门) and one time limit for the whole.
 *
 * The definition an administrator builds and publishes, and the pure rules that turn it and its
 * items' guides and forms into what the applicant sees (mergeTheme) — the same on the server and
 * in the web app.
 */
import { z } from 'zod';
import { FIELD_KEY_PATTERN, FIELD_TYPES, formFieldSchema, type FormField } from './forms.js';
import { itemCode } from './fields.js';
import { CATEGORIES_OF, THEME_SUBJECTS, type ThemeSubject } from './theme-rules.js';

export * from './theme-rules.js';

/** A theme's code: its address (/themes/birth), lower-case letters, digits and hyphens. */
export const THEME_CODE_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
export const themeCode = z.string().regex(THEME_CODE_PATTERN, '主题编码为小写字母开头的小写字母、数字或连字符（2–40 位）');

const text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不超过 ${max} 字`);
const key = z.string().regex(FIELD_KEY_PATTERN, '标识为字母开头的字母、数字或下划线（≤ 40 位）');
const option = z.strictObject({ value: z.string().trim().min(1, '选项值不能为空').max(40), label: text(60, '选项名称') });

/** 情形引导 of a theme: a question whose answer decides which items apply. */
export const themeQuestionSchema = z.strictObject({
  key,
  text: text(200, '问题'),
  help: z.string().trim().max(300).default(''),
  options: z.array(option).min(2, '至少两个选项').max(10, '选项不超过 10 个'),
});
export type ThemeQuestion = z.infer<typeof themeQuestionSchema>;

/** An item of the theme; `when`: it applies only when that question's answer is one of these. */
export const themeItemSchema = z.strictObject({
  itemCode,
  /** what this item does in the theme, in people's words (办出生医学证明) */
  note: z.string().trim().max(200).default(''),
  when: z.strictObject({ question: key, anyOf: z.array(z.string().max(40)).min(1, '请至少选择一个取值').max(10) }).nullable().default(null),
});
export type ThemeItem = z.infer<typeof themeItemSchema>;

/** A field asked once for the whole theme and copied into each listed item's form field. */
export const sharedFieldSchema = formFieldSchema.extend({
  mapsTo: z.array(z.strictObject({ itemCode, fieldKey: key })).min(1, '共用字段至少对应一个事项的表单字段').max(12),
});
export type SharedField = z.infer<typeof sharedFieldSchema>;
export type SharedFieldInput = z.input<typeof sharedFieldSchema>;

export const MAX_THEME_ITEMS = 12;

export const themeDefinitionSchema = z
  .strictObject({
    name: text(40, '主题名称'),
    subject: z.enum(Object.keys(THEME_SUBJECTS) as [ThemeSubject, ...ThemeSubject[]]),
    category: z.string().max(20),
    summary: text(300, '简介'),
    /** 牵头部门: answers for the whole theme and sees every child case */
    leadBody: text(60, '牵头部门'),
    /** 承诺时限 of the whole theme, in working days (each item keeps its own) */
    promisedDays: z.number().int().min(1, '承诺时限至少 1 个工作日').max(60, '承诺时限不超过 60 个工作日'),
    questions: z.array(themeQuestionSchema).max(5, '情形问题不超过 5 个').default([]),
    items: z.array(themeItemSchema).min(2, '一件事至少包含两个事项').max(MAX_THEME_ITEMS, `一件事不超过 ${MAX_THEME_ITEMS} 个事项`),
    sharedFields: z.array(sharedFieldSchema).max(30, '共用字段不超过 30 个').default([]),
    /**
     * 适用范围: a town's (街道/镇) own theme, offered only at that town and its villages and built by
     * its administrators; absent: the county's, offered everywhere. Fixed once the theme exists.
     */
    regionCode: z.string().regex(/^\d{9}$/, '适用范围应为一个镇（街道）的 9 位区划代码').optional(),
  })
  .superRefine((def, ctx) => {
    if (!(def.category in CATEGORIES_OF[def.subject])) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: `${THEME_SUBJECTS[def.subject]}主题的分类应为：${Object.values(CATEGORIES_OF[def.subject]).join('、')}` });
    }
    const codes = new Set<string>();
    def.items.forEach((item, i) => {
      if (codes.has(item.itemCode)) ctx.addIssue({ code: 'custom', path: ['items', i, 'itemCode'], message: `事项 ${item.itemCode} 重复` });
      codes.add(item.itemCode);
      if (!item.when) return;
      const q = def.questions.find((x) => x.key === item.when!.question);
      if (!q) ctx.addIssue({ code: 'custom', path: ['items', i, 'when'], message: `适用条件引用的问题「${item.when.question}」不存在` });
      else {
        const unknown = item.when.anyOf.filter((v) => !q.options.some((o) => o.value === v));
        if (unknown.length) ctx.addIssue({ code: 'custom', path: ['items', i, 'when'], message: `适用条件的取值不在「${q.text}」的选项中：${unknown.join('、')}` });
      }
    });
    if (def.items.every((i) => i.when)) ctx.addIssue({ code: 'custom', path: ['items'], message: '至少一个事项应始终适用（不设适用条件）' });
    const questionKeys = new Set<string>();
    def.questions.forEach((q, i) => {
      if (questionKeys.has(q.key)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'key'], message: `问题标识「${q.key}」重复` });
      questionKeys.add(q.key);
    });
    const fieldKeys = new Set<string>();
    const mapped = new Set<string>();
    def.sharedFields.forEach((f, i) => {
      if (fieldKeys.has(f.key)) ctx.addIssue({ code: 'custom', path: ['sharedFields', i, 'key'], message: `字段标识「${f.key}」重复` });
      fieldKeys.add(f.key);
      f.mapsTo.forEach((m, j) => {
        if (!codes.has(m.itemCode)) ctx.addIssue({ code: 'custom', path: ['sharedFields', i, 'mapsTo', j, 'itemCode'], message: `事项 ${m.itemCode} 不在本主题中` });
        const at = `${m.itemCode}.${m.fieldKey}`;
        if (mapped.has(at)) ctx.addIssue({ code: 'custom', path: ['sharedFields', i, 'mapsTo', j], message: `事项 ${m.itemCode} 的字段「${m.fieldKey}」已由另一个共用字段填写` });
        mapped.add(at);
      });
      if (f.showIf && !def.sharedFields.slice(0, i).some((g) => g.key === f.showIf!.field)) {
        ctx.addIssue({ code: 'custom', path: ['sharedFields', i, 'showIf'], message: `显示条件引用的字段「${f.showIf.field}」须在本字段之前` });
      }
    });
  });
export type ThemeDefinition = z.infer<typeof themeDefinitionSchema>;
export type ThemeDefinitionInput = z.input<typeof themeDefinitionSchema>;

// ───────────────────────── merging ─────────────────────────

/** What mergeTheme needs of each item: its guide's name, materials and body, and its form's fields. */
export interface ThemeItemParts {
  code: string;
  name: string;
  implementingBody: string;
  promisedDays: number | null;
  materials: readonly { id: string; name: string; necessityCode: string; licenceType: string | null; conditional: boolean }[];
  fields: readonly FormField[];
}

export interface MergedMaterial {
  /** the merged material's key in an application: `m1`, `m2`… in order of first appearance */
  key: string;
  name: string;
  licenceType: string | null;
  /** required when any item that applies needs it unconditionally */
  required: boolean;
  usedBy: { itemCode: string; materialId: string }[];
}

export interface MergedTheme {
  /** asked once; each copied into the item fields it lists (mapsTo: which field of which item) */
  sharedFields: (FormField & { usedBy: string[]; mapsTo: { itemCode: string; fieldKey: string }[] })[];
  /** per item, what only that item asks (its fields no shared field fills) */
  itemFields: { itemCode: string; fields: FormField[] }[];
  materials: MergedMaterial[];
  /** how many fields and materials the items ask in all, and how many the theme asks: what merging saved */
  counts: { itemFields: number; askedFields: number; itemMaterials: number; askedMaterials: number };
  /** shared fields that do not fit an item's form (no such field, or another type): an application could not be copied into it */
  problems: string[];
}

/** Materials are the same when they stand for the same licence type, else when their names match (ignoring spaces and brackets). */
export function materialIdentity(m: { name: string; licenceType: string | null }): string {
  return m.licenceType ? `licence:${m.licenceType}` : `name:${m.name.replace(/[\s（）()【】[\]「」《》]/g, '')}`;
}

/**
 * The theme as one application: shared fields, each item's own remaining fields and the
 * deduplicated materials, for the items given (those that apply, or all of them for a guide).
 */
export function mergeTheme(def: Pick<ThemeDefinition, 'sharedFields' | 'promisedDays'>, items: readonly ThemeItemParts[]): MergedTheme {
  const present = new Set(items.map((i) => i.code));
  const filled = new Set(def.sharedFields.flatMap((f) => f.mapsTo.map((m) => `${m.itemCode}.${m.fieldKey}`)));
  const sharedFields = def.sharedFields
    .map(({ mapsTo, ...field }) => {
      const here = mapsTo.filter((m) => present.has(m.itemCode));
      return { ...field, usedBy: [...new Set(here.map((m) => m.itemCode))], mapsTo: here.map((m) => ({ itemCode: m.itemCode, fieldKey: m.fieldKey })) };
    })
    .filter((f) => f.usedBy.length > 0);
  const itemFields = items.map((i) => ({ itemCode: i.code, fields: i.fields.filter((f) => !filled.has(`${i.code}.${f.key}`)) }));
  const byIdentity = new Map<string, MergedMaterial>();
  for (const item of items) {
    for (const m of item.materials) {
      const id = materialIdentity(m);
      const required = m.necessityCode === 'required' && !m.conditional;
      const merged = byIdentity.get(id);
      if (merged) {
        merged.usedBy.push({ itemCode: item.code, materialId: m.id });
        merged.required ||= required;
      } else {
        byIdentity.set(id, { key: `m${byIdentity.size + 1}`, name: m.name, licenceType: m.licenceType, required, usedBy: [{ itemCode: item.code, materialId: m.id }] });
      }
    }
  }
  const itemFieldCount = items.reduce((n, i) => n + i.fields.length, 0);
  const problems: string[] = [];
  for (const shared of def.sharedFields) {
    for (const m of shared.mapsTo) {
      const item = items.find((i) => i.code === m.itemCode);
      if (!item) continue;
      const target = item.fields.find((f) => f.key === m.fieldKey);
      if (!target) problems.push(`共用字段「${shared.label}」对应的「${item.name}」表单字段「${m.fieldKey}」不存在`);
      else if (target.type !== shared.type) problems.push(`共用字段「${shared.label}」是${FIELD_TYPES[shared.type]}，「${item.name}」的「${target.label}」是${FIELD_TYPES[target.type]}`);
    }
  }
  // the whole cannot be promised sooner than one of its parts
  for (const item of items) {
    if (item.promisedDays !== null && item.promisedDays > def.promisedDays) problems.push(`主题承诺时限 ${def.promisedDays} 个工作日短于「${item.name}」的承诺时限 ${item.promisedDays} 个工作日`);
  }
  return {
    problems,
    sharedFields,
    itemFields,
    materials: [...byIdentity.values()],
    counts: {
      itemFields: itemFieldCount,
      askedFields: sharedFields.length + itemFields.reduce((n, i) => n + i.fields.length, 0),
      itemMaterials: items.reduce((n, i) => n + i.materials.length, 0),
      askedMaterials: byIdentity.size,
    },
  };
}
