/**
 * Demo 一件事 themes for Zoucheng, built from the items of the demo town catalog
 * (reference-data/catalog/town-guidance.json) as an administrator would in the theme builder.
 * The shared fields map onto the items' demo forms (seed/forms.ts DEMO_FORMS): a shared field has
 * the type, options and format rule of the fields it fills, so that one answer passes each item's
 * form (demo-themes.test.ts holds them to it).
 */
import type { SharedFieldInput, ThemeDefinitionInput } from '../../../shared/themes.js';

/** A shared field's targets: [item code, that item's form field key]. */
const into = (...targets: [itemCode: string, fieldKey: string][]): SharedFieldInput['mapsTo'] => targets.map(([itemCode, fieldKey]) => ({ itemCode, fieldKey }));
const yesNo = [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }];

// the demo forms' shared vocabularies (seed/forms.ts)
const GENDERS = [{ value: 'male', label: '男' }, { value: 'female', label: '女' }];
const BANKS = [
  { value: 'rcb', label: '邹城农商银行' }, { value: 'icbc', label: '中国工商银行' }, { value: 'abc', label: '中国农业银行' },
  { value: 'ccb', label: '中国建设银行' }, { value: 'psbc', label: '中国邮政储蓄银行' }, { value: 'other', label: '其他银行' },
];
const ACCOUNT_NO = { regex: '\\d{12,19}', message: '银行账号为 12–19 位数字' };
const DISABILITY_CATEGORIES = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'].map((l, i) => ({ value: `c${i + 1}`, label: `${l}残疾` }));
const DISABILITY_GRADES = ['一级', '二级', '三级', '四级'].map((l, i) => ({ value: `g${i + 1}`, label: l }));
const EDUCATION = [
  { value: 'none', label: '未上学' }, { value: 'primary', label: '小学' }, { value: 'junior', label: '初中' },
  { value: 'senior', label: '高中或中专' }, { value: 'college', label: '大专及以上' },
];
const KIN = [
  { value: 'spouse', label: '配偶' }, { value: 'child', label: '子女' }, { value: 'parent', label: '父母' },
  { value: 'sibling', label: '兄弟姐妹' }, { value: 'other', label: '其他亲属或继承人' },
];
const ADDRESS_HELP = '请选择所在镇（街道）、村（社区），并填写门牌号';

/** The bank account a payment goes to, asked once for every item of `codes` (their `bankName` and `accountNo`). */
const bankFields = (label: string, codes: string[]): SharedFieldInput[] => [
  { key: 'bankName', label: '开户银行', type: 'choice', required: true, prefill: 'previous', options: BANKS, mapsTo: into(...codes.map((c): [string, string] => [c, 'bankName'])) },
  { key: 'accountNo', label, type: 'text', required: true, prefill: 'previous', pattern: ACCOUNT_NO, mapsTo: into(...codes.map((c): [string, string] => [c, 'accountNo'])) },
];

const BIRTH = {
  registration: '37200400100001', vaccination: '37200400600001', medical: '37200300100002', card: '37200203400001',
  // decided by city bodies: the town collects them and they go on to the body that decides (镇受理、市办结)
  certificate: '37200402200001', hukou: '37201200300001', reimbursement: '37200301400001',
};
const RETIREMENT = { resident: '37200200400001', flexible: '37200204300001', card: '37200203400001', elderCard: '37200101100001', insurance: '37200102700001' };
const DISABILITY = {
  certificate: '37200900100001', living: '37050100900101', care: '37050100900201', aids: '37200900200001', home: '37200900400001',
  jobs: '37200901100001', training: '37200900500001',
};
const RESTAURANT = { licence: '37011100100001', workshop: '37011100400001', stall: '37111100500001', prepackaged: '37111100600001', hiring: '37200203000001', insurance: '37200201000001' };
/** 钢山街道's own theme (a town's 一件事: offered at the town and its villages only) */
const GANGSHAN_ELDERLY = { allowance: '37050100700001', elderCard: '37200101100001', dibao: '37050100100001', insurance: '37200102700001' };
const AFTER_DEATH = {
  funeral: '37050101500001', card: '37200203900001', residentPension: '37200200300001', survivors: '37200204500001', medical: '37200300300001',
  ecoBurial: '37050101600001', cemetery: '37200103100001', oldAge: '37050100700003', onlyChild: '37050400400201',
};

