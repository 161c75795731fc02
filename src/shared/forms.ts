/**
 * Application forms (申请表单) per service item: the definition an admin builds in the form
 * designer, the rules that decide which fields show (conditions on other answers), and the one
 * validator that the server enforces and the web app runs as the applicant types.
 */
import { z } from 'zod';
import { checkPattern, PATTERN_FORM_MAX_SIZE, PATTERN_MAX_ANSWER, PATTERN_MAX_LENGTH, patternMatcher, patternProblem } from './form-patterns.js';
import { isValidIdNumber, isValidMobile, normaliseIdNumber } from './validators.js';

export const FIELD_TYPES = {
  text: '单行文本',
  textarea: '多行文本',
  number: '数字',
  date: '日期',
  choice: '单选',
  multi_choice: '多选',
  id_number: '身份证号',
  phone: '手机号码',
  address: '地址（含区划）',
  table: '表格（多行）',
  attachment: '附件',
} as const;
export type FieldType = keyof typeof FIELD_TYPES;
const FIELD_TYPE_CODES = Object.keys(FIELD_TYPES) as [FieldType, ...FieldType[]];

/** Columns of a table field hold simple values only. */
export const COLUMN_TYPES = ['text', 'number', 'date', 'id_number', 'phone', 'choice'] as const satisfies readonly FieldType[];
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** Where a value may be filled from (历史数据自动填充): the citizen's profile or earlier applications. */
export const PREFILL_SOURCES = {
  none: '不自动填充',
  'profile.name': '个人资料：姓名',
  'profile.idNumber': '个人资料：身份证号',
  'profile.phone': '个人资料：手机号码',
  previous: '以往申请中同名字段',
} as const;
export type PrefillSource = keyof typeof PREFILL_SOURCES;

export const FIELD_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const fieldKey = z.string().regex(FIELD_KEY_PATTERN, '字段标识为字母开头的字母、数字或下划线（≤ 40 位）');
const label = z.string().trim().min(1, '请填写标题').max(60, '标题不超过 60 字');
const help = z.string().trim().max(300, '说明不超过 300 字').default('');
const option = z.strictObject({
  value: z.string().trim().min(1, '选项值不能为空').max(40),
  label: z.string().trim().min(1, '选项名称不能为空').max(60),
});

export const conditionSchema = z.strictObject({
  /** the other field whose answer decides */
  field: fieldKey,
  /** shown when that answer is one of these (for a multi-choice: contains one of these) */
  anyOf: z.array(z.string().max(40)).min(1, '请至少选择一个取值').max(20),
});
export type FieldCondition = z.infer<typeof conditionSchema>;

export const columnSchema = z.strictObject({
  key: fieldKey,
  label,
  type: z.enum(COLUMN_TYPES),
  required: z.boolean().default(false),
  options: z.array(option).max(30).default([]),
});
export type FormColumn = z.infer<typeof columnSchema>;

export const formFieldSchema = z.strictObject({
  key: fieldKey,
  label,
  type: z.enum(FIELD_TYPE_CODES),
  required: z.boolean().default(false),
  help,
  placeholder: z.string().trim().max(60).default(''),
  /** text: a regular expression (the subset of form-patterns.ts) the whole answer must match, with the message shown when it does not */
  pattern: z.strictObject({
    regex: z.string().min(1, '请填写格式规则').max(PATTERN_MAX_LENGTH, `格式规则不超过 ${PATTERN_MAX_LENGTH} 个字符`),
    message: z.string().trim().min(1).max(100),
  }).nullable().default(null),
  minLength: z.number().int().min(0).max(2000).nullable().default(null),
  maxLength: z.number().int().min(1).max(2000).nullable().default(null),
  min: z.number().finite().nullable().default(null),
  max: z.number().finite().nullable().default(null),
  /** choice / multi_choice */
  options: z.array(option).max(30).default([]),
  /** table */
  columns: z.array(columnSchema).max(10).default([]),
  maxRows: z.number().int().min(1).max(50).default(10),
  /** table: what one row is, in people's words (家庭成员, 房产); without it, taken from the label (tableRowWords) */
  rowNoun: z.string().trim().max(10).optional(),
  /** shown (and validated) only when the condition holds */
  showIf: conditionSchema.nullable().default(null),
  prefill: z.enum(Object.keys(PREFILL_SOURCES) as [PrefillSource, ...PrefillSource[]]).default('none'),
});
export type FormField = z.infer<typeof formFieldSchema>;
export type FormFieldInput = z.input<typeof formFieldSchema>;

