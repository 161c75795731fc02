/**
 * Demo service buses for Zoucheng (SEED_DEMO only, and only where no route exists): the city's
 * 东线 through 香城镇 and 城前镇, 大束镇's own bus, and 钢山街道's 便民服务流动车 through its
 * communities — each stopping at real villages of the region table on fixed weekdays, from a week
 * before the seeding day to eight weeks after, so the demo always has stops to come. Days off by
 * the working-day calendar are left out, and one stop to come is cancelled with its reason, as a
 * county would show it.
 */
import type { Deps } from '../../deps.js';
import { IMPORT_TRANSACTION_MS, withTransactionDeadline } from '../../db/guard.js';
import { recordAudit } from '../../platform/audit.js';
import { addDays, chinaDate } from '../../platform/calendar.js';
import { systemContext } from '../../platform/context.js';
import { iso, newId } from '../../platform/ids.js';
import { isoWeekday } from '../../../shared/venue-hours.js';
import { countRoutes, insertRoute, insertVisits, type NewVisitRow, type RouteRow } from './repo.js';

/** 社会保障卡, 城乡居民养老保险 and 医保 items the demo catalog has (the terminals' and banks' set). */
const BUS_ITEMS = ['37200203600001', '37200204000001', '37200204000002', '37200200900001', '37200203800001'];
const PLACES = ['村委会广场', '村党群服务中心门前', '村便民服务站门前', '村文化广场'];

interface DemoRoute {
  name: string;
  regionCode: string;
  phone: string;
  vehicle: string;
  description: string;
  /** the towns whose villages it visits, and on which ISO weekday (1 = Monday) */
  rounds: { town: string; weekday: string }[];
  /** the villages of each town it visits, in turn, two a day */
  villagesPerTown: number;
}

const ROUTES: DemoRoute[] = [
  {
    name: '邹城市政务服务大篷车·东线',
    regionCode: '370883',
    phone: '0537-5212345',
    vehicle: '鲁H·D7286 中型客车（低位服务台、升降踏板）',
    description: '市政务服务中心派出，社保、医保、养老保险、户籍咨询等事项在车上办理或帮办代办。',
    rounds: [{ town: '370883101', weekday: '2' }, { town: '370883102', weekday: '4' }],
    villagesPerTown: 4,
  },
  {
    name: '大束镇政务服务大篷车',
    regionCode: '370883103',
    phone: '0537-5561031',
    vehicle: '鲁H·D3517 轻型客车',
    description: '镇为民服务中心派出，进村办理社保、医保和民政事项，收取材料帮办代办。',
    rounds: [{ town: '370883103', weekday: '3' }, { town: '370883103', weekday: '5' }],
    villagesPerTown: 6,
  },
  {
    name: '钢山街道便民服务流动车',
    regionCode: '370883001',
    phone: '0537-5501001',
    vehicle: '鲁H·D1208 面包车',
    description: '街道为民服务中心派出，到社区为行动不便的老人上门办理、帮办代办。',
    rounds: [{ town: '370883001', weekday: '1' }],
    villagesPerTown: 4,
  },
];

/** Seeds the demo routes and their stops; returns how many stops (0 when any route already exists). */
export async function seedDemoServiceBus(deps: Pick<Deps, 'dbh' | 'regions' | 'clock' | 'calendar'>): Promise<number> {
  const { db } = deps.dbh;
  if ((await countRoutes(db)) > 0) return 0;
  const calendar = await deps.calendar.fresh();
  const now = iso(deps.clock.now());
  const today = chinaDate(deps.clock.now());
  const routes: RouteRow[] = [];
  const visits: NewVisitRow[] = [];
  let cancelled = false;
  for (const demo of ROUTES) {
    if (!(await deps.regions.get(demo.regionCode))) continue;
    const route: RouteRow = {
      id: newId(), name: demo.name, region_code: demo.regionCode, phone: demo.phone, vehicle: demo.vehicle, description: demo.description,
      item_codes: JSON.stringify(BUS_ITEMS), active: 1, version: 1, created_at: now, updated_at: now,
    };
    routes.push(route);
    // the bus goes round each town's villages in turn
    const turns = new Map<string, number>();
    for (let d = -7; d <= 56; d++) {
      const date = addDays(today, d);
      for (const round of demo.rounds) {
        if (isoWeekday(date) !== round.weekday || !calendar.isWorkingDay(date)) continue;
        const villages = ((await deps.regions.childrenOf(round.town)) ?? []).filter((r) => r.level === 'village').slice(0, demo.villagesPerTown);
        if (villages.length === 0) continue;
        // two stops a day, morning and afternoon, going round the villages in turn
        for (const [start, end] of [['09:00', '11:30'], ['14:00', '16:30']] as const) {
          const turn = turns.get(round.town) ?? 0;
          turns.set(round.town, turn + 1);
          const village = villages[turn % villages.length]!;
          const place = village.shortName.endsWith('社区') ? '社区党群服务中心门前' : PLACES[turn % PLACES.length]!;
          const cancel = !cancelled && demo.regionCode === '370883103' && d >= 3;
          if (cancel) cancelled = true;
          visits.push({
            id: newId(), route_id: route.id, region_code: village.code, date, start_time: start, end_time: end, place,
            note: '', status: cancel ? 'cancelled' : 'planned', cancel_reason: cancel ? '车辆例行检修，本次停靠取消，下周照常' : null,
            cancelled_at: cancel ? now : null, cancelled_by: null, created_at: now, created_by: null, updated_at: now,
          });
        }
      }
    }
  }
  if (routes.length === 0) return 0;
  await withTransactionDeadline(IMPORT_TRANSACTION_MS, () => db.transaction().execute(async (tx) => {
    for (const route of routes) await insertRoute(tx, route);
    await insertVisits(tx, visits);
    await recordAudit(tx, systemContext, { action: 'bus_route.seed', entityType: 'bus_route', entityId: 'demo', regionCode: '370883', summary: { demo: true, routes: routes.length, visits: visits.length } }, deps.clock);
  }));
  return visits.length;
}
