/**
 * The demo 培训记录: a year of training in Zoucheng around the 2022 镇街村居便民服务 reform — the
 * city bureau's courses for window clerks and approvers (一窗受理, 好差评, 一件事, 电子证照, 适老化)
 * and 钢山街道's own for its 帮办代办员 and windows — with the demo staff as participants and a few
 * community 代办员 without accounts. Dates are counted back from the clock, so a fresh demo always
 * has this year's and last months' sessions and one still to come. Written through the training
 * service (audited like any record), once: nothing is added where sessions exist.
 */
import type { Deps } from '../deps.js';
import { addDays, chinaDate } from '../platform/calendar.js';
import type { RequestContext } from '../platform/context.js';
import type { Services } from '../services.js';
import type { TrainingForm } from '../../shared/training.js';
import { staffActor } from './cases.js';

interface DemoSession {
  organiser: 'admin' | 'gangshan.admin';
  topic: string;
  /** days from today (negative: past) */
  at: number;
  days?: number;
  hours: number;
  trainer: string;
  trainerUnit: string;
  place: string;
  form: TrainingForm;
  summary: string;
  staff: string[];
  externals?: { name: string; unit: string; phone?: string }[];
  /** username or outsider's name → attendance other than attended */
  missed?: Record<string, 'absent' | 'leave'>;
  assessed?: boolean;
}

const BUREAU = '邹城市行政审批服务局';

const VILLAGE_HELPERS = [
  { name: '张海燕', unit: '钢山街道北关社区居委会', phone: '13705370111' },
  { name: '李红梅', unit: '钢山街道西关社区居委会', phone: '13705370112' },
  { name: '王成刚', unit: '钢山街道铁山社区居委会' },
  { name: '赵淑芬', unit: '钢山街道凤凰山社区居委会', phone: '13705370114' },
];

const SESSIONS: DemoSession[] = [
  {
    organiser: 'admin', topic: '镇街便民服务中心“一窗受理”综合窗口业务培训', at: -300, hours: 3, trainer: '王立华', trainerUnit: `${BUREAU}政务服务科`,
    place: '邹城市政务服务中心三楼培训室', form: 'lecture',
    summary: '“前台综合受理、后台分类审批、综合窗口出件”工作流程；镇街 138 项便民服务事项的受理要点和一次性告知；办件登记与时限管理。',
    staff: ['gangshan.clerk', 'qianquan.clerk', 'city.clerk', 'gangshan.approver', 'city.approver'], assessed: true,
  },
  {
    organiser: 'gangshan.admin', topic: '帮办代办员业务培训（第一期）', at: -200, hours: 3, trainer: '孔令军', trainerUnit: '钢山街道便民服务中心',
    place: '钢山街道便民服务中心二楼会议室', form: 'lecture',
    summary: '帮办代办的服务对象和事项清单；上门代办的授权委托、材料收取和交接；代办进度告知和办结回访；群众隐私保护。',
    staff: ['mengzhuang.helper'], externals: VILLAGE_HELPERS,
  },
  {
    organiser: 'admin', topic: '政务服务“好差评”工作培训', at: -240, hours: 1.5, trainer: '李静', trainerUnit: `${BUREAU}督查科`,
    place: '邹城市政务服务中心三楼培训室', form: 'meeting',
    summary: '“一事一评、一次一评”和评价渠道；差评 1 个工作日内回访、5 个工作日内整改；恶意差评申诉复核；好差评结果运用。',
    staff: ['gangshan.admin', 'gangshan.clerk', 'qianquan.clerk', 'city.clerk'], missed: { 'qianquan.clerk': 'leave' },
  },
  {
    organiser: 'admin', topic: '“一件事”主题集成办理培训', at: -150, days: 2, hours: 8, trainer: '陈卫东', trainerUnit: `${BUREAU}审批协调科`,
    place: '邹城市政务服务中心三楼培训室', form: 'lecture',
    summary: '出生、退休、开办餐饮店、残疾人服务、身后“一件事”的一次告知、一表申请、一窗受理、并联审批；一件事主题的办理演示和常见问题。',
    staff: ['gangshan.clerk', 'qianquan.clerk', 'city.clerk', 'gangshan.approver', 'city.approver'], assessed: true,
  },
  {
    organiser: 'gangshan.admin', topic: '“网上办、掌上办”操作指导（跟岗）', at: -60, days: 2, hours: 4, trainer: '孟晓燕', trainerUnit: '钢山街道便民服务中心综合窗口',
    place: '钢山街道便民服务中心', form: 'shadowing',
    summary: '指导群众在爱山东 APP 和网上办事大厅申报；窗口代为网上申报的操作；办件进度查询和电子证照亮证。',
    staff: ['gangshan.approver', 'mengzhuang.helper'],
  },
  {
    organiser: 'admin', topic: '电子证照应用和“免证办”培训', at: -90, hours: 2, trainer: '刘洋', trainerUnit: `${BUREAU}信息科`,
    place: '线上（视频会议）', form: 'online',
    summary: '电子证照的调用、核验和亮证；免提交证明材料的事项清单；证照共享出错时的处理。',
    staff: ['gangshan.clerk', 'qianquan.clerk', 'city.clerk', 'gangshan.approver', 'city.approver'], missed: { 'city.approver': 'absent' },
  },
  {
    organiser: 'admin', topic: '适老化服务和窗口服务礼仪现场观摩', at: -40, hours: 2, trainer: '孔令军', trainerUnit: '钢山街道便民服务中心',
    place: '钢山街道便民服务中心', form: 'site_visit',
    summary: '长辈版和读屏的使用；老年人、残疾人办事的绿色通道和帮办；窗口文明用语和首问负责。',
    staff: ['gangshan.clerk', 'qianquan.clerk', 'city.clerk', 'mengzhuang.helper'],
  },
  {
    organiser: 'gangshan.admin', topic: '帮办代办员业务培训（第二期）', at: -20, hours: 2, trainer: '孔令军', trainerUnit: '钢山街道便民服务中心',
    place: '钢山街道便民服务中心二楼会议室', form: 'lecture',
    summary: '新增代办事项的材料要求；帮办代办平台接单、上门记录和照片上传；上期代办中的问题讲评。',
    staff: ['mengzhuang.helper'], externals: VILLAGE_HELPERS, missed: { 王成刚: 'leave', 赵淑芬: 'absent' },
  },
  {
    organiser: 'admin', topic: '村（社区）便民服务站代办员轮训', at: 14, hours: 3, trainer: '王立华', trainerUnit: `${BUREAU}政务服务科`,
    place: '邹城市政务服务中心三楼培训室', form: 'lecture',
    summary: '村级代办事项清单的调整；服务地图和流动服务车的预约；年度考核要求。',
    staff: [],
  },
];

