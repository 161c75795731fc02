/**
 * The demo 典型案例: five good practices of the kind the 2022 镇街村居便民服务 reform asks the towns to
 * sum up and spread — 钢山街道's 帮办代办 with home visits for the elderly (published, recommended for
 * training), 孟庄社区便民服务站's 家门口办 (published), 千泉街道's 适老化 window (published), 钢山街道's
 * 出生一件事 (submitted, waiting for the city's review) and its 延时错时 service (a draft). The items
 * concerned are the demo catalog's. No photos: the pages read well without them, and a made-up
 * photo would be worse than none.
 *
 * Written through the practices service (checked, audited and with their history like any practice),
 * each step on its own day counted back from the clock, so a fresh demo shows them as written over
 * the last months. Once: nothing is added where practices exist.
 */
import type { Deps } from '../deps.js';
import type { RequestContext } from '../platform/context.js';
import { PracticeService } from '../modules/practices/index.js';
import type { Services } from '../services.js';
import type { PracticeTag } from '../../shared/practices.js';
import { staffActor } from './cases.js';

const GANGSHAN = '370883001';
const QIANQUAN = '370883002';
const MENGZHUANG = '370883001004';

interface DemoPractice {
  author: 'admin' | 'gangshan.admin';
  regionCode: string;
  title: string;
  summary: string;
  body: string[];
  itemCodes: string[];
  tags: PracticeTag[];
  /** days from today (negative: past) of each step reached; the last one reached is where it stands */
  written: number;
  submitted?: number;
  published?: number;
  training?: boolean;
}

