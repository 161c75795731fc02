/** The venues module's queries (it owns `venues`, `venue_terminals` and `terminal_events`). */
import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../../db/index.js';
import type { Database, TerminalEventTable, VenueTable, VenueTerminalTable } from '../../db/types.js';
import type { TerminalStatus } from '../../../shared/terminals.js';

export type VenueRow = VenueTable;
export type TerminalRow = Selectable<VenueTerminalTable>;
export type NewTerminalRow = Insertable<VenueTerminalTable>;
export type TerminalEventRow = TerminalEventTable;

export const activeVenues = (db: DbOrTx) => db.selectFrom('venues').selectAll().where('active', '=', 1).orderBy('id').execute();

export const terminalsOfActiveVenues = (db: DbOrTx) =>
  db.selectFrom('venue_terminals as t').innerJoin('venues as v', 'v.id', 't.venue_id').selectAll('t').where('v.active', '=', 1).orderBy('t.id').execute();

/**
 * A cheap fingerprint of both tables: a new row or an edit of what the snapshot holds changes it.
 * Heartbeats, maintenance and tokens leave `updated_at` alone (the detail reads terminals fresh).
 */
export async function venuesFingerprint(db: DbOrTx): Promise<string> {
  const v = await db.selectFrom('venues').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at')]).executeTakeFirstOrThrow();
  const t = await db.selectFrom('venue_terminals').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at')]).executeTakeFirstOrThrow();
  return `${v.n}:${v.at ?? ''}:${t.n}:${t.at ?? ''}`;
}

