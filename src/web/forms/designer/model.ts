/**
 * The form designer's working copy of a definition and the pure operations on it (no React):
 * field keys from labels (pinyin), adding, moving, removing, retyping fields, keeping the
 * conditions that point at a field in step when its key or options change, the problems of the
 * shared schema mapped to the field and property they belong to, and the preview's answers.
 */
import { pinyin } from 'pinyin-pro';
import {
  COLUMN_TYPES, FIELD_KEY_PATTERN, FIELD_TYPES, formDefinitionSchema, validateForm, visibleFields,
  type ColumnType, type EligibilityKind, type EligibilityRule, type FieldType, type FormColumn, type FormDefinition, type FormField, type FormValue, type FormValues,
  type PrefillSource,
} from '../../../shared/forms.js';

// ───────────────────────── working copy ─────────────────────────

export interface DesignerOption {
  uid: string;
  value: string;
  label: string;
  /** the value follows the label until someone edits it (never for options already saved) */
  autoValue: boolean;
}

export interface DesignerColumn extends Omit<FormColumn, 'options'> {
  uid: string;
  autoKey: boolean;
  options: DesignerOption[];
}

export interface DesignerPattern {
  regex: string;
  message: string;
}

export interface DesignerField extends Omit<FormField, 'options' | 'columns' | 'pattern'> {
  uid: string;
  /** the key follows the label until someone edits it (never for fields already saved) */
  autoKey: boolean;
  /** the key this field had in the saved form (answers of earlier applications use it), or null */
  savedKey: string | null;
  pattern: DesignerPattern;
  options: DesignerOption[];
  columns: DesignerColumn[];
}

let uidCounter = 0;
/** A working-copy identity (React keys, selection); never saved. */
export const newUid = (prefix = 'f'): string => `${prefix}${++uidCounter}`;

const CHOICE_TYPES: readonly FieldType[] = ['choice', 'multi_choice'];
export const isChoice = (type: FieldType | ColumnType): boolean => CHOICE_TYPES.includes(type as FieldType);

/** Which properties a field type uses (the rest are kept while editing but not saved). */
export const USES = {
  placeholder: (t: FieldType) => ['text', 'textarea', 'number', 'id_number', 'phone', 'address'].includes(t),
  length: (t: FieldType) => t === 'text' || t === 'textarea',
  pattern: (t: FieldType) => t === 'text',
  range: (t: FieldType) => t === 'number',
  options: (t: FieldType) => isChoice(t),
  columns: (t: FieldType) => t === 'table',
};

// ───────────────────────── keys ─────────────────────────

const MAX_BASE = 32;

/**
 * A field key from a label: the label's pinyin in camelCase (是否首次申领 → shiFouShouCiShenLing),
 * cut at a syllable so it stays readable (≤ 32 characters), made unique against `taken` with a
 * number (name, name2, …). Always matches FIELD_KEY_PATTERN.
 */
