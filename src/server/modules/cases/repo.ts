import { sql, type ExpressionBuilder } from 'kysely';
import type { DbOrTx } from '../../db/index.js';
import type { CaseEventTable, CaseTable, Database } from '../../db/types.js';
import { CLOCK_RUNNING_STATUSES, OPEN_STATUSES, type CaseStatus } from '../../../shared/cases.js';

export type CaseRow = CaseTable;
/** What a list shows of each case (CaseService.summary): no form answers, workflow or ciphertexts, which are large. */
export const SUMMARY_COLUMNS = [
  'id', 'case_no', 'version', 'item_code', 'item_name', 'status', 'step', 'region_code', 'handling_region_code', 'current_region_code',
  'applicant_name', 'applicant_id_masked', 'phone_masked', 'channel', 'created_at', 'accepted_at', 'accepted_on', 'due_date',
  'promised_days', 'extended_days', 'paused_days', 'paused_since',
] as const;
export type CaseSummaryRow = Pick<CaseRow, (typeof SUMMARY_COLUMNS)[number]>;
export type CaseEventRow = CaseEventTable;

export const findCase = (db: DbOrTx, id: string) => db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
export const findCaseByNo = (db: DbOrTx, caseNo: string) => db.selectFrom('cases').selectAll().where('case_no', '=', caseNo).executeTakeFirst();

export const eventsOf = (db: DbOrTx, caseIds: string[]) =>
  caseIds.length === 0 ? Promise.resolve([] as CaseEventRow[]) : db.selectFrom('case_events').selectAll().where('case_id', 'in', caseIds).orderBy('case_id').orderBy('seq').execute();

export const materialsOf = (db: DbOrTx, caseId: string) =>
  db.selectFrom('case_materials').selectAll().where('case_id', '=', caseId).where('superseded', '=', 0).orderBy('added_at').orderBy('id').execute();

export const findIdempotency = (db: DbOrTx, actorKey: string, key: string) =>
  db.selectFrom('case_idempotency').selectAll().where('actor_key', '=', actorKey).where('key', '=', key).executeTakeFirst();

/**
 * Takes the next daily numbers of places: for each (place, day), `last` more; RETURNING gives
 * each counter's new last number. One upsert that takes the counter rows' locks on both engines,
 * held until the transaction ends, so numbers are never given twice and a transaction that rolls
 * back gives its numbers back (no gaps).
 */
export const takeNumbers = (db: DbOrTx, counters: readonly { region_code: string; day: string; last: number }[]) =>
  db
    .insertInto('case_sequences')
    .values([...counters])
    .onConflict((oc) => oc.columns(['region_code', 'day']).doUpdateSet((eb) => ({ last: eb('case_sequences.last', '+', eb.ref('excluded.last')) })))
    .returning(['region_code', 'day', 'last']);

export interface QueueFilter {
  /** region path prefixes the actor may see: a case is visible when its receiving or handling region falls under one */
  scopePaths: string[];
  status?: CaseStatus;
  item?: string;
  /** overdue as of this China date */
  overdueOn?: string;
  citizenId?: string;
  /** digits: a case number prefix; otherwise part of the applicant's name */
  text?: string;
  /** received or handled under this region path (narrows scopePaths, never widens them) */
  regionPath?: string;
}

function filtered(db: DbOrTx, f: QueueFilter) {
  let q = db.selectFrom('cases');
  if (f.citizenId !== undefined) q = q.where('citizen_id', '=', f.citizenId);
  else q = q.where((eb) => underAny(eb, f.scopePaths));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.item) q = q.where('item_code', '=', f.item);
  if (f.overdueOn) q = q.where('status', 'in', [...CLOCK_RUNNING_STATUSES, 'suspended', 'correction']).where('due_date', '<', f.overdueOn);
  if (f.regionPath) q = q.where((eb) => underAny(eb, [f.regionPath!]));
  if (f.text) {
    const t = f.text;
    q = /^\d{1,25}$/.test(t) ? q.where('case_no', 'like', `${t}%`) : q.where('applicant_name', 'like', `%${t.replace(/[%_\\]/g, '')}%`);
  }
  return q;
}