export const DEMO_THEMES: { code: string; definition: ThemeDefinitionInput }[] = [
  {
    code: 'birth',
    definition: {
      name: '出生一件事',
      subject: 'person',
      category: 'birth',
      summary: '孩子出生后的出生医学证明、生育登记、出生登记（落户）、预防接种证、新生儿医保参保、社会保障卡申领和生育医疗费用报销，一张表、一套材料、一次提交，卫健、公安、医保、人社部门并联办理、结果一并送达。',
      leadBody: '邹城市卫生健康局',
      promisedDays: 10,
      questions: [
        {
          key: 'certificate', text: '孩子的出生医学证明领取了吗？', help: '在本市助产医疗机构出生的，可以在这里一并申请签发',
          options: [{ value: 'have', label: '已经领取' }, { value: 'apply', label: '还没有，一并申请签发' }],
        },
        {
          key: 'hukou', text: '孩子落户（出生登记）了吗？', help: '新生儿医保参保和社会保障卡申领要用落户后的公民身份号码；还没有落户的，落户后再申请这两项',
          options: [{ value: 'done', label: '已经落户' }, { value: 'apply', label: '还没有，一并申请出生登记' }],
        },
        {
          key: 'reimburse', text: '分娩的住院费用在医院直接结算（报销）了吗？',
          options: [{ value: 'settled', label: '已直接结算' }, { value: 'apply', label: '没有，个人垫付了，需要报销' }],
        },
      ],
      items: [
        { itemCode: BIRTH.certificate, note: '首次签发出生医学证明（市妇幼保健计划生育服务中心签发）', when: { question: 'certificate', anyOf: ['apply'] } },
        { itemCode: BIRTH.registration, note: '为新生儿办理生育登记' },
        { itemCode: BIRTH.hukou, note: '为新生儿申报出生登记、落户（公安派出所办理）', when: { question: 'hukou', anyOf: ['apply'] } },
        { itemCode: BIRTH.vaccination, note: '领取孩子的预防接种证' },
        { itemCode: BIRTH.medical, note: '为新生儿参加城乡居民医保', when: { question: 'hukou', anyOf: ['done'] } },
        { itemCode: BIRTH.card, note: '为孩子申领社会保障卡', when: { question: 'hukou', anyOf: ['done'] } },
        { itemCode: BIRTH.reimbursement, note: '报销个人垫付的住院分娩医疗费用（市医疗保障事业中心办理）', when: { question: 'reimburse', anyOf: ['apply'] } },
      ],
      sharedFields: [
        {
          key: 'childName', label: '新生儿姓名', type: 'text', required: true, maxLength: 20,
          mapsTo: into([BIRTH.certificate, 'childName'], [BIRTH.registration, 'childName'], [BIRTH.hukou, 'childName'], [BIRTH.vaccination, 'childName'], [BIRTH.medical, 'childName'], [BIRTH.card, 'holderName']),
        },
        {
          key: 'childGender', label: '新生儿性别', type: 'choice', required: true, options: GENDERS,
          mapsTo: into([BIRTH.certificate, 'childGender'], [BIRTH.registration, 'childGender'], [BIRTH.hukou, 'childGender'], [BIRTH.vaccination, 'childGender'], [BIRTH.medical, 'childGender']),
        },
        {
          key: 'childBirthDate', label: '出生日期', type: 'date', required: true,
          mapsTo: into([BIRTH.certificate, 'childBirthDate'], [BIRTH.registration, 'childBirthDate'], [BIRTH.hukou, 'childBirthDate'], [BIRTH.vaccination, 'childBirthDate'], [BIRTH.medical, 'childBirthDate'], [BIRTH.reimbursement, 'deliveryDate']),
        },
        {
          key: 'birthHospital', label: '出生医院', type: 'text', required: true, maxLength: 60, help: '分娩的助产医疗机构全称',
          mapsTo: into([BIRTH.certificate, 'birthHospital'], [BIRTH.vaccination, 'birthHospital'], [BIRTH.reimbursement, 'deliveryHospital']),
        },
        {
          key: 'childIdNumber', label: '新生儿公民身份号码', type: 'id_number', required: true, help: '办理出生登记（落户）后户口簿上的号码',
          mapsTo: into([BIRTH.medical, 'childIdNumber'], [BIRTH.card, 'holderIdNumber']),
        },
        { key: 'guardianName', label: '监护人姓名', type: 'text', required: true, maxLength: 20, prefill: 'profile.name', mapsTo: into([BIRTH.vaccination, 'guardianName'], [BIRTH.medical, 'guardianName']) },
        {
          key: 'guardianPhone', label: '监护人联系电话', type: 'phone', required: true, prefill: 'profile.phone', help: '各部门办理进度和接种提醒发送到这个号码',
          mapsTo: into(
            [BIRTH.certificate, 'contactPhone'], [BIRTH.registration, 'contactPhone'], [BIRTH.hukou, 'contactPhone'], [BIRTH.vaccination, 'guardianPhone'],
            [BIRTH.medical, 'contactPhone'], [BIRTH.card, 'contactPhone'], [BIRTH.reimbursement, 'contactPhone'],
          ),
        },
        { key: 'address', label: '现居住地址', type: 'address', required: true, prefill: 'previous', help: `按现居住地确定接种单位；${ADDRESS_HELP}`, mapsTo: into([BIRTH.registration, 'address'], [BIRTH.vaccination, 'address']) },
      ],
    },
  },
  {
    code: 'retirement',
    definition: {
      name: '退休一件事',
      subject: 'person',
      category: 'elderly',
      summary: '年满 60 周岁办理退休的，养老保险待遇申领、社会保障卡申领、老年人优待证和银龄安康保险一次申请，人社、民政部门联合办理，养老金按月发放到社会保障卡。',
      leadBody: '邹城市人力资源和社会保障局',
      promisedDays: 10,
      questions: [
        {
          key: 'scheme', text: '您参加的是哪种养老保险？', help: '在单位参加企业职工养老保险的，退休手续由单位申报',
          options: [{ value: 'resident', label: '城乡居民基本养老保险' }, { value: 'flexible', label: '以灵活就业人员身份参加的企业职工基本养老保险' }],
        },
        {
          key: 'card', text: '是否已有启用了金融功能的社会保障卡？', help: '养老金发放到社会保障卡的金融账户',
          options: [{ value: 'yes', label: '有' }, { value: 'no', label: '没有，需要申领' }],
        },
        { key: 'insurance', text: '是否自愿参加老年人意外伤害保险（银龄安康工程）？', options: [{ value: 'yes', label: '参加' }, { value: 'no', label: '暂不参加' }] },
      ],
      items: [
        { itemCode: RETIREMENT.resident, note: '按月领取城乡居民养老金', when: { question: 'scheme', anyOf: ['resident'] } },
        { itemCode: RETIREMENT.flexible, note: '核定并按月领取基本养老金', when: { question: 'scheme', anyOf: ['flexible'] } },
        { itemCode: RETIREMENT.card, note: '申领社会保障卡，用于领取养老金', when: { question: 'card', anyOf: ['no'] } },
        { itemCode: RETIREMENT.elderCard, note: '办理山东省老年人优待证' },
        { itemCode: RETIREMENT.insurance, note: '参加银龄安康意外伤害保险', when: { question: 'insurance', anyOf: ['yes'] } },
      ],
      sharedFields: [
        { key: 'name', label: '姓名', type: 'text', required: true, maxLength: 20, prefill: 'profile.name', mapsTo: into([RETIREMENT.card, 'holderName'], [RETIREMENT.insurance, 'insuredName']) },
        { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true, prefill: 'profile.idNumber', mapsTo: into([RETIREMENT.card, 'holderIdNumber'], [RETIREMENT.insurance, 'insuredIdNumber']) },
        {
          key: 'contactPhone', label: '联系电话', type: 'phone', required: true, prefill: 'profile.phone',
          mapsTo: into([RETIREMENT.resident, 'contactPhone'], [RETIREMENT.flexible, 'contactPhone'], [RETIREMENT.card, 'contactPhone'], [RETIREMENT.elderCard, 'contactPhone'], [RETIREMENT.insurance, 'contactPhone']),
        },
        { key: 'address', label: '现居住地址', type: 'address', required: true, prefill: 'previous', help: ADDRESS_HELP, mapsTo: into([RETIREMENT.resident, 'address'], [RETIREMENT.flexible, 'address']) },
        ...bankFields('领取养老金的银行账号（社会保障卡金融账户或一类银行卡）', [RETIREMENT.resident, RETIREMENT.flexible]),
      ],
    },
  },
  {
    code: 'disability',
    definition: {
      name: '残疾人服务一件事',
      subject: 'person',
      // No life event of the 双全双百 lists is about disability; 就业 is where its employment services sit.
      category: 'employment',
      summary: '办理残疾人证时，一并申请困难残疾人生活补贴、重度残疾人护理补贴、辅助器具适配、家庭无障碍改造和就业培训服务，一张表、一套材料，残联牵头、民政部门协同办理。',
      leadBody: '邹城市残疾人联合会',
      promisedDays: 40,
      questions: [
        {
          key: 'economy', text: '您家是否为最低生活保障家庭或低保边缘家庭？', help: '已纳入特困人员救助供养的，不申请困难残疾人生活补贴',
          options: [{ value: 'dibao', label: '最低生活保障家庭' }, { value: 'edge', label: '低保边缘家庭' }, { value: 'none', label: '都不是' }],
        },
        {
          key: 'severity', text: '残疾程度是？', help: '以残疾评定结果为准',
          options: [{ value: 'severe', label: '一级、二级残疾，或三级、四级智力、精神残疾' }, { value: 'other', label: '其他三级、四级残疾' }],
        },
        {
          key: 'needs', text: '生活中是否需要辅助器具或家庭无障碍改造？',
          options: [{ value: 'none', label: '暂不需要' }, { value: 'aids', label: '需要轮椅、助听器等辅助器具' }, { value: 'home', label: '需要家庭无障碍改造' }, { value: 'both', label: '两项都需要' }],
        },
        {
          key: 'work', text: '是否有就业或参加职业技能培训的意愿？', help: '适用于就业年龄段内的残疾人',
          options: [{ value: 'job', label: '想找工作' }, { value: 'training', label: '想参加职业技能培训' }, { value: 'both', label: '都想' }, { value: 'no', label: '暂不需要' }],
        },
      ],
      items: [
        { itemCode: DISABILITY.certificate, note: '申请残疾评定，办理第二代残疾人证' },
        { itemCode: DISABILITY.living, note: '低保、低保边缘家庭的残疾人按月领取生活补贴', when: { question: 'economy', anyOf: ['dibao', 'edge'] } },
        { itemCode: DISABILITY.care, note: '重度残疾人按月领取护理补贴', when: { question: 'severity', anyOf: ['severe'] } },
        { itemCode: DISABILITY.aids, note: '免费或补贴适配基本型辅助器具', when: { question: 'needs', anyOf: ['aids', 'both'] } },
        { itemCode: DISABILITY.home, note: '列入家庭无障碍改造计划', when: { question: 'needs', anyOf: ['home', 'both'] } },
        { itemCode: DISABILITY.jobs, note: '登记求职意向，推荐适合的岗位', when: { question: 'work', anyOf: ['job', 'both'] } },
        { itemCode: DISABILITY.training, note: '报名免费职业技能培训', when: { question: 'work', anyOf: ['training', 'both'] } },
      ],
      sharedFields: [
        {
          key: 'disabilityCategory', label: '残疾类别', type: 'choice', required: true, options: DISABILITY_CATEGORIES,
          mapsTo: into([DISABILITY.certificate, 'disabilityCategory'], [DISABILITY.living, 'disabilityCategory'], [DISABILITY.care, 'disabilityCategory'], [DISABILITY.aids, 'disabilityCategory']),
        },
        { key: 'disabilityGrade', label: '残疾等级', type: 'choice', required: true, options: DISABILITY_GRADES, help: '以残疾评定结果为准', mapsTo: into([DISABILITY.living, 'disabilityGrade'], [DISABILITY.care, 'disabilityGrade']) },
        {
          key: 'certNo', label: '残疾人证号', type: 'text', required: true, help: '第二代残疾人证号为本人身份证号加残疾类别、等级各 1 位',
          pattern: { regex: '\\d{17}[\\dX]\\d{2}[1-7]?', message: '残疾人证号为身份证号后加 2 位（第二代残疾人证）' },
          mapsTo: into([DISABILITY.living, 'certNo'], [DISABILITY.care, 'certNo']),
        },
        { key: 'education', label: '文化程度', type: 'choice', required: true, options: EDUCATION, mapsTo: into([DISABILITY.certificate, 'education'], [DISABILITY.jobs, 'education'], [DISABILITY.training, 'education']) },
        {
          key: 'address', label: '现居住地址', type: 'address', required: true, prefill: 'previous', help: ADDRESS_HELP,
          mapsTo: into([DISABILITY.certificate, 'address'], [DISABILITY.living, 'address'], [DISABILITY.care, 'address'], [DISABILITY.aids, 'address'], [DISABILITY.home, 'address']),
        },
        {
          key: 'contactPhone', label: '联系电话', type: 'phone', required: true, prefill: 'profile.phone',
          mapsTo: into([DISABILITY.certificate, 'contactPhone'], [DISABILITY.aids, 'contactPhone'], [DISABILITY.home, 'contactPhone'], [DISABILITY.jobs, 'contactPhone'], [DISABILITY.training, 'contactPhone']),
        },
        ...bankFields('领取补贴的银行账号（社会保障卡金融账户或一类银行卡）', [DISABILITY.living, DISABILITY.care]),
      ],
    },
  },
  {
    code: 'restaurant',
    definition: {
      name: '开办餐饮店一件事',
      subject: 'enterprise',
      category: 'opening',
      summary: '开小吃店、馒头房等个体餐饮门店，营业执照、食品小作坊登记或预包装食品备案、食品摊点备案、招聘登记或本人社保参保一次申请，市场监管、人社部门并联办理。现场制作供顾客堂食的，另需取得食品经营许可。',
      leadBody: '邹城市市场监督管理局',
      promisedDays: 10,
      questions: [
        {
          key: 'format', text: '店里卖的食品怎么来？',
          options: [
            { value: 'workshop', label: '自己加工制作（馒头、煎饼、豆腐、熟食等，前店后坊）' },
            { value: 'prepackaged', label: '只卖预包装食品（饮料、零食、酒水等），不现场制作' },
          ],
        },
        { key: 'stall', text: '是否同时在夜市、集市等划定区域摆摊现场制售？', options: yesNo },
        {
          key: 'staff', text: '是否招用员工？',
          options: [{ value: 'hire', label: '招用员工' }, { value: 'self', label: '不招用，本人或家庭经营' }],
        },
      ],
      items: [
        { itemCode: RESTAURANT.licence, note: '办理个体工商户营业执照' },
        { itemCode: RESTAURANT.workshop, note: '办理食品小作坊登记证', when: { question: 'format', anyOf: ['workshop'] } },
        { itemCode: RESTAURANT.prepackaged, note: '仅销售预包装食品备案', when: { question: 'format', anyOf: ['prepackaged'] } },
        { itemCode: RESTAURANT.stall, note: '办理食品摊点备案卡', when: { question: 'stall', anyOf: ['yes'] } },
        { itemCode: RESTAURANT.hiring, note: '登记招聘岗位，由人社部门推荐求职者', when: { question: 'staff', anyOf: ['hire'] } },
        { itemCode: RESTAURANT.insurance, note: '店主以灵活就业人员身份参加职工养老、医疗保险', when: { question: 'staff', anyOf: ['self'] } },
      ],
      sharedFields: [
        {
          key: 'shopName', label: '店名（个体工商户名称）', type: 'text', required: true, maxLength: 40, help: '由行政区划、字号、行业和组织形式组成，如：邹城市钢山街道张记水饺店',
          mapsTo: into([RESTAURANT.licence, 'shopName'], [RESTAURANT.workshop, 'workshopName'], [RESTAURANT.prepackaged, 'businessName'], [RESTAURANT.hiring, 'employerName']),
        },
        { key: 'operatorName', label: '经营者姓名', type: 'text', required: true, maxLength: 20, prefill: 'profile.name', mapsTo: into([RESTAURANT.licence, 'operatorName'], [RESTAURANT.workshop, 'operatorName'], [RESTAURANT.stall, 'operatorName']) },
        { key: 'operatorIdNumber', label: '经营者身份证号', type: 'id_number', required: true, prefill: 'profile.idNumber', mapsTo: into([RESTAURANT.licence, 'operatorIdNumber'], [RESTAURANT.stall, 'operatorIdNumber']) },
        {
          key: 'premises', label: '经营场所', type: 'address', required: true, help: ADDRESS_HELP,
          mapsTo: into([RESTAURANT.licence, 'premises'], [RESTAURANT.workshop, 'premises'], [RESTAURANT.prepackaged, 'premises'], [RESTAURANT.hiring, 'workPlace']),
        },
        {
          key: 'contactPhone', label: '联系电话', type: 'phone', required: true, prefill: 'profile.phone',
          mapsTo: into(...Object.values(RESTAURANT).map((c): [string, string] => [c, 'contactPhone'])),
        },
      ],
    },
  },
  {
    code: 'after-death',
    definition: {
      name: '身后一件事',
      subject: 'person',
      category: 'death',
      summary: '亲人去世后，基本殡葬费用减免、社会保障卡和医保注销、养老保险注销及丧葬补助金和抚恤金申领、安葬奖补、高龄津贴停发等一次申请，民政、人社、医保、卫健部门联合办理，家属不再逐个部门跑。',
      leadBody: '邹城市民政局',
      promisedDays: 40,
      questions: [
        {
          key: 'pension', text: '逝者生前参加的是哪种养老保险？', help: '机关事业单位人员的丧葬费、抚恤金由原单位办理',
          options: [
            { value: 'resident', label: '城乡居民基本养老保险' },
            { value: 'employee', label: '企业职工基本养老保险（含企业退休人员）' },
            { value: 'other', label: '机关事业单位养老保险，或未参保' },
          ],
        },
        {
          key: 'medical', text: '逝者参加的是哪种医疗保险？', help: '职工医保由原单位或医保经办机构办理减员',
          options: [{ value: 'resident', label: '城乡居民基本医疗保险' }, { value: 'employee', label: '职工基本医疗保险' }, { value: 'none', label: '未参保' }],
        },
        {
          key: 'burial', text: '骨灰如何安葬？',
          options: [
            { value: 'eco', label: '树葬、花葬、草坪葬、撒散等节地生态安葬' },
            { value: 'public', label: '在村（镇）农村公益性公墓安葬' },
            { value: 'other', label: '其他（如经营性公墓）' },
          ],
        },
        { key: 'oldAge', text: '逝者生前是否在领取高龄津贴？', options: yesNo },
        { key: 'onlyChild', text: '逝者是否为独生子女，且父母均已年满 49 周岁、没有再生育或收养子女？', help: '符合的，父母可申请独生子女死亡家庭特别扶助', options: yesNo },
      ],
      items: [
        { itemCode: AFTER_DEATH.funeral, note: '减免遗体接运、火化、骨灰寄存等基本殡葬费用' },
        { itemCode: AFTER_DEATH.card, note: '注销逝者的社会保障卡' },
        { itemCode: AFTER_DEATH.residentPension, note: '注销城乡居民养老保险，领取个人账户余额和丧葬补助金', when: { question: 'pension', anyOf: ['resident'] } },
        { itemCode: AFTER_DEATH.survivors, note: '领取丧葬补助金和抚恤金', when: { question: 'pension', anyOf: ['employee'] } },
        { itemCode: AFTER_DEATH.medical, note: '注销城乡居民医保参保关系', when: { question: 'medical', anyOf: ['resident'] } },
        { itemCode: AFTER_DEATH.ecoBurial, note: '申领节地生态安葬奖补', when: { question: 'burial', anyOf: ['eco'] } },
        { itemCode: AFTER_DEATH.cemetery, note: '安排公益性公墓安葬', when: { question: 'burial', anyOf: ['public'] } },
        { itemCode: AFTER_DEATH.oldAge, note: '停发高龄津贴，避免多发后追回', when: { question: 'oldAge', anyOf: ['yes'] } },
        { itemCode: AFTER_DEATH.onlyChild, note: '父母申请独生子女死亡家庭特别扶助', when: { question: 'onlyChild', anyOf: ['yes'] } },
      ],
      sharedFields: [
        {
          key: 'deceasedName', label: '逝者姓名', type: 'text', required: true, maxLength: 20,
          mapsTo: into(
            [AFTER_DEATH.funeral, 'deceasedName'], [AFTER_DEATH.card, 'holderName'], [AFTER_DEATH.residentPension, 'insuredName'], [AFTER_DEATH.survivors, 'deceasedName'],
            [AFTER_DEATH.medical, 'insuredName'], [AFTER_DEATH.ecoBurial, 'deceasedName'], [AFTER_DEATH.cemetery, 'deceasedName'], [AFTER_DEATH.oldAge, 'elderName'], [AFTER_DEATH.onlyChild, 'deceasedName'],
          ),
        },
        {
          key: 'deceasedIdNumber', label: '逝者身份证号', type: 'id_number', required: true,
          mapsTo: into(
            [AFTER_DEATH.funeral, 'deceasedIdNumber'], [AFTER_DEATH.card, 'holderIdNumber'], [AFTER_DEATH.residentPension, 'insuredIdNumber'], [AFTER_DEATH.survivors, 'deceasedIdNumber'],
            [AFTER_DEATH.medical, 'insuredIdNumber'], [AFTER_DEATH.ecoBurial, 'deceasedIdNumber'], [AFTER_DEATH.cemetery, 'deceasedIdNumber'], [AFTER_DEATH.oldAge, 'elderIdNumber'], [AFTER_DEATH.onlyChild, 'deceasedIdNumber'],
          ),
        },
        {
          key: 'deathDate', label: '死亡日期', type: 'date', required: true,
          mapsTo: into(
            [AFTER_DEATH.funeral, 'deathDate'], [AFTER_DEATH.residentPension, 'eventDate'], [AFTER_DEATH.survivors, 'deathDate'], [AFTER_DEATH.medical, 'eventDate'],
            [AFTER_DEATH.oldAge, 'eventDate'], [AFTER_DEATH.onlyChild, 'deathDate'],
          ),
        },
        {
          key: 'relation', label: '您与逝者的关系', type: 'choice', required: true, options: KIN,
          mapsTo: into(
            [AFTER_DEATH.funeral, 'relation'], [AFTER_DEATH.card, 'relation'], [AFTER_DEATH.residentPension, 'relation'], [AFTER_DEATH.survivors, 'relation'],
            [AFTER_DEATH.medical, 'relation'], [AFTER_DEATH.ecoBurial, 'relation'], [AFTER_DEATH.cemetery, 'relation'], [AFTER_DEATH.oldAge, 'relation'],
          ),
        },
        {
          key: 'contactPhone', label: '联系电话', type: 'phone', required: true, prefill: 'profile.phone',
          mapsTo: into(...Object.values(AFTER_DEATH).map((c): [string, string] => [c, 'contactPhone'])),
        },
        ...bankFields('收款银行账号（社会保障卡金融账户或一类银行卡）', [AFTER_DEATH.residentPension, AFTER_DEATH.survivors, AFTER_DEATH.ecoBurial, AFTER_DEATH.onlyChild]),
      ],
    },
  },
  {
    // A town's own theme (issue 16: towns combine related items into local services): 钢山街道's
    // 高龄老人 visits, offered at the town and its villages only.
    code: 'gangshan-elderly',
    definition: {
      name: '高龄老人关爱一件事',
      subject: 'person',
      category: 'elderly',
      summary: '钢山街道年满 80 周岁的老人，高龄津贴申领、老年人优待证一次申请；家庭经济困难的同时申请最低生活保障，自愿的同时参加银龄安康保险。街道便民服务中心统一受理，社区网格员上门核实。',
      leadBody: '钢山街道便民服务中心',
      promisedDays: 20,
      regionCode: '370883001',
      questions: [
        { key: 'dibao', text: '家庭是否经济困难，需要同时申请最低生活保障？', help: '家庭人均收入低于当年低保标准的可以申请', options: [{ value: 'yes', label: '需要申请' }, { value: 'no', label: '不需要' }] },
        { key: 'insurance', text: '是否自愿参加老年人意外伤害保险（银龄安康工程）？', options: [{ value: 'yes', label: '参加' }, { value: 'no', label: '暂不参加' }] },
      ],
      items: [
        { itemCode: GANGSHAN_ELDERLY.allowance, note: '按月领取高龄津贴' },
        { itemCode: GANGSHAN_ELDERLY.elderCard, note: '办理山东省老年人优待证' },
        { itemCode: GANGSHAN_ELDERLY.dibao, note: '家庭经济困难的，申请最低生活保障', when: { question: 'dibao', anyOf: ['yes'] } },
        { itemCode: GANGSHAN_ELDERLY.insurance, note: '参加银龄安康意外伤害保险', when: { question: 'insurance', anyOf: ['yes'] } },
      ],
      sharedFields: [
        {
          key: 'contactPhone', label: '联系电话', type: 'phone', required: true, prefill: 'profile.phone',
          mapsTo: into([GANGSHAN_ELDERLY.allowance, 'contactPhone'], [GANGSHAN_ELDERLY.elderCard, 'contactPhone'], [GANGSHAN_ELDERLY.insurance, 'contactPhone']),
        },
        { key: 'address', label: '现居住地址', type: 'address', required: true, prefill: 'previous', help: ADDRESS_HELP, mapsTo: into([GANGSHAN_ELDERLY.allowance, 'address'], [GANGSHAN_ELDERLY.dibao, 'address']) },
        ...bankFields('领取津贴和救助金的银行账号（社会保障卡金融账户或一类银行卡）', [GANGSHAN_ELDERLY.allowance, GANGSHAN_ELDERLY.dibao]),
      ],
    },
  },
];
