import type { Kysely } from 'kysely';

/**
 * 帮办代办, the helper's side (issue 14 §3, §5, §7; the assistance module's tables, and two columns
 * of the cases module's).
 *
 * help_request_events gains:
 * - client_ref: the helper's device's own id for a record (8–100 chars), unique per request: a
 *   record written offline and sent again when the connection returns is recorded once.
 * - occurred_at: when it happened, when that is earlier than when it reached the server (a visit
 *   recorded without signal); null: at `at`.
 *
 * help_request_photos: a photo the helper took (a visit, a signed 委托书). The bytes are a file row
 * of the platform's store (id = files.id, meta.purpose 'help-photo'); request_id the request;
 * purpose visit | letter; event_seq the history row it belongs to once a record names it (null
 * until then); client_ref the device's id for the upload, unique per request (a retried upload
 * gives the same photo); uploaded_by the staff id.
 *
 * help_authorisations: the person's consent to a helper applying for them (代办授权), one per case
 * it is used for.
 * - method sms | letter; helper_staff_id: who asked for it (only they may use it).
 * - sms: code_hash (the code hashed with the request id), code_expires_at, attempts (wrong codes);
 *   confirmed_at when the right code was typed in. letter: letter_file_id, confirmed at upload.
 * - valid_until: consent lasts 30 days from confirmation.
 * - case_id, case_no, item_name, used_at: the case it was used for (once); null while unused.
 *
 * cases gains:
 * - help_request_id, assist_authorisation: the help request a helper applied from and how the
 *   person consented (JSON {id, method, methodLabel, at, requestNo}); null for other cases.
 * - green_channel 0/1: 绿色通道 — the applicant is elderly, disabled, seriously ill or cannot get
 *   about (a special-group flag of the help request, or ticked at window intake): the case comes
 *   first in the clerks' queues (queue_rank −2/−1 while open).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('help_request_events').addColumn('client_ref', 'text').execute();
  await db.schema.alterTable('help_request_events').addColumn('occurred_at', 'text').execute();
  await db.schema.createIndex('help_request_events_client_ref').on('help_request_events').columns(['request_id', 'client_ref']).unique().execute();

  await db.schema
    .createTable('help_request_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('help_requests.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('event_seq', 'integer')
    .addColumn('client_ref', 'text')
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('help_request_photos_client_ref').on('help_request_photos').columns(['request_id', 'client_ref']).unique().execute();
  await db.schema.createIndex('help_request_photos_request').on('help_request_photos').columns(['request_id', 'event_seq']).execute();

  await db.schema
    .createTable('help_authorisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('help_requests.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('helper_staff_id', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text')
    .addColumn('code_expires_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('letter_file_id', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('case_id', 'text')
    .addColumn('case_no', 'text')
    .addColumn('item_name', 'text')
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('help_authorisations_request').on('help_authorisations').columns(['request_id', 'created_at']).execute();

  await db.schema.alterTable('cases').addColumn('help_request_id', 'text').execute();
  await db.schema.alterTable('cases').addColumn('assist_authorisation', 'text').execute();
  await db.schema.alterTable('cases').addColumn('green_channel', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('green_channel').execute();
  await db.schema.alterTable('cases').dropColumn('assist_authorisation').execute();
  await db.schema.alterTable('cases').dropColumn('help_request_id').execute();
  await db.schema.dropTable('help_authorisations').execute();
  await db.schema.dropTable('help_request_photos').execute();
  await db.schema.dropIndex('help_request_events_client_ref').execute();
  await db.schema.alterTable('help_request_events').dropColumn('occurred_at').execute();
  await db.schema.alterTable('help_request_events').dropColumn('client_ref').execute();
}
