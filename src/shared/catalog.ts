/**
 * GB/T 39046-2020 code lists (appendix A) and the display rules built on them.
 * Shared by server (validation, lint, Excel) and web (labels, filters).
 */

/** 事项类型. 11 行政备案 is current practice (国发〔2022〕5号), not in the 2020 appendix. */
export const ITEM_TYPES = {
  '01': '行政许可', '02': '行政处罚', '03': '行政强制', '04': '行政征收', '05': '行政给付', '06': '行政检查',
  '07': '行政确认', '08': '行政奖励', '09': '行政裁决', '10': '其他行政权力', '11': '行政备案', '20': '公共服务',
} as const;
export type ItemTypeCode = keyof typeof ITEM_TYPES;
/** Types the office exercises on people (行政处罚, 行政强制, 行政检查): nobody comes to a service centre to apply for them. */
export const NOT_APPLIED_FOR_TYPES: readonly string[] = ['02', '03', '06'];

/** 行使层级 */
export const EXERCISE_LEVELS = { '1': '国家级', '2': '省级', '3': '市级', '4': '县级', '5': '镇（乡、街道）级', '6': '村（社区）级', '7': '分级管理' } as const;
/** 实施主体性质 */
export const BODY_NATURES = { '1': '法定机关', '2': '授权组织', '3': '受委托组织', '9': '其他' } as const;
/** 服务对象 */
export const AUDIENCES = { '1': '自然人', '2': '企业法人', '3': '事业法人', '4': '社会组织法人', '5': '行政机关', '6': '其他组织' } as const;
/** 办理形式 */
export const CHANNEL_FORMS = { '1': '窗口办理', '2': '电脑端网上办理', '3': '移动端网上申请', '4': '快递申请', '9': '其他' } as const;
/** 办件类型 */
export const CASE_TYPES = { '1': '即办件', '2': '承诺件', '9': '其他' } as const;
/** 权力来源 */
export const POWER_SOURCES = { '1': '法定本级行使', '2': '上级下放', '3': '上级授权', '4': '同级授权', '5': '上级委托', '6': '同级委托' } as const;
/** 通办范围 */
export const TONGBAN_SCOPES = ['全国', '跨省', '全省', '全市', '全县'] as const;
/** 网上办理深度 (multi-select) */
export const ONLINE_DEPTHS = {
  '1': '互联网咨询', '2': '互联网收件', '3': '互联网预审', '4': '互联网受理', '5': '互联网办理', '6': '互联网办理结果信息反馈', '7': '互联网电子证照反馈',
} as const;
/** 时限单位 */
export const TIME_UNITS = { workday: '工作日', day: '自然日', month: '月', instant: '即办', none: '无' } as const;
export type TimeUnit = keyof typeof TIME_UNITS;

export const NECESSITIES = { required: '必要', optional: '非必要', deferrable: '容缺' } as const;
export const MATERIAL_KINDS = { original: '原件', copy: '复印件', both: '原件和复印件' } as const;
export const MATERIAL_FORMS = { paper: '纸质', electronic: '电子', both: '纸质和电子' } as const;
export const MATERIAL_SOURCES = { applicant: '申请人自备', government: '政府部门核发', other: '其他' } as const;

/** 村（社区）办理模式 */
export const HANDLING_MODES = {
  village_direct: '村直接办结',
  village_collect_town_decide: '村受理、镇办结',
  village_assist: '村代办、镇办结',
  town_direct: '镇直接办结',
  town_collect_city_decide: '镇受理、市办结',
} as const;
export type HandlingMode = keyof typeof HANDLING_MODES;
/** Modes in which the receiving place only collects (收受分离) and forwards to its parent, which handles and decides. */
export const COLLECT_ONLY_MODES: readonly HandlingMode[] = ['village_collect_town_decide', 'village_assist', 'town_collect_city_decide'];
/** A place with this handling mode only collects the item's applications and forwards them to the body that decides (its parent). */
export const isCollectOnlyMode = (mode: HandlingMode): boolean => COLLECT_ONLY_MODES.includes(mode);

/** 服务主题 (life events); items carry one or more. */
export const PERSON_THEMES = [
  '生育收养', '户籍办理', '教育科研', '就业创业', '婚姻登记', '社会保障', '医疗卫生', '社会救助', '养老服务', '残疾人服务',
  '住房保障', '农业农村', '退役军人', '法律服务', '交通出行', '死亡殡葬', '民族宗教', '文化体育',
] as const;
export const BUSINESS_THEMES = ['设立变更', '准营准办', '生产经营', '农业生产', '建设施工', '劳动用工', '税费缴纳', '注销退出'] as const;

export type OnlineLevel = 'Ⅰ' | 'Ⅱ' | 'Ⅲ' | 'Ⅳ' | null;

/** 网上办理深度 shown as levels; Ⅳ级 = 全程网办 (办理 and result feedback online, no visit). */
export function onlineLevel(depths: readonly string[], visits: number): OnlineLevel {
  if (depths.includes('5') && (depths.includes('6') || depths.includes('7')) && visits === 0) return 'Ⅳ';
  if (depths.includes('3') || depths.includes('4') || depths.includes('5')) return 'Ⅲ';
  if (depths.includes('2')) return 'Ⅱ';
  if (depths.includes('1')) return 'Ⅰ';
  return null;
}

/**
 * The 网办地址 worth a link from the guide, or null: an https address of a page of its own (a path
 * other than "/" or empty), not a site's front page. A front page leaves the person to hunt for the
 * item on a site that may not offer it, and an http address can be changed on the way.
 */
export function specificOnlineUrl(address: string): URL | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.pathname === '/' || url.pathname === '') return null;
  return url;
}

export const QUICK_FILTERS = {
  fullyOnline: '全程网办',
  mobile: '掌上办',
  atMostOneVisit: '最多跑一次',
  zeroVisit: '零跑腿',
  /** 是否支持预约办理: by phone (the site books nothing) */
  appointment: '可电话预约',
} as const;
export type QuickFilter = keyof typeof QUICK_FILTERS;

/** 基本编码: 2 区划/来源 + 2 事项类型 + 5 主项 (2 部门 + 3 序号) + 3 子项. */
export const BASE_CODE_PATTERN = /^[0-9A-Z]{2}(0[1-9]|1[01]|20)\d{5}\d{3}$/;
/** A guidance-catalog row (one 办理项) is addressed by 基本编码 + 2-digit 办理项序号: 14 characters. */
export const ROW_CODE_PATTERN = /^[0-9A-Z]{2}(0[1-9]|1[01]|20)\d{8}\d{2}$/;
/** 实施编码: 18 统一社会信用代码 + 1 行使层级 + 12 基本编码 = 31; 业务办理项编码 adds 2 = 33. */
export const IMPLEMENTATION_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}[1-7][0-9A-Z]{12}$/;
export const HANDLING_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}[1-7][0-9A-Z]{12}\d{2}$/;
