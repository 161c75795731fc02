/**
 * Demo application forms for the items the demo cases use and a few of the most asked-for ones,
 * written as an official would in the form designer (every field type appears somewhere).
 */
import type { Deps } from '../deps.js';
import { iso } from '../platform/ids.js';
import { eligibilityRuleSchema, formDefinitionSchema, type FormFieldInput } from '../../shared/forms.js';
import type { z } from 'zod';

const address = (prefill: 'previous' | 'none' = 'previous'): FormFieldInput => ({ key: 'address', label: '现居住地址', type: 'address', required: true, prefill, help: '请选择所在镇（街道）、村（社区），并填写门牌号' });
const bank: FormFieldInput[] = [
  {
    key: 'bankName', label: '开户银行', type: 'choice', required: true, prefill: 'previous',
    options: [
      { value: 'rcb', label: '邹城农商银行' }, { value: 'icbc', label: '中国工商银行' }, { value: 'abc', label: '中国农业银行' },
      { value: 'ccb', label: '中国建设银行' }, { value: 'psbc', label: '中国邮政储蓄银行' }, { value: 'other', label: '其他银行' },
    ],
  },
  { key: 'accountNo', label: '银行账号（社会保障卡金融账户或一类银行卡）', type: 'text', required: true, prefill: 'previous', pattern: { regex: '\\d{12,19}', message: '银行账号为 12–19 位数字' } },
];
const members: FormFieldInput = {
  key: 'members', label: '共同生活的家庭成员', type: 'table', required: true, maxRows: 12,
  help: '包括申请人本人；收入为最近 6 个月的月平均收入',
  columns: [
    { key: 'name', label: '姓名', type: 'text', required: true },
    { key: 'relation', label: '与申请人关系', type: 'choice', required: true, options: [{ value: 'self', label: '本人' }, { value: 'spouse', label: '配偶' }, { value: 'child', label: '子女' }, { value: 'parent', label: '父母' }, { value: 'other', label: '其他' }] },
    { key: 'idNumber', label: '身份证号', type: 'id_number', required: true },
    { key: 'income', label: '月收入（元）', type: 'number', required: true },
  ],
};

export const DEMO_FORMS: { itemCode: string; itemName: string; decidedBy?: 'approver' | 'window_clerk'; fields: FormFieldInput[]; eligibility?: z.input<typeof eligibilityRuleSchema>[] }[] = [
  {
    itemCode: '37050100100001', itemName: '最低生活保障（新申请）',
    fields: [
      members,
      { key: 'housing', label: '住房情况', type: 'choice', required: true, options: [{ value: 'own', label: '自有住房' }, { value: 'rent', label: '租房' }, { value: 'lodge', label: '借住亲友' }, { value: 'other', label: '其他' }] },
      { key: 'rentMonthly', label: '每月房租（元）', type: 'number', required: true, min: 0, max: 100000, showIf: { field: 'housing', anyOf: ['rent'] } },
      { key: 'hardships', label: '家庭困难情况（可多选）', type: 'multi_choice', options: [{ value: 'illness', label: '因病' }, { value: 'disability', label: '因残' }, { value: 'unemployed', label: '失业' }, { value: 'old', label: '年老无收入' }, { value: 'other', label: '其他' }] },
      { key: 'reason', label: '申请理由', type: 'textarea', required: true, minLength: 10, maxLength: 500, help: '简要说明家庭困难的原因和现状' },
      address(),
      ...bank,
    ],
  },
  {
    itemCode: '37050100600001', itemName: '临时救助（急难型临时救助）',
    fields: [
      { key: 'reason', label: '遭遇的困难', type: 'textarea', required: true, minLength: 6, maxLength: 500, help: '如突发重病、意外事故、火灾等' },
      { key: 'happenedOn', label: '发生日期', type: 'date' },
      { key: 'amount', label: '申请救助金额（元）', type: 'number', min: 0, max: 50000 },
      { key: 'evidence', label: '现场照片或其他佐证（可选）', type: 'attachment' },
      address(),
      ...bank,
    ],
  },
  {
    itemCode: '37050100700001', itemName: '高龄津贴（申领）', decidedBy: 'approver',
    fields: [address(), ...bank, { key: 'contactPhone', label: '联系电话', type: 'phone', required: true, prefill: 'profile.phone' }],
    // the guide's 受理条件: 80 周岁以上、本地居民 (issue 12 §4: a 70-year-old was accepted)
    eligibility: [{ kind: 'age', min: 80 }, { kind: 'residence', field: 'address' }],
  },
  {
    itemCode: '37050100900101', itemName: '困难残疾人生活补贴（申请）',
    fields: [
      { key: 'disabilityCategory', label: '残疾类别', type: 'choice', required: true, options: ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'].map((l, i) => ({ value: `c${i + 1}`, label: `${l}残疾` })) },
      { key: 'disabilityGrade', label: '残疾等级', type: 'choice', required: true, options: ['一级', '二级', '三级', '四级'].map((l, i) => ({ value: `g${i + 1}`, label: l })) },
      { key: 'certNo', label: '残疾人证号', type: 'text', required: true, pattern: { regex: '\\d{17}[\\dX]\\d{2}[1-7]?', message: '残疾人证号为身份证号后加 2 位（第二代残疾人证）' } },
      address(),
      ...bank,
    ],
  },
  {
    itemCode: '37200101100001', itemName: '老年人优待证办理（新办）', decidedBy: 'window_clerk',
    fields: [
      { key: 'contactPhone', label: '联系电话', type: 'phone', required: true, prefill: 'profile.phone' },
      { key: 'emergencyName', label: '紧急联系人', type: 'text', maxLength: 20 },
      { key: 'emergencyPhone', label: '紧急联系人电话', type: 'phone' },
    ],
  },
  {
    itemCode: '37200150400001', itemName: '高龄津贴申领代办',
    fields: [address(), ...bank],
  },
];

/** Writes the demo forms (only where an item has none yet). */
export async function seedDemoForms(deps: Deps): Promise<number> {
  const now = iso(deps.clock.now());
  let n = 0;
  for (const f of DEMO_FORMS) {
    const definition = formDefinitionSchema.parse({ fields: f.fields, eligibility: f.eligibility ?? [] });
    const inserted = await deps.dbh.db.insertInto('item_forms').values({
      item_code: f.itemCode, item_name: f.itemName, definition: JSON.stringify(definition), pre_review_online: 1, decided_by: f.decidedBy ?? 'approver',
      version: 1, updated_at: now, updated_by: null,
    }).onConflict((oc) => oc.column('item_code').doNothing()).executeTakeFirst();
    n += Number(inserted.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}