/** The most characters a text or textarea answer may have. */
const maxTextLength = (f: FormField) => f.maxLength ?? (f.type === 'text' ? 200 : 2000);

// ───────────────────────── eligibility rules (受理条件校验) ─────────────────────────

/**
 * Simple eligibility rules the guide states, which the form designer can express so that they warn
 * at intake and online (shared/eligibility.ts checks them): the applicant's age from the 18-digit
 * 居民身份证号码, and residence within the place that handles the application. They warn, never
 * refuse.
 */
export const ELIGIBILITY_KINDS = {
  age: '年龄（按身份证号码计算周岁）',
  residence: '居住地（在受理地辖区内）',
} as const;
export type EligibilityKind = keyof typeof ELIGIBILITY_KINDS;

/** The most rules a form may state. */
export const MAX_ELIGIBILITY_RULES = 10;
const ruleMessage = z.string().trim().max(100, '提示不超过 100 字').default('');
const fullYears = z.number().int('周岁须为整数').min(0, '周岁不能小于 0').max(150, '周岁不超过 150').nullable().default(null);

/** The applicant's age in full years (周岁) on the day of the application, from their ID number: at least `min`, at most `max`. */
export const ageRuleSchema = z.strictObject({
  kind: z.literal('age'),
  min: fullYears,
  max: fullYears,
  /** shown when the rule fails (the computed age is added); '' → one is generated (申请人须年满 80 周岁) */
  message: ruleMessage,
});

/** The applicant lives in the place that handles the application: the region of the form's address field `field` lies within it. */
export const residenceRuleSchema = z.strictObject({
  kind: z.literal('residence'),
  /** the key of an address field (地址（含区划）) of the form */
  field: z.string().trim().max(40, '字段标识不超过 40 位'),
  message: ruleMessage,
});

export const eligibilityRuleSchema = z.discriminatedUnion('kind', [ageRuleSchema, residenceRuleSchema], { error: '受理条件的类型应为年龄或居住地' });
export type EligibilityRule = z.infer<typeof eligibilityRuleSchema>;
export type AgeRule = z.infer<typeof ageRuleSchema>;
export type ResidenceRule = z.infer<typeof residenceRuleSchema>;

/**
 * A definition as stored: structure and cross-field rules. Forms saved under earlier format-rule
 * limits still load (their rules are not enforced until fixed: see patternMatcher).
 */
export const storedFormDefinitionSchema = z
  .strictObject({
    fields: z.array(formFieldSchema).max(60, '表单字段不超过 60 个'),
    /** 受理条件校验: rules that warn when the applicant may not qualify (definitions saved before them have none) */
    eligibility: z.array(eligibilityRuleSchema).max(MAX_ELIGIBILITY_RULES, `受理条件不超过 ${MAX_ELIGIBILITY_RULES} 条`).default([]),
  })
  .superRefine((def, ctx) => {
    const seen = new Map<string, number>();
    def.fields.forEach((f, i) => {
      const at = (k: string) => ['fields', i, k];
      if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: at('key'), message: `字段标识「${f.key}」重复` });
      if ((f.type === 'choice' || f.type === 'multi_choice') && f.options.length < 2) ctx.addIssue({ code: 'custom', path: at('options'), message: '选择题至少两个选项' });
      if (f.type === 'choice' || f.type === 'multi_choice') {
        const values = new Set<string>();
        for (const o of f.options) {
          if (values.has(o.value)) ctx.addIssue({ code: 'custom', path: at('options'), message: `选项值「${o.value}」重复` });
          values.add(o.value);
        }
      }
      if (f.type === 'table') {
        if (f.columns.length === 0) ctx.addIssue({ code: 'custom', path: at('columns'), message: '表格至少一列' });
        const keys = new Set<string>();
        for (const c of f.columns) {
          if (keys.has(c.key)) ctx.addIssue({ code: 'custom', path: at('columns'), message: `列标识「${c.key}」重复` });
          keys.add(c.key);
          if (c.type === 'choice' && c.options.length < 2) ctx.addIssue({ code: 'custom', path: at('columns'), message: `列「${c.label}」至少两个选项` });
        }
      }
      if (f.min !== null && f.max !== null && f.min > f.max) ctx.addIssue({ code: 'custom', path: at('max'), message: '最大值不能小于最小值' });
      if (f.minLength !== null && f.maxLength !== null && f.minLength > f.maxLength) ctx.addIssue({ code: 'custom', path: at('maxLength'), message: '最多字数不能小于最少字数' });
      if (f.showIf) {
        const target = seen.get(f.showIf.field);
        const targetField = target === undefined ? undefined : def.fields[target];
        if (!targetField) ctx.addIssue({ code: 'custom', path: at('showIf'), message: `显示条件引用的字段「${f.showIf.field}」须在本字段之前` });
        else if (!['choice', 'multi_choice'].includes(targetField.type)) ctx.addIssue({ code: 'custom', path: at('showIf'), message: '显示条件只能引用单选或多选字段' });
        else {
          const known = new Set(targetField.options.map((o) => o.value));
          const unknown = f.showIf.anyOf.filter((v) => !known.has(v));
          if (unknown.length) ctx.addIssue({ code: 'custom', path: at('showIf'), message: `显示条件的取值不在「${targetField.label}」的选项中：${unknown.join('、')}` });
        }
      }
      // after the condition check: a field's condition on itself is "not before it" (it could never show)
      seen.set(f.key, i);
    });
    eligibilityProblems(def).forEach((p) => ctx.addIssue({ code: 'custom', path: ['eligibility', ...p.path], message: p.message }));
  });

