import { describe, expect, it } from 'vitest';
import { FIELD_KEY_PATTERN, FIELD_TYPES, formDefinitionSchema, type FieldType, type FormDefinition } from '../../../shared/forms.js';
import {
  addOption, adoptSaved, checkDefinition, conditionSources, dependentsOf, followLabel, followOptions, fromDefinition, insertAfter, keepFittingAnswers, keyFromLabel, keyProblem,
  moveField, newField, placeServerProblems, prefillChoices, previewErrors, removeField, toDefinition, updateColumn, updateField, updateOption,
  adoptSavedRules, forgetField, fromRules, newRule, rulesOn,
  type DesignerField,
} from './model.js';

const ID = '370883195001010018'; // a valid 18-digit ID (check digit 8)

/** 是否首次申领 (是/否) → 原领取地 shown only for 否 → 身份证号 required. */
function sample(): DesignerField[] {
  let fields: DesignerField[] = [];
  const first = newField('choice', fields);
  fields = [first];
  fields = updateField(fields, first.uid, { label: '是否首次申领', required: true });
  const [o1, o2] = fields[0].options;
  fields = updateField(fields, first.uid, { options: updateOption(updateOption(fields[0].options, o1.uid, { label: '是' }), o2.uid, { label: '否' }) });
  const where = newField('text', fields);
  fields = insertAfter(fields, where, first.uid);
  fields = updateField(fields, where.uid, { label: '原领取地', showIf: { field: fields[0].key, anyOf: ['fou'] }, required: true });
  const id = newField('id_number', fields);
  fields = insertAfter(fields, id, null);
  fields = updateField(fields, id.uid, { label: '身份证号', required: true });
  return fields;
}

describe('keyFromLabel', () => {
  it('writes the label in camelCase pinyin', () => {
    expect(keyFromLabel('是否首次申领')).toBe('shiFouShouCiShenLing');
    expect(keyFromLabel('女儿姓名')).toBe('nvErXingMing');
    expect(keyFromLabel('ID 号码')).toBe('idHaoMa');
    expect(keyFromLabel('家庭成员')).toBe('jiaTingChengYuan');
    expect(keyFromLabel('家庭成员', ['jiaTingChengYuan'])).toBe('jiaTingChengYuan2');
  });

  it('keeps keys unique, starting with a letter, within the length limit', () => {
    expect(keyFromLabel('姓名', ['xingMing'])).toBe('xingMing2');
    expect(keyFromLabel('姓名', ['xingMing', 'xingMing2'])).toBe('xingMing3');
    expect(keyFromLabel('2024年收入')).toBe('field2024NianShouRu');
    expect(keyFromLabel('（）')).toBe('field');
    expect(keyFromLabel('', ['field'])).toBe('field2');
    const long = keyFromLabel('银行账号（社会保障卡金融账户或一类银行卡）');
    expect(long.length).toBeLessThanOrEqual(32);
    expect(long.startsWith('yinHangZhangHao')).toBe(true);
    for (const label of ['是否首次申领', '2024年收入', 'x'.repeat(80), '银行账号（社会保障卡金融账户或一类银行卡）', '@@@']) {
      expect(keyFromLabel(label)).toMatch(FIELD_KEY_PATTERN);
    }
  });

  it('judges a key typed by hand with the server rule', () => {
    expect(keyProblem('', [])).toBe('请填写字段标识');
    expect(keyProblem('1abc', [])).toMatch('字母开头');
    expect(keyProblem('name', ['name'])).toBe('字段标识「name」重复');
    expect(keyProblem('applicant_name', ['name'])).toBeNull();
  });
});

