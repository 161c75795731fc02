/**
 * The service bus (政务服务大篷车, issue 13 §3): routes that drive to villages on given days, the
 * public timetable of their stops, and the administrators' plans and cancellations.
 *
 * A route operates in a region (the county or a town); its stops are villages inside it. The
 * administrators over that region (`venue.manage`: a town admin for their town, the city admin
 * everywhere) plan and change it; any other route is "not found", so ids leak nothing. A stop is
 * never deleted: a cancelled one stays in every list with its reason, because people planned
 * their day around it. Every change is audited in its transaction; two plans for one route are
 * checked for overlapping times one after the other (the route's row is held while checking).
 */
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import { addDays, chinaDate, chineseDate } from '../../platform/calendar.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { can, scopePaths } from '../../platform/permissions.js';
import type { Region } from '../../platform/regions.js';
import type { StaffActor } from '../../platform/request.js';
import { isoWeekday } from '../../../shared/venue-hours.js';
import {
  BUS_DEFAULT_DAYS, BUS_MAX_ADMIN_DAYS, BUS_MAX_PUBLIC_DAYS, BUS_PLAN_AHEAD_DAYS, busWeekday, type BusVisitStatus,
} from '../../../shared/service-bus.js';
import type { BusItems } from './ports.js';
import {
  cancelVisit, findRoute, findVisit, findVisits, insertRoute, insertVisits, lockActiveRoute, overlappingVisits, plannedVisitsFrom, routesInScope, updateRoute,
  type NewVisitRow, type RouteRow, type RouteWithPath, type VisitFilter, type VisitRow, type VisitWithRoute,
} from './repo.js';
import type { AdminRouteItem, AdminVisitView, BusRouteView, BusVisitView } from './schemas.js';

/** A public answer holds at most this many stops (a county's buses make a few a day). */
const PUBLIC_LIMIT = 500;
/** A route's page shows its stops over this many days. */
const ROUTE_PAGE_DAYS = 60;
/** The board's default span. */
const ADMIN_DEFAULT_DAYS = 60;

const routeNotFound = () => notFound('流动服务车线路', 'BUS_ROUTE_NOT_FOUND');
const visitNotFound = () => notFound('停靠安排', 'BUS_VISIT_NOT_FOUND');
const routeChanged = () => conflict('BUS_ROUTE_CHANGED', '该线路刚被其他人修改过，请刷新后重新编辑');
const routeInactive = () => conflict('BUS_ROUTE_INACTIVE', '该线路已停运，不能再安排停靠；如需恢复，请先把线路改为运行中');

const daysInclusive = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

export interface RouteInput {
  name: string;
  regionCode: string;
  phone: string;
  vehicle: string;
  description: string;
  itemCodes: string[];
}

export interface VisitsInput {
  regionCode: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  note: string;
  weeks: number;
  skipNonWorkingDays: boolean;
}

export class ServiceBusService {
  constructor(
    private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'clock' | 'calendar'>,
    private readonly items: BusItems,
  ) {}

  private get db() {
    return this.deps.dbh.db;
  }

  private today(): string {
    return chinaDate(this.deps.clock.now());
  }

  /** The span asked for, defaulted and capped: 400 naming `to` when it runs backwards or too long. */
  private span(q: { from?: string; to?: string }, defaultDays: number, maxDays: number): { from: string; to: string } {
    const from = q.from ?? this.today();
    const to = q.to ?? addDays(from, defaultDays - 1);
    if (to < from) throw validationFailed([{ field: 'to', message: '结束日期不能早于开始日期' }]);
    if (daysInclusive(from, to) > maxDays) throw validationFailed([{ field: 'to', message: `一次最多查询 ${maxDays} 天` }]);
    return { from, to };
  }

  /** Where a region filter points: a village's own stops, or every stop under a town (or the county). */
  private placeFilter(region: Region | undefined): Pick<VisitFilter, 'villageCode' | 'regionPath'> {
    if (!region) return {};
    return region.level === 'village' ? { villageCode: region.code } : { regionPath: region.path };
  }

  // ---- public ----

