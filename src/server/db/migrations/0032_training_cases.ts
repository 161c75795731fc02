import type { Kysely } from 'kysely';

/**
 * 教学案例 (issue 17: the city's 典型案例 "used in training"; the training module's table).
 *
 * training_cases: the published practices a training session cites as teaching cases, one row per
 * (session, practice). practice_id names a practice of the practices module, which the training
 * module reads only through its TrainingCases port (titles, whether still published); a practice
 * withdrawn later keeps its row and shows as 已撤下. added_at/added_by: who cited it and when;
 * position: the order shown (the order cited).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_cases')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addPrimaryKeyConstraint('training_cases_pk', ['session_id', 'practice_id'])
    .execute();
  await db.schema.createIndex('training_cases_practice').on('training_cases').column('practice_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('training_cases').execute();
}