describe('editing fields', () => {
  it('gives every new field type a definition the shared schema accepts', () => {
    let fields: DesignerField[] = [];
    for (const type of Object.keys(FIELD_TYPES) as FieldType[]) fields = [...fields, newField(type, fields)];
    expect(new Set(fields.map((f) => f.key)).size).toBe(fields.length);
    expect(checkDefinition(toDefinition(fields))).toEqual([]);
    expect(formDefinitionSchema.safeParse(toDefinition(fields)).success).toBe(true);
  });

  it('lets the key follow the label until it is edited by hand', () => {
    let fields = [newField('text', [])];
    const uid = fields[0].uid;
    fields = updateField(fields, uid, { label: '申请人姓名' });
    expect(fields[0].key).toBe('shenQingRenXingMing');
    fields = updateField(fields, uid, { key: 'applicantName' });
    fields = updateField(fields, uid, { label: '姓名' });
    expect(fields[0].key).toBe('applicantName');
    expect(fields[0].autoKey).toBe(false);
  });

  it('makes a key again from the label when the key was emptied, or on 按标题重新生成, unique in the form', () => {
    let fields = [newField('table', []), newField('text', [])];
    const [table, text] = fields.map((f) => f.uid) as [string, string];
    fields = updateField(fields, table, { label: '家庭成员' });
    expect(fields[0]).toMatchObject({ key: 'jiaTingChengYuan', autoKey: true });
    // emptied by hand: the next title gives it a key again, which follows the title from then on
    fields = updateField(fields, text, { key: '' });
    expect(fields[1]).toMatchObject({ key: '', autoKey: false });
    fields = updateField(fields, text, { label: '家庭成员' });
    expect(fields[1]).toMatchObject({ key: 'jiaTingChengYuan2', autoKey: true });
    expect(keyProblem(fields[1].key, [fields[0].key])).toBeNull();
    // typed by hand, then back to the title's: conditions that point at it follow
    fields = updateField(fields, text, { key: 'members' });
    fields = followLabel(fields, text);
    expect(fields[1]).toMatchObject({ key: 'jiaTingChengYuan2', autoKey: true });
    fields = updateField(fields, text, { label: '共同申请人' });
    expect(fields[1].key).toBe('gongTongShenQingRen');
    expect(checkDefinition(toDefinition(fields))).toEqual([]);
  });

  it('does the same for a table column', () => {
    const field = newField('table', []);
    const col = field.columns[0]!;
    let columns = updateColumn(field.columns, col.uid, { key: '' });
    columns = updateColumn(columns, col.uid, { label: '与申请人关系' });
    expect(columns[0]).toMatchObject({ key: 'yuShenQingRenGuanXi', autoKey: true });
  });

  it('never changes the key of a saved field by itself', () => {
    const def: FormDefinition = formDefinitionSchema.parse({ fields: [{ key: 'reason', label: '申请理由', type: 'textarea' }] });
    let fields = fromDefinition(def);
    fields = updateField(fields, fields[0].uid, { label: '申请原因' });
    expect(fields[0].key).toBe('reason');
    expect(fields[0].savedKey).toBe('reason');
  });

  it('round-trips a saved definition unchanged', () => {
    const def = formDefinitionSchema.parse({
      fields: [
        { key: 'housing', label: '住房情况', type: 'choice', required: true, options: [{ value: 'own', label: '自有' }, { value: 'rent', label: '租房' }] },
        { key: 'rent', label: '房租', type: 'number', min: 0, max: 9000, showIf: { field: 'housing', anyOf: ['rent'] } },
        { key: 'members', label: '家庭成员', type: 'table', maxRows: 5, columns: [{ key: 'name', label: '姓名', type: 'text', required: true }] },
        { key: 'account', label: '账号', type: 'text', pattern: { regex: '\\d{12,19}', message: '12–19 位数字' }, prefill: 'previous' },
      ],
    });
    expect(toDefinition(fromDefinition(def))).toEqual(def);
  });

  it('adopts the saved definition keeping identities, and stops automatic keys', () => {
    const fields = sample();
    const saved = formDefinitionSchema.parse({ fields: toDefinition(fields).fields.map((f) => ({ ...f, label: ` ${f.label} ` })) });
    const after = adoptSaved(fields, saved);
    expect(after.map((f) => f.uid)).toEqual(fields.map((f) => f.uid));
    expect(after[0].options.map((o) => o.uid)).toEqual(fields[0].options.map((o) => o.uid));
    expect(after.every((f) => !f.autoKey && f.savedKey === f.key && f.options.every((o) => !o.autoValue))).toBe(true);
    expect(toDefinition(after)).toEqual(saved);
  });

  it('saves only the properties the type uses, but keeps them while editing', () => {
    let fields = [newField('choice', [])];
    const uid = fields[0].uid;
    fields = updateField(fields, uid, { type: 'text', min: 3 });
    expect(toDefinition(fields).fields[0]).toMatchObject({ type: 'text', options: [], min: null });
    fields = updateField(fields, uid, { type: 'choice' });
    expect(toDefinition(fields).fields[0].options.map((o) => o.label)).toEqual(['选项1', '选项2']);
  });

  it('moves fields up and down, and not past the ends', () => {
    const fields = sample();
    const [a, b, c] = fields.map((f) => f.uid);
    expect(moveField(fields, c, -1).map((f) => f.uid)).toEqual([a, c, b]);
    expect(moveField(fields, a, -1)).toBe(fields);
    expect(moveField(fields, c, 1)).toBe(fields);
  });

  it('offers only earlier choice fields as condition sources', () => {
    const fields = sample();
    expect(conditionSources(fields, fields[1].uid).map((f) => f.label)).toEqual(['是否首次申领']);
    expect(conditionSources(fields, fields[0].uid)).toEqual([]);
    // moved above its source, the condition is reported where it belongs
    const moved = moveField(fields, fields[1].uid, -1);
    expect(checkDefinition(toDefinition(moved))).toEqual([{ index: 0, prop: 'showIf', message: '显示条件引用的字段「shiFouShouCiShenLing」须在本字段之前' }]);
  });

  it('keeps conditions in step when the source key and options change', () => {
    let fields = sample();
    const src = fields[0];
    fields = updateField(fields, src.uid, { key: 'firstTime' });
    expect(fields[1].showIf).toEqual({ field: 'firstTime', anyOf: ['fou'] });
    const no = fields[0].options[1];
    fields = updateField(fields, src.uid, { options: updateOption(fields[0].options, no.uid, { value: 'no' }) });
    expect(fields[1].showIf).toEqual({ field: 'firstTime', anyOf: ['no'] });
    fields = updateField(fields, src.uid, { options: addOption(fields[0].options) });
    expect(fields[0].options.map((o) => o.value)).toEqual(['shi', 'no', 'xuanXiang3']);
    fields = updateField(fields, src.uid, { options: fields[0].options.filter((o) => o.uid !== no.uid) });
    expect(fields[1].showIf).toEqual({ field: 'firstTime', anyOf: [] });
    expect(checkDefinition(toDefinition(fields))).toContainEqual({ index: 1, prop: 'showIf', message: '请至少选择一个取值' });
  });

  it('follows renamed option values by identity and drops removed ones', () => {
    const before = addOption(addOption([]));
    const after = [updateOption(before, before[0].uid, { value: 'a' })[0]];
    expect(followOptions(before, after, [before[1].value, before[0].value])).toEqual(['a']);
    expect(followOptions(before, before, ['unknown'])).toEqual([]);
  });

  it('keeps option values once edited, and column keys once edited', () => {
    let options = addOption([]);
    options = updateOption(options, options[0].uid, { value: 'y' });
    options = updateOption(options, options[0].uid, { label: '是' });
    expect(options[0]).toMatchObject({ value: 'y', label: '是', autoValue: false });
    let columns = newField('table', []).columns;
    columns = updateColumn(columns, columns[0].uid, { label: '姓名' });
    expect(columns[0].key).toBe('xingMing');
    columns = updateColumn(columns, columns[0].uid, { type: 'choice' });
    expect(columns[0].options).toHaveLength(2);
  });

  it('removes a field and the conditions that looked at it', () => {
    const fields = sample();
    expect(dependentsOf(fields, fields[0].key).map((f) => f.label)).toEqual(['原领取地']);
    const left = removeField(fields, fields[0].uid);
    expect(left.map((f) => f.label)).toEqual(['原领取地', '身份证号']);
    expect(left[0].showIf).toBeNull();
  });

  it('offers prefill sources that fit the type', () => {
    expect(prefillChoices('id_number')).toEqual(['none', 'profile.idNumber', 'previous']);
    expect(prefillChoices('attachment')).toEqual(['none']);
    expect(prefillChoices('text')).toContain('profile.name');
  });
});

