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
  /** failures: this attempt's place in the series (1…MAX_FAILED_LOGINS) */
  | { outcome: 'check'; failures: number }
  /** MAX_FAILED_LOGINS attempts are being checked or have failed, and no lock (yet): try again shortly */
  | { outcome: 'busy' }
  | { outcome: 'locked'; lockedUntil: string };

/**
 * Reserves one attempt before its password is checked, in one statement: parallel requests each get
 * a distinct place (the conflicting row is locked on PostgreSQL; SQLite has one connection), and
 * once MAX_FAILED_LOGINS places are taken — being checked, or checked and wrong — further attempts
 * are refused without a check. However many guesses arrive together, at most MAX_FAILED_LOGINS
 * hashes are checked per lock period. The lock itself follows confirmed failures only
 * (confirmSignInFailure), so a person who signs in on several devices at once is never locked out
 * by their own correct attempts; a correct password ends the series (forgetSignInFailures).
 *
 * The update always returns the row, so a refused attempt learns what it met without a second read
 * that an unlock could slip between. A refused attempt sets failures to MAX + 1 and leaves the rest
 * alone. A series starts again at 1 once the lock has run out, or when its last attempt is older
 * than LOCK_MINUTES: a row in either state means the same as no row, which is what lets
 * forgetStaleSignInFailures delete it at any moment.
 */
export async function reserveSignInAttempt(db: DbOrTx, username: string, now: Date): Promise<SignInAttempt> {
  const at = iso(now);
  const staleBefore = iso(addMinutes(now, -LOCK_MINUTES));
  // Qualified with the table name: inside DO UPDATE that is the existing row (PostgreSQL would call
  // a bare column ambiguous with the proposed one, "excluded").
  const locked = sql<boolean>`sign_in_failures.locked_until > ${at}`;
  const fresh = sql<boolean>`(sign_in_failures.locked_until <= ${at}
    or (sign_in_failures.locked_until is null and sign_in_failures.updated_at <= ${staleBefore}))`;
  const full = sql<boolean>`sign_in_failures.failures >= ${sql.lit(MAX_FAILED_LOGINS)}`;
  const row = await db.insertInto('sign_in_failures')
    .values({ username_key: usernameKey(username), failures: 1, confirmed: 0, locked_until: null, updated_at: at })
    .onConflict((oc) => oc.column('username_key').doUpdateSet({
      failures: sql<number>`case when ${locked} then ${sql.lit(MAX_FAILED_LOGINS + 1)} when ${fresh} then 1
        when ${full} then ${sql.lit(MAX_FAILED_LOGINS + 1)} else sign_in_failures.failures + 1 end`,
      confirmed: sql<number>`case when ${locked} then sign_in_failures.confirmed when ${fresh} then 0 else sign_in_failures.confirmed end`,
      locked_until: sql<string | null>`case when ${locked} then sign_in_failures.locked_until when ${fresh} then null
        else sign_in_failures.locked_until end`,
      updated_at: sql<string>`case when ${locked} or (${full} and not ${fresh}) then sign_in_failures.updated_at else ${at} end`,
    }))
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  const failures = Number(row.failures);
  if (row.locked_until && row.locked_until > at) return { outcome: 'locked', lockedUntil: row.locked_until };
  if (failures > MAX_FAILED_LOGINS) return { outcome: 'busy' };
  return { outcome: 'check', failures };
}

/**
 * A reserved attempt whose password was wrong. The one that brings the confirmed failures to
 * MAX_FAILED_LOGINS locks the series for LOCK_MINUTES. Returns whether this one locked.
 */
export async function confirmSignInFailure(db: DbOrTx, username: string, now: Date): Promise<{ locking: boolean }> {
  const lockUntil = iso(addMinutes(now, LOCK_MINUTES));
  const row = await db.updateTable('sign_in_failures')
    .set({
      confirmed: sql<number>`confirmed + 1`,
      locked_until: sql<string | null>`case when confirmed + 1 >= ${sql.lit(MAX_FAILED_LOGINS)} and locked_until is null then ${lockUntil} else locked_until end`,
    })
    .where('username_key', '=', usernameKey(username))
    .returning(['confirmed', 'locked_until'])
    .executeTakeFirst();
  return { locking: row !== undefined && Number(row.confirmed) === MAX_FAILED_LOGINS && row.locked_until === lockUntil };
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
