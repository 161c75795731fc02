/**
 * Demo 帮办代办 help requests (SEED_DEMO only, where there are none), made through the assistance
 * service so dispatch, history and audit entries are real. All are in 钢山街道, whose requests
 * gangshan.admin (孔令军) coordinates; 刘桂芝 (mengzhuang.helper) is 孟庄社区's helper with a
 * workbench account, and 孟庄社区's second helper has none.
 *
 * Before the roster exists:
 * 1. a phone call for 曾家沟村, typed in at the 钢山街道 window — nobody covers the village yet,
 *    so it waits as 待分派 for the town's administrators to assign.
 * Then (the roster seeded in between), dispatched to 孟庄社区's helpers:
 * 2. 张秀英's 社会保障卡 five working days ago: 刘桂芝 accepted, phoned, went with her and
 *    completed it; she rated it 5 stars;
 * 3. 李建国's 养老保险参保登记 on the last working day: dispatched to the second helper, given to
 *    刘桂芝 by gangshan.admin; accepted, phoned, with progress (已联系, no limit left to miss);
 * 4. 李建国 asks today for his father (82) to be visited at home (老年人: 优先): dispatched to the
 *    second helper, awaiting acceptance;
 * 5. 张秀英 asks today about her grandson's 医保参保: dispatched to 刘桂芝, awaiting acceptance.
 *
 * The ones still waiting on a time limit (1, 4, 5) are made at seeding time, so none is overdue
 * when the server starts (their first limit is 2 working hours on); from then on they pass their
 * limits as on a real day, and the escalation job reports them to gangshan.admin. On a database
 * whose roster was seeded before this (a demo from before help requests), 1 is dispatched too.
 */
import type { Deps } from '../deps.js';
import type { RequestContext } from '../platform/context.js';
import { addDays, chinaDate } from '../platform/calendar.js';
import type { CitizenActor } from '../platform/request.js';
import { AssistanceService } from '../modules/assistance/index.js';
import type { Services } from '../services.js';
import { citizenActor, staffActor } from './cases.js';
import { DEMO_CITIZENS } from './demo.js';

const MENGZHUANG = '370883001004';
const ZENGJIAGOU = '370883001201';

/** What the seeding needs to know of a request to take the next step. */
type Seen = { id: string; helperId: string | null; version: number };

export interface DemoHelpRequests {
  /** the requests dispatched to the roster (call once the roster is seeded); answers how many requests were made in all */
  afterRoster(): Promise<number>;
}

/**
 * Makes the first demo request (before the roster: 待分派) and answers how to make the rest; null
 * when the database has help requests already.
 */
