import { describe, expect, it } from 'vitest';
import { eligibilitySummary, eligibilityWarnings, type EligibilityFacts } from './eligibility.js';
import { formDefinitionSchema, storedFormDefinitionSchema, type FormDefinition, type FormFieldInput } from './forms.js';
import { idNumberCheckChar, usccCheckChar } from './validators.js';

/** A valid 18-digit ID number of someone born on `birth` (YYYY-MM-DD), registered in 邹城. */
const idBorn = (birth: string, seq = '123') => {
  const first17 = `370883${birth.replaceAll('-', '')}${seq}`;
  return first17 + idNumberCheckChar(first17);
};

const fields: FormFieldInput[] = [
  { key: 'living', label: '居住情况', type: 'choice', options: [{ value: 'home', label: '在家' }, { value: 'away', label: '外出' }] },
  { key: 'address', label: '现居住地址', type: 'address', required: true },
  { key: 'awayAddress', label: '外出期间地址', type: 'address', showIf: { field: 'living', anyOf: ['away'] } },
  { key: 'phone', label: '联系电话', type: 'phone' },
];
const form = (eligibility: unknown[]): FormDefinition => formDefinitionSchema.parse({ fields, eligibility });

const GANGSHAN = { code: '370883001', name: '钢山街道' };
const home = (regionCode: string, regionName: string) => ({ regionCode, regionName, detail: '建设路 18 号' });
const facts = (over: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  idNumber: null, place: GANGSHAN, formData: { address: home('370883001004', '钢山街道孟庄社区') }, onDate: '2026-11-27', ...over,
});
const eighty = form([{ kind: 'age', min: 80 }]);