/**
 * The eligibility rules' own problems, by path under `eligibility`: an age rule needs a minimum or
 * a maximum (minimum ≤ maximum); a residence rule names an address field of the form (a field's
 * key, checked like a condition's); one age rule, one residence rule per field.
 */
function eligibilityProblems(def: { fields: readonly FormField[]; eligibility: readonly EligibilityRule[] }): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const residenceFields = new Set<string>();
  let ageRules = 0;
  def.eligibility.forEach((r, i) => {
    if (r.kind === 'age') {
      if (++ageRules > 1) out.push({ path: [i, 'kind'], message: '年龄条件只能设置一条（可同时填写最小和最大周岁）' });
      if (r.min === null && r.max === null) out.push({ path: [i, 'min'], message: '请填写最小周岁或最大周岁（至少一项）' });
      else if (r.min !== null && r.max !== null && r.min > r.max) out.push({ path: [i, 'max'], message: '最大周岁不能小于最小周岁' });
      return;
    }
    const field = def.fields.find((f) => f.key === r.field);
    if (!r.field) out.push({ path: [i, 'field'], message: '请选择作为居住地的地址字段' });
    else if (!field) out.push({ path: [i, 'field'], message: `居住地条件引用的字段「${r.field}」不在本表单中` });
    else if (field.type !== 'address') out.push({ path: [i, 'field'], message: `居住地条件只能引用「${FIELD_TYPES.address}」字段，「${field.label}」是${FIELD_TYPES[field.type]}` });
    else if (residenceFields.has(r.field)) out.push({ path: [i, 'field'], message: `「${field.label}」已有居住地条件` });
    residenceFields.add(r.field);
  });
  return out;
}

/**
 * What the designer may save: the stored rules, and format rules within the subset both engines
 * read alike and within the limits that bound a submission's matching work (form-patterns.ts).
 */
export const formDefinitionSchema = storedFormDefinitionSchema.superRefine((def, ctx) => {
  let total = 0;
  def.fields.forEach((f, i) => {
    if (!f.pattern) return;
    const problem = patternProblem(f.pattern.regex);
    if (problem) ctx.addIssue({ code: 'custom', path: ['fields', i, 'pattern'], message: problem });
    const checked = checkPattern(f.pattern.regex);
    const within = total <= PATTERN_FORM_MAX_SIZE;
    if (checked.ok) total += checked.size;
    if (within && total > PATTERN_FORM_MAX_SIZE) {
      ctx.addIssue({ code: 'custom', path: ['fields', i, 'pattern'], message: `本表单的格式规则合计过于复杂（展开后超过 ${PATTERN_FORM_MAX_SIZE}），请简化` });
    }
    // longer answers are not matched (see fieldProblem): say so here rather than surprise applicants
    if ((f.type === 'text' || f.type === 'textarea') && maxTextLength(f) > PATTERN_MAX_ANSWER) {
      ctx.addIssue({ code: 'custom', path: ['fields', i, 'maxLength'], message: `设置了格式规则的字段最多 ${PATTERN_MAX_ANSWER} 字，请调整“最多字数”` });
    }
  });
});
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

export const EMPTY_FORM: FormDefinition = { fields: [], eligibility: [] };

// ───────────────────────── values ─────────────────────────