/** Either of a case's two regions (receiving, handling) is under one of these path prefixes. */
const underAny = (eb: ExpressionBuilder<Database, 'cases'>, paths: string[]) =>
  eb.or(paths.flatMap((p) => [eb(sql.ref<string>('region_path'), 'like', `${p}%`), eb(sql.ref<string>('handling_region_path'), 'like', `${p}%`)]));

/** The first string after every string that starts with `prefix` (the last character bumped). */
const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** The same as underAny on case_counts, as index ranges (its path columns compare bytewise: collate "C" on PostgreSQL). */
const countedUnderAny = (eb: ExpressionBuilder<Database, 'case_counts'>, paths: string[]) =>
  eb.or(paths.flatMap((p) => (['region_path', 'handling_region_path'] as const).map((col) => eb.and([eb(col, '>=', p), eb(col, '<', prefixEnd(p))]))));

/**
 * How many cases a queue holds. Filters on scope, region and status are answered from
 * case_counts (a sum over at most a few thousand counter rows, kept by triggers in every
 * writing transaction); the others (item, overdue, text, a citizen's own) count the cases.
 */
export async function countCases(db: DbOrTx, f: QueueFilter): Promise<number> {
  if (f.citizenId === undefined && !f.item && !f.overdueOn && !f.text) {
    let q = db.selectFrom('case_counts').select((eb) => eb.fn.sum<number | string | null>('n').as('n')).where((eb) => countedUnderAny(eb, f.scopePaths));
    if (f.status) q = q.where('status', '=', f.status);
    if (f.regionPath) q = q.where((eb) => countedUnderAny(eb, [f.regionPath!]));
    return Number((await q.executeTakeFirstOrThrow()).n ?? 0);
  }
  return Number((await filtered(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

/** Cases a citizen has applied for since an instant (index cases_citizen). */
export async function countCasesOfCitizenSince(db: DbOrTx, citizenId: string, since: string): Promise<number> {
  const row = await db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('citizen_id', '=', citizenId).where('created_at', '>=', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The citizen's latest cases' answers, newest first (for the forms module's prefill: CaseHistory). */
export const recentFormDataOf = (db: DbOrTx, citizenId: string, limit: number) =>
  db.selectFrom('cases').select(['case_no', 'created_at', 'form_data'])
    .where('citizen_id', '=', citizenId).orderBy('created_at', 'desc').limit(limit).execute();

/** How many cases in scope have each status (the queue's tabs), from case_counts in one query. */
export async function countByStatus(db: DbOrTx, scopePaths: string[]): Promise<Map<string, number>> {
  if (scopePaths.length === 0) return new Map();
  const rows = await db.selectFrom('case_counts').select(['status', (eb) => eb.fn.sum<number | string | null>('n').as('n')])
    .where((eb) => countedUnderAny(eb, scopePaths)).groupBy('status').execute();
  return new Map(rows.map((r) => [r.status, Number(r.n ?? 0)]));
}

export async function listCases(db: DbOrTx, f: QueueFilter, page: number, pageSize: number, order: 'urgency' | 'newest') {
  if (f.citizenId === undefined && f.scopePaths.length === 0) return { total: 0, rows: [] as CaseSummaryRow[] };
  const total = await countCases(db, f);
  let q = filtered(db, f).select([...SUMMARY_COLUMNS]);
  if (order === 'urgency') {
    // Open cases first, then the earliest due date (cases without a limit last), then the oldest:
    // queue_rank (warnings.ts) holds the first two keys, so the order is read from cases_queue
    // (or cases_status_queue, cases_item_queue) and the scope is checked inside that index.
    q = q.orderBy('queue_rank').orderBy('due_date').orderBy('created_at').orderBy('id');
  } else {
    q = q.orderBy('created_at', 'desc');
  }
  const rows = await q.limit(pageSize).offset((page - 1) * pageSize).execute();
  return { total, rows };
}

/** Open cases under the given paths, with what the overdue report needs. */
export function openCasesUnder(db: DbOrTx, scopePaths: string[]) {
  if (scopePaths.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('cases')
    .select(['handling_region_path', 'status', 'accepted_on', 'promised_days', 'extended_days', 'paused_days', 'paused_since'])
    .where('status', 'in', [...OPEN_STATUSES])
    .where((eb) => eb.or(scopePaths.map((p) => eb('handling_region_path', 'like', `${p}%`))))
    .execute();
}
