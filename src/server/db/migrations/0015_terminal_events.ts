import type { Kysely } from 'kysely';

/**
 * Self-service terminals report in (issue 13 §2): what a kiosk last said about itself, and the
 * terminal's maintenance log.
 *
 * venue_terminals, new columns (written by heartbeats, which leave updated_at alone: the service
 * map's snapshot fingerprint reads it, and a heartbeat a minute per kiosk would rebuild it each time):
 * - reported_status: the kiosk's own last word (ok, paper_low, paper_out, printer_error,
 *   card_reader_error, offline_mode); null until its first heartbeat.
 * - reported_at: since when it has said so (the heartbeat that changed it).
 * - reported_version: its software version, as it last sent it.
 *
 * terminal_events: the maintenance log, newest read first. kind: heartbeat_status (the kiosk's
 * status changed: details {from, to, version}), maintenance_start / maintenance_end (an
 * administrator took it out of service or back), note, token_issued (a new heartbeat token).
 * by_staff_id: the administrator, null for what the kiosk reported; details: JSON (the
 * administrator's name as it was then, the statuses).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('venue_terminals').addColumn('reported_status', 'text').execute();
  await db.schema.alterTable('venue_terminals').addColumn('reported_at', 'text').execute();
  await db.schema.alterTable('venue_terminals').addColumn('reported_version', 'text').execute();

  await db.schema
    .createTable('terminal_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('venue_terminals.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('by_staff_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('terminal_events_terminal').on('terminal_events').columns(['terminal_id', 'at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('terminal_events').execute();
  await db.schema.alterTable('venue_terminals').dropColumn('reported_version').execute();
  await db.schema.alterTable('venue_terminals').dropColumn('reported_at').execute();
  await db.schema.alterTable('venue_terminals').dropColumn('reported_status').execute();
}
