/**
 * Demo history (SEED_DEMO only), so that the supervision dashboards (监督看板) and the 好差评 pages
 * open on realistic figures: about 420 cases of the last HISTORY_WORKING_DAYS working days (some
 * three months) at five towns, every one of them closed — most accepted and approved within the
 * time limit, some denied, a few refused (不予受理), a few after a 补正; every decision delivered
 * (送达), as a decided case not yet delivered waits in the staff's 等我处理 — and about 70 % of
 * them rated, with the 差评's follow-ups in their several states (visited and
 * rectified, some re-rated; one appealed and upheld by the city; one still 待回访 and one still
 * 整改中 past their limits).
 *
 * Everything goes through the real services (CaseService, RatingService, RatingFollowUps and the
 * follow-ups' escalation scan, built as createServices builds them) with one clock moved along the
 * timeline, so every case has its events, notices and audit entries, and the aggregates are the
 * services' own: case_daily (the cases triggers) and rating_daily (RatingService).
 *
 * Who: 钢山街道's and 千泉街道's demo staff at their towns; at 凫山街道, 香城镇 and 太平镇, which have
 * no demo staff of their own, the city service centre's clerk and approver (their grants cover the
 * county; 千泉街道 has no approver either). 差评 are followed up by 钢山街道's administrator at
 * 钢山街道 and by the city administrator elsewhere; phone ratings and appeals are the city's.
 * Applicants: walk-ins taken in at the window (made-up names, GB 11643 ID numbers and mobile
 * numbers, no account) and online applications of history citizen accounts — never the three demo
 * citizens, whose cases the journeys count.
 *
 * The plan (planHistory) is drawn from a seeded PRNG over working days counted back from today, so
 * every run makes the same history, dated relative to the clock, whatever today is. Its SMS go
 * through a sender that hands them to nobody (the phones are made up) and marks them sent at the
 * end of the day they were written, so none waits for the gateway when the server starts. (The
 * ratings module's invitation job is left to the server: at start it invites the history's cases
 * handled 3 to 10 days ago and not rated, as it would any.)
 */
import type { Deps } from '../deps.js';
import { addDays, chinaDate } from '../platform/calendar.js';
import type { RequestContext } from '../platform/context.js';
import type { Clock } from '../platform/ids.js';
import type { CitizenActor, StaffActor } from '../platform/request.js';
import { OutboxSmsSender, type SmsGateway } from '../platform/sms.js';
import { materialRequired, situationMaterials } from '../../shared/case-rules.js';
import type { DeliveryMethod } from '../../shared/cases.js';
import type { FormValues } from '../../shared/forms.js';
import {
  GOOD_RATING_TAGS, isBadLevel, RATING_DIMENSIONS, SHANDONG_SCORE, type RATING_TAGS, type RatingChannel, type RatingLevel, type VisitMethod,
} from '../../shared/ratings.js';
import { idNumberCheckChar } from '../../shared/validators.js';
import { CaseRatingFacts, CaseService, type SubmitInput } from '../modules/cases/index.js';
import { detectFileType } from '../modules/files/index.js';
import { LicenceService } from '../modules/licences/index.js';
import { NotificationService, RatingNotices } from '../modules/notifications/index.js';
import { RatingFollowUps, RatingService, type Rater } from '../modules/ratings/index.js';
import type { Services } from '../services.js';
import { staffActor } from './cases.js';
import { DEMO_CITIZENS, DEMO_STAFF, insertDemoCitizen } from './demo.js';
import { seedDemoForms } from './forms.js';

