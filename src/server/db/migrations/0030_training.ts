import type { Kysely } from 'kysely';

/**
 * 培训记录 (issue 17 deliverable 5; the training module's tables).
 *
 * training_sessions: one row per 培训场次, organised by a place (region_code/_path: the city or a
 * town; training.manage over it records it). start_on, end_on: China dates (end_on null for a
 * one-day session); half_hours: 学时 × 2 (学时 come in 0.5 steps: an integer keeps sums exact on
 * both engines); form: shared/training.ts TRAINING_FORMS; status planned | held; trainer and
 * trainer_unit: 授课人 and their unit; summary: what was taught. version: a stale edit is 409.
 *
 * training_participants: who was on it, one row per (session, person): person_key is
 * `staff:<account id>` for a staff account (staff_id set, region_* its home region then) or
 * `ext:<lookup hash of name and unit>` for someone without an account (a village 代办员; region_*
 * the session's place), so nobody is listed twice. phone_enc: the outsider's phone, encrypted;
 * lists show it masked. attendance attended | absent | leave; half_hours: 学时 credited (default the
 * session's); assessment passed | failed | null, score 0–100 or null. version as above.
 *
 * training_materials: a session's uploaded files (课件、签到表、照片); the bytes and their row are the
 * platform's files (meta.purpose training-material), read by the session's managers.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('end_on', 'text')
    .addColumn('half_hours', 'integer', (c) => c.notNull())
    .addColumn('trainer', 'text', (c) => c.notNull())
    .addColumn('trainer_unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('training_sessions_place').on('training_sessions').columns(['region_path', 'start_on']).execute();
  await db.schema.createIndex('training_sessions_start').on('training_sessions').column('start_on').execute();

  await db.schema
    .createTable('training_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone_enc', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('attendance', 'text', (c) => c.notNull())
    .addColumn('half_hours', 'integer', (c) => c.notNull())
    .addColumn('assessment', 'text')
    .addColumn('score', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('training_participants_person').on('training_participants').columns(['session_id', 'person_key']).unique().execute();
  await db.schema.createIndex('training_participants_staff').on('training_participants').column('staff_id').execute();
  await db.schema.createIndex('training_participants_key').on('training_participants').column('person_key').execute();

  await db.schema
    .createTable('training_materials')
    .addColumn('file_id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .execute();
  await db.schema.createIndex('training_materials_session').on('training_materials').column('session_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['training_materials', 'training_participants', 'training_sessions']) await db.schema.dropTable(t).execute();
}
