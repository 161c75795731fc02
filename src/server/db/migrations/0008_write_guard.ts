import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: bianmin_expect(ok), which fails the statement it is in unless `ok` is true. A
 * guarded write (db/index.ts writeIfUnchanged) is one statement that checks, in SQL, that the rows
 * it was computed from are unchanged and only then writes; plain SQL has no way to fail a
 * statement on a condition, so the check calls this. SQLite needs nothing: it writes in
 * transactions (SQLSTATE BM409 is ours, outside the standard's classes).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql.raw(`create or replace function bianmin_expect(ok boolean) returns boolean language plpgsql volatile as $$
  begin
    if ok is not true then
      raise exception 'bianmin: guarded write found its rows changed' using errcode = 'BM409';
    end if;
    return true;
  end $$`).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop function if exists bianmin_expect(boolean)`.execute(db);
}