describe('problems', () => {
  it('places schema problems on the field and property, with the item inside a list', () => {
    let fields = sample();
    fields = updateField(fields, fields[0].uid, { options: [fields[0].options[0]] });
    const table = newField('table', fields);
    fields = [...fields, { ...table, columns: [{ ...table.columns[0], label: '  ' }] }];
    fields = updateField(fields, fields[2].uid, { label: '' });
    expect(checkDefinition(toDefinition(fields))).toEqual(
      expect.arrayContaining([
        { index: 0, prop: 'options', message: '选择题至少两个选项' },
        { index: 2, prop: 'label', message: '请填写标题' },
        { index: 3, prop: 'columns', message: '第 1 列：请填写标题' },
      ]),
    );
  });

  it('places the server’s VALIDATION_FAILED details the same way', () => {
    expect(
      placeServerProblems([
        { field: 'definition.fields.2.options', message: '选择题至少两个选项' },
        { field: 'definition.fields.0.options.1.label', message: '选项名称不能为空' },
        { field: 'decidedBy', message: '无效的选项' },
      ]),
    ).toEqual([
      { index: 2, prop: 'options', message: '选择题至少两个选项' },
      { index: 0, prop: 'options', message: '第 2 个选项：选项名称不能为空' },
      { index: null, prop: null, message: 'decidedBy：无效的选项' },
    ]);
  });
});

