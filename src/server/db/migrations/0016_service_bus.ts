import type { Kysely } from 'kysely';

/**
 * The service bus (政务服务大篷车, issue 13 §3): routes and their dated village stops.
 *
 * bus_routes: one bus and the round it drives, e.g. 邹城市政务服务大篷车·东线.
 * - region_code: the operating region (the county or a town); the administrators over it plan it,
 *   and every stop is a village inside it.
 * - phone: whom to call about it (shown with every stop); vehicle: plate and kind of vehicle;
 *   item_codes: JSON array of the 14-digit item codes that can be handled on the bus.
 * - active 0: retired (kept for history; not shown).
 * - version: bumped on each edit of the route (409 when an edit was made on an older copy).
 *
 * bus_visits: one stop of a route at a village on a day.
 * - date: the China calendar day (YYYY-MM-DD); start_time/end_time: China wall time "HH:MM"
 *   (text sorts and compares as time on both engines).
 * - place: where the bus stands (村委会广场, 便民服务站门前).
 * - status: planned | cancelled; a cancelled stop is kept and shown with its reason, so people who
 *   meant to go are told (cancel_reason, cancelled_at, cancelled_by: the staff member).
 *
 * Indexes: a village's upcoming stops (region_code, date); the stops of all places over a span of
 * days, filtered by subtree after (date); a route's stops on a day, for the overlap check and the
 * route page (route_id, date).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bus_routes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('vehicle', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('item_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bus_routes_region').on('bus_routes').columns(['region_code', 'active']).execute();

  await db.schema
    .createTable('bus_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('route_id', 'text', (c) => c.notNull().references('bus_routes.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('cancel_reason', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bus_visits_region_date').on('bus_visits').columns(['region_code', 'date']).execute();
  await db.schema.createIndex('bus_visits_date').on('bus_visits').columns(['date', 'start_time']).execute();
  await db.schema.createIndex('bus_visits_route_date').on('bus_visits').columns(['route_id', 'date']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bus_visits').execute();
  await db.schema.dropTable('bus_routes').execute();
}