/** How far back the history goes, in working days (about 90 calendar days). */
export const HISTORY_WORKING_DAYS = 62;
const MINUTE = 60_000;
const PDF = Buffer.from('%PDF-1.4\n% 便民演示材料（历史办件）\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

// ───────────────────────── the towns and items ─────────────────────────

interface TownSpec {
  code: string;
  /** takes walk-ins in, accepts, delivers; decides the items decided at the window */
  clerk: string;
  /** reviews and decides */
  approver: string;
  /** returns the 差评's visits and rectifies (rating.followup over the town) */
  followUp: string;
  /** share of the county's cases */
  weight: number;
  /** share of applications made online, where the item takes them */
  online: number;
  /** share of decisions after the due date */
  late: number;
  /** the chance of a 差评 for a case handled well */
  bad: number;
}

export const HISTORY_TOWNS: readonly TownSpec[] = [
  { code: '370883001', clerk: 'gangshan.clerk', approver: 'gangshan.approver', followUp: 'gangshan.admin', weight: 32, online: 0.42, late: 0.03, bad: 0.04 },
  { code: '370883002', clerk: 'qianquan.clerk', approver: 'city.approver', followUp: 'admin', weight: 22, online: 0.36, late: 0.05, bad: 0.05 },
  { code: '370883003', clerk: 'city.clerk', approver: 'city.approver', followUp: 'admin', weight: 17, online: 0.3, late: 0.06, bad: 0.06 },
  { code: '370883101', clerk: 'city.clerk', approver: 'city.approver', followUp: 'admin', weight: 15, online: 0.2, late: 0.1, bad: 0.07 },
  { code: '370883107', clerk: 'city.clerk', approver: 'city.approver', followUp: 'admin', weight: 14, online: 0.16, late: 0.08, bad: 0.08 },
];

/** The rating.review holder who takes phone ratings and decides appeals (复核). */
const CITY_RATINGS = 'admin';

type Rng = () => number;

interface Person {
  name: string;
  age: number;
  idNumber: string;
  phone: string;
  village: { code: string; name: string };
  /** the house (门牌) within the village */
  detail: string;
}

interface Address {
  regionCode: string;
  regionName: string;
  detail: string;
}

interface FormInput {
  rng: Rng;
  person: Person;
  address: Address;
  /** the China date the application is made */
  on: string;
}

interface ItemSpec {
  code: string;
  weight: number;
  /** the applicant's age range (in years since their birth year) */
  age: readonly [number, number];
  form?: (f: FormInput) => FormValues;
  /** 不予许可 reasons; none: never denied */
  deny?: readonly string[];
  resultNote?: string;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const between = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');

const bank = (rng: Rng) => ({ bankName: pick(rng, ['rcb', 'rcb', 'icbc', 'abc', 'ccb', 'psbc']), accountNo: `62284803${digits(rng, 11)}` });

/** Items of the demo catalog every town's list offers, with how often they are asked for and how their forms are filled. */
export const HISTORY_ITEMS: readonly ItemSpec[] = [
  {
    // (ages a year over the forms' eligibility rules: the birthday may not have come yet this year)
    code: '37050100700001', weight: 10, age: [81, 94], resultNote: '自次月起按月发放高龄津贴',
    form: ({ rng, person, address }) => ({ address, ...bank(rng), contactPhone: person.phone }),
    deny: ['经核对户籍信息，申请人未满 80 周岁，暂不符合高龄津贴发放条件，年满后可再申请'],
  },
  {
    code: '37200101100001', weight: 10, age: [60, 86], resultNote: '山东省老年人优待证已签发',
    form: ({ person, rng }) => ({ contactPhone: person.phone, ...(rng() < 0.5 ? { emergencyName: `${person.name.slice(0, 1)}${pick(rng, ['建华', '丽', '伟', '敏', '强'])}`, emergencyPhone: mobile(rng) } : {}) }),
  },
  {
    code: '37050100600001', weight: 6, age: [28, 78], resultNote: '救助金已核定，5 个工作日内发放',
    form: ({ rng, address, on }) => ({
      reason: pick(rng, ['家中老人突发重病住院，医疗费用负担很重', '房屋因暴雨受损，暂无能力修缮', '本人意外受伤无法务工，家庭收入中断', '孩子患病住院，自付费用较高']),
      happenedOn: addDays(on, -between(rng, 3, 30)), amount: pick(rng, [1000, 2000, 3000, 5000]), address, ...bank(rng),
    }),
    deny: ['经核查，申请人家庭困难情形不属于急难型临时救助范围，已告知可申请支出型临时救助'],
  },
  {
    code: '37050100100001', weight: 5, age: [35, 82], resultNote: '自次月起纳入最低生活保障，按月发放保障金',
    form: ({ rng, person, address }) => {
      const housing = pick(rng, ['own', 'own', 'rent', 'lodge']);
      return {
        members: [{ name: person.name, relation: 'self', idNumber: person.idNumber, income: between(rng, 2, 9) * 100 }],
        housing, ...(housing === 'rent' ? { rentMonthly: between(rng, 3, 8) * 100 } : {}),
        hardships: [pick(rng, ['illness', 'disability', 'old', 'unemployed'])],
        reason: pick(rng, ['本人常年患病，无劳动能力，家庭无稳定收入', '本人年老体弱，无固定收入，子女无赡养能力', '家中有重度残疾人需要照料，收入难以维持基本生活']),
        address, ...bank(rng),
      };
    },
    deny: ['经家庭经济状况核对，家庭月人均收入高于本市城乡低保标准，不符合申请条件'],
  },
  {
    code: '37050100900101', weight: 4, age: [20, 75], resultNote: '自次月起发放困难残疾人生活补贴',
    form: ({ rng, person, address }) => {
      const cat = between(rng, 1, 7);
      const grade = between(rng, 1, 4);
      return { disabilityCategory: `c${cat}`, disabilityGrade: `g${grade}`, certNo: `${person.idNumber}${cat}${grade}`, address, ...bank(rng) };
    },
    deny: ['经核对，申请人家庭不属于低保或低保边缘家庭，不符合困难残疾人生活补贴条件'],
  },
  {
    code: '37050100900201', weight: 3, age: [20, 80], resultNote: '自次月起发放重度残疾人护理补贴',
    form: ({ rng, person, address }) => {
      const cat = between(rng, 1, 7);
      const grade = between(rng, 1, 2);
      return {
        disabilityCategory: `c${cat}`, disabilityGrade: `g${grade}`, certNo: `${person.idNumber}${cat}${grade}`, careMode: pick(rng, ['home', 'home', 'day', 'institution']), address, ...bank(rng),
      };
    },
    deny: ['经核对残疾人证信息，申请人残疾等级为三级，不符合重度残疾人护理补贴条件（一、二级）'],
  },
  {
    code: '37200102700001', weight: 6, age: [60, 85],
    form: ({ rng, person }) => ({ insuredName: person.name, insuredIdNumber: person.idNumber, copies: between(rng, 1, 2), beneficiary: 'legal', contactPhone: person.phone }),
  },
  {
    code: '37200201000001', weight: 5, age: [24, 55],
    form: ({ rng, person, address }) => ({
      employmentForm: pick(rng, ['self_employed', 'part_time', 'other']), insurances: rng() < 0.7 ? ['pension', 'medical'] : ['pension'],
      baseLevel: pick(rng, ['p60', 'p60', 'p80', 'p100']), address, contactPhone: person.phone,
    }),
  },
  {
    code: '37200203400001', weight: 6, age: [18, 75], resultNote: '社会保障卡已制卡，请到所选银行网点领取',
    form: ({ rng, person }) => ({ holderName: person.name, holderIdNumber: person.idNumber, cardBank: pick(rng, ['rcb', 'icbc', 'abc', 'boc', 'ccb', 'psbc']), pickup: 'branch', contactPhone: person.phone }),
    deny: ['经核验，申请人已持有有效的第三代社会保障卡，不能重复申领，如需更换请办理补换卡'],
  },
  {
    code: '37200200400001', weight: 4, age: [61, 63], resultNote: '自次月起按月发放城乡居民基本养老保险待遇',
    form: ({ rng, person, address }) => ({ otherPension: 'no', address, ...bank(rng), contactPhone: person.phone }),
    deny: ['经信息比对，申请人已领取企业职工基本养老保险待遇，不能重复领取城乡居民养老保险待遇'],
  },
  {
    code: '37200900100001', weight: 3, age: [8, 78], resultNote: '第二代残疾人证已核发',
    form: ({ rng, person, address }) => ({ disabilityCategory: `c${between(rng, 1, 7)}`, education: pick(rng, ['primary', 'junior', 'senior']), address, contactPhone: person.phone }),
    deny: ['经指定医疗机构评定，申请人不符合残疾评定标准'],
  },
  { code: '37200101700001', weight: 4, age: [65, 90] },
  { code: '37050101000001', weight: 3, age: [75, 92], deny: ['经评估，申请人家庭经济状况不属于经济困难，不符合补贴条件'] },
  { code: '37200102500001', weight: 4, age: [18, 60] },
  { code: '37050100700002', weight: 2, age: [81, 95] },
  { code: '37200102000001', weight: 3, age: [30, 70] },
  { code: '37200102800001', weight: 1, age: [62, 88], deny: ['经评估，申请人有法定赡养人且其具备赡养能力，不符合特困供养集中入住条件'] },
  { code: '37200102300001', weight: 2, age: [70, 92], deny: ['经上门评估，申请人住房条件暂不具备家庭养老床位建设条件'] },
  { code: '37050100100002', weight: 2, age: [40, 80], deny: ['经核对，家庭人口和收入情况未发生变化，不予调整保障金额'] },
  { code: '37050100800001', weight: 1, age: [100, 103], resultNote: '自次月起按月发放百岁老人长寿补贴' },
];

/** The places, items and working days a plan is drawn over (read from the region tree, the catalog and the forms). */
export interface PlanTown extends TownSpec {
  name: string;
  villages: readonly { code: string; name: string }[];
}

export interface PlanItem {
  spec: ItemSpec;
  name: string;
  /** 承诺时限 in working days; 0 即办; null none */
  promisedDays: number | null;
  online: boolean;
  decidedBy: 'approver' | 'window_clerk';
  /** 情形引导: each question's first option */
  situationAnswers: Record<string, string>;
  /** the materials to hand in (required, and those the answers call for) */
  materials: readonly string[];
}

// ───────────────────────── people ─────────────────────────

const SURNAMES = ['孟', '孟', '颜', '孔', '王', '王', '李', '李', '张', '张', '刘', '刘', '陈', '杨', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '高', '宋', '韩', '曹', '邵', '田', '姜', '魏', '程', '仲', '盛', '邱'];
// (no 建国, 秀英, 桂兰, 玉兰, 桂芝: the demo's and the journeys' people have those names, and the journeys find them by name)
const OLD_MEN = ['德胜', '传忠', '庆福', '广田', '宝山', '兆祥', '玉才', '继昌', '长松', '繁华', '宪章', '守义', '春生', '振山'];
const OLD_WOMEN = ['玉梅', '淑芬', '凤英', '翠兰', '秀珍', '春花', '金凤', '素华', '月娥', '兰英', '德荣'];
const MEN = ['志强', '伟', '明', '国庆', '立新', '洪涛', '振华', '磊', '鹏', '军', '海涛', '庆华', '宪军', '长军', '凯', '浩', '勇', '斌'];
const WOMEN = ['丽', '静', '敏', '红梅', '晓燕', '雪梅', '慧', '婷', '芳', '美玲', '娟', '霞', '艳', '莉', '倩', '文静'];
const YOUNG_MEN = ['子轩', '浩然', '宇航', '俊杰', '晨', '博文', '一鸣', '嘉豪'];
const YOUNG_WOMEN = ['欣怡', '雨涵', '梓涵', '诗琪', '佳怡', '思雨', '可馨', '梦瑶'];
/** The demo's people and the journeys' applicants: nobody in the history is called so. */
const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...DEMO_CITIZENS.map((c) => c.name), ...DEMO_STAFF.map((a) => a.name), '孟繁英', '颜廷秀', '孙玉兰', '周桂英', '赵秀梅', '孔德明', '孟凡华', '韩晓雯',
]);
/** Mobile prefixes the code and tests never use (theirs are 138 and 139). */
const PHONE_PREFIXES = ['135', '136', '137', '150', '151', '152', '157', '158', '159', '182', '183', '187', '188'];