  /** GET /service-bus/visits: the stops in a place over a span of days, cancelled ones included. */
  async visits(q: { region?: string; from?: string; to?: string }) {
    const { from, to } = this.span(q, BUS_DEFAULT_DAYS, BUS_MAX_PUBLIC_DAYS);
    const region = q.region ? await this.deps.regions.require(q.region, 'region') : undefined;
    const { total, rows } = await findVisits(this.db, { from, to, ...this.placeFilter(region), activeRoutesOnly: true }, PUBLIC_LIMIT);
    return { from, to, total, items: await this.presentVisits(rows) };
  }

  /** GET /service-bus/routes/{id}: a running route with its stops of the coming weeks. */
  async route(id: string) {
    const row = await findRoute(this.db, id);
    if (!row || row.active !== 1) throw routeNotFound();
    const from = this.today();
    const to = addDays(from, ROUTE_PAGE_DAYS - 1);
    const { rows } = await findVisits(this.db, { from, to, routeId: id }, PUBLIC_LIMIT);
    return { ...(await this.presentRoute(row)), from, to, visits: await this.presentVisits(rows) };
  }

  // ---- administrators ----

  /** A route the administrator may manage; any other (or none) is not found. */
  private async visibleRoute(actor: StaffActor, id: string): Promise<RouteWithPath> {
    const row = await findRoute(this.db, id);
    if (!row || !can(actor, 'venue.manage', { code: row.region_code, path: row.region_path })) throw routeNotFound();
    return row;
  }

  /** The operating region of a route being saved: the county or a town, inside the administrator's grants. */
  private async operatingRegion(actor: StaffActor, code: string): Promise<Region> {
    const region = await this.deps.regions.require(code, 'regionCode');
    if (region.level === 'village') throw validationFailed([{ field: 'regionCode', message: '运营区域应为市或镇（街道），不能是村（社区）' }]);
    if (!can(actor, 'venue.manage', this.deps.regions.ref(region))) throw forbidden(`您无权为「${region.shortName}」安排流动服务车`);
    return region;
  }

  /** Item codes without repeats, each one a published item (400 naming those that are not). */
  private async checkItems(codes: string[]): Promise<string[]> {
    const unique = [...new Set(codes)];
    const unknown: string[] = [];
    for (const code of unique) if ((await this.items.itemName(code)) === null) unknown.push(code);
    if (unknown.length) throw validationFailed([{ field: 'itemCodes', message: `未找到以下事项（请使用已发布目录中的事项编码）：${unknown.join('、')}` }]);
    return unique;
  }

  /** GET /admin/service-bus/routes: the routes operating in the administrator's area. */
  async adminRoutes(actor: StaffActor, q: { page: number; pageSize: number }): Promise<{ total: number; items: AdminRouteItem[] }> {
    const { total, rows } = await routesInScope(this.db, scopePaths(actor, 'venue.manage'), this.today(), q.page, q.pageSize);
    const items: AdminRouteItem[] = [];
    for (const row of rows) items.push(await this.adminRoute(row, Number(row.upcoming ?? 0), (row.next_date as string | null) ?? null));
    return { total, items };
  }

  /** POST /admin/service-bus/routes */
  async createRoute(ctx: RequestContext, actor: StaffActor, input: RouteInput): Promise<AdminRouteItem> {
    const region = await this.operatingRegion(actor, input.regionCode);
    const itemCodes = await this.checkItems(input.itemCodes);
    const now = iso(this.deps.clock.now());
    const row: RouteRow = {
      id: newId(), name: input.name, region_code: region.code, phone: input.phone, vehicle: input.vehicle, description: input.description,
      item_codes: JSON.stringify(itemCodes), active: 1, version: 1, created_at: now, updated_at: now,
    };
    await this.db.transaction().execute(async (tx) => {
      await insertRoute(tx, row);
      await recordAudit(tx, ctx, {
        action: 'bus_route.create', entityType: 'bus_route', entityId: row.id, regionCode: region.code,
        summary: { name: row.name, regionCode: region.code, phone: row.phone, vehicle: row.vehicle, itemCodes },
      }, this.deps.clock);
    });
    return this.adminRoute(row, 0, null);
  }