/** An address answer: the region picked from the tree plus the street/house detail. */
export interface AddressValue {
  regionCode: string;
  regionName: string;
  detail: string;
}
export type TableRow = Record<string, string | number | null>;
export type FormValue = string | number | boolean | null | string[] | TableRow[] | AddressValue;
export type FormValues = Record<string, FormValue>;

/** The wire shape of form answers (structure only; the definition's rules are checked by validateForm). */
const scalar = z.union([z.string().max(2000), z.number().finite(), z.boolean(), z.null()]);
const cell = z.union([z.string().max(200), z.number().finite(), z.null()]);
export const formValuesSchema = z
  .record(
    z.string().regex(FIELD_KEY_PATTERN, '字段标识格式不正确'),
    z.union([
      scalar,
      z.array(z.string().max(100)).max(30),
      z.array(z.record(z.string().regex(FIELD_KEY_PATTERN), cell)).max(50),
      z.strictObject({ regionCode: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '区划代码格式不正确'), regionName: z.string().max(60), detail: z.string().max(200) }),
    ]),
  )
  .refine((o) => Object.keys(o).length <= 60, '表单字段不超过 60 个');

export function conditionHolds(condition: FieldCondition | null, values: FormValues): boolean {
  if (!condition) return true;
  const answer = values[condition.field];
  if (Array.isArray(answer)) return answer.some((a) => typeof a === 'string' && condition.anyOf.includes(a));
  return typeof answer === 'string' && condition.anyOf.includes(answer);
}

/** Fields shown for these answers, in order; a field hidden by its condition also hides those that depend on it. */
export function visibleFields(def: Pick<FormDefinition, 'fields'>, values: FormValues): FormField[] {
  const shown = new Set<string>();
  const out: FormField[] = [];
  for (const f of def.fields) {
    if (f.showIf && !shown.has(f.showIf.field)) continue;
    if (!conditionHolds(f.showIf, values)) continue;
    shown.add(f.key);
    out.push(f);
  }
  return out;
}

export interface FormProblem {
  field: string;
  message: string;
}

/** An answer that counts as not given (empty text, no choice, an address without its place). */
export const isBlank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && 'regionCode' in v && !(v as AddressValue).regionCode);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function isRealDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function simpleProblem(type: ColumnType | FieldType, value: unknown, options: { value: string }[]): string | null {
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : '请输入数字';
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? null : '请输入有效日期（年-月-日）';
    case 'id_number':
      return typeof value === 'string' && isValidIdNumber(normaliseIdNumber(value)) ? null : '身份证号码不正确（请核对校验位）';
    case 'phone':
      return typeof value === 'string' && isValidMobile(value) ? null : '手机号码应为 11 位数字';
    case 'choice':
      return typeof value === 'string' && options.some((o) => o.value === value) ? null : '请从选项中选择';
    default:
      return typeof value === 'string' ? null : '请输入文字';
  }
}

/**
 * Checks answers against a definition: required visible fields, types, patterns, ranges, options,
 * table rows. Answers to fields that are hidden or unknown are reported too (the server drops
 * nothing silently). Returns the problems keyed by `formData.<key>` paths.
 */
export function validateForm(def: Pick<FormDefinition, 'fields'>, values: FormValues): FormProblem[] {
  const problems: FormProblem[] = [];
  const visible = visibleFields(def, values);
  const visibleKeys = new Set(visible.map((f) => f.key));
  const known = new Set(def.fields.map((f) => f.key));
  const add = (key: string, message: string) => problems.push({ field: `formData.${key}`, message });

  for (const key of Object.keys(values)) {
    if (!known.has(key)) add(key, '表单中没有这一项');
  }
  for (const f of visible) {
    const v = values[f.key];
    if (isBlank(v)) {
      if (f.required) add(f.key, `请填写「${f.label}」`);
      continue;
    }
    const problem = fieldProblem(f, v);
    if (problem) add(f.key, `「${f.label}」${problem}`);
  }
  for (const f of def.fields) {
    if (!visibleKeys.has(f.key) && !isBlank(values[f.key])) add(f.key, `「${f.label}」在当前选择下不需要填写`);
  }
  return problems;
}