export function keyFromLabel(label: string, taken: Iterable<string> = [], fallback = 'field'): string {
  const words = pinyin(label, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .flatMap((p) => p.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  let base = '';
  for (const w of words) {
    const lower = w.toLowerCase();
    const part = base ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    if (base && base.length + part.length > MAX_BASE) break;
    base += part.slice(0, MAX_BASE);
  }
  if (!base) base = fallback;
  else if (!/^[a-z]/i.test(base)) base = `${fallback}${base}`.slice(0, MAX_BASE);
  return uniqueKey(base, taken);
}

/** `base`, or base2, base3… — whichever `taken` does not hold. */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 40 - String(n).length)}${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** The problem with a key typed by hand, or null (the same rule as the server's). */
export function keyProblem(key: string, otherKeys: Iterable<string>): string | null {
  if (!key) return '请填写字段标识';
  if (!FIELD_KEY_PATTERN.test(key)) return '字段标识为字母开头的字母、数字或下划线（≤ 40 位）';
  if (new Set(otherKeys).has(key)) return `字段标识「${key}」重复`;
  return null;
}

// ───────────────────────── conversion ─────────────────────────

const fromOptions = (options: { value: string; label: string }[]): DesignerOption[] =>
  options.map((o) => ({ uid: newUid('o'), value: o.value, label: o.label, autoValue: false }));

/** The working copy of a saved definition: every key and value stays as saved. */
export function fromDefinition(def: FormDefinition): DesignerField[] {
  return def.fields.map((f) => ({
    ...f,
    uid: newUid(),
    autoKey: false,
    savedKey: f.key,
    pattern: f.pattern ? { ...f.pattern } : { regex: '', message: '' },
    options: fromOptions(f.options),
    columns: f.columns.map((c) => ({ ...c, uid: newUid('c'), autoKey: false, options: fromOptions(c.options) })),
  }));
}

/**
 * After a save: the server's definition (trimmed, defaults applied) becomes the working copy, now
 * all "saved" (keys no longer follow labels), keeping each field's, column's and option's identity
 * so the selection and focus stay where they were.
 */
export function adoptSaved(before: DesignerField[], saved: FormDefinition): DesignerField[] {
  const keepUids = <T extends { uid: string }>(fresh: T[], old: { uid: string }[] | undefined): T[] => fresh.map((x, i) => (old?.[i] ? { ...x, uid: old[i].uid } : x));
  return keepUids(fromDefinition(saved), before).map((f, i) => ({
    ...f,
    options: keepUids(f.options, before[i]?.options),
    columns: keepUids(f.columns, before[i]?.columns).map((c, j) => ({ ...c, options: keepUids(c.options, before[i]?.columns[j]?.options) })),
  }));
}

const toOptions = (options: DesignerOption[]) => options.map((o) => ({ value: o.value, label: o.label }));

/** The definition to save and preview: only the properties the field's type uses; the eligibility rules with their fields' keys. */
export function toDefinition(fields: DesignerField[], rules: DesignerRule[] = []): FormDefinition {
  return {
    eligibility: toRules(rules, fields),
    fields: fields.map((f): FormField => {
      const t = f.type;
      const pattern = f.pattern.regex.trim() || f.pattern.message.trim() ? { regex: f.pattern.regex, message: f.pattern.message } : null;
      return {
        key: f.key,
        label: f.label,
        type: t,
        required: f.required,
        help: f.help,
        placeholder: USES.placeholder(t) ? f.placeholder : '',
        pattern: USES.pattern(t) ? pattern : null,
        minLength: USES.length(t) ? f.minLength : null,
        maxLength: USES.length(t) ? f.maxLength : null,
        min: USES.range(t) ? f.min : null,
        max: USES.range(t) ? f.max : null,
        options: USES.options(t) ? toOptions(f.options) : [],
        columns: USES.columns(t)
          ? f.columns.map((c) => ({ key: c.key, label: c.label, type: c.type, required: c.required, options: c.type === 'choice' ? toOptions(c.options) : [] }))
          : [],
        maxRows: USES.columns(t) ? f.maxRows : 10,
        showIf: f.showIf ? { field: f.showIf.field, anyOf: [...f.showIf.anyOf] } : null,
        prefill: f.prefill,
      };
    }),
  };
}

// ───────────────────────── eligibility rules (受理条件校验) ─────────────────────────

/** A rule of the working copy. A residence rule points at its address field by the field's identity, so it follows a renamed key. */
export interface DesignerRule {
  uid: string;
  kind: EligibilityKind;
  /** age: 最小 / 最大周岁 */
  min: number | null;
  max: number | null;
  /** residence: the address field (its uid), or null when none is chosen (or it was removed) */
  fieldUid: string | null;
  /** residence: the saved key when no field of the working copy has it (so the problem can name it) */
  missingKey: string;
  /** the message shown when it fails ('' → generated) */
  message: string;
}

/** The working copy of a definition's rules; residence rules find their field by key among `fields` (its working copy). */
export function fromRules(def: Pick<FormDefinition, 'eligibility'>, fields: DesignerField[]): DesignerRule[] {
  return (def.eligibility ?? []).map((r) => {
    const base = { uid: newUid('r'), kind: r.kind, min: null, max: null, fieldUid: null, missingKey: '', message: r.message };
    if (r.kind === 'age') return { ...base, min: r.min, max: r.max };
    const field = fields.find((f) => f.key === r.field);
    return { ...base, fieldUid: field?.uid ?? null, missingKey: field ? '' : r.field };
  });
}

/** The rules to save: an age rule's bounds, a residence rule's field key ('' when none is chosen: the check says so). */
export function toRules(rules: DesignerRule[], fields: DesignerField[]): EligibilityRule[] {
  return rules.map((r): EligibilityRule => {
    if (r.kind === 'age') return { kind: 'age', min: r.min, max: r.max, message: r.message };
    const field = r.fieldUid ? fields.find((f) => f.uid === r.fieldUid) : undefined;
    return { kind: 'residence', field: field?.key ?? r.missingKey, message: r.message };
  });
}

/** The form's address fields (地址（含区划）): what a residence rule may point at. */
export const addressFields = (fields: DesignerField[]): DesignerField[] => fields.filter((f) => f.type === 'address');

/** A new rule: an age rule of at least 60 周岁, or a residence rule on the first address field not yet used by one. */
export function newRule(kind: EligibilityKind, fields: DesignerField[], rules: DesignerRule[] = []): DesignerRule {
  const used = new Set(rules.map((r) => r.fieldUid));
  const field = addressFields(fields).find((f) => !used.has(f.uid)) ?? addressFields(fields)[0];
  return { uid: newUid('r'), kind, min: kind === 'age' ? 60 : null, max: null, fieldUid: kind === 'residence' ? (field?.uid ?? null) : null, missingKey: '', message: '' };
}

/** The rules that point at a field (asked about before the field is removed). */
export const rulesOn = (rules: DesignerRule[], fieldUid: string): DesignerRule[] => rules.filter((r) => r.kind === 'residence' && r.fieldUid === fieldUid);

/** After a field is removed: the residence rules on it point at nothing (the check asks for a field). */
export const forgetField = (rules: DesignerRule[], fieldUid: string): DesignerRule[] =>
  rules.map((r) => (r.fieldUid === fieldUid ? { ...r, fieldUid: null, missingKey: '' } : r));

/** After a save: the server's rules become the working copy, keeping each rule's identity (by position). */
export function adoptSavedRules(before: DesignerRule[], saved: FormDefinition, fields: DesignerField[]): DesignerRule[] {
  return fromRules(saved, fields).map((r, i) => (before[i] ? { ...r, uid: before[i].uid } : r));
}

// ───────────────────────── new fields ─────────────────────────

function defaultOptions(): DesignerOption[] {
  return [
    { uid: newUid('o'), value: 'xuanXiang1', label: '选项1', autoValue: true },
    { uid: newUid('o'), value: 'xuanXiang2', label: '选项2', autoValue: true },
  ];
}

export function newColumn(columns: DesignerColumn[], type: ColumnType = 'text'): DesignerColumn {
  const label = `第${columns.length + 1}列`;
  return {
    uid: newUid('c'),
    key: keyFromLabel(label, columns.map((c) => c.key), 'col'),
    label,
    type,
    required: false,
    autoKey: true,
    options: type === 'choice' ? defaultOptions() : [],
  };
}

/** A new field of `type`, labelled with the type's name and a key no other field has. */
export function newField(type: FieldType, fields: DesignerField[]): DesignerField {
  const label = FIELD_TYPES[type];
  const field: DesignerField = {
    uid: newUid(),
    key: keyFromLabel(label, fields.map((f) => f.key)),
    label,
    type,
    autoKey: true,
    savedKey: null,
    required: false,
    help: '',
    placeholder: '',
    pattern: { regex: '', message: '' },
    minLength: null,
    maxLength: null,
    min: null,
    max: null,
    options: isChoice(type) ? defaultOptions() : [],
    columns: [],
    maxRows: 10,
    showIf: null,
    prefill: 'none',
  };
  if (type === 'table') field.columns = [newColumn([])];
  return field;
}

/** Inserts `field` after the field `afterUid` (or at the end). */
export function insertAfter(fields: DesignerField[], field: DesignerField, afterUid: string | null): DesignerField[] {
  const at = afterUid ? fields.findIndex((f) => f.uid === afterUid) : -1;
  if (at < 0) return [...fields, field];
  return [...fields.slice(0, at + 1), field, ...fields.slice(at + 1)];
}

// ───────────────────────── editing ─────────────────────────

/** Moves a field one place up (-1) or down (+1); the same array when it cannot move. */
export function moveField(fields: DesignerField[], uid: string, delta: -1 | 1): DesignerField[] {
  const from = fields.findIndex((f) => f.uid === uid);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= fields.length) return fields;
  const next = [...fields];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}

export function moveItem<T>(list: T[], from: number, to: number): T[] {
  if (from < 0 || to < 0 || from >= list.length || to >= list.length || from === to) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/** Fields whose condition looks at `key`. */
export const dependentsOf = (fields: DesignerField[], key: string): DesignerField[] => fields.filter((f) => f.showIf?.field === key);

/** Removes a field; conditions that looked at it go too (the designer asks first). */
export function removeField(fields: DesignerField[], uid: string): DesignerField[] {
  const gone = fields.find((f) => f.uid === uid);
  if (!gone) return fields;
  return fields.filter((f) => f.uid !== uid).map((f) => (f.showIf?.field === gone.key ? { ...f, showIf: null } : f));
}

export type FieldPatch = Partial<Omit<DesignerField, 'uid' | 'autoKey' | 'savedKey'>>;

/**
 * Applies an edit of one field. A new label carries an automatic key along — and an emptied key,
 * which becomes automatic again; a key typed by hand stops that. A changed key is followed by the
 * conditions that point at it; changed or removed options by the values those conditions list.
 */
export function updateField(fields: DesignerField[], uid: string, patch: FieldPatch): DesignerField[] {
  const index = fields.findIndex((f) => f.uid === uid);
  if (index < 0) return fields;
  const before = fields[index];
  const next: DesignerField = { ...before, ...patch };
  if (patch.key !== undefined && patch.key !== before.key) next.autoKey = false;
  else if (patch.label !== undefined && (before.autoKey || before.key === '')) {
    next.key = keyFromLabel(patch.label, fields.filter((f) => f.uid !== uid).map((f) => f.key));
    next.autoKey = true;
  }
  if (patch.type !== undefined && patch.type !== before.type) {
    if (isChoice(patch.type) && next.options.length === 0) next.options = defaultOptions();
    if (patch.type === 'table' && next.columns.length === 0) next.columns = [newColumn([])];
    if (!prefillChoices(patch.type).includes(next.prefill)) next.prefill = 'none';
  }
  const out = fields.map((f, i) => (i === index ? next : f));
  return out.map((f) => {
    if (!f.showIf || f.showIf.field !== before.key) return f;
    if (!isChoice(next.type)) return f; // the check reports the broken condition; the admin decides
    const values = followOptions(before.options, next.options, f.showIf.anyOf);
    return { ...f, showIf: { field: next.key, anyOf: values } };
  });
}

/**
 * 按标题重新生成: the field's key from its label again (unique in the form), following the label
 * from now on; the conditions that point at the field follow the new key.
 */
export function followLabel(fields: DesignerField[], uid: string): DesignerField[] {
  const field = fields.find((f) => f.uid === uid);
  if (!field) return fields;
  const key = keyFromLabel(field.label, fields.filter((f) => f.uid !== uid).map((f) => f.key));
  return updateField(fields, uid, { key }).map((f) => (f.uid === uid ? { ...f, autoKey: true } : f));
}

/** Condition values after the options changed: renamed values follow (by option identity), removed ones drop. */
export function followOptions(before: DesignerOption[], after: DesignerOption[], anyOf: string[]): string[] {
  const byUid = new Map(after.map((o) => [o.uid, o.value]));
  const out: string[] = [];
  for (const value of anyOf) {
    const old = before.find((o) => o.value === value);
    const now = old ? byUid.get(old.uid) : after.some((o) => o.value === value) ? value : undefined;
    if (now !== undefined && !out.includes(now)) out.push(now);
  }
  return out;
}

/** Edits one option (the value follows the label while automatic). */
export function updateOption(options: DesignerOption[], uid: string, patch: Partial<Pick<DesignerOption, 'label' | 'value'>>): DesignerOption[] {
  return options.map((o) => {
    if (o.uid !== uid) return o;
    const next = { ...o, ...patch };
    if (patch.value !== undefined && patch.value !== o.value) next.autoValue = false;
    else if (patch.label !== undefined && o.autoValue) {
      next.value = keyFromLabel(patch.label, options.filter((x) => x.uid !== uid).map((x) => x.value), 'opt');
    }
    return next;
  });
}

export function addOption(options: DesignerOption[]): DesignerOption[] {
  const label = `选项${options.length + 1}`;
  return [...options, { uid: newUid('o'), label, value: keyFromLabel(label, options.map((o) => o.value), 'opt'), autoValue: true }];
}

/** Edits one column of a table (the key follows the label while automatic). */
export function updateColumn(columns: DesignerColumn[], uid: string, patch: Partial<Omit<DesignerColumn, 'uid' | 'autoKey'>>): DesignerColumn[] {
  return columns.map((c) => {
    if (c.uid !== uid) return c;
    const next = { ...c, ...patch };
    if (patch.key !== undefined && patch.key !== c.key) next.autoKey = false;
    else if (patch.label !== undefined && (c.autoKey || c.key === '')) {
      next.autoKey = true;
      next.key = keyFromLabel(patch.label, columns.filter((x) => x.uid !== uid).map((x) => x.key), 'col');
    }
    if (patch.type === 'choice' && next.options.length === 0) next.options = defaultOptions();
    return next;
  });
}

/** The earlier single/multiple-choice fields a field's condition may look at. */
export function conditionSources(fields: DesignerField[], uid: string): DesignerField[] {
  const index = fields.findIndex((f) => f.uid === uid);
  return fields.slice(0, Math.max(index, 0)).filter((f) => isChoice(f.type));
}

/** Where a field of this type may be filled from: the profile value that fits it, or earlier applications. */
export function prefillChoices(type: FieldType): PrefillSource[] {
  const out: PrefillSource[] = ['none'];
  if (type === 'text') out.push('profile.name', 'profile.idNumber', 'profile.phone');
  if (type === 'id_number') out.push('profile.idNumber');
  if (type === 'phone') out.push('profile.phone');
  if (type !== 'attachment') out.push('previous');
  return out;
}

// ───────────────────────── problems ─────────────────────────

/** A problem of the definition, placed on a field's property (prop null: the field as a whole or the form), or on an eligibility rule's. */
export interface DesignProblem {
  /** index of the field in the definition, or null for the form as a whole (or a rule) */
  index: number | null;
  /** index of the eligibility rule, when the problem is a rule's */
  rule?: number;
  prop: string | null;
  message: string;
}

const PROP_NAMES: Record<string, string> = {
  key: '字段标识', label: '标题', type: '类型', help: '填写说明', placeholder: '输入提示', pattern: '格式规则', minLength: '最少字数', maxLength: '最多字数',
  min: '最小值', max: '最大值', options: '选项', columns: '表格列', maxRows: '最多行数', showIf: '显示条件', prefill: '自动填充', required: '必填',
};
export const propName = (prop: string | null): string => (prop ? (PROP_NAMES[prop] ?? prop) : '');

/** ['fields', 2, 'columns', 0, 'label'] → field 2, prop columns, "第 1 列：…". */
export function placeProblem(path: readonly (string | number)[], message: string): DesignProblem {
  if (path[0] === 'eligibility' && typeof path[1] === 'number') return { index: null, rule: path[1], prop: typeof path[2] === 'string' ? path[2] : null, message };
  if (path[0] !== 'fields' || typeof path[1] !== 'number') return { index: null, prop: null, message };
  const prop = typeof path[2] === 'string' ? path[2] : null;
  const sub = path[3];
  let text = message;
  if (typeof sub === 'number' && prop === 'columns') text = `第 ${sub + 1} 列${path[4] === 'options' ? '的选项' : ''}：${message}`;
  else if (typeof sub === 'number' && prop === 'options') text = `第 ${sub + 1} 个选项：${message}`;
  return { index: path[1], prop, message: text };
}

/** Problems the server would report, found the same way (the shared schema) before saving. */
export function checkDefinition(def: FormDefinition): DesignProblem[] {
  const result = formDefinitionSchema.safeParse(def);
  if (result.success) return [];
  return result.error.issues.map((i) => placeProblem(i.path.filter((p): p is string | number => typeof p !== 'symbol'), i.message));
}

/** The server's VALIDATION_FAILED details (`definition.fields.2.options`) placed like local ones. */
export function placeServerProblems(details: { field: string; message: string }[]): DesignProblem[] {
  return details.map((d) => {
    const parts = d.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (parts[0] === 'definition') return placeProblem(parts.slice(1), d.message);
    return { index: null, prop: null, message: d.field ? `${d.field}：${d.message}` : d.message };
  });
}

// ───────────────────────── preview ─────────────────────────

function fits(field: FormField, v: FormValue): boolean {
  switch (field.type) {
    case 'number':
      return typeof v === 'number' || v === null;
    case 'multi_choice':
    case 'attachment':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'table':
      return Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x));
    case 'address':
      return typeof v === 'object' && v !== null && !Array.isArray(v) && 'regionCode' in v;
    case 'choice':
      return typeof v === 'string' && field.options.some((o) => o.value === v);
    default:
      return typeof v === 'string';
  }
}

