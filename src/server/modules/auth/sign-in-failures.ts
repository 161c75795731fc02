/**
 * Failed staff password sign-ins, counted per submitted username (table sign_in_failures,
 * migration 0010), whether or not an account has that name. An unknown username therefore counts,
 * locks and answers exactly like a real one, and the lock can be told (429 ACCOUNT_LOCKED, as the
 * public contract says) without telling which usernames exist. The auth module owns the table; the
 * accounts module reads and clears locks only through the functions here.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/index.js';
import { addMinutes, iso } from '../../platform/ids.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** The key staff usernames are matched by: sign-in and account creation both trim and lower-case them. */
export const usernameKey = (username: string): string => username.trim().toLowerCase();

export type SignInAttempt =
  /** failures: this attempt's place in the series (1…MAX_FAILED_LOGINS); the last one locks */
  | { locked: false; failures: number; locking: boolean }
  | { locked: true; lockedUntil: string };

/**
 * Counts one attempt before its password is checked, in one statement: parallel requests each get
 * a distinct count (the conflicting row is locked on PostgreSQL; SQLite has one connection), the
 * attempt taking the last allowed place sets the lock in the same statement, so however many
 * guesses arrive together at most MAX_FAILED_LOGINS hashes are checked per lock period. A correct
 * password gives the row back (forgetSignInFailures).
 *
 * The update always returns the row, so a refused attempt learns the lock it met without a second
 * read that an unlock could slip between. During a lock the row is left alone except that failures
 * becomes MAX + 1, which is how a refused attempt is told from the one that just locked (both see
 * the same locked_until). A series starts again at 1 once the lock has run out, or when the last
 * failure is older than LOCK_MINUTES: a row in either state means the same as no row, which is
 * what lets forgetStaleSignInFailures delete it at any moment.
 */
export async function reserveSignInAttempt(db: DbOrTx, username: string, now: Date): Promise<SignInAttempt> {
  const at = iso(now);
  const staleBefore = iso(addMinutes(now, -LOCK_MINUTES));
  const lockUntil = iso(addMinutes(now, LOCK_MINUTES));
  // Qualified with the table name: inside DO UPDATE that is the existing row (PostgreSQL would call
  // a bare column ambiguous with the proposed one, "excluded").
  const locked = sql<boolean>`sign_in_failures.locked_until > ${at}`;
  const fresh = sql<boolean>`(sign_in_failures.locked_until <= ${at}
    or (sign_in_failures.locked_until is null and sign_in_failures.updated_at <= ${staleBefore}))`;
  const row = await db.insertInto('sign_in_failures')
    .values({ username_key: usernameKey(username), failures: 1, locked_until: null, updated_at: at })
    .onConflict((oc) => oc.column('username_key').doUpdateSet({
      failures: sql<number>`case when ${locked} then ${sql.lit(MAX_FAILED_LOGINS + 1)} when ${fresh} then 1
        else sign_in_failures.failures + 1 end`,
      locked_until: sql<string | null>`case when ${locked} then sign_in_failures.locked_until when ${fresh} then null
        when sign_in_failures.failures + 1 >= ${sql.lit(MAX_FAILED_LOGINS)} then ${lockUntil} else null end`,
      updated_at: sql<string>`case when ${locked} then sign_in_failures.updated_at else ${at} end`,
    }))
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  const failures = Number(row.failures);
  if (failures > MAX_FAILED_LOGINS && row.locked_until) return { locked: true, lockedUntil: row.locked_until };
  return { locked: false, failures, locking: row.locked_until !== null };
}

/** A correct password, an administrator's unlock or password reset, a new account: the series ends. */
export async function forgetSignInFailures(db: DbOrTx, username: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('username_key', '=', usernameKey(username)).execute();
}

/**
 * Deletes the rows that mean nothing any more (lock run out, last failure older than the lock
 * window), so a spray of made-up usernames leaves at most one lock window's worth of rows. Cheap
 * (an index range on updated_at), and every row is deleted once, so running it on every new series
 * costs little more than the inserts it bounds.
 */
export async function forgetStaleSignInFailures(db: DbOrTx, now: Date): Promise<void> {
  await db.deleteFrom('sign_in_failures')
    .where('updated_at', '<=', iso(addMinutes(now, -LOCK_MINUTES)))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', iso(now))]))
    .execute();
}

/**
 * The lock last set on each of these usernames (username → locked_until), for the account list; it
 * may have run out, so the caller compares it with its clock.
 */
export async function signInLocks(db: DbOrTx, usernames: readonly string[]): Promise<Map<string, string>> {
  const locks = new Map<string, string>();
  if (usernames.length === 0) return locks;
  const byKey = new Map(usernames.map((u) => [usernameKey(u), u]));
  const rows = await db.selectFrom('sign_in_failures').select(['username_key', 'locked_until'])
    .where('username_key', 'in', [...byKey.keys()]).where('locked_until', 'is not', null).execute();
  for (const r of rows) {
    const username = byKey.get(r.username_key);
    if (username !== undefined && r.locked_until) locks.set(username, r.locked_until);
  }
  return locks;
}
