import { sql, type Kysely } from 'kysely';

/**
 * Real-name identity (实名信息) of citizen accounts, and what a case records of it.
 *
 * citizens:
 * - real_name_status: 'none' (no name or ID number on file), 'declared' (本人申报, not checked
 *   against an identity source) or 'verified' (checked: the name and ID number belong together).
 * - real_name_source: who verified it (e.g. the province's identity service; '演示核验（非真实核验）'
 *   in demo mode); null unless verified.
 * - real_name_at: when the status was last set (ISO instant); null for accounts that had a name
 *   and ID number before this migration (when they were given is not known).
 * - address_enc: the citizen's address, encrypted like phone_enc and id_number_enc.
 * Accounts that already hold a name and an ID number (only the demo seed could write them before)
 * become 'declared'.
 *
 * cases.applicant_real_name: the applicant's real-name status when a citizen applied online as
 * themselves ('verified' | 'declared'); null for window intake, 代办 and organisations.
 *
 * One column per statement: SQLite adds one column per ALTER TABLE.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('citizens').addColumn('real_name_status', 'text', (c) => c.notNull().defaultTo('none')).execute();
  await db.schema.alterTable('citizens').addColumn('real_name_source', 'text').execute();
  await db.schema.alterTable('citizens').addColumn('real_name_at', 'text').execute();
  await db.schema.alterTable('citizens').addColumn('address_enc', 'text').execute();
  await sql`update citizens set real_name_status = 'declared' where name is not null and id_number_enc is not null`.execute(db);
  await db.schema.alterTable('cases').addColumn('applicant_real_name', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('applicant_real_name').execute();
  for (const column of ['address_enc', 'real_name_at', 'real_name_source', 'real_name_status']) {
    await db.schema.alterTable('citizens').dropColumn(column).execute();
  }
}