const mobile = (rng: Rng): string => `${pick(rng, PHONE_PREFIXES)}${digits(rng, 8)}`;

class People {
  private readonly ids = new Set<string>();
  constructor(private readonly rng: Rng, private readonly year: number) {}

  /** Someone living in the town, aged within `age`; ID numbers are unique and end in a valid check character. */
  person(town: PlanTown, age: readonly [number, number]): Person {
    const { rng } = this;
    const female = rng() < 0.55;
    const years = between(rng, age[0], age[1]);
    const born = this.year - years;
    let idNumber: string;
    do {
      // order numbers 700–999: the tests' and the demo's fixed ID numbers use others
      const order = between(rng, 350, 499) * 2 + (female ? 0 : 1);
      const first17 = `370883${born}${String(between(rng, 1, 12)).padStart(2, '0')}${String(between(rng, 1, 28)).padStart(2, '0')}${order}`;
      idNumber = first17 + idNumberCheckChar(first17);
    } while (this.ids.has(idNumber));
    this.ids.add(idNumber);
    const given = years >= 60 ? (female ? OLD_WOMEN : OLD_MEN) : years >= 25 ? (female ? WOMEN : MEN) : female ? YOUNG_WOMEN : YOUNG_MEN;
    const village = pick(rng, town.villages);
    const detail = village.name.endsWith('村') ? `${between(rng, 1, 9)} 组 ${between(rng, 1, 68)} 号` : `${between(rng, 1, 32)} 号楼 ${between(rng, 1, 3)} 单元 ${between(rng, 1, 6)}0${between(rng, 1, 4)} 室`;
    let name: string;
    do name = `${pick(rng, SURNAMES)}${pick(rng, given)}`;
    while (RESERVED_NAMES.has(name));
    return { name, age: years, idNumber, phone: mobile(rng), village, detail };
  }
}

// ───────────────────────── the plan ─────────────────────────

export type Outcome = 'approved' | 'denied' | 'refused';
export type FollowUpPlan = 'normal' | 'unvisited' | 'unrectified' | 'appeal' | 'late_visit';

type RatingTag = (typeof RATING_TAGS)[number];

export interface PlannedRating {
  channel: RatingChannel;
  level: RatingLevel;
  tags: RatingTag[];
  text: string;
  dimensions: Record<string, number>;
}

export interface PlannedCase {
  town: PlanTown;
  item: PlanItem;
  channel: 'window' | 'pc' | 'mobile';
  person: Person;
  /** the history citizen who applies online (index into HistoryPlan.citizens) */
  citizen: number | null;
  formData: FormValues;
  outcome: Outcome;
  correction: boolean;
  late: boolean;
  delivery: DeliveryMethod | null;
  rating: PlannedRating | null;
  rerating: PlannedRating | null;
  followUp: FollowUpPlan | null;
}

export type Op =
  | 'register' | 'submit' | 'accept' | 'correct' | 'resubmit' | 'refuse' | 'review' | 'approve' | 'deny' | 'deliver'
  | 'rate' | 'rerate' | 'visit' | 'rectify' | 'appeal' | 'uphold' | 'escalate';

export interface Step {
  at: number;
  op: Op;
  /** the case (index into HistoryPlan.cases); the citizen (HistoryPlan.citizens) for `register`; -1 for the daily scan */
  of: number;
}

