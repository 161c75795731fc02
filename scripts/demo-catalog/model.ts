/**
 * Compact definitions of demonstration catalog items and the shared building blocks
 * (time limits, materials, steps, online presets) they are written with.
 *
 * One ItemDef = one service item (主项 or 子项); its variants are the 办理项 (新办/变更/注销 …),
 * each of which becomes one catalog row. Variant fields override the item's fields.
 */
import type { CatalogItemInput } from '../../src/shared/catalog-item.js';
import type { ItemTypeCode, TimeUnit } from '../../src/shared/catalog.js';

export type MaterialInput = NonNullable<CatalogItemInput['materials']>[number];
export type SituationInput = NonNullable<CatalogItemInput['situations']>[number];
export type StepInput = NonNullable<CatalogItemInput['steps']>[number];
export type ResultInput = NonNullable<CatalogItemInput['results']>[number];
export type FaqInput = NonNullable<CatalogItemInput['faqs']>[number];
export type FeeInput = NonNullable<CatalogItemInput['fees']['items']>[number];
export type SpecialInput = NonNullable<CatalogItemInput['specialProcedures']>[number];
export type PowerSource = CatalogItemInput['powerSource'];
export type BodyNature = CatalogItemInput['implementingBodyNature'];
export type Audience = CatalogItemInput['audience'][number];
export type Tongban = NonNullable<CatalogItemInput['tongbanScope']>;

export interface Limit {
  value: number;
  unit: TimeUnit;
  note?: string;
}

/**
 * How the item is offered online:
 * - none: window only; consult: 互联网咨询 only; precheck: 网上收件、预审 (Ⅲ);
 * - accept: 网上受理 (Ⅲ); full: 全程网办 (Ⅳ, zero visits); ex-officio: 依职权事项, not applied for.
 */
export type OnlinePreset = 'none' | 'consult' | 'precheck' | 'accept' | 'full' | 'ex-officio';

export interface ItemFields {
  power?: PowerSource;
  nature?: BodyNature;
  body?: string;
  basis: string;
  org?: string;
  joint?: string;
  audience?: Audience[];
  themes?: string[];
  keywords?: string[];
  /** required on the item or on every variant */
  conditions?: string;
  materials?: MaterialInput[];
  /** required on the item or on every variant */
  legal?: Limit;
  /** required on the item or on every variant */
  promised?: Limit;
  visits?: number;
  visitsReason?: string;
  online?: OnlinePreset;
  /** adds 7 互联网电子证照反馈 to a full-online item */
  eLicence?: boolean;
  mobile?: boolean;
  appointment?: boolean;
  delivery?: boolean;
  inHall?: boolean;
  results?: ResultInput[];
  fees?: FeeInput[];
  onlinePayment?: boolean;
  steps?: StepInput[];
  special?: SpecialInput[];
  intermediary?: string;
  quantity?: string;
  faqs?: FaqInput[];
  situations?: SituationInput[];
  tongban?: Tongban;
  devolved?: boolean;
  location?: string;
}

export interface VariantDef extends Partial<ItemFields> {
  /** 办理项名称 */
  name: string;
  /** extra keywords on top of the item's */
  moreKeywords?: string[];
}

export interface ItemDef extends ItemFields {
  /** 3-digit 主项 sequence within the department */
  seq: number;
  /** 子项 number, 0 = none */
  sub?: number;
  name: string;
  type: ItemTypeCode;
  variants?: VariantDef[];
}

export interface DepartmentDef {
  /** 2-digit department code used in 基本编码 */
  code: string;
  name: string;
  consultPhone: string;
  /** default handling organisation (town level) */
  townOrg: string;
  /** default power source for town rows */
  power: PowerSource;
}

// ---------------------------------------------------------------- time limits

export const wd = (value: number, note = ''): Limit => ({ value, unit: 'workday', note });
export const days = (value: number, note = ''): Limit => ({ value, unit: 'day', note });
export const instant = (note = ''): Limit => ({ value: 0, unit: 'instant', note });
export const noLimit = (note = ''): Limit => ({ value: 0, unit: 'none', note });