export const insertVenues = (db: DbOrTx, rows: VenueRow[]) => db.insertInto('venues').values(rows);
export const insertTerminals = (db: DbOrTx, rows: NewTerminalRow[]) => db.insertInto('venue_terminals').values(rows);
export const countVenues = async (db: DbOrTx): Promise<number> =>
  Number((await db.selectFrom('venues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

// ---- Self-service terminals: heartbeats, the status board, tokens, maintenance, the log ----

/** What a heartbeat checks and compares: the token's hash and the last reported status. */
export const terminalCredentials = (db: DbOrTx, id: string) =>
  db.selectFrom('venue_terminals').select(['id', 'token_hash', 'reported_status']).where('id', '=', id).executeTakeFirst();

/** A terminal with its venue (the ratings module's RatingTerminals asks which hall a tablet stands in). */
export const terminalWithVenue = (db: DbOrTx, id: string) =>
  db.selectFrom('venue_terminals').innerJoin('venues', 'venues.id', 'venue_terminals.venue_id')
    .select(['venue_terminals.id', 'venue_terminals.name', 'venue_terminals.token_hash', 'venue_terminals.in_service', 'venues.name as venue_name', 'venues.region_code'])
    .where('venue_terminals.id', '=', id).executeTakeFirst();

/** A heartbeat's write: the last-seen time and the kiosk's word (never `updated_at`). */
export const recordHeartbeat = (db: DbOrTx, id: string, set: { last_seen_at: string; reported_status: string; reported_version: string | null; reported_at?: string }) =>
  db.updateTable('venue_terminals').set(set).where('id', '=', id).execute();

export const insertTerminalEvent = (db: DbOrTx, row: TerminalEventRow) => db.insertInto('terminal_events').values(row).execute();

export const setTerminalToken = (db: DbOrTx, id: string, tokenHash: string) =>
  db.updateTable('venue_terminals').set({ token_hash: tokenHash }).where('id', '=', id).execute();

/** In service or not, only from the state the caller read (its result says whether it was still that). */
export const setTerminalInService = (db: DbOrTx, id: string, inService: boolean, wasInService: boolean) =>
  db.updateTable('venue_terminals').set({ in_service: inService ? 1 : 0 }).where('id', '=', id).where('in_service', '=', wasInService ? 1 : 0).executeTakeFirst();

/** The board's rows: a terminal with its venue and the venue's place (the region's path, for the policy). */
const boardRows = (db: DbOrTx) =>
  db.selectFrom('venue_terminals as t')
    .innerJoin('venues as v', 'v.id', 't.venue_id')
    .innerJoin('regions as r', 'r.code', 'v.region_code')
    .where('v.active', '=', 1);

const boardColumns = [
  't.id', 't.name', 't.model', 't.token_hash', 't.in_service', 't.last_seen_at', 't.reported_status', 't.reported_at', 't.reported_version',
  'v.id as venue_id', 'v.name as venue_name', 'v.region_code', 'r.path as region_path',
] as const;

/** One terminal of an active venue, with its place. */
export const terminalWithPlace = (db: DbOrTx, id: string) => boardRows(db).select(boardColumns).where('t.id', '=', id).executeTakeFirst();
export type BoardRow = NonNullable<Awaited<ReturnType<typeof terminalWithPlace>>>;

export interface BoardFilter {
  /** the region path prefixes the actor may manage (none: nothing is visible) */
  scopePaths: string[];
  /** only terminals at venues in this subtree */
  regionPath?: string;
  status?: TerminalStatus;
  /** a heartbeat after this instant (ISO) is fresh: the terminal is online */
  freshAfter: string;
}

type BoardEb = ExpressionBuilder<Database & { t: VenueTerminalTable; v: VenueTable; r: Database['regions'] }, 't' | 'v' | 'r'>;

/** online / offline / maintenance in SQL: the same rule as the service's terminalStatus. */
function statusIs(eb: BoardEb, status: TerminalStatus, freshAfter: string) {
  if (status === 'maintenance') return eb('t.in_service', '=', 0);
  const fresh = eb('t.last_seen_at', '>', freshAfter);
  return eb.and([eb('t.in_service', '=', 1), status === 'online' ? fresh : eb.or([eb('t.last_seen_at', 'is', null), eb('t.last_seen_at', '<=', freshAfter)])]);
}

function filteredBoard(db: DbOrTx, f: BoardFilter, withStatus: boolean) {
  let q = boardRows(db).where((eb) => eb.or(f.scopePaths.map((p) => eb('r.path', 'like', `${p}%`))));
  if (f.regionPath) q = q.where('r.path', 'like', `${f.regionPath}%`);
  const status = f.status;
  if (withStatus && status) q = q.where((eb) => statusIs(eb as BoardEb, status, f.freshAfter));
  return q;
}

/**
 * The status board: the terminals in scope, the ones needing attention first (offline, then
 * reporting a problem, then under maintenance, then fine), then by place, venue and name. Also
 * the counts per status over the same scope and region (whatever the status filter).
 */
export async function terminalBoard(db: DbOrTx, f: BoardFilter, page: number, pageSize: number) {
  if (f.scopePaths.length === 0) return { total: 0, rows: [], counts: { online: 0, offline: 0, maintenance: 0 } };
  const [{ n }, tally, rows] = await Promise.all([
    filteredBoard(db, f, true).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    filteredBoard(db, f, false).select((eb) => [
      eb.fn.countAll().as('all'),
      eb.fn.sum(eb.case().when(statusIs(eb as BoardEb, 'online', f.freshAfter)).then(eb.lit(1)).else(eb.lit(0)).end()).as('online'),
      eb.fn.sum(eb.case().when(statusIs(eb as BoardEb, 'maintenance', f.freshAfter)).then(eb.lit(1)).else(eb.lit(0)).end()).as('maintenance'),
    ]).executeTakeFirstOrThrow(),
    filteredBoard(db, f, true)
      .select(boardColumns)
      .orderBy((eb) => eb.case()
        .when('t.in_service', '=', 0).then(eb.lit(2))
        .when(eb.or([eb('t.last_seen_at', 'is', null), eb('t.last_seen_at', '<=', f.freshAfter)])).then(eb.lit(0))
        .when(eb.or([eb('t.reported_status', 'is', null), eb('t.reported_status', '=', 'ok')])).then(eb.lit(3))
        .else(eb.lit(1)).end())
      .orderBy('r.path').orderBy('v.name').orderBy('t.name').orderBy('t.id')
      .limit(pageSize).offset((page - 1) * pageSize)
      .execute(),
  ]);
  const online = Number(tally.online ?? 0);
  const maintenance = Number(tally.maintenance ?? 0);
  return { total: Number(n), rows, counts: { online, maintenance, offline: Number(tally.all) - online - maintenance } };
}

/** A terminal's log, newest first. */
export async function terminalEvents(db: DbOrTx, terminalId: string, page: number, pageSize: number) {
  const [{ n }, rows] = await Promise.all([
    db.selectFrom('terminal_events').select((eb) => eb.fn.countAll().as('n')).where('terminal_id', '=', terminalId).executeTakeFirstOrThrow(),
    db.selectFrom('terminal_events').selectAll().where('terminal_id', '=', terminalId)
      .orderBy('at', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
  ]);
  return { total: Number(n), rows };
}

// ---- Editing venues (the workbench's 服务网点) and the contacts they give 实施清单 profiles ----

const LIST_KIND_CODES = ['town_centre', 'village_station'];

/** Centres' and stations' rows: their address, hours and phone are their places' 实施清单 contacts. */
export const listVenueContacts = (db: DbOrTx, regionCode?: string) => {
  let q = db.selectFrom('venues').select(['id', 'name', 'region_code', 'address', 'phone', 'hours'])
    .where('active', '=', 1).where('kind', 'in', LIST_KIND_CODES);
  if (regionCode) q = q.where('region_code', '=', regionCode);
  return q.orderBy('id').execute();
};

/** Changes whenever a centre or station is added, edited or closed. */
export async function contactsFingerprint(db: DbOrTx): Promise<string> {
  const r = await db.selectFrom('venues').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at')])
    .where('kind', 'in', LIST_KIND_CODES).executeTakeFirstOrThrow();
  return `${r.n}:${r.at ?? ''}`;
}

const recordRows = (db: DbOrTx) => db.selectFrom('venues as v').innerJoin('regions as r', 'r.code', 'v.region_code');

export const venueRecord = (db: DbOrTx, id: string) => recordRows(db).selectAll('v').select('r.path as region_path').where('v.id', '=', id).executeTakeFirst();
export type VenueRecordRow = NonNullable<Awaited<ReturnType<typeof venueRecord>>>;

export interface RecordFilter {
  scopePaths: string[];
  regionPath?: string;
  kinds?: string[];
  q?: string;
  includeClosed: boolean;
}

/** Venues an administrator may edit, by place then name. */
export async function venueRecords(db: DbOrTx, f: RecordFilter, page: number, pageSize: number) {
  if (f.scopePaths.length === 0) return { total: 0, rows: [] as VenueRecordRow[] };
  let q = recordRows(db).where((eb) => eb.or(f.scopePaths.map((p) => eb('r.path', 'like', `${p}%`))));
  if (f.regionPath) q = q.where('r.path', 'like', `${f.regionPath}%`);
  if (f.kinds?.length) q = q.where('v.kind', 'in', f.kinds);
  if (!f.includeClosed) q = q.where('v.active', '=', 1);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('v.name', 'like', like), eb('v.address', 'like', like)]));
  }
  const [{ n }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    q.selectAll('v').select('r.path as region_path').orderBy('r.path').orderBy('v.kind').orderBy('v.name').orderBy('v.id')
      .limit(pageSize).offset((page - 1) * pageSize).execute(),
  ]);
  return { total: Number(n), rows };
}