export interface HistoryPlan {
  cases: PlannedCase[];
  citizens: { person: Person; town: PlanTown }[];
  /** in time order */
  steps: Step[];
}

const GOOD_TEXTS = ['工作人员很耐心，一次就办好了', '办事效率高，不用来回跑', '窗口服务热情，讲解很清楚', '比预想的快，点赞', '材料一次告知清楚，省心'];
const ONLINE_TEXTS = ['网上提交很方便，进度随时能查', '手机上就办完了，不用请假跑腿', '线上办理很方便'];
const BAD_REASONS: readonly { tags: RatingTag[]; text: string }[] = [
  { tags: ['办理时间长'], text: '等了很久才办完，中间没人告知进度' },
  { tags: ['多次跑腿', '材料要求多'], text: '材料要求前后不一致，跑了好几趟' },
  { tags: ['服务态度不好'], text: '窗口人员态度冷淡，问两句就不耐烦' },
  { tags: ['网上办理不方便'], text: '网上上传材料总是失败，最后还是去了窗口' },
  { tags: ['结果不满意'], text: '对办理结果不满意，觉得审核太严' },
  { tags: ['办事指南不清楚'], text: '办事指南没写清楚，到了窗口才知道缺材料' },
  { tags: ['业务不熟练'], text: '工作人员对政策不熟悉，解释不清楚' },
];
const REFUSALS = [
  '申请人户籍不在本镇（街道），请到户籍所在地便民服务中心申请',
  '申请人已就同一事项提出申请且正在办理中，不予重复受理',
  '申请事项不属于本机关职权范围，已告知向有权机关申请',
];
const CORRECTIONS = [
  '复印件不清晰，请提供清晰的复印件',
  '缺少申请人本人签字，请签字后重新提交',
  '证明材料已超过有效期，请提供近 3 个月内开具的证明',
];