// ---------------------------------------------------------------- materials

type MatOpts = Partial<MaterialInput>;

export function mat(id: string, name: string, o: MatOpts = {}): MaterialInput {
  return {
    id,
    name,
    necessity: 'required',
    kind: 'original',
    form: 'paper',
    source: 'applicant',
    copies: 1,
    ...o,
  };
}

/** A form the applicant fills in: blank form and filled-in sample are attached. */
export function form(id: string, name: string, o: MatOpts = {}): MaterialInput {
  return mat(id, name, {
    kind: 'original',
    form: 'both',
    source: 'other',
    sourceNote: '窗口领取或在网上办事指南中下载',
    blankFormFileId: 'demo:blank',
    sampleFileId: 'demo:sample',
    acceptanceCriteria: '内容填写完整、真实，申请人签字（按手印）',
    ...o,
  });
}

const gov = (id: string, name: string, licenceType: string | null, o: MatOpts = {}): MaterialInput =>
  mat(id, name, {
    kind: 'original',
    form: 'both',
    source: 'government',
    copies: 1,
    licenceType,
    notes: licenceType ? '已关联电子证照的，可免于提交纸质材料' : '',
    acceptanceCriteria: '证件在有效期内，信息与申请人一致',
    ...o,
  });

/** Frequently used materials. Each call returns a fresh object, so callers may override. */
export const M = {
  idCard: (o: MatOpts = {}) => gov('id-card', '居民身份证', '居民身份证', { sourceNote: '公安机关核发', notes: '核验原件后当场退还；已关联电子证照的，可免于提交', ...o }),
  hukou: (o: MatOpts = {}) => gov('hukou', '居民户口簿', '居民户口簿', { sourceNote: '公安机关核发', notes: '核验户主页和本人页；已关联电子证照的，可免于提交', ...o }),
  marriage: (o: MatOpts = {}) => gov('marriage-cert', '结婚证', '结婚证', { sourceNote: '婚姻登记机关核发', ...o }),
  disability: (o: MatOpts = {}) => gov('disability-cert', '中华人民共和国残疾人证', '残疾人证', { sourceNote: '残疾人联合会核发', ...o }),
  birthCert: (o: MatOpts = {}) => gov('birth-cert', '出生医学证明', '出生医学证明', { sourceNote: '助产医疗机构签发', ...o }),
  businessLicence: (o: MatOpts = {}) => gov('business-licence', '营业执照', '营业执照', { sourceNote: '市场监督管理部门核发', ...o }),
  realEstate: (o: MatOpts = {}) => gov('real-estate-cert', '不动产权证书', '不动产权证书', { sourceNote: '不动产登记机构核发', necessity: 'optional', ...o }),
  residencePermit: (o: MatOpts = {}) => gov('residence-permit', '居住证', '居住证', { sourceNote: '公安机关核发', ...o }),
  ssCard: (o: MatOpts = {}) => gov('ss-card', '社会保障卡', '社会保障卡', { sourceNote: '人力资源社会保障部门发放', notes: '可使用电子社保卡', ...o }),
  veteranCert: (o: MatOpts = {}) => gov('veteran-cert', '退役证明（退伍证、转业证或复员证）', null, { sourceNote: '部队或退役军人事务部门核发', ...o }),
  photo: (o: MatOpts = {}) => mat('photo', '近期免冠彩色证件照片', { kind: 'original', copies: 2, spec: '2 寸，白色背景', notes: '也可在窗口现场采集', ...o }),
  bankAccount: (o: MatOpts = {}) => mat('bank-account', '本人银行账户信息（社会保障卡金融账户或一类银行卡）', { kind: 'copy', necessity: 'required', notes: '用于发放补贴资金；优先使用社会保障卡金融账户', ...o }),
  authorization: (o: MatOpts = {}) => form('check-authorization', '家庭经济状况核对授权书', {
    notes: '共同生活的家庭成员（未成年人由监护人代签）均应签字授权，用于核对收入和财产状况',
    basis: '《社会救助暂行办法》；《最低生活保障审核确认办法》（民发〔2021〕57号）',
    ...o,
  }),
  medical: (o: MatOpts = {}) => mat('medical-record', '二级及以上医疗机构出具的诊断证明或病历', {
    kind: 'copy',
    source: 'other',
    sourceNote: '就诊医疗机构出具',
    necessity: 'required',
    conditional: true,
    notes: '家庭成员患重大疾病、长期慢性病的提供',
    ...o,
  }),
  proxyLetter: (o: MatOpts = {}) => form('proxy-letter', '授权委托书', {
    conditional: true,
    notes: '委托他人或村（社区）帮办代办员代为办理的提供，写明委托事项和期限',
    ...o,
  }),
  agentId: (o: MatOpts = {}) => gov('agent-id', '受托人居民身份证', '居民身份证', { conditional: true, sourceNote: '公安机关核发', notes: '委托办理的提供', ...o }),
  guardian: (o: MatOpts = {}) => mat('guardian-proof', '监护关系证明材料（户口簿或法院判决、指定监护文书）', {
    kind: 'copy',
    source: 'other',
    conditional: true,
    notes: '申请人为未成年人或无民事行为能力人，由监护人代为申请的提供',
    ...o,
  }),
  commitment: (o: MatOpts = {}) => form('commitment', '个人承诺书', {
    notes: '实行证明事项告知承诺制，申请人对所填信息真实性作出书面承诺',
    ...o,
  }),
};