function fieldProblem(f: FormField, v: FormValue): string | null {
  switch (f.type) {
    case 'text':
    case 'textarea': {
      if (typeof v !== 'string') return '请输入文字';
      const length = [...v.trim()].length;
      if (f.minLength !== null && length < f.minLength) return `至少 ${f.minLength} 字`;
      if (length > maxTextLength(f)) return `不超过 ${maxTextLength(f)} 字`;
      if (f.pattern) {
        // bounds the matching work whatever the engine (a form saved before the limit may allow more)
        if (length > PATTERN_MAX_ANSWER) return `不超过 ${PATTERN_MAX_ANSWER} 字（有格式要求）`;
        const matches = patternMatcher(f.pattern.regex);
        if (matches && !matches(v.trim())) return f.pattern.message;
      }
      return null;
    }
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return '请输入数字';
      if (f.min !== null && v < f.min) return `不能小于 ${f.min}`;
      if (f.max !== null && v > f.max) return `不能大于 ${f.max}`;
      return null;
    }
    case 'multi_choice': {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !f.options.some((o) => o.value === x))) return '请从选项中选择';
      if (new Set(v as string[]).size !== v.length) return '选项重复';
      return null;
    }
    case 'attachment':
      return Array.isArray(v) && v.every((x) => typeof x === 'string' && /^[0-9a-f-]{36}$/.test(x)) ? null : '附件格式不正确，请重新上传';
    case 'address': {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || !('regionCode' in v)) return '请选择所在区划并填写详细地址';
      if (!v.detail?.trim()) return '请填写详细地址（街道、门牌号）';
      return null;
    }
    case 'table': {
      if (!Array.isArray(v)) return '格式不正确';
      const words = tableRowWords(f);
      if (v.length > f.maxRows) return `最多 ${f.maxRows} ${words.unit}`;
      const first = tableProblems(f, v)[0];
      return first ? `${words.ordinal(first.row)}${first.message}` : null;
    }
    default:
      return simpleProblem(f.type, v, f.options);
  }
}

// ───────────────────────── tables (表格) ─────────────────────────

/** How a table's rows are named: 添加家庭成员, 第 1 位家庭成员, 2 位家庭成员 (or 添加一行, 第 1 行). */
export interface RowWords {
  /** what one row is (家庭成员); '' when nothing better than 行 is known */
  noun: string;
  /** the measure word: 位 for people, 项 for things, 行 without a noun */
  unit: '位' | '项' | '行';
  /** the add button: 添加家庭成员 / 添加一行 */
  add: string;
  /** 第 1 位 (row index from 0) */
  ordinal: (index: number) => string;
  /** 第 1 位家庭成员 (row index from 0) */
  row: (index: number) => string;
  /** 2 位家庭成员 / 2 行 */
  count: (n: number) => string;
}

/** Words that name people: a row of them is counted with 位. */
const PERSON_WORDS = /成员|人|子女|亲属|家属|监护|老人|儿童|学生|职工|户主|配偶|父母|子孙/u;

/**
 * The noun for one row of a table: the field's `rowNoun`, else its label without brackets, the
 * part before the last 的 and trailing 情况/信息/名单… (共同生活的家庭成员（包括本人） → 家庭成员);
 * '' when that leaves nothing short enough to say.
 */
export function tableRowNoun(f: Pick<FormField, 'label' | 'rowNoun'>): string {
  if (f.rowNoun?.trim()) return f.rowNoun.trim();
  let noun = f.label.replace(/[（(][^）)]*[）)]/gu, '').trim();
  noun = noun.slice(noun.lastIndexOf('的') + 1);
  for (let before = ''; before !== noun; ) {
    before = noun;
    noun = noun.replace(/(情况|信息|名单|列表|明细|清单|登记表|表)$/u, '').trim();
  }
  return [...noun].length >= 1 && [...noun].length <= 8 ? noun : '';
}

export function tableRowWords(f: Pick<FormField, 'label' | 'rowNoun'>): RowWords {
  const noun = tableRowNoun(f);
  if (!noun) {
    return { noun, unit: '行', add: '添加一行', ordinal: (i) => `第 ${i + 1} 行`, row: (i) => `第 ${i + 1} 行`, count: (n) => `${n} 行` };
  }
  const unit = PERSON_WORDS.test(noun) ? '位' : '项';
  return { noun, unit, add: `添加${noun}`, ordinal: (i) => `第 ${i + 1} ${unit}`, row: (i) => `第 ${i + 1} ${unit}${noun}`, count: (n) => `${n} ${unit}${noun}` };
}

/** A problem with a table's answer: its row (from 0), and the column (null: the row as a whole). */
export interface TableProblem {
  row: number;
  column: string | null;
  /** what is wrong, after the row's words (请填写「姓名」, 「身份证号」身份证号码不正确…) */
  message: string;
}

