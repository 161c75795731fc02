import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().unique())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('item_level', 'text', (c) => c.notNull())
    /** where it was received (收件地) and its region path */
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', (c) => c.notNull())
    /** who decides (办结地) */
    .addColumn('handling_region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('handling_region_path', 'text', (c) => c.notNull())
    /** where the case sits now: the receiving place until forwarded, then the handling body */
    .addColumn('current_region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('current_region_path', 'text', (c) => c.notNull())
    .addColumn('applicant_kind', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_id_type', 'text', (c) => c.notNull())
    .addColumn('applicant_id_enc', 'text', (c) => c.notNull())
    .addColumn('applicant_id_hash', 'text', (c) => c.notNull())
    .addColumn('applicant_id_masked', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_hash', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('legal_rep', 'text')
    /** the citizen account that submitted (its 我的办件), if any */
    .addColumn('citizen_id', 'text')
    /** the staff member (window clerk or helper) who entered it, if any */
    .addColumn('agent_staff_id', 'text')
    .addColumn('agent_name', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    /** the status to go back to after correction or a special procedure */
    .addColumn('resume_status', 'text')
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('form_data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('workflow', 'text', (c) => c.notNull())
    .addColumn('promised_days', 'integer')
    .addColumn('extended_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_on', 'text')
    .addColumn('due_date', 'text')
    .addColumn('paused_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused_since', 'text')
    .addColumn('correction_notice', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('result', 'text')
    .addColumn('result_note', 'text')
    .addColumn('delivery_method', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_citizen').on('cases').columns(['citizen_id', 'created_at']).execute();
  await db.schema.createIndex('cases_handling').on('cases').columns(['handling_region_path', 'status']).execute();
  await db.schema.createIndex('cases_region').on('cases').columns(['region_path', 'status']).execute();
  await db.schema.createIndex('cases_due').on('cases').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('cases_applicant').on('cases').column('applicant_id_hash').execute();

  // Append-only: rows are inserted with the state change they record and never updated.
  await db.schema
    .createTable('case_events')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('on_behalf_of', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addPrimaryKeyConstraint('case_events_pk', ['case_id', 'seq'])
    .execute();

  await db.schema
    .createTable('case_materials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('material_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text')
    .addColumn('licence_ref', 'text')
    .addColumn('checked_original', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('copies', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('superseded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_materials_case').on('case_materials').column('case_id').execute();

  // Idempotency-Key → case, per submitter; request_hash tells a retry from a different request.
  await db.schema
    .createTable('case_idempotency')
    .addColumn('actor_key', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_idempotency_pk', ['actor_key', 'key'])
    .execute();

  // Daily case-number counters: INSERT … ON CONFLICT DO UPDATE … RETURNING takes the row lock.
  await db.schema
    .createTable('case_sequences')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_sequences_pk', ['region_code', 'day'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['case_sequences', 'case_idempotency', 'case_materials', 'case_events', 'cases']) await db.schema.dropTable(t).ifExists().execute();
}
