import type { Kysely } from 'kysely';

/**
 * 一件事 applications (issue 16): one submission of a theme, and the child cases it made — written
 * in the same commit as those cases (cases/submissions.ts CaseGroup), so there is never one
 * without the other.
 *
 * theme_applications: the theme and version applied under (its name, 牵头部门 and 承诺时限 as
 * then), who applied (citizen_id; actor_key + idempotency_key make a retry return the same
 * application), the applicant's name (as on the cases), the place applied at, the situation answers,
 * and the items that apply but take no online application (in_person, JSON: each with where to go).
 * theme_application_cases: its child cases in the theme's order (seq), with their numbers and items.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('theme_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_code', 'text', (c) => c.notNull())
    .addColumn('theme_version', 'integer', (c) => c.notNull())
    .addColumn('theme_name', 'text', (c) => c.notNull())
    .addColumn('lead_body', 'text', (c) => c.notNull())
    .addColumn('promised_days', 'integer', (c) => c.notNull())
    .addColumn('citizen_id', 'text')
    .addColumn('actor_key', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('in_person', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('theme_applications_idempotency').on('theme_applications').columns(['actor_key', 'idempotency_key']).unique().execute();
  await db.schema.createIndex('theme_applications_citizen').on('theme_applications').columns(['citizen_id', 'created_at']).execute();

  await db.schema
    .createTable('theme_application_cases')
    .addColumn('application_id', 'text', (c) => c.notNull().references('theme_applications.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('case_no', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('theme_application_cases_pk', ['application_id', 'seq'])
    .execute();
  await db.schema.createIndex('theme_application_cases_case').on('theme_application_cases').columns(['case_id']).unique().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('theme_application_cases').execute();
  await db.schema.dropTable('theme_applications').execute();
}
