import type { DbOrTx } from '../../db/index.js';
import type { StaffRole } from '../../../shared/roles.js';
import { signInLocks } from '../auth/index.js';
import { containsText } from '../../db/like.js';

export interface UserFilter {
  /** region path prefixes the actor may see; home region must fall under one */
  scopePaths: string[];
  q?: string;
  regionPath?: string;
  role?: StaffRole;
}

function filtered(db: DbOrTx, f: UserFilter) {
  let query = db.selectFrom('staff_users as u').innerJoin('regions as hr', 'hr.code', 'u.home_region_code');
  query = query.where((eb) => eb.or(f.scopePaths.map((p) => eb('hr.path', 'like', `${p}%`))));
  if (f.regionPath) query = query.where('hr.path', 'like', `${f.regionPath}%`);
  if (f.q) {
    const q = f.q;
    query = query.where((eb) => eb.or([containsText('u.username', q), containsText('u.name', q)]));
  }
  if (f.role) {
    const role = f.role;
    query = query.where((eb) => eb.exists(eb.selectFrom('role_grants as g').select('g.id').whereRef('g.user_id', '=', 'u.id').where('g.role', '=', role)));
  }
  return query;
}

export async function listUsers(db: DbOrTx, f: UserFilter, page: number, pageSize: number) {
  if (f.scopePaths.length === 0) return { total: 0, rows: [] };
  const total = Number((await filtered(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await filtered(db, f)
    .select(['u.id', 'u.username', 'u.name', 'u.phone_enc', 'u.home_region_code', 'hr.short_name as home_region_name', 'hr.path as home_region_path',
      'u.active', 'u.last_login_at', 'u.created_at'])
    .orderBy('hr.path')
    .orderBy('u.username')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, rows: await withLocks(db, rows) };
}

export async function findUser(db: DbOrTx, id: string) {
  const row = await db.selectFrom('staff_users as u')
    .innerJoin('regions as hr', 'hr.code', 'u.home_region_code')
    .select(['u.id', 'u.username', 'u.name', 'u.phone_enc', 'u.home_region_code', 'hr.short_name as home_region_name', 'hr.path as home_region_path',
      'u.active', 'u.last_login_at', 'u.created_at'])
    .where('u.id', '=', id)
    .executeTakeFirst();
  return row && (await withLocks(db, [row]))[0];
}

/**
 * Sign-in locks are kept by the auth module per username (not in staff_users), so each row gets
 * the one last set for its username; it may have run out, which present() checks against the clock.
 */
async function withLocks<R extends { username: string }>(db: DbOrTx, rows: R[]): Promise<(R & { locked_until: string | null })[]> {
  const locks = await signInLocks(db, rows.map((r) => r.username));
  return rows.map((r) => ({ ...r, locked_until: locks.get(r.username) ?? null }));
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export const grantsOfUsers = (db: DbOrTx, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('role_grants as g')
        .innerJoin('regions as r', 'r.code', 'g.region_code')
        .select(['g.id', 'g.user_id', 'g.role', 'g.region_code', 'r.short_name as region_name', 'r.path as region_path'])
        .where('g.user_id', 'in', userIds)
        .orderBy('r.path')
        .orderBy('g.role')
        .execute();

export const usernameTaken = async (db: DbOrTx, username: string) =>
  (await db.selectFrom('staff_users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;

/**
 * Active staff holding any of `roles` through a grant on one of `regionCodes`, in id order, with
 * the region of each grant (a holder with grants on two of them comes twice; which grants cover a
 * place is the policy's: platform/permissions.ts grantsCovering).
 */
export const activeHoldersOf = (db: DbOrTx, roles: readonly StaffRole[], regionCodes: readonly string[]) =>
  db
    .selectFrom('role_grants as g')
    .innerJoin('staff_users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.phone_enc', 'g.region_code'])
    .distinct()
    .where('g.role', 'in', roles)
    .where('g.region_code', 'in', regionCodes)
    .where('u.active', '=', 1)
    .orderBy('u.id')
    .execute();

export const namesOfUsers = (db: DbOrTx, ids: readonly string[]) =>
  db.selectFrom('staff_users').select(['id', 'name', 'username']).where('id', 'in', ids).execute();

/** What password sign-in checks of the account with this (stored, lower-case) username. */
export const signInRowOf = (db: DbOrTx, username: string) =>
  db.selectFrom('staff_users').select(['id', 'username', 'name', 'password_hash', 'active', 'home_region_code'])
    .where('username', '=', username).executeTakeFirst();

export const recordLastLogin = (db: DbOrTx, id: string, at: string) =>
  db.updateTable('staff_users').set({ last_login_at: at }).where('id', '=', id).execute();
