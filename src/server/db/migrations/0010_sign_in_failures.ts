import { sql, type Kysely } from 'kysely';

/**
 * Failed staff password sign-ins are counted per submitted username, whether or not an account has
 * that name (src/server/modules/auth/sign-in-failures.ts), instead of per account in
 * staff_users.failed_logins / locked_until: an unknown username then counts, locks and answers
 * exactly like a real one, so telling a lock no longer tells which usernames exist.
 *
 * username_key is the username as sign-in matches it (trimmed, lower case). failures counts the
 * attempts of the series (checked or still being checked), confirmed those whose password was
 * wrong; the lock follows confirmed failures only. updated_at is the last counted attempt; its index serves the deletion of rows whose lock and series have run out.
 *
 * Locks in force move over (5 = the lock threshold then); counts short of a lock are dropped, which
 * forgives at most 4 failures once. The old columns stay (dropping them would rebuild staff_users
 * on SQLite) but are emptied, as nothing reads them any more.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('username_key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_failures_updated').on('sign_in_failures').column('updated_at').execute();

  const now = new Date().toISOString();
  await sql`insert into sign_in_failures (username_key, failures, confirmed, locked_until, updated_at)
    select lower(username), 5, 5, locked_until, ${now} from staff_users where locked_until > ${now}
    on conflict (username_key) do nothing`.execute(db);
  await sql`update staff_users set failed_logins = 0, locked_until = null where failed_logins <> 0 or locked_until is not null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_failures').ifExists().execute();
}
