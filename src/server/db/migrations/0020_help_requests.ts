import type { Kysely } from 'kysely';

/**
 * 帮办代办 help requests (issue 14 §2, §4–§6; the assistance module's).
 *
 * help_requests: one request for help with some business, from a citizen (for themself or a
 * relative), or typed in by staff for someone (at a window, or from a phone call).
 * - request_no: BB + China date + 4-digit number of the day (BB202611270001), unique.
 * - citizen_id: the citizen account that asked (null when staff typed it in); channel: online |
 *   relative | window | phone; created_by: the staff member who typed it in.
 * - subject_*: the person to help. Name, phone and address encrypted (DataProtector); the masked
 *   name and phone are what lists show; phone_hash the phone's lookup hash (to find a person's
 *   requests by phone later without decrypting anything).
 * - village_code, village_path, town_code: where the person is (a village of the region tree);
 *   scope is a prefix test on village_path, as for role grants.
 * - item_code, item_name: the item it is about (from the published catalog), or null; need: what
 *   the person needs, in their words; preferred_time: when suits them (free words).
 * - home_visit 0/1; flags: JSON array of shared/assistance.ts HELP_FLAG_CODES; priority 1 when any
 *   flag is set (优先: first in every queue).
 * - status: shared/assistance.ts HELP_REQUEST_STATUSES; helper_id, helper_name: the helper (a
 *   roster id and the name at assignment) who has it, assigned_at when they got it.
 * - accept_due_at, contact_due_at: the time limits (working hours, counted from submission; a new
 *   assignment gives the new helper a new accept limit); next_due_at: the limit the request waits
 *   on now (null when none), for queue order; accept_escalated_at, contact_escalated_at: when
 *   each limit was missed and reported to the town's coordinator (once per limit).
 * - accepted_at, contacted_at (first contact), contact_method, completed_at, result_note,
 *   cancelled_at, cancel_reason; rating 1–5, rating_comment, rated_at (once, after completion).
 * - idem_key: `<actor kind>:<actor id>:<Idempotency-Key>` of the create, unique (nulls allowed on
 *   both engines); idem_hash: the request's hash, so a reused key with another body is refused.
 * - version: bumped by every change (409 on a stale one); event_count: the last event's seq.
 *
 * help_request_events: append-only history. seq 1, 2 … per request; action (HELP_EVENTS);
 * from/to status; actor kind (citizen | staff | system), id and display name; note and whether the
 * citizen sees it (visibility citizen | internal); details JSON.
 *
 * Indexes: a helper's open requests (helper_id, status), a town's open and overdue requests
 * (town_code, status, next_due_at), the escalation scan (status, next_due_at), a citizen's
 * requests (citizen_id, created_at); the numbers of a day come by request_no's unique index.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('help_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_no', 'text', (c) => c.notNull())
    .addColumn('citizen_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('subject_name_enc', 'text', (c) => c.notNull())
    .addColumn('subject_name_masked', 'text', (c) => c.notNull())
    .addColumn('subject_phone_enc', 'text', (c) => c.notNull())
    .addColumn('subject_phone_masked', 'text', (c) => c.notNull())
    .addColumn('subject_phone_hash', 'text', (c) => c.notNull())
    .addColumn('address_enc', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('village_path', 'text', (c) => c.notNull())
    .addColumn('town_code', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text')
    .addColumn('item_name', 'text')
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('preferred_time', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('home_visit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('helper_id', 'text')
    .addColumn('helper_name', 'text')
    .addColumn('assigned_at', 'text')
    .addColumn('accept_due_at', 'text', (c) => c.notNull())
    .addColumn('contact_due_at', 'text', (c) => c.notNull())
    .addColumn('next_due_at', 'text')
    .addColumn('accept_escalated_at', 'text')
    .addColumn('contact_escalated_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('contacted_at', 'text')
    .addColumn('contact_method', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('result_note', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('idem_key', 'text')
    .addColumn('idem_hash', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('help_requests_no').on('help_requests').column('request_no').unique().execute();
  await db.schema.createIndex('help_requests_idem').on('help_requests').column('idem_key').unique().execute();
  await db.schema.createIndex('help_requests_helper').on('help_requests').columns(['helper_id', 'status']).execute();
  await db.schema.createIndex('help_requests_town').on('help_requests').columns(['town_code', 'status', 'next_due_at']).execute();
  await db.schema.createIndex('help_requests_due').on('help_requests').columns(['status', 'next_due_at']).execute();
  await db.schema.createIndex('help_requests_citizen').on('help_requests').columns(['citizen_id', 'created_at']).execute();

  await db.schema
    .createTable('help_request_events')
    .addColumn('request_id', 'text', (c) => c.notNull().references('help_requests.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addPrimaryKeyConstraint('help_request_events_pk', ['request_id', 'seq'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('help_request_events').execute();
  await db.schema.dropTable('help_requests').execute();
}