/** Another open centre or station of the same place, if any (a place has one). */
export const otherListVenueAt = (db: DbOrTx, regionCode: string, exceptId: string | null) => {
  let q = db.selectFrom('venues').select(['id', 'name']).where('region_code', '=', regionCode).where('active', '=', 1).where('kind', 'in', LIST_KIND_CODES);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
};

export const updateVenue = (db: DbOrTx, id: string, version: number, values: Partial<VenueRow>) =>
  db.updateTable('venues').set({ ...values, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();

// ---- Venues as other modules name them (venue standardisation's AssessedVenues) ----

export const venueBrief = (db: DbOrTx, id: string) =>
  db.selectFrom('venues').select(['id', 'name', 'kind', 'region_code', 'active']).where('id', '=', id).executeTakeFirst();

/** Open venues of these kinds in a subtree (by region path prefix), by place then name. */
export const venueBriefsUnder = (db: DbOrTx, regionPath: string | null, kinds: readonly string[]) => {
  let q = recordRows(db).select(['v.id', 'v.name', 'v.kind', 'v.region_code', 'v.active']).where('v.active', '=', 1);
  if (kinds.length) q = q.where('v.kind', 'in', [...kinds]);
  if (regionPath) q = q.where('r.path', 'like', `${regionPath}%`);
  return q.orderBy('r.path').orderBy('v.name').orderBy('v.id').execute();
};
