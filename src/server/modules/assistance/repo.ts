/** The assistance module's queries (it owns `help_requests` and `help_request_events`). */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { DbOrTx } from '../../db/index.js';
import type { HelpAuthorisationTable, HelpRequestEventTable, HelpRequestPhotoTable, HelpRequestTable } from '../../db/types.js';
import { OPEN_HELP_STATUSES } from '../../../shared/assistance.js';

export type HelpRequestRow = Selectable<HelpRequestTable>;
export type HelpEventRow = Selectable<HelpRequestEventTable>;

const OPEN = [...OPEN_HELP_STATUSES];

export const insertRequest = (db: DbOrTx, row: Insertable<HelpRequestTable>) => db.insertInto('help_requests').values(row).execute();

export const insertEvents = (db: DbOrTx, rows: HelpEventRow[]) =>
  rows.length ? db.insertInto('help_request_events').values(rows).execute() : Promise.resolve([]);

export const findRequest = (db: DbOrTx, id: string): Promise<HelpRequestRow | undefined> =>
  db.selectFrom('help_requests').selectAll().where('id', '=', id).executeTakeFirst();

export const findByIdempotency = (db: DbOrTx, idemKey: string): Promise<HelpRequestRow | undefined> =>
  db.selectFrom('help_requests').selectAll().where('idem_key', '=', idemKey).executeTakeFirst();

/** The last request number of a day (`prefix` = BB + date), by the unique index on request_no. */
export async function lastNumberOf(db: DbOrTx, prefix: string): Promise<string | null> {
  const r = await db.selectFrom('help_requests').select((eb) => eb.fn.max('request_no').as('no')).where('request_no', 'like', `${prefix}%`).executeTakeFirst();
  return (r?.no as string | null | undefined) ?? null;
}

/** A change on the version read: the result says whether it still was. */
export const updateRequest = (db: DbOrTx, id: string, version: number, set: Partial<Omit<HelpRequestRow, 'id' | 'version'>>) =>
  db.updateTable('help_requests').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();

export const eventsOf = (db: DbOrTx, id: string): Promise<HelpEventRow[]> =>
  db.selectFrom('help_request_events').selectAll().where('request_id', '=', id).orderBy('seq').execute();

/** Each helper's open requests and when they were last given one (dispatch's order). */
export async function helperLoads(db: DbOrTx, helperIds: readonly string[]): Promise<Map<string, { open: number; lastAssignedAt: string }>> {
  const out = new Map<string, { open: number; lastAssignedAt: string }>();
  if (helperIds.length === 0) return out;
  const rows = await db.selectFrom('help_requests')
    .select((eb) => [
      'helper_id',
      eb.fn.sum<number>(eb.case().when('status', 'in', OPEN).then(1).else(0).end()).as('open'),
      eb.fn.max('assigned_at').as('last'),
    ])
    .where('helper_id', 'in', helperIds)
    .groupBy('helper_id')
    .execute();
  for (const r of rows) if (r.helper_id) out.set(r.helper_id, { open: Number(r.open ?? 0), lastAssignedAt: (r.last as string | null) ?? '' });
  return out;
}

export interface RequestFilter {
  /** a helper's own */
  helperId?: string;
  /** a citizen's own */
  citizenId?: string;
  /** village path prefixes the caller coordinates */
  scopePaths?: string[];
  status?: string;
  /** open and past a limit at this instant */
  overdueAt?: string;
  villageCode?: string;
  /** coordinators' filter by helper */
  byHelper?: string;
}

function filtered(db: DbOrTx, f: RequestFilter) {
  let q = db.selectFrom('help_requests');
  if (f.helperId !== undefined) q = q.where('helper_id', '=', f.helperId);
  if (f.citizenId !== undefined) q = q.where('citizen_id', '=', f.citizenId);
  if (f.scopePaths) {
    const paths = f.scopePaths;
    q = q.where((eb) => eb.or(paths.map((p) => eb('village_path', 'like', `${p}%`))));
  }
  if (f.status) q = q.where('status', '=', f.status);
  if (f.overdueAt) q = q.where('status', 'in', OPEN).where('next_due_at', '<=', f.overdueAt);
  if (f.villageCode) q = q.where('village_code', '=', f.villageCode);
  if (f.byHelper) q = q.where('helper_id', '=', f.byHelper);
  return q;
}

