/** The service bus module's queries (it owns `bus_routes` and `bus_visits`; `regions` is joined read-only by path). */
import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../../db/index.js';
import type { BusRouteTable, BusVisitTable } from '../../db/types.js';

export type RouteRow = Selectable<BusRouteTable>;
export type VisitRow = Selectable<BusVisitTable>;
export type NewVisitRow = Insertable<BusVisitTable>;

/** A visit as lists show it: with its route's name and phone. */
const visitRows = (db: DbOrTx) =>
  db.selectFrom('bus_visits as v')
    .innerJoin('bus_routes as b', 'b.id', 'v.route_id')
    .selectAll('v')
    .select(['b.name as route_name', 'b.phone as route_phone', 'b.region_code as route_region_code']);
export type VisitWithRoute = VisitRow & { route_name: string; route_phone: string; route_region_code: string };

export interface VisitFilter {
  from: string;
  to: string;
  /** a village: its stops only (the region-and-date index) */
  villageCode?: string;
  /** a subtree (a region's path): the stops of every village under it */
  regionPath?: string;
  routeId?: string;
  status?: BusVisitTable['status'];
  /** only routes still running (the public lists) */
  activeRoutesOnly?: boolean;
  /** the region path prefixes the administrator may manage: the routes operating inside them */
  routeScopePaths?: string[];
}

function filteredVisits(db: DbOrTx, f: VisitFilter) {
  let q = db.selectFrom('bus_visits as v')
    .innerJoin('bus_routes as b', 'b.id', 'v.route_id')
    .where('v.date', '>=', f.from)
    .where('v.date', '<=', f.to);
  if (f.villageCode) q = q.where('v.region_code', '=', f.villageCode);
  const regionPath = f.regionPath;
  if (regionPath) q = q.where((eb) => eb.exists(eb.selectFrom('regions as r').select('r.code').whereRef('r.code', '=', 'v.region_code').where('r.path', 'like', `${regionPath}%`)));
  if (f.routeId) q = q.where('v.route_id', '=', f.routeId);
  if (f.status) q = q.where('v.status', '=', f.status);
  if (f.activeRoutesOnly) q = q.where('b.active', '=', 1);
  const scope = f.routeScopePaths;
  if (scope) {
    q = q.where((eb) => eb.exists(eb.selectFrom('regions as rr').select('rr.code').whereRef('rr.code', '=', 'b.region_code').where((e) => e.or(scope.map((p) => e('rr.path', 'like', `${p}%`))))));
  }
  return q;
}

/** Visits by day and time (route name, then id, for a stable order), with the count of all that match. */
export async function findVisits(db: DbOrTx, f: VisitFilter, limit: number, offset = 0): Promise<{ total: number; rows: VisitWithRoute[] }> {
  if (f.routeScopePaths && f.routeScopePaths.length === 0) return { total: 0, rows: [] };
  const [{ n }, rows] = await Promise.all([
    filteredVisits(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    filteredVisits(db, f)
      .selectAll('v')
      .select(['b.name as route_name', 'b.phone as route_phone', 'b.region_code as route_region_code'])
      .orderBy('v.date').orderBy('v.start_time').orderBy('b.name').orderBy('v.id')
      .limit(limit).offset(offset)
      .execute(),
  ]);
  return { total: Number(n), rows };
}

export const findRoute = (db: DbOrTx, id: string) =>
  db.selectFrom('bus_routes as b').innerJoin('regions as r', 'r.code', 'b.region_code').selectAll('b').select('r.path as region_path').where('b.id', '=', id).executeTakeFirst();
export type RouteWithPath = NonNullable<Awaited<ReturnType<typeof findRoute>>>;

export const findVisit = (db: DbOrTx, id: string): Promise<VisitWithRoute | undefined> => visitRows(db).where('v.id', '=', id).executeTakeFirst();

export const insertRoute = (db: DbOrTx, row: Insertable<BusRouteTable>) => db.insertInto('bus_routes').values(row).execute();

/** An edit, only on the version read: the result says whether it still was. */
export const updateRoute = (db: DbOrTx, id: string, version: number, set: Partial<Omit<RouteRow, 'id' | 'created_at'>>) =>
  db.updateTable('bus_routes').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();

/**
 * Holds the route's row until the transaction ends (a row lock on PostgreSQL; SQLite has one
 * writer anyway), so two plans for one route are checked for overlaps one after the other. Writes
 * nothing that changes; touches no row of a retired route (the result says so).
 */
export const lockActiveRoute = (db: DbOrTx, id: string) =>
  db.updateTable('bus_routes').set((eb) => ({ active: eb.ref('active') })).where('id', '=', id).where('active', '=', 1).executeTakeFirst();

/** A route's planned stops on these days that overlap [start, end). */
export const overlappingVisits = (db: DbOrTx, routeId: string, dates: string[], start: string, end: string) =>
  db.selectFrom('bus_visits').selectAll()
    .where('route_id', '=', routeId).where('date', 'in', dates).where('status', '=', 'planned')
    .where('start_time', '<', end).where('end_time', '>', start)
    .orderBy('date').orderBy('start_time')
    .execute();

export async function insertVisits(db: DbOrTx, rows: NewVisitRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('bus_visits').values(rows.slice(i, i + 100)).execute();
}

/** Cancels a stop only while it is planned: the result says whether it still was. */
export const cancelVisit = (db: DbOrTx, id: string, set: { cancel_reason: string; cancelled_at: string; cancelled_by: string | null }) =>
  db.updateTable('bus_visits').set({ ...set, status: 'cancelled', updated_at: set.cancelled_at }).where('id', '=', id).where('status', '=', 'planned').executeTakeFirst();

/** A route's planned stops from a day on (before retiring it, or moving it to another region). */
export const plannedVisitsFrom = (db: DbOrTx, routeId: string, from: string) =>
  db.selectFrom('bus_visits').select(['id', 'region_code', 'date']).where('route_id', '=', routeId).where('status', '=', 'planned').where('date', '>=', from).orderBy('date').execute();

/** The routes operating inside the administrator's subtrees, retired ones last, with their planned stops from `today`. */
export async function routesInScope(db: DbOrTx, scopePaths: string[], today: string, page: number, pageSize: number) {
  if (scopePaths.length === 0) return { total: 0, rows: [] };
  const base = () => db.selectFrom('bus_routes as b').innerJoin('regions as r', 'r.code', 'b.region_code').where((eb) => eb.or(scopePaths.map((p) => eb('r.path', 'like', `${p}%`))));
  const [{ n }, rows] = await Promise.all([
    base().select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    base()
      .selectAll('b')
      .select((eb) => [
        eb.selectFrom('bus_visits as v').select((e) => e.fn.countAll().as('n')).whereRef('v.route_id', '=', 'b.id').where('v.status', '=', 'planned').where('v.date', '>=', today).as('upcoming'),
        eb.selectFrom('bus_visits as v').select((e) => e.fn.min('v.date').as('d')).whereRef('v.route_id', '=', 'b.id').where('v.status', '=', 'planned').where('v.date', '>=', today).as('next_date'),
      ])
      .orderBy('b.active', 'desc').orderBy('r.path').orderBy('b.name').orderBy('b.id')
      .limit(pageSize).offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { total: Number(n), rows };
}

export const countRoutes = async (db: DbOrTx): Promise<number> =>
  Number((await db.selectFrom('bus_routes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
