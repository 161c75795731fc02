import type { Kysely } from 'kysely';

/**
 * 典型案例 (issue 17 deliverable 7; the practices module's tables).
 *
 * practices: one good practice (经验做法) of a town or village, written by its administrators (or
 * the city's) and reviewed by the city. status shared/practices.ts PRACTICE_STATUSES.
 * - region_code/region_path: the town or village it happened in; town_code: its town (the portal's
 *   filter), kept beside the path so the public list needs no tree walk.
 * - title, summary (≤ 200 characters, what lists show), body (plain text, paragraphs by line breaks).
 * - items JSON [{ code, name }]: the catalog items concerned, checked against the published catalog
 *   when saved (the name as it was then, so the page still reads if the item is later withdrawn);
 *   tags JSON array of PRACTICE_TAGS; photos JSON [{ fileId, alt, mime, width, height, size, at }]
 *   in the order shown (files rows with meta.purpose 'practice-photo').
 * - return_reason: the city's latest reasons for returning it (kept after a resubmission: the
 *   history is in practice_events); withdraw_reason likewise.
 * - training 1: recommended by the city as training material (only while published).
 * - who and when of each step; version for optimistic concurrency (409 on a stale write).
 *
 * practice_events: the practice's history as its pages show it (created, edited, submitted,
 * returned with reasons, published, withdrawn, marked for training), beside the audit log.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('practices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('town_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('training', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('return_reason', 'text')
    .addColumn('withdraw_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by_name', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by_name', 'text')
    .addColumn('published_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('practices_place').on('practices').columns(['region_path', 'status']).execute();
  await db.schema.createIndex('practices_public').on('practices').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('practices_town').on('practices').columns(['town_code', 'status', 'published_at']).execute();

  await db.schema
    .createTable('practice_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('practice_events_practice').on('practice_events').columns(['practice_id', 'at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('practice_events').execute();
  await db.schema.dropTable('practices').execute();
}