/** The common "委托他人办理" situation; requires M.proxyLetter() and M.agentId() in the materials. */
export const proxySituation = (): SituationInput => ({
  id: 'proxy',
  question: '是否委托他人代为办理？',
  options: [
    { id: 'self', label: '本人办理', materialIds: [] },
    { id: 'agent', label: '委托家属或帮办代办员办理', materialIds: ['proxy-letter', 'agent-id'] },
  ],
});

// ---------------------------------------------------------------- steps

const step = (name: string, description: string): StepInput => ({ name, description });

/** 行政许可: the five steps provincial checkers require (受理、审查、决定、办结、送达). */
export const permitSteps = (review: string, decide: string, extra: StepInput[] = []): StepInput[] => [
  step('受理', '申请人提交申请材料，窗口工作人员当场核验；材料齐全、符合法定形式的予以受理并出具受理通知书，不齐全的一次性告知需补正的全部内容'),
  step('审查', review),
  ...extra,
  step('决定', decide),
  step('办结', '作出准予许可决定的制发许可证件或批准文件；不予许可的书面说明理由，并告知申请行政复议或者提起行政诉讼的权利'),
  step('送达', '通过窗口领取、邮寄或电子证照方式将办理结果送达申请人'),
];

/** 行政给付 (subsidies, assistance). */
export const benefitSteps = (review: string, decide = '镇（街道）审核确认，对符合条件的作出给付决定；不符合条件的书面告知理由'): StepInput[] => [
  step('申请', '申请人向户籍所在地（或经常居住地）镇（街道）为民服务中心提出申请，也可由村（社区）代办'),
  step('受理', '材料齐全的当场受理；材料不全的一次性告知需要补正的材料'),
  step('审核', review),
  step('审批', decide),
  step('发放', '按月（或一次性）通过社会保障卡金融账户或本人银行账户发放，结果在村（社区）公示或告知申请人'),
];

/** 公共服务 handled at a window. */
export const serviceSteps = (handle: string, finish = '办理完成，结果当场告知或通过短信、电话反馈申请人'): StepInput[] => [
  step('受理', '申请人通过窗口或网上提交申请，工作人员核验身份和材料'),
  step('办理', handle),
  step('办结', finish),
];