describe('age rules (周岁 from the ID number, on the day passed in)', () => {
  it('holds from the 80th birthday, not the day before', () => {
    expect(eligibilityWarnings(eighty, facts({ idNumber: idBorn('1946-11-27') }))).toEqual([]);
    expect(eligibilityWarnings(eighty, facts({ idNumber: idBorn('1946-11-28') }))).toEqual([
      { rule: 0, kind: 'age', status: 'fails', message: '申请人须年满 80 周岁（按身份证号码计算，现年 79 周岁）' },
    ]);
    // the same person the next day
    expect(eligibilityWarnings(eighty, facts({ idNumber: idBorn('1946-11-28'), onDate: '2026-11-28' }))).toEqual([]);
  });

  it('the issue\'s case: a 70-year-old for an 80+ allowance', () => {
    const [w] = eligibilityWarnings(eighty, facts({ idNumber: '370883195603124223' }));
    expect(w).toMatchObject({ status: 'fails', message: '申请人须年满 80 周岁（按身份证号码计算，现年 70 周岁）' });
    expect(eligibilitySummary([w!])).toBe('可能不符合受理条件：申请人须年满 80 周岁（按身份证号码计算，现年 70 周岁）');
    expect(eligibilitySummary([])).toBe('');
  });

  it('counts a 29 February birth a year older on 29 February in leap years and on 1 March in common years', () => {
    const leapling = idBorn('1944-02-29');
    expect(eligibilityWarnings(eighty, facts({ idNumber: leapling, onDate: '2024-02-28' }))[0]?.message).toContain('现年 79 周岁');
    expect(eligibilityWarnings(eighty, facts({ idNumber: leapling, onDate: '2024-02-29' }))).toEqual([]);
    const eightyOne = form([{ kind: 'age', min: 81 }]);
    expect(eligibilityWarnings(eightyOne, facts({ idNumber: leapling, onDate: '2025-02-28' }))[0]?.message).toContain('现年 80 周岁');
    expect(eligibilityWarnings(eightyOne, facts({ idNumber: leapling, onDate: '2025-03-01' }))).toEqual([]);
  });

  it('a maximum, a range, and the designer\'s own message (its end mark replaced by the computed age)', () => {
    const id65 = idBorn('1961-06-01');
    expect(eligibilityWarnings(form([{ kind: 'age', max: 60 }]), facts({ idNumber: id65 }))[0]?.message).toBe('申请人年龄须不超过 60 周岁（按身份证号码计算，现年 65 周岁）');
    expect(eligibilityWarnings(form([{ kind: 'age', min: 16, max: 60 }]), facts({ idNumber: id65 }))[0]?.message).toBe('申请人年龄须在 16 至 60 周岁之间（按身份证号码计算，现年 65 周岁）');
    expect(eligibilityWarnings(form([{ kind: 'age', min: 16, max: 65 }]), facts({ idNumber: id65 }))).toEqual([]);
    expect(eligibilityWarnings(form([{ kind: 'age', min: 80, message: '本补贴仅发放给 80 周岁以上的老年人。' }]), facts({ idNumber: id65 }))[0]?.message)
      .toBe('本补贴仅发放给 80 周岁以上的老年人（按身份证号码计算，现年 65 周岁）');
  });

  it('cannot check a 15-digit, invalid or organisation number: says so and asks for a check by hand', () => {
    const [old] = eligibilityWarnings(eighty, facts({ idNumber: '370883460315122' }));
    expect(old).toEqual({ rule: 0, kind: 'age', status: 'unchecked', message: '无法按身份证号码核对年龄（申请人证件为 15 位旧身份证号码），请人工核对：申请人须年满 80 周岁' });
    const wrongCheck = idBorn('1940-01-01').slice(0, 17) + (idBorn('1940-01-01').endsWith('1') ? '2' : '1');
    expect(eligibilityWarnings(eighty, facts({ idNumber: wrongCheck }))[0]).toMatchObject({ status: 'unchecked', message: expect.stringContaining('不是有效的 18 位居民身份证号码') });
    const uscc17 = '91370883MA3C12345';
    expect(eligibilityWarnings(eighty, facts({ idNumber: uscc17 + usccCheckChar(uscc17) }))[0]).toMatchObject({ status: 'unchecked' });
  });

  it('says nothing while no ID number is known; takes an age computed elsewhere (the apply page)', () => {
    expect(eligibilityWarnings(eighty, facts({ idNumber: null }))).toEqual([]);
    expect(eligibilityWarnings(eighty, facts({ idNumber: null, age: 72 }))[0]?.message).toBe('申请人须年满 80 周岁（按身份证号码计算，现年 72 周岁）');
    expect(eligibilityWarnings(eighty, facts({ idNumber: null, age: 80 }))).toEqual([]);
  });

  it('needs the day passed in, never the clock', () => {
    expect(() => eligibilityWarnings(eighty, facts({ idNumber: idBorn('1940-01-01'), onDate: '2026-11-27T00:00:00Z' }))).toThrow(/China calendar day/);
  });
});