  /**
   * PUT /admin/service-bus/routes/{id}: on the version read (409 otherwise). A route with planned
   * stops to come is not retired, nor moved to a region that leaves some of them outside: those
   * stops are cancelled first, with a reason people see.
   */
  async updateRoute(ctx: RequestContext, actor: StaffActor, id: string, input: RouteInput & { active: boolean; version: number }): Promise<AdminRouteItem> {
    const row = await this.visibleRoute(actor, id);
    const region = await this.operatingRegion(actor, input.regionCode);
    const itemCodes = await this.checkItems(input.itemCodes);
    if (row.version !== input.version) throw routeChanged();
    const today = this.today();
    const now = iso(this.deps.clock.now());
    const set = {
      name: input.name, region_code: region.code, phone: input.phone, vehicle: input.vehicle, description: input.description,
      item_codes: JSON.stringify(itemCodes), active: input.active ? 1 : 0, updated_at: now,
    };
    // what changed, named as the request names the fields (the audit page words them)
    const FIELD_NAMES = { name: 'name', region_code: 'regionCode', phone: 'phone', vehicle: 'vehicle', description: 'description', item_codes: 'itemCodes', active: 'active' } as const;
    const changed = (Object.keys(FIELD_NAMES) as (keyof typeof FIELD_NAMES)[]).filter((k) => set[k] !== row[k]).map((k) => FIELD_NAMES[k]);
    const planned = await this.db.transaction().execute(async (tx) => {
      const coming = await plannedVisitsFrom(tx, id, today);
      if (!input.active && coming.length) {
        throw conflict('BUS_ROUTE_HAS_VISITS', `该线路今后还有 ${coming.length} 次停靠安排。请先逐一取消（并写明原因，群众会看到），再停运线路`);
      }
      if (region.code !== row.region_code) {
        const outside = [];
        for (const v of coming) if (!(await this.deps.regions.get(v.region_code))?.path.startsWith(region.path)) outside.push(v);
        if (outside.length) throw conflict('BUS_ROUTE_VISITS_OUTSIDE', `该线路今后有 ${outside.length} 次停靠不在「${region.shortName}」内，请先取消这些停靠再更改运营区域`);
      }
      const done = await updateRoute(tx, id, input.version, set);
      if (Number(done.numUpdatedRows) !== 1) throw routeChanged();
      await recordAudit(tx, ctx, {
        action: 'bus_route.update', entityType: 'bus_route', entityId: id, regionCode: region.code,
        summary: { name: set.name, changed, active: input.active, ...(region.code !== row.region_code ? { fromRegionCode: row.region_code, toRegionCode: region.code } : {}) },
      }, this.deps.clock);
      return coming;
    });
    return this.adminRoute({ ...row, ...set, version: input.version + 1 }, planned.length, planned[0]?.date ?? null);
  }

