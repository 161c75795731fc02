/**
 * The application-form definition (what the designer may save) and the one validator that the
 * server enforces and the web app runs as the applicant types (src/shared/forms.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  applicantRow, conditionHolds, displayValue, formDefinitionSchema, formFieldSchema, formValuesSchema, storedFormDefinitionSchema, tableProblems, tableRowNoun,
  tableRowsText, tableRowWords, validateForm, visibleFields, type FormDefinition, type FormFieldInput, type FormValues,
} from '../../src/shared/forms.js';
import { checkPattern, nativePatternEngine, setPatternEngine, type PatternEngine } from '../../src/shared/form-patterns.js';
// installs RE2 as the server does: the tests of this file run on the server's engine unless they switch
import { re2PatternEngine } from '../../src/server/modules/forms/patterns.js';
import { idNumberCheckChar } from '../../src/shared/validators.js';

const def = (fields: FormFieldInput[]): FormDefinition => formDefinitionSchema.parse({ fields });
const field = (f: FormFieldInput) => formFieldSchema.parse(f);
/** The issues of a definition that does not save, as { path: message }. */
function issues(fields: unknown[]): Record<string, string> {
  const r = formDefinitionSchema.safeParse({ fields });
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
}
const problems = (d: FormDefinition, v: FormValues) => Object.fromEntries(validateForm(d, v).map((p) => [p.field, p.message]));

const yesNo = [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }];
/** A real ID number (GB 11643 check character computed here, not copied). */
const ID_17 = '37088319650302123';
const GOOD_ID = ID_17 + idNumberCheckChar(ID_17);
const BAD_ID = ID_17 + (idNumberCheckChar(ID_17) === '0' ? '1' : '0');
const UUID = '0b5f7e0c-3c1a-4d4e-9a9b-3f2a1c0d5e6f';

describe('form definition: what the designer may save', () => {
  it('fills in defaults for a minimal field', () => {
    expect(field({ key: 'name', label: '姓名', type: 'text' })).toEqual({
      key: 'name', label: '姓名', type: 'text', required: false, help: '', placeholder: '', pattern: null, minLength: null, maxLength: null,
      min: null, max: null, options: [], columns: [], maxRows: 10, showIf: null, prefill: 'none',
    });
  });

  it('accepts a form using every field type', () => {
    const d = def([
      { key: 'name', label: '姓名', type: 'text', required: true, pattern: { regex: '[\\p{Script=Han}]{2,10}', message: '请填写中文姓名' } },
      { key: 'story', label: '情况说明', type: 'textarea', minLength: 5, maxLength: 500 },
      { key: 'size', label: '人口', type: 'number', min: 1, max: 20 },
      { key: 'born', label: '出生日期', type: 'date' },
      { key: 'housing', label: '住房', type: 'choice', options: [{ value: 'own', label: '自有' }, { value: 'rent', label: '租房' }] },
      { key: 'needs', label: '困难', type: 'multi_choice', options: [{ value: 'ill', label: '因病' }, { value: 'old', label: '年老' }] },
      { key: 'idNo', label: '身份证号', type: 'id_number', prefill: 'profile.idNumber' },
      { key: 'tel', label: '电话', type: 'phone', prefill: 'profile.phone' },
      { key: 'home', label: '住址', type: 'address', prefill: 'previous' },
      { key: 'members', label: '成员', type: 'table', maxRows: 3, columns: [{ key: 'n', label: '姓名', type: 'text', required: true }] },
      { key: 'photos', label: '照片', type: 'attachment' },
    ]);
    expect(d.fields.map((f) => f.type)).toEqual(['text', 'textarea', 'number', 'date', 'choice', 'multi_choice', 'id_number', 'phone', 'address', 'table', 'attachment']);
  });

  it('refuses bad keys, labels, types, unknown properties and prefill sources, at the field', () => {
    expect(issues([{ key: '1abc', label: '甲', type: 'text' }])).toHaveProperty(['fields.0.key']);
    expect(issues([{ key: 'a-b', label: '甲', type: 'text' }])).toHaveProperty(['fields.0.key']);
    expect(issues([{ key: 'a'.repeat(41), label: '甲', type: 'text' }])).toHaveProperty(['fields.0.key']);
    expect(formFieldSchema.safeParse({ key: 'a'.repeat(40), label: '甲', type: 'text' }).success).toBe(true);
    expect(issues([{ key: 'a', label: '  ', type: 'text' }])['fields.0.label']).toBe('请填写标题');
    expect(issues([{ key: 'a', label: '甲'.repeat(61), type: 'text' }])['fields.0.label']).toBe('标题不超过 60 字');
    expect(issues([{ key: 'a', label: '甲', type: 'signature' }])).toHaveProperty(['fields.0.type']);
    expect(issues([{ key: 'a', label: '甲', type: 'text', colour: 'red' }])).toHaveProperty(['fields.0']);
    expect(issues([{ key: 'a', label: '甲', type: 'text', prefill: 'profile.address' }])).toHaveProperty(['fields.0.prefill']);
    expect(issues([{ key: 'a', label: '甲', type: 'table', maxRows: 51, columns: [{ key: 'c', label: '列', type: 'text' }] }])).toHaveProperty(['fields.0.maxRows']);
    expect(issues([{ key: 'a', label: '甲', type: 'table', columns: [{ key: 'c', label: '列', type: 'attachment' }] }])).toHaveProperty(['fields.0.columns.0.type']);
  });

  it('at most 60 fields', () => {
    const many = Array.from({ length: 61 }, (_, i) => ({ key: `f${i}`, label: `字段${i}`, type: 'text' }));
    expect(issues(many).fields).toBe('表单字段不超过 60 个');
    expect(formDefinitionSchema.safeParse({ fields: many.slice(0, 60) }).success).toBe(true);
  });

  it('cross-field checks point at the field and property', () => {
    expect(issues([{ key: 'a', label: '甲', type: 'text' }, { key: 'a', label: '乙', type: 'number' }])).toEqual({ 'fields.1.key': '字段标识「a」重复' });
    expect(issues([{ key: 'c', label: '甲', type: 'choice', options: [{ value: 'x', label: 'X' }] }])).toEqual({ 'fields.0.options': '选择题至少两个选项' });
    expect(issues([{ key: 'c', label: '甲', type: 'multi_choice' }])).toEqual({ 'fields.0.options': '选择题至少两个选项' });
    expect(issues([{ key: 'c', label: '甲', type: 'choice', options: [{ value: 'x', label: 'X' }, { value: 'x', label: 'Y' }] }])).toEqual({ 'fields.0.options': '选项值「x」重复' });
    expect(issues([{ key: 't', label: '表', type: 'table' }])).toEqual({ 'fields.0.columns': '表格至少一列' });
    expect(issues([{ key: 't', label: '表', type: 'table', columns: [{ key: 'c', label: '一', type: 'text' }, { key: 'c', label: '二', type: 'text' }] }])).toEqual({ 'fields.0.columns': '列标识「c」重复' });
    expect(issues([{ key: 't', label: '表', type: 'table', columns: [{ key: 'c', label: '关系', type: 'choice', options: [{ value: 'x', label: 'X' }] }] }])).toEqual({ 'fields.0.columns': '列「关系」至少两个选项' });
    expect(issues([{ key: 'n', label: '数', type: 'number', min: 5, max: 4 }])).toEqual({ 'fields.0.max': '最大值不能小于最小值' });
    expect(formDefinitionSchema.safeParse({ fields: [{ key: 'n', label: '数', type: 'number', min: 4, max: 4 }] }).success).toBe(true);
    expect(issues([{ key: 's', label: '文', type: 'text', minLength: 10, maxLength: 9 }])).toEqual({ 'fields.0.maxLength': '最多字数不能小于最少字数' });
    // every problem of the form is reported at once, each at its own field
    expect(Object.keys(issues([
      { key: 'a', label: '甲', type: 'text' }, { key: 'a', label: '乙', type: 'text' }, { key: 'n', label: '数', type: 'number', min: 2, max: 1 },
    ])).sort()).toEqual(['fields.1.key', 'fields.2.max']);
  });

  it('a regular expression that does not compile is refused at save time (and so never reaches an applicant)', () => {
    expect(issues([{ key: 's', label: '文', type: 'text', pattern: { regex: '([0-9]', message: '格式不对' } }])).toEqual({ 'fields.0.pattern': '格式规则不是有效的正则表达式：缺少 )' });
    expect(issues([{ key: 's', label: '文', type: 'text', pattern: { regex: 'a{2,1}', message: '格式不对' } }])).toEqual({ 'fields.0.pattern': '格式规则不是有效的正则表达式：重复次数 {n,m} 中 n 不能大于 m' });
    expect(issues([{ key: 's', label: '文', type: 'text', pattern: { regex: '[0-9', message: '格式不对' } }])).toEqual({ 'fields.0.pattern': '格式规则不是有效的正则表达式：缺少 ]' });
    expect(issues([{ key: 's', label: '文', type: 'text', pattern: { regex: 'a)', message: '格式不对' } }])).toEqual({ 'fields.0.pattern': '格式规则不是有效的正则表达式：多了 )' });
    expect(issues([{ key: 's', label: '文', type: 'text', pattern: { regex: '', message: '格式不对' } }])).toHaveProperty(['fields.0.pattern.regex']);
    expect(issues([{ key: 's', label: '文', type: 'text', pattern: { regex: '\\d+', message: ' ' } }])).toHaveProperty(['fields.0.pattern.message']);
    expect(formDefinitionSchema.safeParse({ fields: [{ key: 's', label: '文', type: 'text', pattern: { regex: '\\d{6}', message: '6 位数字' } }] }).success).toBe(true);
  });

  it('a condition must refer to an earlier single/multi choice field and its own option values', () => {
    const choice = { key: 'q', label: '是否租房', type: 'choice', options: yesNo };
    expect(issues([choice, { key: 'r', label: '房租', type: 'number', showIf: { field: 'q', anyOf: ['yes'] } }])).toEqual({});
    expect(issues([{ key: 'r', label: '房租', type: 'number', showIf: { field: 'q', anyOf: ['yes'] } }, choice])).toEqual({ 'fields.0.showIf': '显示条件引用的字段「q」须在本字段之前' });
    expect(issues([{ key: 'r', label: '房租', type: 'number', showIf: { field: 'nobody', anyOf: ['yes'] } }])).toEqual({ 'fields.0.showIf': '显示条件引用的字段「nobody」须在本字段之前' });
    expect(issues([{ key: 't', label: '文', type: 'text' }, { key: 'r', label: '房租', type: 'number', showIf: { field: 't', anyOf: ['yes'] } }])).toEqual({ 'fields.1.showIf': '显示条件只能引用单选或多选字段' });
    expect(issues([choice, { key: 'r', label: '房租', type: 'number', showIf: { field: 'q', anyOf: ['yes', 'maybe', 'later'] } }])).toEqual({ 'fields.1.showIf': '显示条件的取值不在「是否租房」的选项中：maybe、later' });
    expect(issues([choice, { key: 'r', label: '房租', type: 'number', showIf: { field: 'q', anyOf: [] } }])).toEqual({ 'fields.1.showIf.anyOf': '请至少选择一个取值' });
  });

  it('a field cannot be shown on a condition on itself (it could never show)', () => {
    const self = { key: 'q', label: '是否租房', type: 'choice', options: yesNo, showIf: { field: 'q', anyOf: ['yes'] } };
    expect(issues([self])).toEqual({ 'fields.0.showIf': '显示条件引用的字段「q」须在本字段之前' });
  });
});