/**
 * Every problem in a table's rows, cell by cell, so a page can mark the very control that is wrong
 * (an ID number in row 2, not the table's first box). validateForm reports the first.
 */
export function tableProblems(f: FormField, value: unknown): TableProblem[] {
  if (!Array.isArray(value)) return [];
  const out: TableProblem[] = [];
  for (const [i, row] of (value as unknown[]).entries()) {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      out.push({ row: i, column: null, message: '格式不正确' });
      continue;
    }
    const cells = row as TableRow;
    const unknown = Object.keys(cells).find((key) => !f.columns.some((c) => c.key === key));
    if (unknown !== undefined) {
      out.push({ row: i, column: null, message: `有未知的列「${unknown}」` });
      continue;
    }
    for (const c of f.columns) {
      const cellValue = cells[c.key];
      if (isBlank(cellValue)) {
        if (c.required) out.push({ row: i, column: c.key, message: `请填写「${c.label}」` });
        continue;
      }
      const p = simpleProblem(c.type, cellValue, c.options);
      if (p) out.push({ row: i, column: c.key, message: `「${c.label}」${p}` });
    }
  }
  return out;
}

/**
 * The applicant as the first row of a table that lists people including the applicant: when its
 * columns allow it — a name column (文本, 标题含「姓名」) and a relationship column (标题含「关系」)
 * that is text or offers 本人 — the row holds the name, 本人 and (in an ID-number column) the ID
 * number. Null when the columns do not allow it or the name is not known.
 */
export function applicantRow(f: FormField, applicant: { name: string | null; idNumber: string | null }): TableRow | null {
  if (f.type !== 'table' || !applicant.name) return null;
  const nameColumn = f.columns.find((c) => c.type === 'text' && c.label.includes('姓名'));
  const relationColumn = f.columns.find((c) => c.label.includes('关系') && (c.type === 'text' || c.type === 'choice'));
  if (!nameColumn || !relationColumn) return null;
  let self: string | undefined = '本人';
  if (relationColumn.type === 'choice') self = relationColumn.options.find((o) => o.label === '本人' || o.value === '本人' || o.value === 'self')?.value;
  if (!self) return null;
  const row: TableRow = { [nameColumn.key]: applicant.name, [relationColumn.key]: self };
  const idColumn = f.columns.find((c) => c.type === 'id_number');
  if (idColumn && applicant.idNumber) row[idColumn.key] = applicant.idNumber;
  return row;
}

const maskIdNumber = (v: string) => `${v.slice(0, 4)}**********${v.slice(-4)}`;

/** A cell as people read it: an option's label, an ID number masked. */
function cellText(c: FormColumn, v: string | number | null | undefined): string {
  if (isBlank(v)) return '';
  if (c.type === 'choice') return c.options.find((o) => o.value === v)?.label ?? String(v);
  if (c.type === 'id_number' && typeof v === 'string') return maskIdNumber(v);
  return String(v);
}

/** A table's rows as people read them: 第 1 位家庭成员 — 姓名：王桂兰，与申请人关系：本人… (empty cells left out). */
export function tableRowsText(f: FormField, value: FormValue | undefined): { title: string; text: string }[] {
  if (!Array.isArray(value)) return [];
  const words = tableRowWords(f);
  return (value as TableRow[]).map((row, i) => ({
    title: words.row(i),
    text: f.columns
      .map((c) => [c.label, cellText(c, row && typeof row === 'object' ? row[c.key] : undefined)] as const)
      .filter(([, t]) => t !== '')
      .map(([label, t]) => `${label}：${t}`)
      .join('，'),
  }));
}

/** Answers as people read them (for the case detail, documents and the audit summary). */
export function displayValue(f: FormField, v: FormValue | undefined): string {
  if (isBlank(v)) return '';
  switch (f.type) {
    case 'choice':
      return f.options.find((o) => o.value === v)?.label ?? String(v);
    case 'multi_choice':
      return (v as string[]).map((x) => f.options.find((o) => o.value === x)?.label ?? x).join('、');
    case 'address': {
      const a = v as AddressValue;
      return `${a.regionName}${a.detail}`;
    }
    case 'table':
      return tableRowWords(f).count((v as TableRow[]).length);
    case 'attachment':
      return `${(v as string[]).length} 个附件`;
    case 'id_number':
      return typeof v === 'string' ? maskIdNumber(v) : '';
    default:
      return String(v);
  }
}
