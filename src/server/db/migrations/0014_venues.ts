import type { Kysely } from 'kysely';

/**
 * Venues of the service map (政务服务地图, DOMAIN.md §6) and their self-service terminals.
 *
 * venues: one place people go — the city centre, a town's 为民服务中心, a village's 便民服务站, a
 * partner point (bank, post office, hospital, shop, market, park) or a 24-hour self-service area.
 * - region_code: the town or village it is in (a centre's or station's own region).
 * - lat/lng: WGS-84; coord_approx 1 while estimated (demo data, not surveyed).
 * - hours: the schedule as JSON (shared/venue-hours.ts VenueHours); facilities, links, photos and
 *   item_codes as JSON arrays. item_codes is null for centres and stations: their items are their
 *   region's published 实施清单.
 * - active 0: closed for good (kept for history; not shown).
 *
 * venue_terminals: 自助终端 at a venue — model, the items it can do, a heartbeat token (stored
 * hashed), in service or under maintenance, last heartbeat.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('venues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('coord_approx', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('facilities', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('item_codes', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('venues_region').on('venues').columns(['region_code', 'kind']).execute();

  await db.schema
    .createTable('venue_terminals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('venue_id', 'text', (c) => c.notNull().references('venues.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('item_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('token_hash', 'text')
    .addColumn('in_service', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_seen_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('venue_terminals_venue').on('venue_terminals').column('venue_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('venue_terminals').execute();
  await db.schema.dropTable('venues').execute();
}