export async function seedDemoTraining(deps: Deps, services: Services): Promise<number> {
  const any = await deps.dbh.db.selectFrom('training_sessions').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  const today = chinaDate(deps.clock.now());
  const actors = { admin: await staffActor(deps, 'admin'), 'gangshan.admin': await staffActor(deps, 'gangshan.admin') };
  const ids = new Map<string, string>();
  for (const u of ['gangshan.admin', 'gangshan.clerk', 'qianquan.clerk', 'city.clerk', 'gangshan.approver', 'city.approver', 'mengzhuang.helper']) {
    ids.set(u, (await services.staff.forSignIn(u))?.id ?? '');
  }
  let n = 0;
  for (const d of [...SESSIONS].sort((a, b) => a.at - b.at)) {
    const actor = actors[d.organiser];
    const ctx: RequestContext = { actor, ip: null, channel: 'system' };
    const startOn = addDays(today, d.at);
    const s = await services.training.create(ctx, actor, {
      topic: d.topic, startOn, endOn: d.days ? addDays(startOn, d.days - 1) : null, hours: d.hours, trainer: d.trainer, trainerUnit: d.trainerUnit,
      place: d.place, form: d.form, regionCode: actor.grants[0]!.regionCode, summary: d.summary, status: d.at < 0 ? 'held' : 'planned',
    });
    n++;
    const staffIds = d.staff.map((u) => ids.get(u)!).filter(Boolean);
    if (staffIds.length === 0 && !d.externals) continue;
    const added = await services.training.addParticipants(ctx, actor, s.id, { staffIds, externals: d.externals ?? [] });
    for (const [i, p] of added.session.participantList.entries()) {
      const who = d.staff.find((u) => ids.get(u) === p.staffId) ?? p.name;
      const missed = d.missed?.[who];
      if (!missed && !d.assessed) continue;
      await services.training.updateParticipant(ctx, actor, s.id, p.id, {
        attendance: missed ?? 'attended', version: p.version,
        ...(missed ? {} : { assessment: 'passed' as const, score: 80 + ((i * 7) % 19) }),
      });
    }
  }
  return n;
}