describe('visibleFields: conditions on earlier answers', () => {
  const d = def([
    { key: 'housing', label: '住房', type: 'choice', options: [{ value: 'own', label: '自有' }, { value: 'rent', label: '租房' }, { value: 'lodge', label: '借住' }] },
    { key: 'rentKind', label: '租房类型', type: 'choice', options: [{ value: 'public', label: '公租房' }, { value: 'private', label: '私人' }], showIf: { field: 'housing', anyOf: ['rent'] } },
    { key: 'landlord', label: '房东', type: 'text', showIf: { field: 'rentKind', anyOf: ['private'] } },
    { key: 'needs', label: '困难', type: 'multi_choice', options: [{ value: 'ill', label: '因病' }, { value: 'old', label: '年老' }, { value: 'none', label: '无' }] },
    { key: 'illness', label: '病种', type: 'text', showIf: { field: 'needs', anyOf: ['ill', 'old'] } },
    { key: 'note', label: '备注', type: 'textarea' },
  ]);
  const keys = (v: FormValues) => visibleFields(d, v).map((f) => f.key);

  it('shows unconditional fields, in order, and conditional ones when the answer is one of anyOf', () => {
    expect(keys({})).toEqual(['housing', 'needs', 'note']);
    expect(keys({ housing: 'own' })).toEqual(['housing', 'needs', 'note']);
    expect(keys({ housing: 'rent' })).toEqual(['housing', 'rentKind', 'needs', 'note']);
    expect(keys({ housing: 'rent', rentKind: 'private' })).toEqual(['housing', 'rentKind', 'landlord', 'needs', 'note']);
  });

  it('a multi-choice answer shows the field when it contains any of anyOf', () => {
    expect(keys({ needs: ['none'] })).toEqual(['housing', 'needs', 'note']);
    expect(keys({ needs: ['none', 'old'] })).toEqual(['housing', 'needs', 'illness', 'note']);
    expect(keys({ needs: [] })).toEqual(['housing', 'needs', 'note']);
  });

  it('a hidden field hides the fields that depend on it, even when its stale answer would show them', () => {
    expect(keys({ housing: 'own', rentKind: 'private' })).toEqual(['housing', 'needs', 'note']);
    expect(keys({ rentKind: 'private' })).toEqual(['housing', 'needs', 'note']);
  });

  it('conditionHolds: no condition holds; a non-string answer never matches', () => {
    expect(conditionHolds(null, {})).toBe(true);
    expect(conditionHolds({ field: 'x', anyOf: ['1'] }, { x: 1 })).toBe(false);
    expect(conditionHolds({ field: 'x', anyOf: ['1'] }, { x: '1' })).toBe(true);
    expect(conditionHolds({ field: 'x', anyOf: ['true'] }, { x: true })).toBe(false);
  });
});

