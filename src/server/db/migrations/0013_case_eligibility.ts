import type { Kysely } from 'kysely';

/**
 * cases.eligibility_warnings: what the item form's eligibility rules (受理条件校验: the applicant's
 * age from the ID number, residence within the handling place) said of the application when it was
 * submitted, and again after each 补正 — a JSON array of { rule, kind, status, message }, '[]' when
 * they said nothing. Staff see it on the case (可能不符合受理条件) and accepting such a case asks
 * for the reason. Cases from before this migration have '[]' (no rules existed).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('eligibility_warnings', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('eligibility_warnings').execute();
}
