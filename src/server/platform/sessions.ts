import { PostgresAdapter, type InferResult } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Db, DbOrTx } from '../db/index.js';
import { preparedQuery } from '../db/prepared.js';
import { randomToken, sha256Hex } from './crypto.js';
import { addMinutes, iso, newId, type Clock } from './ids.js';
import type { Actor, Grant } from './permissions.js';
import type { StaffRole } from '../../shared/roles.js';

export const SESSION_COOKIE = 'bm_session';
export const CSRF_COOKIE = 'bm_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Absolute lifetime; the idle limit (staff 30 min by default) usually ends a session first. */
const MAX_LIFETIME_MINUTES = { staff: 12 * 60, citizen: 30 * 24 * 60 };
/** last_seen_at is written at most this often, so reads do not become writes. */
const TOUCH_INTERVAL_MS = 60_000;

export interface NewSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

export async function createSession(
  db: DbOrTx,
  clock: Clock,
  subject: { kind: 'staff' | 'citizen'; id: string },
  idleMinutes: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const now = clock.now();
  const token = randomToken();
  const id = newId();
  const expiresAt = addMinutes(now, MAX_LIFETIME_MINUTES[subject.kind]);
  await db
    .insertInto('sessions')
    .values({
      id,
      token_hash: sha256Hex(token),
      subject_kind: subject.kind,
      subject_id: subject.id,
      created_at: iso(now),
      last_seen_at: iso(now),
      expires_at: iso(expiresAt),
      idle_minutes: idleMinutes,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, sessionId: id, expiresAt };
}

export const deleteSession = (db: DbOrTx, sessionId: string) => db.deleteFrom('sessions').where('id', '=', sessionId).execute();

export const deleteSessionsOf = (db: DbOrTx, kind: 'staff' | 'citizen', subjectId: string) =>
  db.deleteFrom('sessions').where('subject_kind', '=', kind).where('subject_id', '=', subjectId).execute();

interface GrantRow {
  id: string;
  role: string;
  region_code: string;
  short_name: string;
  path: string;
}
const grantOf = (r: GrantRow): Grant => ({ id: r.id, role: r.role as StaffRole, regionCode: r.region_code, regionName: r.short_name, regionPath: r.path });

const GRANT_COLUMNS = ['g.id', 'g.role', 'g.region_code', 'r.short_name', 'r.path'] as const;

export async function loadGrants(db: DbOrTx, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('regions as r', 'r.code', 'g.region_code')
    .select(GRANT_COLUMNS)
    .where('g.user_id', '=', userId)
    .orderBy('r.path')
    .orderBy('g.role')
    .execute();
  return rows.map(grantOf);
}

/**
 * The session, the person behind it and a staff member's grants (as a JSON array column) in one
 * query: it runs on every signed-in request. Its shape never changes, so it is built and compiled
 * once per database and only the token hash is swapped in.
 */
const buildSessionQuery = (db: Db, tokenHash: string) =>
  db
    .selectFrom('sessions as s')
    .leftJoin('staff_users as u', (j) => j.onRef('u.id', '=', 's.subject_id').on('s.subject_kind', '=', 'staff'))
    .leftJoin('citizens as c', (j) => j.onRef('c.id', '=', 's.subject_id').on('s.subject_kind', '=', 'citizen'))
    .select([
      's.id', 's.subject_kind', 's.last_seen_at', 's.expires_at', 's.idle_minutes',
      'u.id as staff_id', 'u.name as staff_name', 'u.username as staff_username', 'u.active as staff_active',
      'c.id as citizen_id', 'c.name as citizen_name',
    ])
    .select((eb) =>
      (db.getExecutor().adapter instanceof PostgresAdapter ? pgJsonArrayFrom : sqliteJsonArrayFrom)(
        eb.selectFrom('role_grants as g').innerJoin('regions as r', 'r.code', 'g.region_code').select(GRANT_COLUMNS).whereRef('g.user_id', '=', 's.subject_id').orderBy('r.path').orderBy('g.role'),
      ).as('grants'))
    .where('s.token_hash', '=', tokenHash);

const sessionQuery = preparedQuery<SessionRow, [tokenHash: string]>((db, slot) => buildSessionQuery(db, slot(0)));

type SessionRow = InferResult<ReturnType<typeof buildSessionQuery>>[number];

/**
 * Sessions as read in the last second, by token hash: a page opens with several requests at once
 * and a busy window sends many, so most of them need no query. Every check (expiry, idle time,
 * account disabled) still runs on each request. A change made in this process — sign-out, a
 * disabled account, a new password, a grant added or taken away — forgets them all at once
 * (`forgetSessions`); another server process sees such a change within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 1000;
const SESSION_CACHE_MAX = 10_000;
const cachedSessions = new Map<string, { at: number; row: SessionRow }>();
const recentSessions = {
  get(tokenHash: string): SessionRow | undefined {
    const hit = cachedSessions.get(tokenHash);
    if (!hit) return undefined;
    if (Date.now() - hit.at < SESSION_CACHE_MS) return hit.row;
    cachedSessions.delete(tokenHash);
    return undefined;
  },
  set(tokenHash: string, row: SessionRow): void {
    if (cachedSessions.size >= SESSION_CACHE_MAX) cachedSessions.clear();
    cachedSessions.set(tokenHash, { at: Date.now(), row });
  },
};

/** Forgets every session read recently: call it when sessions, accounts or grants change. */
export function forgetSessions(): void {
  cachedSessions.clear();
}

async function readSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  const row = (await db.executeQuery(sessionQuery(db, tokenHash))).rows[0];
  if (row) recentSessions.set(tokenHash, row);
  return row;
}

export interface ResolvedSession {
  actor: Actor;
  token: string;
  idleExpiresAt: Date;
}

/** The actor behind a session token, or null when it is unknown, expired, idle too long or disabled. */
export async function resolveSession(db: Db, clock: Clock, token: string): Promise<ResolvedSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const tokenHash = sha256Hex(token);
  const session = recentSessions.get(tokenHash) ?? (await readSession(db, tokenHash));
  if (!session) return null;
  const now = clock.now();
  const idleDeadline = addMinutes(new Date(session.last_seen_at), session.idle_minutes);
  if (now >= new Date(session.expires_at) || now >= idleDeadline) {
    await deleteSession(db, session.id);
    return null;
  }
  let actor: Actor;
  if (session.subject_kind === 'staff') {
    if (!session.staff_id || !session.staff_active) return null;
    const grants = (typeof session.grants === 'string' ? JSON.parse(session.grants) : session.grants) as GrantRow[];
    actor = { kind: 'staff', id: session.staff_id, name: session.staff_name!, username: session.staff_username!, grants: grants.map(grantOf), sessionId: session.id };
  } else {
    if (!session.citizen_id) return null;
    actor = { kind: 'citizen', id: session.citizen_id, name: session.citizen_name, sessionId: session.id };
  }
  let lastSeen = new Date(session.last_seen_at);
  if (now.getTime() - lastSeen.getTime() > TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: iso(now) }).where('id', '=', session.id).execute();
    session.last_seen_at = iso(now);
    lastSeen = now;
  }
  return { actor, token, idleExpiresAt: addMinutes(lastSeen, session.idle_minutes) };
}

export async function purgeExpiredSessions(db: Db, clock: Clock): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', iso(clock.now())).execute();
}