describe('validateForm: every field type', () => {
  it('required visible fields; blank means missing, empty string, whitespace, null or an empty list', () => {
    const d = def([{ key: 'a', label: '甲', type: 'text', required: true }, { key: 'b', label: '乙', type: 'multi_choice', required: true, options: yesNo }, { key: 'c', label: '丙', type: 'text' }]);
    expect(problems(d, {})).toEqual({ 'formData.a': '请填写「甲」', 'formData.b': '请填写「乙」' });
    expect(problems(d, { a: '   ', b: [] })).toEqual({ 'formData.a': '请填写「甲」', 'formData.b': '请填写「乙」' });
    expect(problems(d, { a: null, b: ['yes'], c: '' })).toEqual({ 'formData.a': '请填写「甲」' });
    expect(validateForm(d, { a: '好', b: ['yes'] })).toEqual([]);
  });

  it('text and textarea: type, trimmed length in characters (not UTF-16 units), default caps, pattern', () => {
    const d = def([
      { key: 'name', label: '姓名', type: 'text', minLength: 2, maxLength: 4 },
      { key: 'plain', label: '文本', type: 'text' },
      { key: 'long', label: '说明', type: 'textarea' },
      { key: 'code', label: '证号', type: 'text', pattern: { regex: '\\d{6}', message: '应为 6 位数字' } },
    ]);
    expect(problems(d, { name: '张' })).toEqual({ 'formData.name': '「姓名」至少 2 字' });
    expect(problems(d, { name: ' 张三 ' })).toEqual({});
    expect(problems(d, { name: '欧阳娜娜子' })).toEqual({ 'formData.name': '「姓名」不超过 4 字' });
    expect(problems(d, { name: '𠀀𠀁𠀂𠀃' })).toEqual({}); // four characters outside the BMP are four, not eight
    expect(problems(d, { name: 12 })).toEqual({ 'formData.name': '「姓名」请输入文字' });
    expect(problems(d, { name: true })).toEqual({ 'formData.name': '「姓名」请输入文字' });
    expect(problems(d, { plain: 'x'.repeat(200) })).toEqual({});
    expect(problems(d, { plain: 'x'.repeat(201) })).toEqual({ 'formData.plain': '「文本」不超过 200 字' });
    expect(problems(d, { long: 'x'.repeat(2000) })).toEqual({});
    expect(problems(d, { long: 'x'.repeat(2001) })).toEqual({ 'formData.long': '「说明」不超过 2000 字' });
    expect(problems(d, { code: '123456' })).toEqual({});
    expect(problems(d, { code: ' 123456 ' })).toEqual({});
    // the pattern is anchored: a match inside the answer is not enough
    expect(problems(d, { code: '1234567' })).toEqual({ 'formData.code': '「证号」应为 6 位数字' });
    expect(problems(d, { code: 'a123456' })).toEqual({ 'formData.code': '「证号」应为 6 位数字' });
    // an alternation does not escape the anchors
    const alt = def([{ key: 'k', label: '类别', type: 'text', pattern: { regex: 'A|B', message: '只能填 A 或 B' } }]);
    expect(problems(alt, { k: 'A' })).toEqual({});
    expect(problems(alt, { k: 'AB' })).toEqual({ 'formData.k': '「类别」只能填 A 或 B' });
    expect(problems(alt, { k: 'xB' })).toEqual({ 'formData.k': '「类别」只能填 A 或 B' });
  });

  it('number: a finite number (not a numeric string) within min and max, inclusive', () => {
    const d = def([{ key: 'n', label: '人口', type: 'number', min: 1, max: 20 }, { key: 'free', label: '金额', type: 'number' }]);
    expect(problems(d, { n: 1, free: -5.5 })).toEqual({});
    expect(problems(d, { n: 20 })).toEqual({});
    expect(problems(d, { n: 0 })).toEqual({ 'formData.n': '「人口」不能小于 1' });
    expect(problems(d, { n: 21 })).toEqual({ 'formData.n': '「人口」不能大于 20' });
    expect(problems(d, { n: '3' })).toEqual({ 'formData.n': '「人口」请输入数字' });
    expect(problems(d, { n: Number.NaN })).toEqual({ 'formData.n': '「人口」请输入数字' });
    expect(problems(d, { n: Number.POSITIVE_INFINITY })).toEqual({ 'formData.n': '「人口」请输入数字' });
    // zero is an answer, not a blank
    const req = def([{ key: 'n', label: '收入', type: 'number', required: true, min: 0 }]);
    expect(problems(req, { n: 0 })).toEqual({});
  });

  it('date: YYYY-MM-DD of a day that exists', () => {
    const d = def([{ key: 'd', label: '日期', type: 'date' }]);
    expect(problems(d, { d: '2024-02-29' })).toEqual({});
    expect(problems(d, { d: '2026-12-31' })).toEqual({});
    for (const bad of ['2023-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '2026-1-5', '2026/01/05', '20260105', '2026-01-05T00:00', 'tomorrow']) {
      expect(problems(d, { d: bad }), bad).toEqual({ 'formData.d': '「日期」请输入有效日期（年-月-日）' });
    }
    expect(problems(d, { d: 20260105 })).toEqual({ 'formData.d': '「日期」请输入有效日期（年-月-日）' });
  });

  it('choice: one of the options by value (not by label)', () => {
    const d = def([{ key: 'c', label: '住房', type: 'choice', options: [{ value: 'own', label: '自有' }, { value: 'rent', label: '租房' }] }]);
    expect(problems(d, { c: 'rent' })).toEqual({});
    expect(problems(d, { c: '租房' })).toEqual({ 'formData.c': '「住房」请从选项中选择' });
    expect(problems(d, { c: ['rent'] })).toEqual({ 'formData.c': '「住房」请从选项中选择' });
  });

  it('multi_choice: a list of option values without duplicates', () => {
    const d = def([{ key: 'm', label: '困难', type: 'multi_choice', options: [{ value: 'ill', label: '因病' }, { value: 'old', label: '年老' }] }]);
    expect(problems(d, { m: ['ill', 'old'] })).toEqual({});
    expect(problems(d, { m: ['ill', 'rich'] })).toEqual({ 'formData.m': '「困难」请从选项中选择' });
    expect(problems(d, { m: ['ill', 'ill'] })).toEqual({ 'formData.m': '「困难」选项重复' });
    expect(problems(d, { m: 'ill' })).toEqual({ 'formData.m': '「困难」请从选项中选择' });
  });

  it('id_number: GB 11643 check character and birth date', () => {
    const d = def([{ key: 'i', label: '身份证号', type: 'id_number' }]);
    expect(problems(d, { i: GOOD_ID })).toEqual({});
    expect(problems(d, { i: '11010519491231002x' })).toEqual({}); // a lower-case x is the same check character
    expect(problems(d, { i: BAD_ID })).toEqual({ 'formData.i': '「身份证号」身份证号码不正确（请核对校验位）' });
    const feb30 = '37088319650230123';
    expect(problems(d, { i: feb30 + idNumberCheckChar(feb30) })).toEqual({ 'formData.i': '「身份证号」身份证号码不正确（请核对校验位）' });
    expect(problems(d, { i: GOOD_ID.slice(0, 15) })).toEqual({ 'formData.i': '「身份证号」身份证号码不正确（请核对校验位）' });
    expect(problems(d, { i: Number(GOOD_ID.slice(0, 15)) })).toEqual({ 'formData.i': '「身份证号」身份证号码不正确（请核对校验位）' });
  });

  it('phone: a mainland mobile number', () => {
    const d = def([{ key: 'p', label: '电话', type: 'phone' }]);
    expect(problems(d, { p: '13800000001' })).toEqual({});
    expect(problems(d, { p: '+86 138-0000-0001' })).toEqual({});
    for (const bad of ['12800000001', '1380000000', '138000000012', '0537-5211234']) expect(problems(d, { p: bad }), bad).toEqual({ 'formData.p': '「电话」手机号码应为 11 位数字' });
  });

  it('address: a region from the tree plus the street/house detail', () => {
    const d = def([{ key: 'home', label: '住址', type: 'address', required: true }]);
    expect(problems(d, { home: { regionCode: '370883001004', regionName: '钢山街道孟庄社区', detail: '3 号楼 2 单元' } })).toEqual({});
    expect(problems(d, { home: { regionCode: '370883001004', regionName: '钢山街道孟庄社区', detail: '  ' } })).toEqual({ 'formData.home': '「住址」请填写详细地址（街道、门牌号）' });
    // no region picked counts as not answered
    expect(problems(d, { home: { regionCode: '', regionName: '', detail: '3 号楼' } })).toEqual({ 'formData.home': '请填写「住址」' });
    expect(problems(d, { home: '邹城市钢山街道' })).toEqual({ 'formData.home': '「住址」请选择所在区划并填写详细地址' });
    expect(problems(d, { home: ['370883'] })).toEqual({ 'formData.home': '「住址」请选择所在区划并填写详细地址' });
  });

  describe('table', () => {
    const d = def([{
      key: 'members', label: '家庭成员', type: 'table', maxRows: 2, required: true,
      columns: [
        { key: 'name', label: '姓名', type: 'text', required: true },
        { key: 'relation', label: '关系', type: 'choice', required: true, options: [{ value: 'self', label: '本人' }, { value: 'child', label: '子女' }] },
        { key: 'idNo', label: '身份证号', type: 'id_number' },
        { key: 'income', label: '月收入', type: 'number' },
        { key: 'born', label: '出生日期', type: 'date' },
        { key: 'tel', label: '电话', type: 'phone' },
      ],
    }]);
    const row = (over: Record<string, string | number | null> = {}) => ({ name: '张三', relation: 'self', ...over });

    it('rows with required cells, typed cells and blank optional cells pass', () => {
      expect(problems(d, { members: [row({ idNo: GOOD_ID, income: 0, born: '1965-03-02', tel: '13800000001' }), row({ relation: 'child', idNo: null, income: null, tel: '' })] })).toEqual({});
    });
    it('a required table needs a row', () => {
      expect(problems(d, { members: [] })).toEqual({ 'formData.members': '请填写「家庭成员」' });
    });
    it('at most maxRows rows', () => {
      expect(problems(d, { members: [row(), row(), row()] })).toEqual({ 'formData.members': '「家庭成员」最多 2 位' });
    });
    it('unknown columns, missing required cells and wrong cell types, with the row in people\'s words (第 2 位)', () => {
      expect(problems(d, { members: [row(), { ...row(), age: 3 }] })).toEqual({ 'formData.members': '「家庭成员」第 2 位有未知的列「age」' });
      expect(problems(d, { members: [row({ name: '  ' })] })).toEqual({ 'formData.members': '「家庭成员」第 1 位请填写「姓名」' });
      expect(problems(d, { members: [{ name: '张三' }] })).toEqual({ 'formData.members': '「家庭成员」第 1 位请填写「关系」' });
      expect(problems(d, { members: [row({ relation: 'boss' })] })).toEqual({ 'formData.members': '「家庭成员」第 1 位「关系」请从选项中选择' });
      expect(problems(d, { members: [row(), row({ idNo: BAD_ID })] })).toEqual({ 'formData.members': '「家庭成员」第 2 位「身份证号」身份证号码不正确（请核对校验位）' });
      expect(problems(d, { members: [row({ income: '3000' })] })).toEqual({ 'formData.members': '「家庭成员」第 1 位「月收入」请输入数字' });
      expect(problems(d, { members: [row({ born: '1965-02-30' })] })).toEqual({ 'formData.members': '「家庭成员」第 1 位「出生日期」请输入有效日期（年-月-日）' });
      expect(problems(d, { members: [row({ tel: '110' })] })).toEqual({ 'formData.members': '「家庭成员」第 1 位「电话」手机号码应为 11 位数字' });
      expect(problems(d, { members: [row({ name: 5 })] })).toEqual({ 'formData.members': '「家庭成员」第 1 位「姓名」请输入文字' });
    });
    it('a value that is not a list of rows', () => {
      expect(problems(d, { members: '张三' })).toEqual({ 'formData.members': '「家庭成员」格式不正确' });
      expect(problems(d, { members: ['张三'] as unknown as FormValues[string] })).toEqual({ 'formData.members': '「家庭成员」第 1 位格式不正确' });
    });
  });

  it('attachment: a list of file ids', () => {
    const d = def([{ key: 'photos', label: '照片', type: 'attachment', required: true }]);
    expect(problems(d, { photos: [UUID] })).toEqual({});
    expect(problems(d, { photos: [] })).toEqual({ 'formData.photos': '请填写「照片」' });
    expect(problems(d, { photos: ['../../etc/passwd'] })).toEqual({ 'formData.photos': '「照片」附件格式不正确，请重新上传' });
    expect(problems(d, { photos: UUID })).toEqual({ 'formData.photos': '「照片」附件格式不正确，请重新上传' });
  });

  it('answers to keys the form does not have are reported, not dropped', () => {
    const d = def([{ key: 'a', label: '甲', type: 'text' }]);
    expect(problems(d, { a: '好', extra: '多余', other: null })).toEqual({ 'formData.extra': '表单中没有这一项', 'formData.other': '表单中没有这一项' });
    expect(problems(def([]), { a: 1 })).toEqual({ 'formData.a': '表单中没有这一项' });
    expect(validateForm(def([]), {})).toEqual([]);
  });

  it('hidden fields: not required, not checked, and an answer to one is reported (also down a chain)', () => {
    const d = def([
      { key: 'housing', label: '住房', type: 'choice', required: true, options: [{ value: 'own', label: '自有' }, { value: 'rent', label: '租房' }] },
      { key: 'rentKind', label: '租房类型', type: 'choice', required: true, options: [{ value: 'public', label: '公租房' }, { value: 'private', label: '私人' }], showIf: { field: 'housing', anyOf: ['rent'] } },
      { key: 'landlord', label: '房东', type: 'text', required: true, minLength: 2, showIf: { field: 'rentKind', anyOf: ['private'] } },
    ]);
    expect(problems(d, { housing: 'own' })).toEqual({});
    expect(problems(d, { housing: 'rent' })).toEqual({ 'formData.rentKind': '请填写「租房类型」' });
    expect(problems(d, { housing: 'rent', rentKind: 'private' })).toEqual({ 'formData.landlord': '请填写「房东」' });
    expect(problems(d, { housing: 'rent', rentKind: 'private', landlord: '王' })).toEqual({ 'formData.landlord': '「房东」至少 2 字' });
    expect(problems(d, { housing: 'rent', rentKind: 'public' })).toEqual({});
    // switching back to 自有 leaves stale answers: both are reported, the chained one too
    expect(problems(d, { housing: 'own', rentKind: 'private', landlord: '王大明' })).toEqual({
      'formData.rentKind': '「租房类型」在当前选择下不需要填写',
      'formData.landlord': '「房东」在当前选择下不需要填写',
    });
    // a cleared (null or empty) hidden answer is fine
    expect(problems(d, { housing: 'own', rentKind: null, landlord: '' })).toEqual({});
  });

  it('every problem comes back at once, in a stable order', () => {
    const d = def([{ key: 'a', label: '甲', type: 'text', required: true }, { key: 'n', label: '数', type: 'number', max: 1 }]);
    expect(validateForm(d, { n: 2, zz: 1 })).toEqual([
      { field: 'formData.zz', message: '表单中没有这一项' },
      { field: 'formData.a', message: '请填写「甲」' },
      { field: 'formData.n', message: '「数」不能大于 1' },
    ]);
  });
});

describe('formValuesSchema: the wire shape of answers', () => {
  const ok = (v: unknown) => formValuesSchema.safeParse(v).success;
  it('accepts scalars, string lists, rows and addresses', () => {
    expect(ok({ a: 'x', b: 1, c: true, d: null, e: ['x'], f: [{ name: '张三', n: 1, z: null }], g: { regionCode: '370883001', regionName: '钢山街道', detail: '1 号' } })).toBe(true);
    expect(ok({})).toBe(true);
  });
  it('refuses bad keys, nested objects, bad region codes, oversize values and too many keys', () => {
    expect(ok({ 'bad key': 1 })).toBe(false);
    expect(ok({ a: { b: 1 } })).toBe(false);
    expect(ok({ a: { regionCode: '37088', regionName: 'x', detail: 'y' } })).toBe(false);
    expect(ok({ a: { regionCode: '370883001', regionName: 'x', detail: 'y', extra: 1 } })).toBe(false);
    expect(ok({ a: 'x'.repeat(2001) })).toBe(false);
    expect(ok({ a: Array.from({ length: 31 }, () => 'x') })).toBe(false);
    expect(ok({ a: Array.from({ length: 51 }, () => ({ n: 1 })) })).toBe(false);
    expect(ok({ a: [{ n: { deep: 1 } }] })).toBe(false);
    expect(ok(Object.fromEntries(Array.from({ length: 61 }, (_, i) => [`k${i}`, 1])))).toBe(false);
    expect(ok(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 1])))).toBe(true);
  });
});