  /**
   * POST /admin/service-bus/routes/{id}/visits: one stop, or the same stop every week for `weeks`
   * weeks (leaving out the working-day calendar's days off unless told otherwise). All of them or
   * none: a day on which the route already stops at an overlapping time is 409 naming the days.
   */
  async addVisits(ctx: RequestContext, actor: StaffActor, routeId: string, input: VisitsInput): Promise<{ created: BusVisitView[]; skipped: { date: string; reason: string }[] }> {
    const route = await this.visibleRoute(actor, routeId);
    if (route.active !== 1) throw routeInactive();
    const village = await this.deps.regions.require(input.regionCode, 'regionCode');
    if (village.level !== 'village') throw validationFailed([{ field: 'regionCode', message: '请选择具体的村（社区）作为停靠地点' }]);
    if (!village.path.startsWith(route.region_path)) {
      const operating = await this.deps.regions.get(route.region_code);
      throw validationFailed([{ field: 'regionCode', message: `「${village.shortName}」不在本线路的运营区域（${operating?.shortName ?? route.region_code}）内` }]);
    }
    if (!can(actor, 'venue.manage', this.deps.regions.ref(village))) throw forbidden(`您无权安排到「${village.shortName}」的停靠`);
    const today = this.today();
    if (input.date < today) throw validationFailed([{ field: 'date', message: '日期不能早于今天' }]);
    const last = addDays(input.date, 7 * (input.weeks - 1));
    if (last > addDays(today, BUS_PLAN_AHEAD_DAYS)) {
      throw validationFailed([{ field: input.weeks > 1 ? 'weeks' : 'date', message: `只能安排 ${BUS_PLAN_AHEAD_DAYS} 天以内的停靠（最后一次为 ${last}）` }]);
    }
    const calendar = await this.deps.calendar.fresh();
    const dates: string[] = [];
    const skipped: { date: string; reason: string }[] = [];
    for (let i = 0; i < input.weeks; i++) {
      const date = addDays(input.date, 7 * i);
      // A single date is the one the administrator chose (a market day may be a Sunday); only a
      // repeating plan leaves out days off.
      if (input.weeks > 1 && input.skipNonWorkingDays && !calendar.isWorkingDay(date)) skipped.push({ date, reason: this.dayOffReason(date) });
      else dates.push(date);
    }
    if (dates.length === 0) {
      throw validationFailed([{ field: 'skipNonWorkingDays', message: `所选的 ${input.weeks} 个日期都不是工作日，没有安排任何停靠。如需在休息日停靠，请不要勾选“跳过节假日和周末”` }]);
    }
    const now = iso(this.deps.clock.now());
    const rows: VisitRow[] = dates.map((date) => ({
      id: newId(), route_id: routeId, region_code: village.code, date, start_time: input.startTime, end_time: input.endTime, place: input.place, note: input.note,
      status: 'planned', cancel_reason: null, cancelled_at: null, cancelled_by: null, created_at: now, created_by: actor.id, updated_at: now,
    }));
    await this.db.transaction().execute(async (tx) => {
      const held = await lockActiveRoute(tx, routeId);
      if (Number(held.numUpdatedRows) !== 1) throw routeInactive();
      const clashes = await overlappingVisits(tx, routeId, dates, input.startTime, input.endTime);
      if (clashes.length) throw await this.overlap(clashes);
      await insertVisits(tx, rows satisfies NewVisitRow[]);
      await recordAudit(tx, ctx, {
        action: 'bus_visit.create', entityType: 'bus_route', entityId: routeId, regionCode: village.code,
        // days as one text: the audit page reads a two-element array as "before → after"
        summary: {
          route: route.name, village: village.shortName, dates: dates.join('、'), count: dates.length, startTime: input.startTime, endTime: input.endTime, place: input.place,
          ...(skipped.length ? { skipped: skipped.map((s) => `${s.date}（${s.reason}）`).join('、') } : {}),
        },
      }, this.deps.clock);
    });
    return { created: await this.presentVisits(rows.map((r) => this.withRoute(r, route))), skipped };
  }

