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

// The helpers below serve the forms of the 一件事 themes' items (modules/themes/demo-themes.ts):
// a field several items ask has the same type, options and format rule in each, so that a theme can
// ask it once and copy the answer into every one of them.
const contactPhone = (label = '联系电话'): FormFieldInput => ({ key: 'contactPhone', label, type: 'phone', required: true, prefill: 'profile.phone' });
const GENDERS = [{ value: 'male', label: '男' }, { value: 'female', label: '女' }];
/** as in the 困难残疾人生活补贴 form above (a theme copies one answer into both) */
const DISABILITY_CATEGORIES = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'].map((l, i) => ({ value: `c${i + 1}`, label: `${l}残疾` }));
const DISABILITY_GRADES = ['一级', '二级', '三级', '四级'].map((l, i) => ({ value: `g${i + 1}`, label: l }));
const disabilityCertNo: FormFieldInput = { key: 'certNo', label: '残疾人证号', type: 'text', required: true, pattern: { regex: '\\d{17}[\\dX]\\d{2}[1-7]?', message: '残疾人证号为身份证号后加 2 位（第二代残疾人证）' } };
const EDUCATION = [
  { value: 'none', label: '未上学' }, { value: 'primary', label: '小学' }, { value: 'junior', label: '初中' },
  { value: 'senior', label: '高中或中专' }, { value: 'college', label: '大专及以上' },
];
/** who applies for someone else (a family member after a death, a parent for a child) */
const KIN = [
  { value: 'spouse', label: '配偶' }, { value: 'child', label: '子女' }, { value: 'parent', label: '父母' },
  { value: 'sibling', label: '兄弟姐妹' }, { value: 'other', label: '其他亲属或继承人' },
];
const relation = (label: string, self = false): FormFieldInput => ({ key: 'relation', label, type: 'choice', required: true, options: self ? [{ value: 'self', label: '本人' }, ...KIN] : KIN });
const personName = (key: string, label: string, help = ''): FormFieldInput => ({ key, label, type: 'text', required: true, maxLength: 20, help });
const personId = (key: string, label: string, help = ''): FormFieldInput => ({ key, label, type: 'id_number', required: true, help });

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

  // ── 出生一件事 ──
  {
    itemCode: '37200400100001', itemName: '生育登记（新办）', decidedBy: 'window_clerk',
    fields: [
      personName('husbandName', '丈夫姓名'),
      personId('husbandIdNumber', '丈夫身份证号'),
      personName('wifeName', '妻子姓名'),
      personId('wifeIdNumber', '妻子身份证号'),
      { key: 'marriageDate', label: '结婚登记日期', type: 'date', help: '已关联电子结婚证的可不填' },
      { key: 'childOrder', label: '本次登记的子女为', type: 'choice', required: true, options: [{ value: 'first', label: '一孩' }, { value: 'second', label: '二孩' }, { value: 'third', label: '三孩' }] },
      { key: 'childBirthDate', label: '子女出生日期（未出生的填预产期）', type: 'date', required: true },
      { key: 'childName', label: '子女姓名（已出生的填写）', type: 'text', maxLength: 20 },
      { key: 'childGender', label: '子女性别（已出生的填写）', type: 'choice', options: GENDERS },
      address(),
      contactPhone(),
    ],
  },
  {
    itemCode: '37200400600001', itemName: '预防接种证办理', decidedBy: 'window_clerk',
    fields: [
      personName('childName', '儿童姓名'),
      { key: 'childGender', label: '性别', type: 'choice', required: true, options: GENDERS },
      { key: 'childBirthDate', label: '出生日期', type: 'date', required: true },
      { key: 'birthHospital', label: '出生医院', type: 'text', required: true, maxLength: 60, help: '用于补录出生时在医院接种的乙肝疫苗和卡介苗' },
      { key: 'birthWeight', label: '出生体重（克）', type: 'number', min: 300, max: 7000 },
      { ...personName('guardianName', '监护人姓名'), prefill: 'profile.name' },
      { key: 'guardianPhone', label: '监护人联系电话', type: 'phone', required: true, prefill: 'profile.phone', help: '接种单位通过这个号码预约和提醒接种' },
      { ...address(), help: '按现居住地确定接种单位；请选择所在镇（街道）、村（社区），并填写门牌号' },
    ],
  },
  {
    itemCode: '37200300100002', itemName: '城乡居民基本医疗保险参保登记（新生儿参保登记）', decidedBy: 'window_clerk',
    fields: [
      personName('childName', '新生儿姓名'),
      personId('childIdNumber', '新生儿公民身份号码', '办理出生登记（落户）后户口簿上的号码'),
      { key: 'childGender', label: '性别', type: 'choice', required: true, options: GENDERS },
      { key: 'childBirthDate', label: '出生日期', type: 'date', required: true, help: '出生 90 天内参保缴费的，自出生之日起享受待遇' },
      { key: 'birthCertNo', label: '出生医学证明编号', type: 'text', required: true, maxLength: 10, pattern: { regex: '[A-Z]\\d{9}', message: '出生医学证明编号为 1 位大写字母加 9 位数字' } },
      { ...personName('guardianName', '监护人姓名'), prefill: 'profile.name' },
      contactPhone(),
    ],
  },
  {
    itemCode: '37200203400001', itemName: '社会保障卡申领',
    fields: [
      personName('holderName', '申领人姓名', '为未成年人申领的，填写孩子的姓名'),
      personId('holderIdNumber', '申领人公民身份号码'),
      {
        key: 'cardBank', label: '社会保障卡合作银行', type: 'choice', required: true, help: '社会保障卡的金融账户开在所选银行',
        options: [
          { value: 'rcb', label: '邹城农商银行' }, { value: 'icbc', label: '中国工商银行' }, { value: 'abc', label: '中国农业银行' },
          { value: 'boc', label: '中国银行' }, { value: 'ccb', label: '中国建设银行' }, { value: 'psbc', label: '中国邮政储蓄银行' },
        ],
      },
      { key: 'pickup', label: '领卡方式', type: 'choice', required: true, options: [{ value: 'branch', label: '到所选银行网点领取' }, { value: 'mail', label: '邮寄到家（邮费到付）' }] },
      { ...address(), key: 'mailAddress', label: '邮寄地址', showIf: { field: 'pickup', anyOf: ['mail'] } },
      contactPhone(),
    ],
  },

  // Decided by city bodies; the town collects them (镇受理、市办结)
  {
    itemCode: '37200402200001', itemName: '出生医学证明签发',
    fields: [
      personName('childName', '新生儿姓名', '出生医学证明签发后姓名不能更改，请确认后填写'),
      { key: 'childGender', label: '性别', type: 'choice', required: true, options: GENDERS },
      { key: 'childBirthDate', label: '出生日期', type: 'date', required: true },
      { key: 'birthHospital', label: '出生医院', type: 'text', required: true, maxLength: 60, help: '分娩的助产医疗机构全称' },
      personName('motherName', '母亲姓名'),
      personId('motherIdNumber', '母亲身份证号'),
      { ...personName('fatherName', '父亲姓名', '父亲信息不详的可不填'), required: false },
      { ...personId('fatherIdNumber', '父亲身份证号'), required: false },
      contactPhone(),
    ],
  },
  {
    itemCode: '37201200300001', itemName: '出生登记（户口登记）',
    fields: [
      personName('childName', '新生儿姓名'),
      { key: 'childGender', label: '性别', type: 'choice', required: true, options: GENDERS },
      { key: 'childBirthDate', label: '出生日期', type: 'date', required: true, help: '出生后一个月以内申报出生登记' },
      { key: 'birthCertNo', label: '出生医学证明编号', type: 'text', maxLength: 10, pattern: { regex: '[A-Z]\\d{9}', message: '出生医学证明编号为 1 位大写字母加 9 位数字' }, help: '已领取出生医学证明的填写；同时申请签发的，由派出所通过数据共享获取' },
      { key: 'settleWith', label: '随父或随母落户', type: 'choice', required: true, options: [{ value: 'father', label: '随父亲落户' }, { value: 'mother', label: '随母亲落户' }] },
      personName('householderName', '落户户口的户主姓名'),
      { ...address(), key: 'hukouAddress', label: '落户地址（户口簿上的住址）', prefill: 'none' },
      contactPhone(),
    ],
  },
  {
    itemCode: '37200301400001', itemName: '生育医疗费用报销',
    fields: [
      { key: 'deliveryHospital', label: '分娩医院', type: 'text', required: true, maxLength: 60 },
      { key: 'deliveryDate', label: '分娩日期', type: 'date', required: true },
      { key: 'totalCost', label: '住院分娩医疗费用总额（元）', type: 'number', required: true, min: 1, max: 1000000, help: '按收费票据上的金额填写' },
      ...bank,
      contactPhone(),
    ],
  },

  // ── 退休一件事 ──
  {
    itemCode: '37200200400001', itemName: '城乡居民基本养老保险待遇申领',
    fields: [
      {
        key: 'otherPension', label: '是否已领取其他基本养老保障待遇', type: 'choice', required: true, help: '如职工养老金、机关事业单位养老金、退职生活费；已领取的不能重复领取城乡居民养老保险待遇',
        options: [{ value: 'no', label: '否' }, { value: 'yes', label: '是' }],
      },
      address(),
      ...bank,
      contactPhone(),
    ],
    // the guide's 受理条件: 年满 60 周岁
    eligibility: [{ kind: 'age', min: 60 }],
  },
  {
    itemCode: '37200204300001', itemName: '企业职工基本养老保险待遇申领（灵活就业人员）',
    fields: [
      {
        key: 'retireType', label: '退休类别', type: 'choice', required: true,
        options: [{ value: 'normal', label: '达到法定退休年龄' }, { value: 'early', label: '弹性提前退休' }, { value: 'late', label: '弹性延迟退休' }],
      },
      { key: 'retireDate', label: '申请退休日期', type: 'date', required: true, help: '弹性提前或延迟退休的，为本人选择的退休日期' },
      { key: 'deemedYears', label: '视同缴费年限（年）', type: 'number', min: 0, max: 50, help: '有视同缴费年限的填写，并提交本人档案或认定材料' },
      address(),
      ...bank,
      contactPhone(),
    ],
  },
  {
    itemCode: '37200102700001', itemName: '老年人意外伤害保险（银龄安康工程）参保', decidedBy: 'window_clerk',
    fields: [
      personName('insuredName', '被保险人姓名', '子女为父母投保的，填写父母的姓名'),
      personId('insuredIdNumber', '被保险人身份证号'),
      { key: 'copies', label: '投保份数', type: 'number', required: true, min: 1, max: 5, help: '每份保费和保障金额以当年公布的方案为准' },
      { key: 'beneficiary', label: '身故保险金受益人', type: 'choice', required: true, options: [{ value: 'legal', label: '法定继承人' }, { value: 'named', label: '指定受益人' }] },
      { ...personName('beneficiaryName', '受益人姓名'), showIf: { field: 'beneficiary', anyOf: ['named'] } },
      { ...personId('beneficiaryIdNumber', '受益人身份证号'), showIf: { field: 'beneficiary', anyOf: ['named'] } },
      contactPhone(),
    ],
  },

  // ── 残疾人服务一件事 ──
  {
    itemCode: '37200900100001', itemName: '残疾人证（新办）',
    fields: [
      { key: 'disabilityCategory', label: '残疾类别', type: 'choice', required: true, options: DISABILITY_CATEGORIES, help: '申请评定的残疾类别；等级由指定医疗机构评定' },
      { key: 'education', label: '文化程度', type: 'choice', required: true, options: EDUCATION },
      { key: 'guardianName', label: '监护人姓名（申请人为未成年人或无民事行为能力人的填写）', type: 'text', maxLength: 20 },
      { key: 'guardianPhone', label: '监护人电话', type: 'phone' },
      address(),
      contactPhone(),
    ],
  },
  {
    itemCode: '37050100900201', itemName: '重度残疾人护理补贴（申请）',
    fields: [
      { key: 'disabilityCategory', label: '残疾类别', type: 'choice', required: true, options: DISABILITY_CATEGORIES },
      { key: 'disabilityGrade', label: '残疾等级', type: 'choice', required: true, options: DISABILITY_GRADES },
      disabilityCertNo,
      { key: 'careMode', label: '照护方式', type: 'choice', required: true, options: [{ value: 'home', label: '居家照护' }, { value: 'institution', label: '托养机构照护' }, { value: 'day', label: '日间照料' }] },
      address(),
      ...bank,
    ],
  },
  {
    itemCode: '37200900200001', itemName: '残疾人辅助器具适配',
    fields: [
      { key: 'disabilityCategory', label: '残疾类别', type: 'choice', required: true, options: DISABILITY_CATEGORIES },
      {
        key: 'aidTypes', label: '需要适配的辅助器具（可多选）', type: 'multi_choice', required: true,
        options: [
          { value: 'wheelchair', label: '轮椅' }, { value: 'walker', label: '拐杖、助行架' }, { value: 'hearing', label: '助听器' },
          { value: 'vision', label: '助视器、盲杖' }, { value: 'prosthesis', label: '假肢、矫形器' }, { value: 'bath', label: '坐便椅、洗浴椅' }, { value: 'other', label: '其他' },
        ],
      },
      { key: 'aidOther', label: '其他辅助器具', type: 'text', required: true, maxLength: 60, showIf: { field: 'aidTypes', anyOf: ['other'] } },
      { key: 'need', label: '使用需求说明', type: 'textarea', maxLength: 300, help: '如：下肢无力，出门需要轮椅代步' },
      address(),
      contactPhone(),
    ],
  },
  {
    itemCode: '37200900400001', itemName: '残疾人家庭无障碍改造',
    fields: [
      { key: 'houseType', label: '住房情况', type: 'choice', required: true, options: [{ value: 'own', label: '自有住房' }, { value: 'public', label: '租住公共租赁住房' }, { value: 'other', label: '其他' }] },
      {
        key: 'modifications', label: '改造需求（可多选）', type: 'multi_choice', required: true,
        options: [
          { value: 'ramp', label: '出入口坡道' }, { value: 'handrail', label: '扶手' }, { value: 'door', label: '门槛清除、门加宽' },
          { value: 'toilet', label: '卫生间改造（坐便器、防滑）' }, { value: 'kitchen', label: '厨房低位改造' }, { value: 'alarm', label: '闪光门铃、报警装置' }, { value: 'other', label: '其他' },
        ],
      },
      { key: 'description', label: '房屋现状说明', type: 'textarea', maxLength: 300, help: '如：屋门有 20 厘米门槛，轮椅无法进出' },
      address(),
      contactPhone(),
    ],
  },
  {
    itemCode: '37200901100001', itemName: '残疾人就业岗位推荐', decidedBy: 'window_clerk',
    fields: [
      { key: 'education', label: '文化程度', type: 'choice', required: true, options: EDUCATION },
      { key: 'jobIntent', label: '求职意向', type: 'text', required: true, maxLength: 60, help: '如：手工编织、电商客服、保健按摩' },
      { key: 'workArea', label: '期望工作地点', type: 'choice', required: true, options: [{ value: 'town', label: '本镇（街道）' }, { value: 'city', label: '邹城市区' }, { value: 'any', label: '不限' }] },
      { key: 'skills', label: '技能特长', type: 'textarea', maxLength: 300 },
      contactPhone(),
    ],
  },
  {
    itemCode: '37200900500001', itemName: '残疾人职业技能培训', decidedBy: 'window_clerk',
    fields: [
      { key: 'education', label: '文化程度', type: 'choice', required: true, options: EDUCATION },
      {
        key: 'course', label: '培训意向', type: 'choice', required: true,
        options: [
          { value: 'massage', label: '保健按摩（盲人按摩）' }, { value: 'handcraft', label: '手工编织' }, { value: 'ecommerce', label: '电子商务' },
          { value: 'farming', label: '种植养殖' }, { value: 'computer', label: '计算机操作' }, { value: 'other', label: '其他' },
        ],
      },
      contactPhone(),
    ],
  },

  // ── 开办餐饮店一件事 ──
  {
    itemCode: '37011100100001', itemName: '个体工商户登记（设立）', decidedBy: 'window_clerk',
    fields: [
      { key: 'shopName', label: '个体工商户名称', type: 'text', required: true, maxLength: 40, help: '由行政区划、字号、行业和组织形式组成，如：邹城市钢山街道张记水饺店' },
      { ...personName('operatorName', '经营者姓名'), prefill: 'profile.name' },
      { ...personId('operatorIdNumber', '经营者身份证号'), prefill: 'profile.idNumber' },
      { key: 'organization', label: '组成形式', type: 'choice', required: true, options: [{ value: 'personal', label: '个人经营' }, { value: 'family', label: '家庭经营' }] },
      {
        key: 'familyMembers', label: '参加经营的家庭成员', type: 'table', required: true, maxRows: 6, rowNoun: '家庭成员', showIf: { field: 'organization', anyOf: ['family'] },
        columns: [
          { key: 'name', label: '姓名', type: 'text', required: true },
          { key: 'idNumber', label: '身份证号', type: 'id_number', required: true },
          { key: 'relation', label: '与经营者关系', type: 'choice', required: true, options: [{ value: 'spouse', label: '配偶' }, { value: 'child', label: '子女' }, { value: 'parent', label: '父母' }, { value: 'other', label: '其他' }] },
        ],
      },
      { key: 'businessScope', label: '经营范围', type: 'textarea', required: true, maxLength: 300, help: '如：餐饮服务；食品小作坊生产加工（馒头）；预包装食品销售' },
      { key: 'premises', label: '经营场所', type: 'address', required: true, help: '请选择所在镇（街道）、村（社区），并填写门牌号' },
      { key: 'premisesRight', label: '经营场所使用权', type: 'choice', required: true, options: [{ value: 'own', label: '自有' }, { value: 'rent', label: '租赁' }, { value: 'free', label: '无偿使用' }] },
      { key: 'capital', label: '资金数额（万元）', type: 'number', required: true, min: 0, max: 10000 },
      { key: 'employees', label: '从业人数', type: 'number', required: true, min: 1, max: 500 },
      contactPhone(),
    ],
  },
  {
    itemCode: '37011100400001', itemName: '食品小作坊登记（新办）',
    fields: [
      { key: 'workshopName', label: '小作坊名称（与营业执照一致）', type: 'text', required: true, maxLength: 40 },
      personName('operatorName', '经营者姓名'),
      { key: 'premises', label: '生产加工场所', type: 'address', required: true, help: '请选择所在镇（街道）、村（社区），并填写门牌号' },
      { key: 'area', label: '生产加工场所面积（平方米）', type: 'number', required: true, min: 1, max: 5000 },
      {
        key: 'foodCategories', label: '生产加工食品类别（可多选）', type: 'multi_choice', required: true,
        options: [
          { value: 'staple', label: '馒头、煎饼、面条等粮食制品' }, { value: 'tofu', label: '豆腐及豆制品' }, { value: 'meat', label: '熟肉制品' },
          { value: 'pastry', label: '糕点' }, { value: 'oil', label: '食用植物油' }, { value: 'other', label: '其他' },
        ],
      },
      { key: 'foods', label: '具体品种', type: 'text', required: true, maxLength: 100, help: '如：馒头、花卷、煎饼；不得生产加工本省食品小作坊禁止生产加工目录中的食品' },
      {
        key: 'staff', label: '从业人员', type: 'table', required: true, maxRows: 10, rowNoun: '从业人员',
        columns: [
          { key: 'name', label: '姓名', type: 'text', required: true },
          { key: 'idNumber', label: '身份证号', type: 'id_number', required: true },
          { key: 'healthCertNo', label: '健康证明编号', type: 'text', required: true },
          { key: 'healthCertUntil', label: '健康证明有效期至', type: 'date', required: true },
        ],
      },
      contactPhone(),
    ],
  },
  {
    itemCode: '37111100500001', itemName: '食品摊点备案（新办）', decidedBy: 'window_clerk',
    fields: [
      { ...personName('operatorName', '经营者姓名'), prefill: 'profile.name' },
      { ...personId('operatorIdNumber', '经营者身份证号'), prefill: 'profile.idNumber' },
      { key: 'stallPlace', label: '经营区域和摊位', type: 'text', required: true, maxLength: 60, help: '须在镇（街道）划定的区域内，如：钢山街道夜市 12 号摊位' },
      { key: 'hours', label: '经营时段', type: 'text', required: true, maxLength: 40, placeholder: '如：每日 17:00—22:00' },
      { key: 'stallType', label: '经营方式', type: 'choice', required: true, options: [{ value: 'cook', label: '现场制售' }, { value: 'sale', label: '食品销售' }] },
      { key: 'foods', label: '经营品种', type: 'text', required: true, maxLength: 100, help: '如：烧饼、凉皮、水果' },
      { key: 'healthCertNo', label: '健康证明编号', type: 'text', required: true, maxLength: 30 },
      contactPhone(),
    ],
  },
  {
    itemCode: '37111100600001', itemName: '仅销售预包装食品备案', decidedBy: 'window_clerk',
    fields: [
      { key: 'businessName', label: '经营者名称（与营业执照一致）', type: 'text', required: true, maxLength: 40 },
      { key: 'premises', label: '经营场所', type: 'address', required: true, help: '请选择所在镇（街道）、村（社区），并填写门牌号' },
      { key: 'saleMode', label: '经营方式', type: 'choice', required: true, options: [{ value: 'retail', label: '零售' }, { value: 'wholesale', label: '批发' }, { value: 'both', label: '批发兼零售' }] },
      { key: 'chilled', label: '是否销售需冷藏、冷冻的预包装食品', type: 'choice', required: true, options: [{ value: 'no', label: '否' }, { value: 'yes', label: '是' }] },
      personName('safetyManager', '食品安全管理人员'),
      contactPhone(),
    ],
  },
  {
    itemCode: '37200203000001', itemName: '用人单位招聘登记', decidedBy: 'window_clerk',
    fields: [
      { key: 'employerName', label: '单位名称（与营业执照一致）', type: 'text', required: true, maxLength: 40 },
      {
        key: 'positions', label: '招聘岗位', type: 'table', required: true, maxRows: 10, rowNoun: '岗位',
        columns: [
          { key: 'title', label: '岗位名称', type: 'text', required: true },
          { key: 'count', label: '招聘人数', type: 'number', required: true },
          { key: 'salary', label: '月工资（元）', type: 'number' },
          { key: 'education', label: '学历要求', type: 'choice', options: [{ value: 'any', label: '不限' }, { value: 'junior', label: '初中' }, { value: 'senior', label: '高中或中专' }, { value: 'college', label: '大专及以上' }] },
        ],
      },
      { key: 'workPlace', label: '工作地点', type: 'address', required: true, help: '请选择所在镇（街道）、村（社区），并填写门牌号' },
      { ...personName('contactName', '联系人'), prefill: 'profile.name' },
      contactPhone(),
      { key: 'until', label: '招聘截止日期', type: 'date' },
    ],
  },
  {
    itemCode: '37200201000001', itemName: '灵活就业人员社会保险参保（参保登记）', decidedBy: 'window_clerk',
    fields: [
      { key: 'employmentForm', label: '灵活就业形式', type: 'choice', required: true, options: [{ value: 'self_employed', label: '无雇工的个体工商户' }, { value: 'part_time', label: '非全日制从业人员' }, { value: 'other', label: '其他灵活就业人员' }] },
      { key: 'insurances', label: '参保险种', type: 'multi_choice', required: true, options: [{ value: 'pension', label: '职工基本养老保险' }, { value: 'medical', label: '职工基本医疗保险' }] },
      {
        key: 'baseLevel', label: '缴费档次', type: 'choice', required: true, help: '按全省上年度全口径城镇单位就业人员平均工资的一定比例确定缴费基数，每年可调整一次',
        options: ['60', '80', '100', '150', '200', '300'].map((p) => ({ value: `p${p}`, label: `${p}%` })),
      },
      address(),
      contactPhone(),
    ],
  },

  // ── 身后一件事 ── (the applicant is a family member; the person is the one who died)
  {
    itemCode: '37050101500001', itemName: '基本殡葬服务费用减免', decidedBy: 'window_clerk',
    fields: [
      personName('deceasedName', '逝者姓名'),
      personId('deceasedIdNumber', '逝者身份证号'),
      { key: 'deathDate', label: '死亡日期', type: 'date', required: true },
      { key: 'cremationDate', label: '火化日期', type: 'date', required: true, help: '在本市殡仪馆火化的，结算时直接减免' },
      relation('申请人与逝者关系'),
      contactPhone(),
    ],
  },
  {
    itemCode: '37200203900001', itemName: '社会保障卡注销', decidedBy: 'window_clerk',
    fields: [
      personName('holderName', '持卡人姓名'),
      personId('holderIdNumber', '持卡人公民身份号码'),
      { key: 'cancelReason', label: '注销原因', type: 'choice', required: true, options: [{ value: 'death', label: '持卡人死亡' }, { value: 'abroad', label: '出国（境）定居' }, { value: 'replaced', label: '补领、换领后注销原卡' }] },
      relation('申请人与持卡人关系', true),
      contactPhone(),
    ],
  },
  {
    itemCode: '37200200300001', itemName: '城乡居民基本养老保险注销登记',
    fields: [
      personName('insuredName', '参保人姓名'),
      personId('insuredIdNumber', '参保人身份证号'),
      { key: 'eventDate', label: '注销情形发生日期', type: 'date', required: true, help: '参保人去世的填写死亡日期，出国（境）定居的填写定居日期' },
      relation('申请人与参保人关系', true),
      { ...bank[0]!, help: '个人账户余额和丧葬补助金发放到这个账户' },
      bank[1]!,
      contactPhone(),
    ],
  },
  {
    itemCode: '37200204500001', itemName: '企业职工基本养老保险遗属待遇申领',
    fields: [
      personName('deceasedName', '逝者姓名'),
      personId('deceasedIdNumber', '逝者身份证号'),
      { key: 'deathDate', label: '死亡日期', type: 'date', required: true },
      {
        key: 'deathCause', label: '死亡原因', type: 'choice', required: true, help: '因工死亡的，按工伤保险规定申领供养亲属抚恤金，不在本事项办理',
        options: [{ value: 'illness', label: '因病死亡' }, { value: 'accident', label: '非因工死亡' }],
      },
      relation('申领人与逝者关系'),
      ...bank,
      contactPhone(),
    ],
  },
  {
    itemCode: '37200300300001', itemName: '城乡居民基本医疗保险参保注销登记', decidedBy: 'window_clerk',
    fields: [
      personName('insuredName', '参保人姓名'),
      personId('insuredIdNumber', '参保人身份证号'),
      {
        key: 'cancelReason', label: '注销原因', type: 'choice', required: true,
        options: [{ value: 'death', label: '死亡' }, { value: 'army', label: '应征入伍' }, { value: 'abroad', label: '出国（境）定居' }, { value: 'employee', label: '已参加职工基本医疗保险' }],
      },
      { key: 'eventDate', label: '注销情形发生日期', type: 'date', required: true, help: '死亡、入伍、出国（境）定居或参加职工医保的日期' },
      relation('申请人与参保人关系', true),
      contactPhone(),
    ],
  },
  {
    itemCode: '37050101600001', itemName: '节地生态安葬奖补',
    fields: [
      personName('deceasedName', '逝者姓名'),
      personId('deceasedIdNumber', '逝者身份证号'),
      {
        key: 'burialMode', label: '安葬方式', type: 'choice', required: true,
        options: [{ value: 'tree', label: '树葬' }, { value: 'flower', label: '花葬' }, { value: 'lawn', label: '草坪葬' }, { value: 'scatter', label: '骨灰撒散' }, { value: 'other', label: '其他节地生态方式' }],
      },
      { key: 'burialDate', label: '安葬日期', type: 'date', required: true },
      { key: 'burialPlace', label: '安葬地点', type: 'text', required: true, maxLength: 60 },
      relation('申请人与逝者关系'),
      ...bank,
      contactPhone(),
    ],
  },
  {
    itemCode: '37200103100001', itemName: '农村公益性公墓安葬服务', decidedBy: 'window_clerk',
    fields: [
      personName('deceasedName', '逝者姓名'),
      personId('deceasedIdNumber', '逝者身份证号'),
      { key: 'cemetery', label: '安葬的公益性公墓', type: 'text', required: true, maxLength: 60, help: '所在村（镇）农村公益性公墓的名称' },
      { key: 'burialDate', label: '拟安葬日期', type: 'date', required: true },
      relation('申请人与逝者关系'),
      contactPhone(),
    ],
  },
  {
    itemCode: '37050100700003', itemName: '高龄津贴（停发）',
    fields: [
      personName('elderName', '老人姓名'),
      personId('elderIdNumber', '老人身份证号'),
      { key: 'stopReason', label: '停发原因', type: 'choice', required: true, options: [{ value: 'death', label: '死亡' }, { value: 'moved', label: '户籍迁出本市' }] },
      { key: 'eventDate', label: '死亡或户籍迁出日期', type: 'date', required: true },
      relation('报告人与老人关系'),
      contactPhone(),
    ],
  },
  {
    itemCode: '37050400400201', itemName: '独生子女死亡家庭特别扶助',
    fields: [
      {
        key: 'parents', label: '申请扶助的父母', type: 'table', required: true, maxRows: 2, rowNoun: '申请人', help: '夫妻双方年满 49 周岁的，分别享受扶助',
        columns: [
          { key: 'name', label: '姓名', type: 'text', required: true },
          { key: 'idNumber', label: '身份证号', type: 'id_number', required: true },
          { key: 'role', label: '身份', type: 'choice', required: true, options: [{ value: 'father', label: '父亲' }, { value: 'mother', label: '母亲' }] },
        ],
      },
      personName('deceasedName', '去世子女姓名'),
      personId('deceasedIdNumber', '去世子女身份证号'),
      { key: 'deathDate', label: '死亡日期', type: 'date', required: true },
      {
        key: 'otherChildren', label: '是否再生育或收养子女', type: 'choice', required: true, help: '现无存活子女且未再生育或收养子女的，符合扶助条件',
        options: [{ value: 'no', label: '否' }, { value: 'yes', label: '是' }],
      },
      ...bank,
      contactPhone(),
    ],
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