/**
 * The trial answers that still make sense for the definition being edited: answers of removed
 * fields, answers whose shape no longer fits a retyped field, and table cells of removed columns go.
 */
export function keepFittingAnswers(def: Pick<FormDefinition, 'fields'>, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of def.fields) {
    const v = values[f.key];
    if (v === undefined || !fits(f, v)) continue;
    if (f.type === 'multi_choice') out[f.key] = (v as string[]).filter((x) => f.options.some((o) => o.value === x));
    else if (f.type === 'table') {
      const keys = new Set(f.columns.map((c) => c.key));
      out[f.key] = (v as Record<string, string | number | null>[]).map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => keys.has(k))));
    } else out[f.key] = v;
  }
  return out;
}

/** What would be submitted: answers of the fields shown (hidden fields' answers are not sent). */
export function submittedAnswers(def: Pick<FormDefinition, 'fields'>, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of visibleFields(def, values)) if (values[f.key] !== undefined) out[f.key] = values[f.key];
  return out;
}

/**
 * The validator's messages for the preview, by field key: for the fields in `only` (those the
 * admin has answered) or, after 模拟提交, for all of them.
 */
export function previewErrors(def: Pick<FormDefinition, 'fields'>, values: FormValues, only: Set<string> | 'all'): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of validateForm(def, submittedAnswers(def, values))) {
    const key = p.field.replace(/^formData\./, '');
    if (only !== 'all' && !only.has(key)) continue;
    errors[key] ??= p.message;
  }
  return errors;
}

/** Column types in the order the columns editor offers them. */
export const COLUMN_TYPE_CHOICES: readonly ColumnType[] = COLUMN_TYPES;