/** mulberry32: a small seeded PRNG (the same history every run). */
export function seededRandom(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T extends { weight: number }>(rng: Rng, xs: readonly T[]): T {
  let r = rng() * xs.reduce((a, x) => a + x.weight, 0);
  for (const x of xs) if ((r -= x.weight) < 0) return x;
  return xs[xs.length - 1]!;
}

/** 非常满意 7, 满意 4, 基本满意 1 in 12 */
const GOOD_LEVELS: readonly RatingLevel[] = [...Array<RatingLevel>(7).fill('very_satisfied'), ...Array<RatingLevel>(4).fill('satisfied'), 'basic'];

function goodRating(rng: Rng, channel: RatingChannel, online: boolean, level: RatingLevel = pick(rng, GOOD_LEVELS)): PlannedRating {
  // (帮办贴心 is for a helper's 代办, 操作方便 for the online platform)
  const liked = GOOD_RATING_TAGS.filter((x) => x !== '帮办贴心' && (online || x !== '操作方便'));
  const tags = level !== 'basic' && rng() < 0.45 ? [...new Set([pick(rng, liked), pick(rng, liked)])] : [];
  const text = level === 'very_satisfied' && rng() < 0.3 ? pick(rng, online ? ONLINE_TEXTS : GOOD_TEXTS) : '';
  return { channel, level, tags, text, dimensions: dimensions(rng, online && channel !== 'window_qr', level) };
}

function badRating(rng: Rng, channel: RatingChannel, online: boolean, why: { tags: RatingTag[]; text: string }): PlannedRating {
  const level: RatingLevel = rng() < 0.3 ? 'very_dissatisfied' : 'dissatisfied';
  return { channel, level, tags: [...why.tags], text: why.text, dimensions: dimensions(rng, online && channel !== 'window_qr', level) };
}

/** Half the raters score the other dimensions too, each near the overall level. */
function dimensions(rng: Rng, online: boolean, level: RatingLevel): Record<string, number> {
  if (rng() < 0.5) return {};
  const keys = Object.keys(RATING_DIMENSIONS[online ? 'online' : 'onsite']).filter((k) => k !== 'overall');
  return Object.fromEntries(keys.map((k) => [k, Math.min(5, Math.max(1, SHANDONG_SCORE[level] + (rng() < 0.2 ? (rng() < 0.5 ? -1 : 1) : 0)))]));
}

/**
 * The history, drawn over `days` (days[i]: the i-th working day before today; days[0] today) from
 * a seeded PRNG: which cases, by whom, when each step happens (steps in time order). Pure: the
 * same inputs, the same plan; another today, the same plan on other dates.
 */
export function planHistory(days: readonly string[], towns: readonly PlanTown[], items: readonly PlanItem[]): HistoryPlan {
  const rng = seededRandom(20261207);
  const n = days.length - 1;
  const dayStart = (i: number) => Date.parse(`${days[i]}T00:00:00+08:00`);
  /** minute `m` (China time) of working day i */
  const at = (i: number, m: number) => dayStart(i) + m * MINUTE;
  const dayOf = (t: number): number => {
    // the working-day index of an instant on a working day (steps happen on working days)
    const date = chinaDate(new Date(t));
    const i = days.indexOf(date);
    if (i < 0) throw new Error(`history: ${date} is not a planned working day`);
    return i;
  };
  const people = new People(rng, Number(days[0]!.slice(0, 4)));
  const cases: PlannedCase[] = [];
  const citizens: HistoryPlan['citizens'] = [];
  const citizensOf = new Map<string, number[]>();
  /** each citizen account's first application */
  const firstApplication = new Map<number, number>();
  const steps: Step[] = [];
  let order = 0;
  const ordered: { at: number; k: number; op: Op; of: number }[] = [];
  const push = (t: number, op: Op, of: number) => ordered.push({ at: t, k: order++, op, of });

  for (let i = n; i >= 1; i--) {
    // a little more each month, and some days busier than others
    const count = Math.max(3, Math.round(5.5 + 2.2 * (1 - i / n) + (rng() - 0.5) * 4));
    for (let j = 0; j < count; j++) {
      const town = weighted(rng, towns);
      const item = weighted(rng, items.map((it) => ({ ...it, weight: it.spec.weight })));
      const online = item.online && rng() < town.online;
      const channel = online ? (rng() < 0.6 ? 'mobile' : 'pc') : 'window';
      // online: a citizen account of the town, of the item's age (some come back for other items)
      let citizen: number | null = null;
      if (online) {
        const own = citizensOf.get(town.code) ?? [];
        citizensOf.set(town.code, own);
        const [lo, hi] = item.spec.age;
        const fit = own.filter((k) => citizens[k]!.person.age >= lo && citizens[k]!.person.age <= hi);
        if (fit.length === 0 || rng() < 0.5) {
          citizens.push({ person: people.person(town, item.spec.age), town });
          own.push(citizens.length - 1);
          citizen = citizens.length - 1;
        } else citizen = pick(rng, fit);
      }
      const person = citizen !== null ? citizens[citizen]!.person : people.person(town, item.spec.age);
      const r = rng();
      const outcome: Outcome = r < 0.04 ? 'refused' : item.spec.deny && r < 0.12 ? 'denied' : 'approved';
      const correction = outcome !== 'refused' && rng() < (online ? 0.14 : 0.06) && i >= 3 && item.materials.length > 0;
      const c: PlannedCase = {
        town, item, channel, person, citizen, formData: {}, outcome, correction, late: false, delivery: null, rating: null, rerating: null, followUp: null,
      };
      const ci = cases.push(c) - 1;
      let t: number;
      let acceptDay: number;
      // ── intake ──
      if (!online) {
        t = at(i, between(rng, 0, 1) ? between(rng, 520, 700) : between(rng, 820, 1010));
        push(t, 'submit', ci);
        if (outcome === 'refused') {
          push((t += between(rng, 8, 20) * MINUTE), 'refuse', ci);
          acceptDay = i;
        } else if (correction) {
          push((t += between(rng, 8, 15) * MINUTE), 'correct', ci);
          acceptDay = i - between(rng, 1, 2);
          push((t = at(acceptDay, between(rng, 540, 990))), 'resubmit', ci);
          push((t += between(rng, 5, 12) * MINUTE), 'accept', ci);
        } else {
          push((t += between(rng, 5, 15) * MINUTE), 'accept', ci);
          acceptDay = i;
        }
      } else {
        // the evening or the weekend before; pre-reviewed that morning
        t = dayStart(i) - between(rng, 60, 60 * 40) * MINUTE;
        firstApplication.set(citizen!, Math.min(t, firstApplication.get(citizen!) ?? t));
        push(t, 'submit', ci);
        t = at(i, between(rng, 530, 690));
        if (outcome === 'refused') {
          push(t, 'refuse', ci);
          acceptDay = i;
        } else if (correction) {
          push(t, 'correct', ci);
          push((t = at(i, between(rng, 1140, 1330))), 'resubmit', ci);
          acceptDay = i - 1;
          push((t = at(acceptDay, between(rng, 530, 690))), 'accept', ci);
        } else {
          push(t, 'accept', ci);
          acceptDay = i;
        }
      }
      c.formData = item.spec.form?.({ rng, person, address: { regionCode: person.village.code, regionName: `${town.name}${person.village.name}`, detail: person.detail }, on: days[i]! }) ?? {};
      if (outcome === 'refused') {
        planRating(c, ci, dayOf(t), t);
        continue;
      }
      // ── the decision ──
      const promised = item.promisedDays;
      let x: number;
      if (promised === 0) x = 0;
      else if (rng() < town.late) {
        x = (promised ?? 10) + between(rng, 1, 3);
        c.late = promised !== null;
      } else x = Math.max(1, Math.ceil(Math.pow(rng(), 1.3) * (promised ?? 10)));
      const decideDay = Math.max(1, acceptDay - x);
      if (decideDay === 1 && acceptDay - x < 1) c.late = false;
      const clerkDecides = item.decidedBy === 'window_clerk';
      if (decideDay === acceptDay) {
        push((t += between(rng, clerkDecides ? 3 : 30, clerkDecides ? 10 : 120) * MINUTE), 'review', ci);
        push((t += between(rng, 2, clerkDecides ? 6 : 60) * MINUTE), outcome === 'denied' ? 'deny' : 'approve', ci);
      } else {
        const reviewDay = acceptDay - Math.max(1, Math.floor((acceptDay - decideDay) / 2));
        push((t = Math.max(t + MINUTE, at(reviewDay, between(rng, 540, 700)))), 'review', ci);
        push((t = Math.max(t + 30 * MINUTE, at(decideDay, between(rng, 840, 1000)))), outcome === 'denied' ? 'deny' : 'approve', ci);
      }
      const decided = t;
      const handledDay = dayOf(decided);
      // ── delivery: every decision is handed over (a decided case not yet delivered waits in the
      // staff's 等我处理, and the journeys count those) ──
      if (online) {
        c.delivery = 'electronic';
        push((t += between(rng, 2, 10) * MINUTE), 'deliver', ci);
      } else if (decideDay === acceptDay && item.promisedDays === 0) {
        // decided while the applicant waits: handed over there and then
        c.delivery = 'pickup';
        push((t += between(rng, 2, 6) * MINUTE), 'deliver', ci);
      } else {
        c.delivery = rng() < 0.85 ? 'pickup' : 'post';
        const on = Math.max(1, handledDay - between(rng, c.delivery === 'post' ? 1 : 0, 3));
        push((t = Math.max(t + 5 * MINUTE, at(on, between(rng, 540, 1000)))), 'deliver', ci);
      }
      planRating(c, ci, handledDay, t);
    }
  }

  /** About 70 % are rated, within 5 working days of the handling (none after yesterday). */
  function planRating(c: PlannedCase, ci: number, handledDay: number, last: number): void {
    const online = c.channel !== 'window';
    if (rng() >= (c.outcome === 'refused' ? 0.5 : 0.72)) return;
    let channel: RatingChannel;
    let t: number;
    // at the window when the case was handled or its result handed over: the window's QR code
    const atWindow = !online && (c.delivery === 'pickup' || c.outcome === 'refused');
    if (online && rng() < 0.8) {
      channel = c.channel as 'pc' | 'mobile';
      const day = Math.max(1, handledDay - between(rng, 0, 2));
      t = Math.max(last + between(rng, 5, 60) * MINUTE, at(day, between(rng, 720, 1320)));
    } else if (atWindow && rng() < 0.6) {
      channel = 'window_qr';
      t = last + between(rng, 1, 4) * MINUTE;
    } else if (rng() < 0.65) {
      // the SMS invitation's link, a few days on
      channel = 'sms';
      const day = Math.max(1, handledDay - between(rng, 3, 4));
      t = Math.max(last + 10 * MINUTE, at(day, between(rng, 600, 1290)));
    } else {
      // the city's 好差评 office calls back
      channel = 'phone';
      const day = Math.max(1, handledDay - between(rng, 1, 4));
      t = Math.max(last + 10 * MINUTE, at(day, between(rng, 570, 1000)));
    }
    const ratedDay = dayOf(t);
    // 差评 only where there is time for their follow-up (a week and more ago)
    const risk = c.town.bad + (c.outcome === 'approved' ? 0 : 0.25) + (c.late ? 0.2 : 0) + (c.correction ? 0.05 : 0);
    if (ratedDay >= 8 && rng() < risk) {
      const why = c.outcome === 'approved' ? pick(rng, BAD_REASONS.filter((b) => online || !b.tags.includes('网上办理不方便'))) : BAD_REASONS[4]!;
      c.rating = badRating(rng, channel, online, c.late ? BAD_REASONS[0]! : why);
    } else c.rating = goodRating(rng, channel, online);
    push(t, 'rate', ci);
  }

  // ── the 差评's follow-ups: a few in states of their own, the rest visited and rectified ──
  const bad = cases.map((c, i) => ({ c, i })).filter(({ c }) => c.rating && isBadLevel(c.rating.level));
  const ratedAt = new Map(ordered.filter((s) => s.op === 'rate').map((s) => [s.of, s.at]));
  bad.sort((a, b) => ratedAt.get(a.i)! - ratedAt.get(b.i)!);
  const take = (want: (b: { c: PlannedCase; i: number }) => boolean, from: 'oldest' | 'newest') => {
    const list = from === 'oldest' ? bad : [...bad].reverse();
    return list.find((b) => b.c.followUp === null && want(b));
  };
  const gangshan = towns[0]!.code;
  const assign = (b: { c: PlannedCase } | undefined, plan: FollowUpPlan) => b && (b.c.followUp = plan);
  assign(take((b) => b.c.town.code === gangshan, 'newest'), 'unrectified');
  assign(take((b) => b.c.town.code !== gangshan, 'newest'), 'unvisited');
  assign(take((b) => b.c.town.code === gangshan && b.c.outcome !== 'approved', 'oldest') ?? take((b) => b.c.town.code === gangshan, 'oldest'), 'appeal');
  assign(take(() => true, 'oldest'), 'late_visit');
  for (const b of bad) if (b.c.followUp === null) b.c.followUp = 'normal';
  for (const { c, i } of bad) {
    const r = ratedAt.get(i)!;
    const day = dayOf(r);
    const plan = c.followUp!;
    if (plan === 'unvisited') continue;
    // the return visit: the same day if there is time, else the next working day (three days late once)
    let t = plan === 'late_visit' ? at(day - 3, between(rng, 560, 690)) : chinaMinute(r) < 900 ? r + between(rng, 40, 150) * MINUTE : at(day - 1, between(rng, 540, 660));
    push(t, 'visit', i);
    const visited = dayOf(t);
    if (plan === 'unrectified') continue;
    if (plan === 'appeal') {
      push((t = at(visited - 1, between(rng, 560, 700))), 'appeal', i);
      push((t = at(visited - 2, between(rng, 840, 990))), 'uphold', i);
      continue;
    }
    push((t = at(visited - between(rng, 1, plan === 'late_visit' ? 1 : 3), between(rng, 840, 1020))), 'rectify', i);
    const rectified = dayOf(t);
    if (rng() < 0.55 && rectified > 1) {
      const channel = c.rating!.channel === 'window_qr' ? 'sms' : c.rating!.channel;
      c.rerating = goodRating(rng, channel, c.channel !== 'window', pick(rng, ['very_satisfied', 'satisfied', 'satisfied', 'basic']));
      c.rerating.text = pick(rng, ['整改后很满意，感谢回访', '问题已经解决，工作人员态度很好', '回访及时，整改到位', '']);
      push(at(Math.max(1, rectified - between(rng, 1, 3)), between(rng, 600, 1260)), 'rerate', i);
    }
  }
  // each account is made shortly before its first application
  for (const [k, first] of firstApplication) push(first - between(rng, 3, 30) * MINUTE, 'register', k);
  // the escalation scan runs every morning from the first 差评 on (it also closes the re-rating time)
  if (bad.length) {
    for (let i = dayOf(ratedAt.get(bad[0]!.i)!) - 1; i >= 1; i--) push(at(i, 480), 'escalate', -1);
  }
  ordered.sort((a, b) => a.at - b.at || a.k - b.k);
  for (const s of ordered) steps.push({ at: s.at, op: s.op, of: s.of });
  return { cases, citizens, steps };
}

const chinaMinute = (t: number): number => {
  const d = new Date(t + 8 * 3_600_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
};

// ───────────────────────── writing it ─────────────────────────

export interface HistorySummary {
  cases: number;
  citizens: number;
  ratings: number;
  badRatings: number;
}

/** An SMS gateway that hands nothing over: the history's messages were "sent" when they were written. */
const quietGateway = (name: string): SmsGateway => ({ name, transmit: async () => ({}) });

/** The working days before today, newest first: [0] is today. */
export function workingDaysBack(calendar: Pick<Deps['calendar'], 'isWorkingDay'>, today: string, count: number): string[] {
  const days = [today];
  for (let d = addDays(today, -1); days.length <= count; d = addDays(d, -1)) if (calendar.isWorkingDay(d)) days.push(d);
  return days;
}

/** The towns (with their villages) and items (as the catalog and the forms give them) that the plan is drawn over. */
export async function historyPlaces(deps: Deps, services: Pick<Services, 'catalog' | 'forms'>): Promise<{ towns: PlanTown[]; items: PlanItem[] }> {
  const towns: PlanTown[] = [];
  for (const spec of HISTORY_TOWNS) {
    const region = await deps.regions.require(spec.code);
    const villages = ((await deps.regions.childrenOf(spec.code)) ?? []).map((v) => ({ code: v.code, name: v.shortName }));
    towns.push({ ...spec, name: region.shortName, villages: villages.length ? villages : [{ code: region.code, name: '' }] });
  }
  const catalog = services.catalog.publicCatalog;
  const items: PlanItem[] = [];
  for (const spec of HISTORY_ITEMS) {
    const guide = await catalog.guide(spec.code, HISTORY_TOWNS[0]!.code);
    const situationAnswers = Object.fromEntries(guide.situations.map((q) => [q.id, q.options[0]!.id]));
    const { selected } = situationMaterials(guide.situations, situationAnswers);
    const settings = await services.forms.recentSettings(spec.code);
    items.push({
      spec, name: guide.name, promisedDays: guide.promisedDays, online: guide.onlineApplication.reason === null, decidedBy: settings.decidedBy ?? 'approver',
      situationAnswers, materials: guide.materials.filter((m) => materialRequired(m, selected)).map((m) => m.id),
    });
  }
  return { towns, items };
}

/**
 * Writes the history (seedDemoData, once, on the empty demo database after the demo cases) and
 * answers what it wrote. `services`: the composition root's (their published catalog and forms).
 */
export async function seedDemoHistory(deps: Deps, services: Services): Promise<HistorySummary> {
  await seedDemoForms(deps);
  const now = deps.clock.now();
  const { towns, items } = await historyPlaces(deps, services);
  const plan = planHistory(workingDaysBack(deps.calendar, chinaDate(now), HISTORY_WORKING_DAYS), towns, items);

  // One clock, moved along the timeline; every service below reads it.
  let current = plan.steps[0]?.at ?? now.getTime();
  const clock: Clock = { now: () => new Date(current) };
  const sms = new OutboxSmsSender(deps.protector, clock, deps.log, quietGateway(deps.sms.name));
  const past: Deps = { ...deps, clock, sms };
  const catalog = services.catalog.publicCatalog;
  const notifications = new NotificationService(past, services.staff);
  const licences = new LicenceService(past, { holders: services.citizens, items: catalog, caseMaterials: notUsed, libraries: [] });
  const cases: CaseService = new CaseService(past, {
    catalog, forms: services.forms, notifier: notifications, citizens: services.citizens, drafts: services.forms, licences, results: licences,
  });
  const ratingNotices = new RatingNotices(past, services.staff);
  const ratings = new RatingService(past, {
    cases: new CaseRatingFacts(past), terminals: services.terminals, notifier: ratingNotices,
    caseVisible: async (actor, id) => actor.kind !== 'anonymous' && cases.get(actor, id).then(() => true, () => false),
  });
  const followUps = new RatingFollowUps(past, ratingNotices);

  const usernames = new Set([CITY_RATINGS, ...towns.flatMap((t) => [t.clerk, t.approver, t.followUp])]);
  const staff = new Map<string, StaffActor>();
  for (const u of usernames) staff.set(u, await staffActor(deps, u));
  const actor = (username: string) => staff.get(username)!;
  const ctx = (who: RequestContext['actor'], channel: RequestContext['channel']): RequestContext => ({ actor: who, ip: null, channel });

  const citizens: { actor: CitizenActor; fileId: string | null }[] = [];
  const state = plan.cases.map(() => ({ id: '', caseNo: '', ratingId: '' }));
  let written = 0;
  let rated = 0;
  let sentUpTo = current;

  /** Hands the SMS written so far to nobody, as sent a minute after the day's last step. */
  const flushSms = async () => {
    const was = current;
    current = sentUpTo + MINUTE;
    while ((await sms.dispatch(deps.dbh.db, 500)).sent === 500);
    current = was;
  };

  /** One step of the plan, at its time (the clock reads it). */
  const run = async (k: number, step: Step) => {
    if (step.op === 'escalate') {
      await followUps.escalateOverdue(clock.now());
      return;
    }
    if (step.op === 'register') {
      const c = plan.citizens[step.of]!;
      const id = await deps.dbh.db.transaction().execute((tx) => insertDemoCitizen(tx, past, c.person));
      citizens[step.of] = { actor: { kind: 'citizen', id, name: c.person.name, sessionId: 'seed' }, fileId: null };
      return;
    }
    const c = plan.cases[step.of]!;
    const s = state[step.of]!;
    const clerk = actor(c.town.clerk);
    const decider = c.item.decidedBy === 'window_clerk' ? clerk : actor(c.town.approver);
    const applicant = c.citizen !== null ? citizens[c.citizen] : null;
    if (applicant === undefined) throw new Error('the applicant has no account yet');
    /** the applicant's upload (one PDF per account, for every material) */
    const upload = async () => {
      if (!applicant!.fileId) applicant!.fileId = (await cases.storeUpload(ctx(applicant!.actor, c.channel as 'pc' | 'mobile'), applicant!.actor, { fileName: '申请材料.pdf', data: PDF }, detectFileType)).id;
      return applicant!.fileId;
    };
    const materials = async (only?: string): Promise<SubmitInput['materials']> => {
      const ids = only ? [only] : c.item.materials;
      if (!applicant) return ids.map((materialId) => ({ materialId, source: 'paper' as const, checkedOriginal: true, copies: 1 }));
      const fileId = await upload();
      return ids.map((materialId) => ({ materialId, source: 'upload' as const, fileId, checkedOriginal: false, copies: 0 }));
    };
    const corrected = c.item.materials[c.item.materials.length > 1 ? 1 : 0];
    // the words of each step (opinions, notes) from a stream of its own
    const rng = seededRandom(k * 7919 + 17);
    switch (step.op) {
      case 'submit': {
        const input: SubmitInput = {
          itemCode: c.item.spec.code, regionCode: c.town.code, materials: await materials(), formData: c.formData, situationAnswers: c.item.situationAnswers,
          deliveryMethod: applicant ? 'electronic' : 'pickup', declaration: true,
          ...(applicant ? {} : {
            intakeChannel: 'window' as const,
            applicant: { kind: 'person' as const, name: c.person.name, idType: 'id_card' as const, idNumber: c.person.idNumber, phone: c.person.phone, address: `邹城市${c.town.name}${c.person.village.name}${c.person.detail}` },
          }),
        };
        const made = applicant
          ? await cases.submit(ctx(applicant.actor, c.channel as 'pc' | 'mobile'), applicant.actor, input)
          : await cases.submit(ctx(clerk, 'window'), clerk, input);
        s.id = made.result.id;
        s.caseNo = made.result.caseNo;
        written++;
        break;
      }
      case 'accept':
        await cases.act(ctx(clerk, 'window'), clerk, s.id, 'accept', { opinion: pick(rng, ['材料齐全，予以受理', '材料齐全，符合法定形式，予以受理', '经核验原件，予以受理']) });
        break;
      case 'correct':
        await cases.act(ctx(clerk, 'window'), clerk, s.id, 'request-correction', {
          opinion: '请一次性补齐以下材料后重新提交', items: [{ materialId: corrected!, reason: pick(rng, CORRECTIONS) }],
        });
        break;
      case 'resubmit':
        if (applicant) await cases.act(ctx(applicant.actor, c.channel as 'pc' | 'mobile'), applicant.actor, s.id, 'resubmit', { opinion: '已按要求补正', materials: await materials(corrected), formData: {} });
        else await cases.act(ctx(clerk, 'window'), clerk, s.id, 'resubmit', { opinion: '申请人到窗口补齐材料', materials: await materials(corrected), formData: {} });
        break;
      case 'refuse':
        await cases.act(ctx(clerk, 'window'), clerk, s.id, 'refuse', { reason: pick(rng, REFUSALS) });
        break;
      case 'review':
        await cases.act(ctx(decider, decider === clerk ? 'window' : 'pc'), decider, s.id, 'approve', { opinion: pick(rng, ['经审查，符合条件', '材料齐全，情况属实，建议准予', '经入户核查，情况属实', '审查通过']) });
        break;
      case 'approve':
        await cases.act(ctx(decider, decider === clerk ? 'window' : 'pc'), decider, s.id, 'approve', {
          opinion: pick(rng, ['准予办理', '符合条件，准予', '同意']), ...(c.item.spec.resultNote ? { resultNote: c.item.spec.resultNote } : {}),
        });
        break;
      case 'deny':
        await cases.act(ctx(decider, 'pc'), decider, s.id, 'deny', { reason: pick(rng, c.item.spec.deny!) });
        break;
      case 'deliver':
        if (c.delivery === 'electronic') await cases.act(ctx(clerk, 'pc'), clerk, s.id, 'deliver', { method: 'electronic', opinion: '决定文书已送达申请人账户' });
        else if (c.delivery === 'post') {
          await cases.act(ctx(clerk, 'window'), clerk, s.id, 'deliver', {
            method: 'post', opinion: '已邮寄送达', trackingNo: `EMS${digits(rng, 10)}`, address: `邹城市${c.town.name}${c.person.village.name}${c.person.detail}`,
          });
        } else await cases.act(ctx(clerk, 'window'), clerk, s.id, 'deliver', { method: 'pickup', opinion: pick(rng, ['本人窗口领取', '申请人当场领取']) });
        break;
      case 'rate':
      case 'rerate': {
        const r = step.op === 'rate' ? c.rating! : c.rerating!;
        let rater: Rater;
        let by: RequestContext;
        if (r.channel === 'pc' || r.channel === 'mobile') {
          rater = { kind: 'citizen', actor: applicant!.actor };
          by = ctx(applicant!.actor, r.channel);
        } else if (r.channel === 'phone') {
          // the city's 好差评 office types in what the person said on the phone
          rater = { kind: 'staff', actor: actor(CITY_RATINGS) };
          by = ctx(actor(CITY_RATINGS), 'phone');
        } else {
          // the window's QR code, or the SMS invitation's link: no sign-in
          const link = r.channel as 'sms' | 'window_qr';
          rater = { kind: 'link', token: (await ratings.newLink(s.id, link, link === 'window_qr' ? clerk.id : null)).token };
          by = ctx({ kind: 'anonymous' }, 'mobile');
        }
        const given = await ratings.rate(by, rater, {
          caseNo: s.caseNo, level: SHANDONG_SCORE[r.level], channel: r.channel, tags: r.tags, ...(r.text ? { text: r.text } : {}),
          ...(Object.keys(r.dimensions).length ? { dimensions: r.dimensions } : {}),
        });
        if (step.op === 'rate') s.ratingId = given.id;
        rated++;
        break;
      }
      default: {
        const who = step.op === 'uphold' ? actor(CITY_RATINGS) : actor(c.town.followUp);
        const { version } = await followUps.get(who, s.ratingId);
        const by = ctx(who, 'pc');
        if (step.op === 'visit') {
          const method = pick(rng, ['phone', 'phone', 'visit', 'window'] as const satisfies readonly VisitMethod[]);
          await followUps.visit(by, who, s.ratingId, {
            method, version,
            note: pick(rng, [
              '已联系申请人，了解不满意的原因并致歉，说明了办理流程和时限', '申请人反映等待时间较长，已解释原因并告知后续改进措施',
              '听取了申请人的意见建议，承诺限期整改并反馈结果',
            ]),
          });
        } else if (step.op === 'rectify') {
          await followUps.rectify(by, who, s.ratingId, {
            version,
            measures: pick(rng, [
              '已对窗口人员开展服务规范和业务培训，并在办事指南中补充了材料说明', '优化审核流程，审查环节压缩至 3 个工作日，办理进度通过短信及时告知',
              '已向申请人当面说明政策依据，完善一次性告知单，并将该事项纳入周例会通报', '调整窗口排班，高峰时段增设综合受理窗口，减少群众等候时间',
            ]),
          });
        } else if (step.op === 'appeal') {
          await followUps.appeal(by, who, s.ratingId, {
            version, reason: '经调取窗口录音录像和办件记录，工作人员已依规一次性告知并说明不予办理的依据，差评内容与事实不符，属误评，申请复核',
          });
        } else {
          await followUps.review(by, who, s.ratingId, { version, decision: 'upheld', note: '经复核，办件记录完整、办理合规，差评理由与事实不符，申诉成立，该评价不计入考核' });
        }
      }
    }
  };

  for (const [k, step] of plan.steps.entries()) {
    // SQLite answers synchronously: without a turn of the event loop now and then, the worker would
    // never hear that its server died (seed/demo-worker.ts exits on the IPC channel's disconnect)
    if (k % 20 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if (chinaDate(new Date(step.at)) !== chinaDate(new Date(sentUpTo))) await flushSms();
    current = step.at;
    sentUpTo = step.at;
    try {
      await run(k, step);
    } catch (err) {
      const what = step.op === 'register' ? `citizen ${step.of}` : step.op === 'escalate' ? 'the escalation scan' : `case ${step.of} (${plan.cases[step.of]!.item.spec.code} at ${plan.cases[step.of]!.town.code})`;
      throw new Error(`demo history: ${step.op} of ${what} at ${new Date(step.at).toISOString()} failed: ${(err as Error).message}`, { cause: err });
    }
  }
  await flushSms();
  const bad = plan.cases.filter((c) => c.rating && isBadLevel(c.rating.level)).length;
  return { cases: written, citizens: plan.citizens.length, ratings: rated, badRatings: bad };
}

/** Seeding asks no licence for a staff member's view of a case. */
const notUsed = (): never => {
  throw new Error('not used while seeding');
};