const PRACTICES: DemoPractice[] = [
  {
    author: 'gangshan.admin', regionCode: GANGSHAN, written: -82, submitted: -80, published: -75, training: true,
    title: '帮办代办+上门服务，让行动不便的老人办事不出门',
    summary: '钢山街道组建“街道—社区—网格”三级帮办代办队伍，对高龄、失能、残疾群众预约上门，现场收件、代为申报、办结送达，今年以来上门服务 600 余人次。',
    body: [
      '钢山街道 60 周岁以上老年人占户籍人口近四分之一，其中不少人行动不便，高龄津贴、老年人优待证、残疾人两项补贴等事项过去需要家属多次往返为民服务中心。',
      '街道在为民服务中心设立帮办代办窗口，21 个社区各明确 1 至 2 名代办员，网格员负责摸排需求，形成“街道统筹、社区承接、网格发现”的三级帮办代办体系。群众通过电话、社区网格员或“爱山东”预约，代办员 1 个工作日内联系、约定上门时间。',
      '上门时代办员携带移动办公设备，现场核验身份、拍照采集材料，签订代办委托书后当场提交申请；办结后由代办员把证件和结果送到家中，并做一次回访。',
      '全过程在平台留痕：委托、收件、提交、送达各环节都有记录，群众可随时查询进度，好差评由本人或家属直接评价。',
      '今年以来累计上门服务 600 余人次，涉及高龄津贴、老年人优待证、重度残疾人护理补贴等 20 余个事项，群众满意率 100%。下一步将把上门服务延伸到城乡居民养老保险待遇认证等高频事项。',
    ],
    itemCodes: ['37050100700001', '37200101100001', '37050100900201'],
    tags: ['帮办代办', '上门服务', '适老化'],
  },
  {
    author: 'gangshan.admin', regionCode: MENGZHUANG, written: -45, submitted: -44, published: -40,
    title: '孟庄社区便民服务站：高频事项“家门口办”',
    summary: '孟庄社区便民服务站梳理 32 项高频便民服务事项，实行“一窗受理、全程代办”，居民在社区即可办理养老、医保参保和老年人补贴申请，不用再跑街道。',
    body: [
      '孟庄社区常住居民 4800 余人，过去办理城乡居民养老保险参保、医保参保、高龄津贴等事项，需要到街道为民服务中心提交材料。',
      '社区对照街道下沉事项清单，梳理出 32 项高频事项，在便民服务站设置综合窗口，由专职代办员统一受理：能在社区办的当场办，需要街道或部门审批的由代办员网上提交、全程跟踪，办结后通知居民到站领取或送达。',
      '服务站把办事指南做成一张张“明白纸”，张贴在窗口和楼道公示栏，并在工作日午间和周六上午安排值班，方便上班族办事。',
      '服务站开设以来，居民到街道办事的次数明显减少，社区事项办结时间平均缩短 2 个工作日。',
    ],
    itemCodes: ['37200150400001', '37200252100001', '37200353100001'],
    tags: ['家门口办', '便民服务站', '帮办代办'],
  },
  {
    author: 'admin', regionCode: QIANQUAN, written: -24, submitted: -23, published: -20,
    title: '千泉街道开设适老化服务专窗，老年人办事有人陪、看得清',
    summary: '千泉街道为民服务中心开设“老年人服务专窗”，配备老花镜、助听器和大字版办事指南，实行优先办、陪同办，并保留现金缴费和纸质材料等传统方式。',
    body: [
      '针对老年人“不会用智能手机、看不清屏幕、听不清叫号”的困难，千泉街道在为民服务中心一楼设置老年人服务专窗，由熟悉业务的工作人员值守。',
      '专窗配备老花镜、放大镜、助听器、轮椅和爱心座椅，办事指南印制大字版；叫号系统为老年人提供优先号，大厅导服人员全程陪同填表、取号、办理。',
      '在推行网上办、掌上办的同时，保留现场办理、现金缴费和纸质材料等传统服务方式，老年人不会用手机的，由工作人员协助在“爱山东”长辈版上操作。',
      '专窗开设以来服务老年人 1200 余人次，老年群众“好评”率保持 100%。',
    ],
    itemCodes: ['37200101100001', '37200200400001', '37050101000001'],
    tags: ['适老化', '综合窗口'],
  },
  {
    author: 'gangshan.admin', regionCode: GANGSHAN, written: -6, submitted: -2,
    title: '“出生一件事”一次办：新生儿父母最多跑一次',
    summary: '钢山街道把出生医学证明、生育登记、出生落户、新生儿医保参保、社保卡申领等事项整合为“出生一件事”，一张表、一套材料、一次提交，平均 5 个工作日办结。',
    body: [
      '孩子出生后，父母过去要分别到卫健、公安、医保、人社等部门办理 7 个事项，提交材料 20 余份，往返多次。',
      '街道为民服务中心依托平台“出生一件事”主题，设置一件事综合窗口，由窗口人员一次性收取材料，并联推送各部门办理；新生儿父母也可以在网上或手机上一次申请。',
      '各部门办结后，出生医学证明、户口簿和社保卡通过邮寄或窗口一并送达，办理进度通过短信告知。',
      '试行以来办理“出生一件事” 86 件，申请材料由 20 余份减少到 6 份，平均 5 个工作日办结。',
    ],
    itemCodes: ['37200400100001', '37200300100002', '37200301400001'],
    tags: ['一件事', '网上办', '掌上办'],
  },
  {
    author: 'gangshan.admin', regionCode: GANGSHAN, written: -1,
    title: '工作日延时、周末不打烊的错时服务',
    summary: '钢山街道为民服务中心推行工作日午间和傍晚延时、周六上午正常办公的错时服务，方便上班族和在外务工人员办事。',
    body: [
      '为解决上班族“上班没空办、下班没处办”的问题，钢山街道为民服务中心试行工作日中午不间断、傍晚延时至 18:30、周六上午正常办公的错时服务。',
      '延时和周末时段由综合窗口人员轮流值班，社保、医保、民政等高频事项均可受理；需要部门审批的，次个工作日推送办理。',
      '（草稿：试行情况和群众评价待补充。）',
    ],
    itemCodes: ['37200200100001', '37050100700001'],
    tags: ['延时错时服务', '综合窗口'],
  },
];

const demoContext = (actor: RequestContext['actor']): RequestContext => ({ actor, ip: null, channel: 'system' });

/** Writes the demo practices where there are none; returns how many it wrote. */
export async function seedDemoPractices(deps: Deps, services: Pick<Services, 'catalog'>): Promise<number> {
  const any = await deps.dbh.db.selectFrom('practices').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  const today = deps.clock.now().getTime();
  // the service on a clock stopped at 10:00 of a day counted from today, so each step has its own date
  const on = (days: number) => {
    const at = new Date(today + days * 86_400_000);
    return new PracticeService({ ...deps, clock: { now: () => at } }, services.catalog.publicCatalog);
  };
  const city = await staffActor(deps, 'admin');
  for (const p of PRACTICES) {
    const author = p.author === 'admin' ? city : await staffActor(deps, p.author);
    let record = await on(p.written).create(demoContext(author), author, {
      title: p.title, regionCode: p.regionCode, summary: p.summary, body: p.body.join('\n'), itemCodes: p.itemCodes, tags: p.tags,
    });
    if (p.submitted !== undefined) record = await on(p.submitted).submit(demoContext(author), author, record.id, record.version);
    if (p.published !== undefined) record = await on(p.published).publish(demoContext(city), city, record.id, record.version);
    if (p.training) await on(p.published! + 1).setTraining(demoContext(city), city, record.id, { version: record.version, training: true });
  }
  return PRACTICES.length;
}