describe('tables in people\'s words: row names, cell problems, the applicant as the first row', () => {
  const members = field({
    key: 'members', label: '共同生活的家庭成员', type: 'table', required: true, help: '包括申请人本人',
    columns: [
      { key: 'name', label: '姓名', type: 'text', required: true },
      { key: 'relation', label: '与申请人关系', type: 'choice', required: true, options: [{ value: 'self', label: '本人' }, { value: 'spouse', label: '配偶' }] },
      { key: 'idNumber', label: '身份证号', type: 'id_number', required: true },
      { key: 'income', label: '月收入（元）', type: 'number' },
    ],
  });

  it('names a row from the label (or rowNoun): 添加家庭成员, 第 1 位家庭成员; things by 项; 行 when nothing fits', () => {
    const w = tableRowWords(members);
    expect([w.noun, w.unit, w.add, w.row(0), w.ordinal(1), w.count(3)]).toEqual(['家庭成员', '位', '添加家庭成员', '第 1 位家庭成员', '第 2 位', '3 位家庭成员']);
    expect(tableRowNoun({ label: '家庭成员情况（包括本人）' })).toBe('家庭成员');
    expect(tableRowNoun({ label: '共同生活家庭成员信息表' })).toBe('共同生活家庭成员');
    expect(tableRowWords({ label: '名下房产' }).add).toBe('添加名下房产');
    expect(tableRowWords({ label: '家庭房产情况' }).row(0)).toBe('第 1 项家庭房产');
    expect(tableRowWords({ label: '家庭财产', rowNoun: '房产或车辆' }).add).toBe('添加房产或车辆');
    const plain = tableRowWords({ label: '明细' });
    expect([plain.add, plain.row(0), plain.count(2)]).toEqual(['添加一行', '第 1 行', '2 行']);
    expect(tableRowWords({ label: '一个很长很长很长很长的名字很长的列表名称超过八个字' }).unit).toBe('行');
  });

  it('a row noun is kept with the definition, and is optional', () => {
    expect(field({ key: 't', label: '房产', type: 'table', rowNoun: ' 房产 ', columns: [{ key: 'a', label: '地址', type: 'text' }] }).rowNoun).toBe('房产');
    expect('rowNoun' in members).toBe(false);
  });

  it('finds every wrong cell, so the page marks the ID number that is wrong and not the first box', () => {
    const rows = [{ name: '王桂兰', relation: 'self', idNumber: GOOD_ID }, { name: '', relation: 'spouse', idNumber: BAD_ID }];
    expect(tableProblems(members, rows)).toEqual([
      { row: 1, column: 'name', message: '请填写「姓名」' },
      { row: 1, column: 'idNumber', message: '「身份证号」身份证号码不正确（请核对校验位）' },
    ]);
    expect(tableProblems(members, [{ name: '甲', relation: 'self', idNumber: BAD_ID, age: 3 }])).toEqual([{ row: 0, column: null, message: '有未知的列「age」' }]);
    expect(tableProblems(members, 'x')).toEqual([]);
  });

  it('the applicant is the first row when the columns allow it: name, 本人, the ID number', () => {
    expect(applicantRow(members, { name: '王桂兰', idNumber: GOOD_ID })).toEqual({ name: '王桂兰', relation: 'self', idNumber: GOOD_ID });
    expect(applicantRow(members, { name: '王桂兰', idNumber: null })).toEqual({ name: '王桂兰', relation: 'self' });
    expect(applicantRow(members, { name: null, idNumber: GOOD_ID })).toBeNull();
    const textRelation = field({ key: 't', label: '成员', type: 'table', columns: [{ key: 'n', label: '姓名', type: 'text' }, { key: 'r', label: '关系', type: 'text' }] });
    expect(applicantRow(textRelation, { name: '甲', idNumber: GOOD_ID })).toEqual({ n: '甲', r: '本人' });
    // no relationship column, or no 本人 to choose: the table is not a list that includes the applicant
    const noRelation = field({ key: 't', label: '成员', type: 'table', columns: [{ key: 'n', label: '姓名', type: 'text' }] });
    expect(applicantRow(noRelation, { name: '甲', idNumber: null })).toBeNull();
    const noSelf = field({ key: 't', label: '子女', type: 'table', columns: [{ key: 'n', label: '姓名', type: 'text' }, { key: 'r', label: '关系', type: 'choice', options: [{ value: 'son', label: '儿子' }, { value: 'daughter', label: '女儿' }] }] });
    expect(applicantRow(noSelf, { name: '甲', idNumber: null })).toBeNull();
    expect(applicantRow(field({ key: 'x', label: '姓名', type: 'text' }), { name: '甲', idNumber: null })).toBeNull();
  });

  it('shows the rows\' contents (options by label, ID numbers masked, empty cells left out)', () => {
    expect(tableRowsText(members, [{ name: '王桂兰', relation: 'self', idNumber: GOOD_ID, income: null }, { name: '李四', relation: 'spouse', income: 0 }])).toEqual([
      { title: '第 1 位家庭成员', text: `姓名：王桂兰，与申请人关系：本人，身份证号：${GOOD_ID.slice(0, 4)}**********${GOOD_ID.slice(-4)}` },
      { title: '第 2 位家庭成员', text: '姓名：李四，与申请人关系：配偶，月收入（元）：0' },
    ]);
    expect(tableRowsText(members, undefined)).toEqual([]);
  });
});