  /**
   * POST /admin/service-bus/visits/{id}/cancel: the stop stays listed as 已取消 with the reason.
   * Only a stop to come (today included) and still planned; of two administrators at once, the
   * second is told it is already cancelled.
   */
  async cancelVisit(ctx: RequestContext, actor: StaffActor, id: string, reason: string): Promise<AdminVisitView> {
    const visit = await findVisit(this.db, id);
    const route = visit ? await findRoute(this.db, visit.route_id) : undefined;
    const village = visit ? await this.deps.regions.get(visit.region_code) : undefined;
    const mayManage = (ref: { code: string; path: string }) => can(actor, 'venue.manage', ref);
    if (!visit || !route || !mayManage({ code: route.region_code, path: route.region_path }) || (village && !mayManage(this.deps.regions.ref(village)))) throw visitNotFound();
    const already = () => conflict('BUS_VISIT_ALREADY_CANCELLED', '该停靠已经取消');
    if (visit.status === 'cancelled') throw already();
    if (visit.date < this.today()) throw conflict('BUS_VISIT_PAST', '已经过去的停靠不能取消');
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      const done = await cancelVisit(tx, id, { cancel_reason: reason, cancelled_at: now, cancelled_by: actor.id });
      if (Number(done.numUpdatedRows) !== 1) throw already();
      await recordAudit(tx, ctx, {
        action: 'bus_visit.cancel', entityType: 'bus_visit', entityId: id, regionCode: visit.region_code,
        summary: { route: route.name, village: village?.shortName ?? visit.region_code, date: visit.date, startTime: visit.start_time, endTime: visit.end_time, reason },
      }, this.deps.clock);
    });
    return this.adminVisit({ ...visit, status: 'cancelled', cancel_reason: reason, cancelled_at: now, cancelled_by: actor.id, updated_at: now });
  }

  /** GET /admin/service-bus/visits: the stops of the routes in the administrator's area (by route, place, days, status). */
  async adminVisits(actor: StaffActor, q: { routeId?: string; region?: string; from?: string; to?: string; status?: BusVisitStatus; page: number; pageSize: number }) {
    const { from, to } = this.span(q, ADMIN_DEFAULT_DAYS, BUS_MAX_ADMIN_DAYS);
    if (q.routeId) await this.visibleRoute(actor, q.routeId);
    const region = q.region ? await this.deps.regions.require(q.region, 'region') : undefined;
    const { total, rows } = await findVisits(this.db, {
      from, to, ...this.placeFilter(region), routeId: q.routeId, status: q.status, routeScopePaths: scopePaths(actor, 'venue.manage'),
    }, q.pageSize, (q.page - 1) * q.pageSize);
    const items: AdminVisitView[] = [];
    for (const row of rows) items.push(await this.adminVisit(row));
    return { from, to, total, items };
  }

  // ---- words ----

  private dayOffReason(date: string): string {
    const e = this.deps.calendar.exception(date);
    if (e?.kind === 'holiday') return `法定节假日（${e.name}）`;
    return ['6', '7'].includes(isoWeekday(date)) ? '周末' : '非工作日';
  }

  private async overlap(clashes: VisitRow[]): Promise<AppError> {
    const first = clashes[0]!;
    const where = (await this.deps.regions.get(first.region_code))?.shortName ?? first.region_code;
    const more = clashes.length > 1 ? `等 ${clashes.length} 次` : '';
    return conflict(
      'BUS_VISIT_OVERLAP',
      `与本线路已安排的停靠时间重叠：${chineseDate(first.date)} ${first.start_time}-${first.end_time} 在${where}${more}。同一线路同一天的停靠时间不能重叠，请调整时间或日期`,
      await Promise.all(clashes.map(async (c) => ({ date: c.date, startTime: c.start_time, endTime: c.end_time, regionCode: c.region_code, villageName: (await this.deps.regions.get(c.region_code))?.shortName ?? c.region_code }))),
    );
  }

  private withRoute(row: VisitRow, route: RouteRow): VisitWithRoute {
    return { ...row, route_name: route.name, route_phone: route.phone, route_region_code: route.region_code };
  }

  private async presentVisits(rows: VisitWithRoute[]): Promise<BusVisitView[]> {
    const out: BusVisitView[] = [];
    for (const row of rows) out.push(await this.presentVisit(row));
    return out;
  }

  private async presentVisit(row: VisitWithRoute): Promise<BusVisitView> {
    const village = await this.deps.regions.get(row.region_code);
    const town = village?.parentCode ? await this.deps.regions.get(village.parentCode) : undefined;
    return {
      id: row.id, routeId: row.route_id, routeName: row.route_name, phone: row.route_phone,
      regionCode: row.region_code, villageName: village?.shortName ?? row.region_code, townName: town?.level === 'town' ? town.shortName : '',
      date: row.date, weekday: busWeekday(row.date), startTime: row.start_time, endTime: row.end_time, place: row.place, note: row.note,
      status: row.status, cancelReason: row.status === 'cancelled' ? row.cancel_reason : null,
    };
  }

  private async adminVisit(row: VisitWithRoute): Promise<AdminVisitView> {
    return { ...(await this.presentVisit(row)), cancelledAt: row.cancelled_at, createdAt: row.created_at };
  }

  private async presentRoute(row: RouteRow): Promise<BusRouteView> {
    const region = await this.deps.regions.get(row.region_code);
    const items: { code: string; name: string }[] = [];
    for (const code of JSON.parse(row.item_codes) as string[]) {
      // an item withdrawn from the published catalog since is left out, not shown as a bare code
      const name = await this.items.itemName(code);
      if (name !== null) items.push({ code, name });
    }
    return {
      id: row.id, name: row.name, regionCode: row.region_code, regionName: region?.shortName ?? row.region_code,
      phone: row.phone, vehicle: row.vehicle, description: row.description, items,
    };
  }

  private async adminRoute(row: RouteRow, upcomingVisits: number, nextVisitDate: string | null): Promise<AdminRouteItem> {
    return {
      ...(await this.presentRoute(row)), itemCodes: JSON.parse(row.item_codes) as string[], active: row.active === 1, version: row.version,
      upcomingVisits, nextVisitDate, updatedAt: row.updated_at,
    };
  }
}