/** 公共服务 collected at the town and decided by a city department. */
export const forwardSteps = (cityOrg: string, handle: string): StepInput[] => [
  step('受理', '镇（街道）为民服务中心窗口核验身份和材料，符合条件的当场受理'),
  step('初审', '镇（街道）对申请材料和基本条件进行初审，在规定时限内报送' + cityOrg),
  step('审核', handle),
  step('办结', '办理结果由镇（街道）窗口或村（社区）代办员告知申请人，证件可窗口领取或邮寄送达'),
];

/** 行政处罚 (普通程序). */
export const penaltySteps = (): StepInput[] => [
  step('立案', '对巡查发现、群众举报、部门移送的违法线索进行核查，符合立案条件的，经负责人批准立案'),
  step('调查取证', '两名以上执法人员出示执法证件，全面、客观、公正地调查收集证据，制作现场检查（勘验）笔录、询问笔录'),
  step('审核', '案件调查终结后，由法制审核人员对事实、证据、程序、法律适用和处罚裁量进行审核'),
  step('告知', '作出行政处罚决定前，书面告知当事人拟作出的处罚内容及事实、理由、依据，并告知其依法享有陈述、申辩、要求听证等权利'),
  step('决定', '经负责人审查（情节复杂或重大违法行为经集体讨论）作出行政处罚决定或不予处罚决定'),
  step('送达', '在宣告后当场交付当事人，或依照《中华人民共和国民事诉讼法》的有关规定送达'),
  step('执行', '当事人履行处罚决定；逾期不履行的依法加处罚款或者申请人民法院强制执行，结案归档'),
];

/** 行政检查. */
export const inspectionSteps = (scope: string): StepInput[] => [
  step('制定计划', `按照“双随机、一公开”要求，结合日常巡查制定检查计划，检查范围：${scope}`),
  step('实施检查', '两名以上执法人员出示执法证件，实施现场检查，制作检查记录，由被检查对象签字确认'),
  step('处理', '未发现问题的告知检查结果；发现问题的责令限期整改并跟踪复查，涉嫌违法的依法立案查处或移送有关部门'),
  step('公开归档', '检查结果依法公开，检查资料立卷归档'),
];

/** 行政备案. */
export const filingSteps = (check: string): StepInput[] => [
  step('提交', '备案人通过窗口或网上提交备案材料'),
  step('受理', '材料齐全的当场受理；不齐全的一次性告知需补正的材料'),
  step('核对', check),
  step('备案', '对材料齐全的予以备案，出具备案回执；备案不作为行政许可'),
];

// ---------------------------------------------------------------- online

export const ONLINE_URL = 'http://zwfw.sd.gov.cn';

export interface OnlineFields {
  channels: NonNullable<CatalogItemInput['channels']>;
  onlineDepth: NonNullable<CatalogItemInput['onlineDepth']>;
  mobile: boolean;
  appointment: boolean;
  onlineUrl: string;
  inHall: boolean;
}

export function onlineFields(preset: OnlinePreset, eLicence = false): OnlineFields {
  switch (preset) {
    case 'none':
      return { channels: ['1'], onlineDepth: [], mobile: false, appointment: true, onlineUrl: '', inHall: true };
    case 'consult':
      return { channels: ['1'], onlineDepth: ['1'], mobile: false, appointment: true, onlineUrl: '', inHall: true };
    case 'precheck':
      return { channels: ['1', '2', '3'], onlineDepth: ['1', '2', '3'], mobile: true, appointment: true, onlineUrl: ONLINE_URL, inHall: true };
    case 'accept':
      return { channels: ['1', '2', '3'], onlineDepth: ['1', '2', '3', '4'], mobile: true, appointment: true, onlineUrl: ONLINE_URL, inHall: true };
    case 'full':
      return {
        channels: ['1', '2', '3'],
        onlineDepth: eLicence ? ['1', '2', '3', '4', '5', '6', '7'] : ['1', '2', '3', '4', '5', '6'],
        mobile: true,
        appointment: true,
        onlineUrl: ONLINE_URL,
        inHall: true,
      };
    case 'ex-officio':
      return { channels: ['9'], onlineDepth: [], mobile: false, appointment: false, onlineUrl: '', inHall: false };
  }
}