describe('displayValue: answers as people read them', () => {
  const f = (x: FormFieldInput) => field(x);
  it('labels for choices, region + detail for addresses, counts for tables and attachments, masked ID numbers', () => {
    const choice = f({ key: 'c', label: '住房', type: 'choice', options: [{ value: 'own', label: '自有住房' }, { value: 'rent', label: '租房' }] });
    expect(displayValue(choice, 'rent')).toBe('租房');
    expect(displayValue(choice, 'gone')).toBe('gone'); // an option removed since: the stored value still shows
    const multi = f({ key: 'm', label: '困难', type: 'multi_choice', options: [{ value: 'ill', label: '因病' }, { value: 'old', label: '年老' }] });
    expect(displayValue(multi, ['old', 'ill', 'x'])).toBe('年老、因病、x');
    expect(displayValue(f({ key: 'a', label: '住址', type: 'address' }), { regionCode: '370883001004', regionName: '钢山街道孟庄社区', detail: '3 号' })).toBe('钢山街道孟庄社区3 号');
    expect(displayValue(f({ key: 't', label: '成员', type: 'table', columns: [{ key: 'n', label: '姓名', type: 'text' }] }), [{ n: '甲' }, { n: '乙' }])).toBe('2 位成员');
    expect(displayValue(f({ key: 't', label: '明细', type: 'table', columns: [{ key: 'n', label: '名称', type: 'text' }] }), [{ n: '甲' }])).toBe('1 行');
    expect(displayValue(f({ key: 'p', label: '照片', type: 'attachment' }), [UUID])).toBe('1 个附件');
    expect(displayValue(f({ key: 'i', label: '身份证号', type: 'id_number' }), GOOD_ID)).toBe(`${GOOD_ID.slice(0, 4)}**********${GOOD_ID.slice(-4)}`);
    expect(displayValue(f({ key: 'i', label: '身份证号', type: 'id_number' }), GOOD_ID)).not.toContain(GOOD_ID.slice(4, 14));
    expect(displayValue(f({ key: 'n', label: '人口', type: 'number' }), 0)).toBe('0');
    expect(displayValue(f({ key: 'd', label: '日期', type: 'date' }), '2026-11-27')).toBe('2026-11-27');
  });
  it('blank answers show as empty', () => {
    const t = f({ key: 't', label: '文', type: 'text' });
    for (const v of [undefined, null, '', '  ', []]) expect(displayValue(t, v as FormValues[string])).toBe('');
    expect(displayValue(f({ key: 'a', label: '住址', type: 'address' }), { regionCode: '', regionName: '', detail: '' })).toBe('');
  });
});