/** Open first; among them 优先 first, then the nearest limit; then the newest. */
export async function listRequests(db: DbOrTx, f: RequestFilter, page: number, pageSize: number): Promise<{ total: number; rows: HelpRequestRow[] }> {
  if (f.scopePaths && f.scopePaths.length === 0) return { total: 0, rows: [] };
  const [{ n }, rows] = await Promise.all([
    filtered(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    filtered(db, f).selectAll()
      .orderBy(sql`case when status in ('unassigned', 'assigned', 'accepted', 'contacted') then 0 else 1 end`)
      .orderBy('priority', 'desc')
      .orderBy(sql`coalesce(next_due_at, '9999')`)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize).offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { total: Number(n), rows };
}

/** The requests made in [from, to) under the village path prefixes (the monthly figures). */
export async function requestsMadeIn(db: DbOrTx, scopePaths: string[], from: string, to: string): Promise<HelpRequestRow[]> {
  if (scopePaths.length === 0) return [];
  return db.selectFrom('help_requests').selectAll()
    .where((eb) => eb.or(scopePaths.map((p) => eb('village_path', 'like', `${p}%`))))
    .where('created_at', '>=', from).where('created_at', '<', to)
    .execute();
}

/** The requests with a limit missed and not yet reported: not accepted past accept_due_at, or not contacted past contact_due_at. */
export const dueForEscalation = (db: DbOrTx, now: string): Promise<{ id: string }[]> =>
  db.selectFrom('help_requests').select('id')
    .where('status', 'in', OPEN)
    .where('next_due_at', '<=', now)
    .where((eb) => eb.or([
      eb.and([eb('accepted_at', 'is', null), eb('accept_escalated_at', 'is', null), eb('accept_due_at', '<=', now)]),
      eb.and([eb('contacted_at', 'is', null), eb('contact_escalated_at', 'is', null), eb('contact_due_at', '<=', now)]),
    ]))
    .orderBy('next_due_at').orderBy('id')
    .limit(500)
    .execute();

// ───────────────────────── the helper's records: photos, consent ─────────────────────────

export type HelpPhotoRow = Selectable<HelpRequestPhotoTable>;
export type HelpAuthorisationRow = Selectable<HelpAuthorisationTable>;

/** The record a device's id already made on a request, if any. */
export const eventByClientRef = (db: DbOrTx, requestId: string, clientRef: string): Promise<HelpEventRow | undefined> =>
  db.selectFrom('help_request_events').selectAll().where('request_id', '=', requestId).where('client_ref', '=', clientRef).executeTakeFirst();

export const insertPhoto = (db: DbOrTx, row: HelpPhotoRow) => db.insertInto('help_request_photos').values(row).execute();

export const photoByClientRef = (db: DbOrTx, requestId: string, clientRef: string): Promise<HelpPhotoRow | undefined> =>
  db.selectFrom('help_request_photos').selectAll().where('request_id', '=', requestId).where('client_ref', '=', clientRef).executeTakeFirst();

export const findPhoto = (db: DbOrTx, id: string): Promise<HelpPhotoRow | undefined> =>
  db.selectFrom('help_request_photos').selectAll().where('id', '=', id).executeTakeFirst();

export const photosOf = (db: DbOrTx, requestId: string): Promise<HelpPhotoRow[]> =>
  db.selectFrom('help_request_photos').selectAll().where('request_id', '=', requestId).orderBy('created_at').orderBy('id').execute();

/** Names unattached visit photos of a request as a record's (the guard: each still unattached). */
export const attachPhotos = (db: DbOrTx, requestId: string, ids: readonly string[], seq: number) =>
  db.updateTable('help_request_photos').set({ event_seq: seq })
    .where('request_id', '=', requestId).where('id', 'in', ids).where('purpose', '=', 'visit').where('event_seq', 'is', null).executeTakeFirst();

export const insertAuthorisation = (db: DbOrTx, row: HelpAuthorisationRow) => db.insertInto('help_authorisations').values(row).execute();

export const authorisationsOf = (db: DbOrTx, requestId: string): Promise<HelpAuthorisationRow[]> =>
  db.selectFrom('help_authorisations').selectAll().where('request_id', '=', requestId).orderBy('created_at').orderBy('id').execute();

export const findAuthorisation = (db: DbOrTx, id: string): Promise<HelpAuthorisationRow | undefined> =>
  db.selectFrom('help_authorisations').selectAll().where('id', '=', id).executeTakeFirst();

/** The latest SMS code asked for on a request (confirmed or not). */
export const latestSmsCode = (db: DbOrTx, requestId: string): Promise<HelpAuthorisationRow | undefined> =>
  db.selectFrom('help_authorisations').selectAll().where('request_id', '=', requestId).where('method', '=', 'sms')
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();

/** One more wrong code, counted by the database so concurrent tries each use one up. */
export const countWrongCode = (db: DbOrTx, id: string) =>
  db.updateTable('help_authorisations').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).executeTakeFirst();

export const updateAuthorisation = (db: DbOrTx, id: string, set: Partial<Omit<HelpAuthorisationRow, 'id'>>, guard: { unconfirmed?: true; unusedOrFor?: string | null }) => {
  let q = db.updateTable('help_authorisations').set(set).where('id', '=', id);
  if (guard.unconfirmed) q = q.where('confirmed_at', 'is', null);
  if (guard.unusedOrFor !== undefined) q = guard.unusedOrFor === null ? q.where('case_id', 'is', null) : q.where('case_id', '=', guard.unusedOrFor);
  return q.executeTakeFirst();
};