describe('residence rules (the address field\'s region within the handling place)', () => {
  const living = form([{ kind: 'residence', field: 'address' }]);

  it('holds for the place and anywhere under it; warns for elsewhere with what was picked', () => {
    expect(eligibilityWarnings(living, facts())).toEqual([]);
    expect(eligibilityWarnings(living, facts({ formData: { address: home('370883001', '钢山街道') } }))).toEqual([]);
    expect(eligibilityWarnings(living, facts({ formData: { address: home('370883002003', '千泉街道某社区') } }))).toEqual([
      { rule: 0, kind: 'residence', status: 'fails', message: '申请人须居住在钢山街道（「现居住地址」所选为千泉街道某社区）' },
    ]);
    // a village place: another village of the same town is elsewhere
    expect(eligibilityWarnings(living, facts({ place: { code: '370883001004', name: '孟庄社区' }, formData: { address: home('370883001005', '钢山街道另一社区') } }))[0]?.status).toBe('fails');
  });

  it('cannot check an address picked only down to a wider region, or not given: asks for a check by hand', () => {
    const [wide] = eligibilityWarnings(living, facts({ formData: { address: home('370883', '邹城市') } }));
    expect(wide).toEqual({ rule: 0, kind: 'residence', status: 'unchecked', message: '「现居住地址」只选到邹城市，无法核对是否居住在钢山街道，请人工核对：申请人须居住在钢山街道' });
    expect(eligibilityWarnings(living, facts({ formData: {} }))[0]).toMatchObject({ status: 'unchecked', message: '未填写「现居住地址」，无法核对居住地，请人工核对：申请人须居住在钢山街道' });
  });

  it('says nothing of a field hidden by its condition, or while the place is not known', () => {
    const away = form([{ kind: 'residence', field: 'awayAddress' }]);
    expect(eligibilityWarnings(away, facts({ formData: { living: 'home' } }))).toEqual([]);
    expect(eligibilityWarnings(away, facts({ formData: { living: 'away' } }))[0]?.status).toBe('unchecked');
    expect(eligibilityWarnings(living, facts({ place: null, formData: { address: home('370883002', '千泉街道') } }))).toEqual([]);
  });

  it('reports every rule, in order, with its index', () => {
    const both = form([{ kind: 'residence', field: 'address', message: '须为本街道居民。' }, { kind: 'age', min: 80 }]);
    const w = eligibilityWarnings(both, facts({ idNumber: idBorn('1956-03-12'), formData: { address: home('370883002', '千泉街道') } }));
    expect(w.map((x) => [x.rule, x.kind, x.message])).toEqual([
      [0, 'residence', '须为本街道居民（「现居住地址」所选为千泉街道）'],
      [1, 'age', '申请人须年满 80 周岁（按身份证号码计算，现年 70 周岁）'],
    ]);
  });
});

describe('the definition\'s eligibility list', () => {
  it('is optional: definitions stored before it parse with none', () => {
    expect(storedFormDefinitionSchema.parse({ fields: [{ key: 'a', label: '甲', type: 'text' }] }).eligibility).toEqual([]);
    expect(eligibilityWarnings({ fields: [], eligibility: [] }, facts({ idNumber: idBorn('1990-01-01') }))).toEqual([]);
  });

  const problems = (eligibility: unknown[]) => {
    const r = formDefinitionSchema.safeParse({ fields, eligibility });
    return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
  };

  it('refuses a residence rule naming a field that is not an address field, or no field of the form', () => {
    expect(problems([{ kind: 'residence', field: 'phone' }])).toEqual([['eligibility.0.field', '居住地条件只能引用「地址（含区划）」字段，「联系电话」是手机号码']]);
    expect(problems([{ kind: 'residence', field: 'nowhere' }])).toEqual([['eligibility.0.field', '居住地条件引用的字段「nowhere」不在本表单中']]);
    expect(problems([{ kind: 'residence', field: '' }])).toEqual([['eligibility.0.field', '请选择作为居住地的地址字段']]);
    expect(problems([{ kind: 'residence', field: 'address' }, { kind: 'residence', field: 'address' }])).toEqual([['eligibility.1.field', '「现居住地址」已有居住地条件']]);
  });

  it('refuses an age rule without bounds, with crossed or fractional ones, and a second age rule', () => {
    expect(problems([{ kind: 'age' }])).toEqual([['eligibility.0.min', '请填写最小周岁或最大周岁（至少一项）']]);
    expect(problems([{ kind: 'age', min: 60, max: 16 }])).toEqual([['eligibility.0.max', '最大周岁不能小于最小周岁']]);
    expect(problems([{ kind: 'age', min: 79.5 }])).toEqual([['eligibility.0.min', '周岁须为整数']]);
    expect(problems([{ kind: 'age', min: 80 }, { kind: 'age', max: 100 }])).toEqual([['eligibility.1.kind', '年龄条件只能设置一条（可同时填写最小和最大周岁）']]);
    expect(problems([{ kind: 'income' }])).toHaveLength(1);
    expect(problems([{ kind: 'age', min: 80, max: 120, message: '' }])).toEqual([]);
  });
});