describe('format rules: linear-time matching on the server, the same verdict in the browser (ReDoS)', () => {
  const rule = (regex: string, over: Partial<FormFieldInput> = {}) => def([{ key: 'code', label: '编号', type: 'text', pattern: { regex, message: '格式不对' }, ...over }]);
  const refused = (regex: string) => issues([{ key: 's', label: '文', type: 'text', pattern: { regex, message: '格式不对' } }])['fields.0.pattern'];
  const source = (regex: string) => {
    const checked = checkPattern(regex);
    if (!checked.ok) throw new Error(`${regex}: ${checked.message}`);
    return checked.source;
  };
  /** The CPU time (ms) this process spent on fn: other processes keeping the machine busy do not count. */
  function timed<T>(fn: () => T): [T, number] {
    const start = process.cpuUsage();
    const result = fn();
    const used = process.cpuUsage(start);
    return [result, (used.user + used.system) / 1000];
  }
  function withEngine<T>(engine: PatternEngine, fn: () => T): T {
    setPatternEngine(engine);
    try {
      return fn();
    } finally {
      setPatternEngine(re2PatternEngine);
    }
  }
  /** The verdict of each engine on an answer (as it is matched: validateForm trims it first). */
  const agree = (regex: string, answer: string) => {
    const canonical = source(regex);
    return { native: nativePatternEngine.compile(canonical)!(answer), re2: re2PatternEngine.compile(canonical)!(answer) };
  };
  /** The verdict of validateForm under each engine. */
  const verdicts = (regex: string, answer: string) => {
    const d = storedFormDefinitionSchema.parse({ fields: [{ key: 'code', label: '编号', type: 'textarea', pattern: { regex, message: '格式不对' } }] });
    const ok = () => validateForm(d, { code: answer }).length === 0;
    return { native: withEngine(nativePatternEngine, ok), re2: withEngine(re2PatternEngine, ok) };
  };

  it('the designer accepts nested and overlapping repetition such as (\\w|\\d)+$: RE2 runs it in linear time', () => {
    for (const regex of ['(\\w|\\d)+$', '(a+)+b', '(a|a)*b', '(\\d*)*x', '([a-z]+)*[0-9]', '(.*a){12}']) expect(refused(regex), regex).toBeUndefined();
  });

  it('adversarial answers to (\\w|\\d)+$, (a|a)*b and (a+)+b are refused in well under 100 ms of CPU', () => {
    const cases: [string, string][] = [
      ['(\\w|\\d)+$', `${'1'.repeat(28)}!`], // ~10 s with a backtracking RegExp
      ['(a|a)*b', 'a'.repeat(28)],
      ['(\\w|\\d)+$', `${'1'.repeat(199)}!`],
      ['(a|a)*b', 'a'.repeat(200)],
      ['(a+)+b', 'a'.repeat(200)],
      ['(.*a){12}', `${'a'.repeat(199)}b`],
    ];
    for (const [regex, answer] of cases) {
      const d = rule(regex);
      const [result, ms] = timed(() => problems(d, { code: answer }));
      expect(result, regex).toEqual({ 'formData.code': '「编号」格式不对' });
      expect(ms, `${regex} on ${answer.length} characters`).toBeLessThan(100);
    }
    // The most work the limits allow one rule: RE2 builds its DFA on first use (tens of ms on a
    // busy machine), later answers reuse it.
    const largest = rule('(?:a?){250}');
    const [, first] = timed(() => problems(largest, { code: `${'a'.repeat(199)}b` }));
    const [, again] = timed(() => problems(largest, { code: `${'a'.repeat(198)}bb` }));
    expect(first).toBeLessThan(1000);
    expect(again).toBeLessThan(100);
    // and matching ones still pass
    expect(problems(rule('(\\w|\\d)+$'), { code: 'abc123' })).toEqual({});
    expect(problems(rule('(a|a)*b'), { code: 'aaab' })).toEqual({});
  });

  it('the server engine stays linear on 10,000-character answers (longer than any field allows)', () => {
    for (const regex of ['(\\w|\\d)+$', '(a|a)*b', '(a+)+b', '([a-z]+)*[0-9]']) {
      const matches = re2PatternEngine.compile(source(regex))!;
      const [result, ms] = timed(() => matches('a'.repeat(10_000) + '!'));
      expect(result).toBe(false);
      expect(ms, regex).toBeLessThan(100);
    }
  });

  it('backreferences, lookaround, flags and syntax RE2 reads differently are refused at design time, in Chinese', () => {
    expect(refused('(a)\\1')).toBe('格式规则不支持反向引用（如 \\1、\\k<名称>）');
    expect(refused('(?<x>a)\\k<x>')).toBe('格式规则不支持反向引用（如 \\1、\\k<名称>）');
    for (const regex of ['a(?=b)', '\\d+(?!x)', '(?<=a)b', '(?<!a)b', '(?=.*\\d).{8,}']) {
      expect(refused(regex), regex).toBe('格式规则不支持前后查找（如 (?=…)、(?!…)、(?<=…)、(?<!…)）');
    }
    expect(refused('(?i)abc')).toMatch(/^格式规则不支持 \(\?…\) 这种写法/);
    expect(refused('(?P<n>a)')).toMatch(/^格式规则不支持 \(\?…\) 这种写法/);
    expect(refused('\\p{L}+')).toBe('格式规则只支持 \\p{Han}（汉字）这一种 \\p{…}，其他字符请用 [...] 列出');
    expect(refused('\\pL')).toMatch(/^格式规则只支持 \\p\{Han\}/);
    for (const e of ['Q', 'z', 'A', '0', 'c', 'h']) expect(refused(`a\\${e}`), e).toBe(`格式规则不支持转义 \\${e}`);
    // RE2 reads these as a POSIX class, a class holding "]", and a literal "{,3}"; JavaScript otherwise
    expect(refused('[[:alpha:]]')).toBe('格式规则不是有效的正则表达式：字符组中的 [ 请写作 \\[');
    expect(refused('[]a]')).toBe('格式规则不是有效的正则表达式：字符组 [] 不能为空（字符 ] 请写作 \\]）');
    expect(refused('a{,3}')).toMatch(/^格式规则不是有效的正则表达式：字符 \{ 请写作/);
    expect(refused('[\\S]')).toBe('格式规则的字符组 […] 中不支持 \\S，请写在字符组外');
    expect(refused('a**')).toBe('格式规则不是有效的正则表达式：量词不能连用（如 a**、a+{2}）');
    expect(refused('^*')).toMatch(/后面不能跟/);
    expect(refused('\\ud800')).toBe('格式规则含有不完整的字符（单独的代理项）');
  });

  it('limits: rule length, repetitions, expanded size (per rule and per form), and the length of answers matched', () => {
    expect(refused('a'.repeat(201))).toBe('格式规则不超过 200 个字符');
    expect(refused('a{1001}')).toBe('格式规则中的重复次数不能超过 1000');
    expect(refused('(a{30}){20}')).toMatch(/^格式规则过于复杂/);
    expect(refused('[0-9]{501}')).toMatch(/^格式规则过于复杂/);
    expect(refused('(){600}')).toMatch(/^格式规则过于复杂/); // an empty group repeated still counts
    expect(refused('\\d{500}')).toBeUndefined();
    expect(refused('\\d{17}[\\dX]')).toBeUndefined();
    // the rules of one form together: four of the largest rule allowed, a fifth is too much
    const big = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `f${i}`, label: `字段${i}`, type: 'text', pattern: { regex: '\\d{500}', message: '格式不对' } }));
    expect(issues(big(4))).toEqual({});
    expect(issues(big(5))).toEqual({ 'fields.4.pattern': '本表单的格式规则合计过于复杂（展开后超过 2000），请简化' });
    // answers longer than 200 characters are not matched: a field with a rule may not allow them
    expect(issues([{ key: 's', label: '文', type: 'text', maxLength: 201, pattern: { regex: '\\d+', message: '格式不对' } }])).toEqual({ 'fields.0.maxLength': '设置了格式规则的字段最多 200 字，请调整“最多字数”' });
    expect(issues([{ key: 's', label: '文', type: 'textarea', pattern: { regex: '\\d+', message: '格式不对' } }])).toEqual({ 'fields.0.maxLength': '设置了格式规则的字段最多 200 字，请调整“最多字数”' });
    expect(issues([{ key: 's', label: '文', type: 'textarea', maxLength: 200, pattern: { regex: '\\d+', message: '格式不对' } }])).toEqual({});
    // a form saved before the limit still has them refused without matching
    const legacy = storedFormDefinitionSchema.parse({ fields: [{ key: 'code', label: '编号', type: 'textarea', pattern: { regex: '[0-9a]+', message: '格式不对' } }] });
    expect(problems(legacy, { code: '1'.repeat(200) })).toEqual({});
    expect(problems(legacy, { code: '1'.repeat(201) })).toEqual({ 'formData.code': '「编号」不超过 200 字（有格式要求）' });
    expect(problems(legacy, { code: '1'.repeat(2000) })).toEqual({ 'formData.code': '「编号」不超过 200 字（有格式要求）' });
  });

  it('accepted syntax: escapes, classes, 汉字, named groups, lazy quantifiers, and the common presets', () => {
    for (const regex of [
      '\\d{6}', '\\d{12,19}', '[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}', '0\\d{2,3}-?\\d{7,8}', '[\\u4e00-\\u9fa5][A-Z][A-Z0-9]{5,6}',
      '\\p{Han}{2,10}', '[\\p{Script=Han}·]{2,20}', '(?<year>\\d{4})-\\d{2}', 'a+?b*?c??', '\\x41\\x{4e2d}\\u{20000}', '[\\-\\]\\[\\\\^]', '\\-\\/', 'a|', '()',
    ]) expect(refused(regex), regex).toBeUndefined();
    expect(problems(rule('\\p{Han}{2,4}'), { code: '欧阳娜娜' })).toEqual({});
    expect(problems(rule('\\p{Han}{2,4}'), { code: '张3' })).toEqual({ 'formData.code': '「编号」格式不对' });
    expect(problems(rule('[\\u4e00-\\u9fa5][A-Z][A-Z0-9]{5,6}'), { code: '鲁H12345' })).toEqual({});
  });

  it('the browser (RegExp) and the server (RE2) agree on line ends, spaces, 汉字 and characters outside the BMP', () => {
    const expected: [string, string, boolean][] = [
      ['.', 'a', true], ['.', '\n', false], ['.', '\r', false], ['.', '\u2028', false], ['.', '\u0085', true], ['.', '𠀀', true], ['.', '\ud800', true],
      ['\\s', ' ', true], ['\\s', '\t', true], ['\\s', '\v', true], ['\\s', '\u00a0', true], ['\\s', '\u3000', true], ['\\s', '\ufeff', true], ['\\s', '\u180e', false], ['\\S', '\u3000', false],
      ['[\\s\\d]+', '1\u3000 2', true], ['[^\\s]', '\u2029', false],
      ['\\p{Han}+', '中文〇々', true], ['\\p{Han}', '𠀀', true], ['\\p{Han}', 'a', false], ['\\P{Han}', '中', false], ['[^\\p{Han}]', '!', true],
      ['\\w+', 'aZ_9', true], ['\\w', 'ſ', false], ['\\w', 'é', false], ['\\d', '٣', false], ['\\D', '\n', true], ['[^a]', '\n', true],
      ['a\\b.', 'a!', true], ['a\\b.', 'ab', false], ['a$', 'a\n', false], ['^a', 'a', true],
      ['\\u{20000}', '𠀀', true], ['\\ud840\\udc00', '𠀀', true], ['[𠀀-𠀂]', '𠀁', true], ['\\x{4e2d}', '中', true], ['𠀀+', '𠀀𠀀', true],
      ['\\n', '\n', true], ['[\\t-\\r]', '\v', true], ['\\.', 'x', false], ['a{0}', '', true], ['(a|)+', '', true], ['[a-]', '-', true],
    ];
    for (const [regex, answer, matches] of expected) {
      expect(agree(regex, answer), `${regex} on ${JSON.stringify(answer)}`).toEqual({ native: matches, re2: matches });
    }
  });

  it('random rules of the subset get the same verdict from both engines on every answer (differential)', () => {
    // a fixed-seed generator (mulberry32), so a failure reproduces
    let seed = 20261127;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const ATOMS = ['a', 'b', '1', '-', '中', '𠀀', ' ', '.', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '\\p{Han}', '\\P{Han}', '\\n', '\\.', '[ab]', '[^a]', '[a-c1]', '[\\s\\d]', '[\\w-]', '[^\\p{Han}\\s]', '[\\u3000-\\u3003]'];
    const ASSERTIONS = ['^', '$', '\\b', '\\B'];
    const QUANTIFIERS = ['', '', '', '*', '+', '?', '{2}', '{0,2}', '{1,}', '*?', '+?', '{1,3}?'];
    const alternation = (depth: number): string => Array.from({ length: 1 + Math.floor(random() * (depth > 1 ? 2 : 3)) }, () => sequence(depth)).join('|');
    const sequence = (depth: number): string =>
      Array.from({ length: Math.floor(random() * 4) }, () => {
        const r = random();
        if (r < 0.1) return pick(ASSERTIONS);
        const atom = r < 0.3 && depth < 3 ? `${pick(['(', '(?:'])}${alternation(depth + 1)})` : pick(ATOMS);
        return atom + pick(QUANTIFIERS);
      }).join('');
    const LETTERS = ['a', 'b', 'c', '1', '-', '_', ' ', '.', '\n', '\r', '中', '𠀀', '\u3000', '\u2028', 'é'];
    let compared = 0;
    for (let n = 0; n < 300; n++) {
      const regex = sequence(0) || 'a';
      const checked = checkPattern(regex);
      expect(checked.ok, regex).toBe(true);
      const canonical = source(regex);
      const native = nativePatternEngine.compile(canonical);
      const re2 = re2PatternEngine.compile(canonical);
      if (!native || !re2) throw new Error(`${regex} does not compile (${canonical}): RegExp ${Boolean(native)}, RE2 ${Boolean(re2)}`);
      for (let k = 0; k < 30; k++) {
        const answer = Array.from({ length: Math.floor(random() * 6) }, () => pick(LETTERS)).join('');
        expect(re2(answer), `${regex} (${canonical}) on ${JSON.stringify(answer)}`).toBe(native(answer));
        compared++;
      }
    }
    expect(compared).toBe(9000);
  });

  it('a form saved under earlier rules still loads; a rule outside the subset is not enforced, by either engine', () => {
    const legacy = { fields: [{ key: 'code', label: '编号', type: 'text', pattern: { regex: '(?=\\d)\\d+', message: '格式不对' } }] };
    expect(formDefinitionSchema.safeParse(legacy).success).toBe(false);
    const d = storedFormDefinitionSchema.parse(legacy);
    expect(verdicts(d.fields[0].pattern!.regex, 'abc')).toEqual({ native: true, re2: true });
  });
});