describe('preview', () => {
  it('shows the conditional field only for 否 and checks the ID number', () => {
    const def = toDefinition(sample());
    const [first, where, id] = def.fields.map((f) => f.key);
    expect(previewErrors(def, {}, 'all')).toEqual({ [first]: '请填写「是否首次申领」', [id]: '请填写「身份证号」' });
    expect(previewErrors(def, { [first]: 'fou' }, 'all')).toMatchObject({ [where]: '请填写「原领取地」' });
    expect(previewErrors(def, { [first]: 'shi', [where]: '香城镇' }, 'all')).not.toHaveProperty(where);
    expect(previewErrors(def, { [id]: '370883195001010013' }, new Set([id]))).toEqual({ [id]: '「身份证号」身份证号码不正确（请核对校验位）' });
    expect(previewErrors(def, { [id]: ID }, new Set([id]))).toEqual({});
  });

  it('drops trial answers that no longer fit the definition', () => {
    let fields = sample();
    const def1 = toDefinition(fields);
    const [first, where] = def1.fields.map((f) => f.key);
    const values = { [first]: 'fou', [where]: 'x', gone: 'y' };
    expect(keepFittingAnswers(def1, values)).toEqual({ [first]: 'fou', [where]: 'x' });
    fields = updateField(fields, fields[1].uid, { type: 'number' });
    expect(keepFittingAnswers(toDefinition(fields), values)).toEqual({ [first]: 'fou' });
  });
});

describe('eligibility rules (受理条件校验) in the working copy', () => {
  const withAddress = () => {
    let fields: DesignerField[] = [];
    const address = newField('address', fields);
    fields = updateField([address], address.uid, { label: '现居住地址' });
    const phone = newField('phone', fields);
    return [...fields, phone];
  };

  it('a residence rule follows its field when the key changes, and is saved with the key', () => {
    let fields = withAddress();
    const rules = [newRule('age', fields), newRule('residence', fields)];
    expect(rules[0]).toMatchObject({ kind: 'age', min: 60, max: null });
    expect(rules[1]!.fieldUid).toBe(fields[0]!.uid);
    fields = updateField(fields, fields[0]!.uid, { key: 'homeAddress' });
    const def = toDefinition(fields, rules);
    expect(def.eligibility).toEqual([{ kind: 'age', min: 60, max: null, message: '' }, { kind: 'residence', field: 'homeAddress', message: '' }]);
    expect(checkDefinition(def)).toEqual([]);
    // back from a saved definition: the rule finds its field by key
    const again = fromDefinition(def);
    const back = fromRules(def, again);
    expect(back[1]).toMatchObject({ kind: 'residence', fieldUid: again[0]!.uid, missingKey: '' });
    expect(adoptSavedRules(rules, def, again).map((r) => r.uid)).toEqual(rules.map((r) => r.uid));
  });

  it('a removed field leaves its rule asking for one; problems are placed on the rule', () => {
    const fields = withAddress();
    const rules = [newRule('residence', fields)];
    expect(rulesOn(rules, fields[0]!.uid)).toHaveLength(1);
    const left = removeField(fields, fields[0]!.uid);
    const def = toDefinition(left, forgetField(rules, fields[0]!.uid));
    expect(checkDefinition(def)).toEqual([{ index: null, rule: 0, prop: 'field', message: '请选择作为居住地的地址字段' }]);
    expect(placeServerProblems([{ field: 'definition.eligibility.0.min', message: '请填写最小周岁或最大周岁（至少一项）' }])).toEqual([
      { index: null, rule: 0, prop: 'min', message: '请填写最小周岁或最大周岁（至少一项）' },
    ]);
  });

  it('a stored rule naming a key the form no longer has keeps the key, so the problem names it', () => {
    const fields = withAddress();
    const rules = fromRules({ eligibility: [{ kind: 'residence', field: 'oldAddress', message: '' }] }, fields);
    expect(rules[0]).toMatchObject({ fieldUid: null, missingKey: 'oldAddress' });
    expect(checkDefinition(toDefinition(fields, rules))[0]?.message).toBe('居住地条件引用的字段「oldAddress」不在本表单中');
  });
});
