import type { Kysely } from 'kysely';

/**
 * Cases submitted together (a 一件事's child cases) as a group the cases module keeps: its label
 * (the theme's name), how many cases it has and how many are decided. A decision counts itself
 * on the group's row in the decision's transaction — the row is the lock two concurrent last
 * decisions meet at — and the one that makes the count whole sends the single 全部办结 notice.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('decided', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.alterTable('cases').addColumn('group_id', 'text').execute();
  await db.schema.createIndex('cases_group').on('cases').column('group_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_group').execute();
  await db.schema.alterTable('cases').dropColumn('group_id').execute();
  await db.schema.dropTable('case_groups').execute();
}
