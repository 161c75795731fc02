/**
 * The service bus's contract (政务服务大篷车): the public timetable of village stops, one route with
 * its stops, and the administrators' routes, plans and cancellations.
 */
import { z } from 'zod';
import { freeText, itemCode, regionCode } from '../../../shared/fields.js';
import { BUS_MAX_PLAN_WEEKS, BUS_TIME_PATTERN, BUS_VISIT_STATUS_CODES } from '../../../shared/service-bus.js';
import { pageQuery } from '../../platform/openapi.js';

/** A real calendar day as YYYY-MM-DD (2026-02-30 is refused). */
export const calendarDay = z.string().refine((v) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const ms = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === v;
}, '日期应为真实存在的日期，格式 YYYY-MM-DD，例如 2026-12-01');
const clockTime = z.string().regex(BUS_TIME_PATTERN, '时间应为 24 小时制 HH:MM，例如 09:00');
const id = (what: string) => z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, `${what}编号不正确`);
/** Phone numbers as people write them: 0537-5212345、13905370001 */
const phones = z.string().trim().min(1, '请填写咨询电话').max(60, '电话不超过 60 个字符').regex(/^[0-9+\-—、，, ]*$/, '电话只能包含数字、“-”和分隔符“、”');

export const busVisitStatus = z.enum(BUS_VISIT_STATUS_CODES);

// ---- public ----

export const visitsQuery = z.object({
  /** a town or village (or the county): the stops in it and under it */
  region: regionCode.optional(),
  /** first day (default: today, China time) */
  from: calendarDay.optional(),
  /** last day (default: 30 days from `from`; at most 92 days) */
  to: calendarDay.optional(),
});

export const routeIdParams = z.object({ id: id('线路') });
export const visitIdParams = z.object({ id: id('停靠') });

export const busVisitView = z.object({
  id: z.string(),
  routeId: z.string(),
  routeName: z.string(),
  /** whom to call about the bus */
  phone: z.string(),
  /** the village */
  regionCode: z.string(),
  villageName: z.string().describe('e.g. 香城村'),
  townName: z.string().describe('e.g. 香城镇'),
  date: z.string().describe('China calendar day YYYY-MM-DD'),
  weekday: z.string().describe('周一 … 周日'),
  startTime: z.string().describe('HH:MM China time'),
  endTime: z.string(),
  /** where the bus stands: 村委会广场 */
  place: z.string(),
  note: z.string(),
  /** cancelled stops are listed too, with their reason, so people who planned to go are told */
  status: busVisitStatus,
  cancelReason: z.string().nullable(),
});
export type BusVisitView = z.infer<typeof busVisitView>;

export const busVisitList = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number(),
  /** in date and time order; at most 500 */
  items: z.array(busVisitView),
});

export const busRouteView = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().describe('the operating region: 邹城市, 大束镇'),
  phone: z.string(),
  vehicle: z.string(),
  description: z.string(),
  /** what can be handled on the bus */
  items: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type BusRouteView = z.infer<typeof busRouteView>;

export const busRouteDetail = busRouteView.extend({
  from: z.string(),
  to: z.string(),
  /** the stops from today for 60 days, cancelled ones included */
  visits: z.array(busVisitView),
});

// ---- administrators ----

const routeFields = {
  name: z.string().trim().min(2, '请填写线路名称（至少 2 个字）').max(40, '线路名称不超过 40 字'),
  /** the operating region: the county or a town */
  regionCode,
  phone: phones,
  vehicle: freeText(60).default(''),
  description: freeText(300).default(''),
  itemCodes: z.array(itemCode).max(100, '可办事项不超过 100 项').default([]),
};

export const createRouteBody = z.strictObject(routeFields);
export const updateRouteBody = z.strictObject({
  ...routeFields,
  active: z.boolean({ error: 'active 应为 true（运行中）或 false（停运）' }),
  /** the version the edit was made on (409 when someone changed the route since) */
  version: z.number({ error: '缺少版本号 version' }).int().min(1),
});

export const adminRoutesQuery = z.object({ ...pageQuery });

export const adminRouteItem = busRouteView.extend({
  itemCodes: z.array(z.string()),
  active: z.boolean(),
  version: z.number(),
  /** planned stops from today on */
  upcomingVisits: z.number(),
  nextVisitDate: z.string().nullable(),
  updatedAt: z.string(),
});
export type AdminRouteItem = z.infer<typeof adminRouteItem>;
export const adminRouteList = z.object({ total: z.number(), items: z.array(adminRouteItem) });

/**
 * POST /admin/service-bus/routes/{id}/visits: one stop, or the same stop every week for `weeks`
 * weeks from `date` (days off by the working-day calendar skipped unless told otherwise).
 */
export const addVisitsBody = z
  .strictObject({
    /** the village */
    regionCode,
    date: calendarDay,
    startTime: clockTime,
    endTime: clockTime,
    place: freeText(60).pipe(z.string().min(1, '请填写停靠地点，例如：村委会广场')),
    note: freeText(200).default(''),
    weeks: z.number({ error: '重复周数应为数字' }).int().min(1, '重复周数至少为 1').max(BUS_MAX_PLAN_WEEKS, `重复周数不超过 ${BUS_MAX_PLAN_WEEKS} 周`).default(1),
    /** in a weekly plan, leave out the days the working-day calendar says are off (holidays, weekends) */
    skipNonWorkingDays: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (BUS_TIME_PATTERN.test(v.startTime) && BUS_TIME_PATTERN.test(v.endTime) && v.endTime <= v.startTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: '结束时间应晚于开始时间' });
    }
  });

export const addVisitsResult = z.object({
  created: z.array(busVisitView),
  /** the days of a weekly plan left out, and why (法定节假日（国庆节）, 周末) */
  skipped: z.array(z.object({ date: z.string(), reason: z.string() })),
});

export const cancelVisitBody = z.strictObject({
  reason: freeText(200).pipe(z.string().min(2, '请填写取消原因（群众会在页面上看到），例如：车辆检修')),
});

export const adminVisitsQuery = z.object({
  routeId: id('线路').optional(),
  /** stops in this region or under it */
  region: regionCode.optional(),
  /** default: today */
  from: calendarDay.optional(),
  /** default: 60 days from `from`; at most 366 */
  to: calendarDay.optional(),
  status: busVisitStatus.optional(),
  ...pageQuery,
});

export const adminVisitView = busVisitView.extend({
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminVisitView = z.infer<typeof adminVisitView>;
export const adminVisitList = z.object({ from: z.string(), to: z.string(), total: z.number(), items: z.array(adminVisitView) });