export async function startDemoHelpRequests(deps: Deps, services: Pick<Services, 'helpers' | 'catalog'>): Promise<DemoHelpRequests | null> {
  if (await deps.dbh.db.selectFrom('help_requests').select('id').limit(1).executeTakeFirst()) return null;
  /** The service as it was at `at` (its clock stands there). */
  const at = (instant: Date) => new AssistanceService({ ...deps, clock: { now: () => new Date(instant) } }, { helpers: services.helpers, items: services.catalog.publicCatalog });
  const cal = await deps.calendar.fresh();
  const today = chinaDate(deps.clock.now());
  /** `hhmm` China time on the `k`-th working day before today. */
  const workingDayAgo = (k: number, hhmm: string, thenWorkingDays = 0) => {
    const day = cal.addWorkingDays(cal.workingDayBack(addDays(today, -1), k), thenWorkingDays);
    return new Date(`${day}T${hhmm}:00+08:00`);
  };
  const ctx = (actor: RequestContext['actor'], channel: RequestContext['channel']): RequestContext => ({ actor, ip: null, channel });
  const [zhang, li] = await Promise.all(DEMO_CITIZENS.slice(0, 2).map((c) => citizenActor(deps, c.phone)));
  const [clerk, admin, liu] = await Promise.all(['gangshan.clerk', 'gangshan.admin', 'mengzhuang.helper'].map((u) => staffActor(deps, u)));
  const online = (c: CitizenActor) => ctx(c, 'mobile');
  const adminCtx = ctx(admin!, 'pc');
  const liuCtx = ctx(liu!, 'assist');
  let made = 0;

  // 1. A phone call to the 钢山街道 window for 曾家沟村, before anyone covers the village: 待分派.
  await at(deps.clock.now()).create(ctx(clerk!, 'window'), clerk!, {
    channel: 'phone', name: '颜廷秀', phone: '13905378811', address: '曾家沟村 2 组 15 号', villageCode: ZENGJIAGOU, itemCode: '37200757100001',
    need: '老房子墙体开裂漏雨，想申请农村危房改造，子女在外地打工，不清楚要准备哪些材料', preferredTime: '工作日上午', homeVisit: false, flags: [],
  });
  made++;

  return {
    async afterRoster() {
      /** 刘桂芝's roster record (only she has a workbench account in 孟庄社区). */
      const liuHelper = await services.helpers.helperOfStaff(liu!.id);
      if (!liuHelper) return made;
      /** Gives a request to 刘桂芝 when dispatch chose the other helper (gangshan.admin, as a coordinator does). */
      const toLiu = async (when: Date, r: Seen, note: string): Promise<Seen> =>
        r.helperId === liuHelper.helperId ? r : at(when).assign(adminCtx, admin!, r.id, { helperId: liuHelper.helperId, note, version: r.version });
      const home = (detail: string) => `孟庄社区${detail}`;

      // 2. 张秀英's 社会保障卡, five working days ago: done in three days and rated.
      {
        let r: Seen = (await at(workingDayAgo(5, '09:10')).create(online(zhang!), zhang!, {
          forSelf: true, name: '张秀英', phone: DEMO_CITIZENS[0]!.phone, address: home('建设路 18 号 3 单元 201 室'), villageCode: MENGZHUANG, itemCode: '37200252400001',
          need: '社保卡丢了，想补办一张，不会在手机上操作', preferredTime: '', homeVisit: false, flags: [],
        })).request;
        r = await toLiu(workingDayAgo(5, '09:20'), r, '刘桂芝负责该片区');
        r = await at(workingDayAgo(5, '09:40')).accept(liuCtx, liu!, r.id, r.version);
        r = await at(workingDayAgo(5, '10:05')).contact(liuCtx, liu!, r.id, { method: 'phone', note: '电话联系本人，约好明天上午陪同到街道社保窗口补卡，提醒带身份证', version: r.version });
        r = await at(workingDayAgo(5, '09:30', 1)).progress(liuCtx, liu!, r.id, { note: '已陪同到钢山街道为民服务中心社保窗口提交补卡申请，新卡制好后通知您', version: r.version });
        r = await at(workingDayAgo(5, '15:00', 2)).complete(liuCtx, liu!, r.id, { note: '新社会保障卡已制好，已送到您家中，并帮您启用了卡片', version: r.version });
        await at(workingDayAgo(5, '16:10', 2)).rate(online(zhang!), zhang!, r.id, { stars: 5, comment: '刘大姐很耐心，跑一趟就办好了' });
        made++;
      }

      // 3. 李建国's 城乡居民养老保险参保登记, the last working day: given to 刘桂芝, who has phoned and noted progress.
      {
        let r: Seen = (await at(workingDayAgo(1, '09:40')).create(online(li!), li!, {
          forSelf: true, name: '李建国', phone: DEMO_CITIZENS[1]!.phone, address: home('岗山路 66 号'), villageCode: MENGZHUANG, itemCode: '37200252100001',
          need: '在外地打工，想办理城乡居民养老保险参保登记，不清楚需要哪些材料', preferredTime: '下午 5 点以后方便接电话', homeVisit: false, flags: [],
        })).request;
        r = await toLiu(workingDayAgo(1, '10:00'), r, '该户在刘桂芝负责的片区，改由她跟进');
        r = await at(workingDayAgo(1, '10:15')).accept(liuCtx, liu!, r.id, r.version);
        r = await at(workingDayAgo(1, '10:40')).contact(liuCtx, liu!, r.id, { method: 'phone', note: '已电话联系，需户口簿和身份证复印件，家属下午送到便民服务站', version: r.version });
        await at(workingDayAgo(1, '15:30')).progress(liuCtx, liu!, r.id, { note: '已收到户口簿、身份证复印件，正在准备参保登记材料，下一个工作日到街道社保所提交', version: r.version });
        made++;
      }

      // 4. 李建国 today, for his father (82): a home visit for 门诊慢特病 (老年人: 优先), with 孟庄社区's second helper.
      {
        await at(deps.clock.now()).create(online(li!), li!, {
          forSelf: false, name: '李德顺', phone: '13905378812', address: home('岗山路 66 号'), villageCode: MENGZHUANG, itemCode: '37200353300001',
          need: '父亲 82 岁，常年服药，想申请门诊慢特病待遇；他腿脚不便出不了门，我在外地上班，希望帮办员上门', preferredTime: '上午老人在家', homeVisit: true, flags: ['elderly'],
        });
        made++;
      }

      // 5. 张秀英 today, for her grandson's 医保参保: dispatched to 刘桂芝 (each helper now has one open request; she was given hers longer ago).
      {
        await at(deps.clock.now()).create(online(zhang!), zhang!, {
          forSelf: true, name: '张秀英', phone: DEMO_CITIZENS[0]!.phone, address: home('建设路 18 号 3 单元 201 室'), villageCode: MENGZHUANG, itemCode: '37200353100001',
          need: '想给孙子办理城乡居民医保参保登记，不清楚要带哪些材料', preferredTime: '', homeVisit: false, flags: [],
        });
        made++;
      }
      return made;
    },
  };
}
