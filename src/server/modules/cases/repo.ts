import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../db/index.js';
import type { CaseEventTable, CaseTable, Database } from '../../db/types.js';
import type { CaseRoleScopes } from '../../platform/permissions.js';
import { CLOCK_RUNNING_STATUSES, OPEN_STATUSES, type CaseActorRole, type CaseStatus } from '../../../shared/cases.js';
import { awaitedRoles } from '../../../shared/case-rules.js';

export type CaseRow = CaseTable;
/** What a list shows of each case (CaseService.summary): no form answers, workflow or ciphertexts, which are large. */
export const SUMMARY_COLUMNS = [
  'id', 'case_no', 'version', 'item_code', 'item_name', 'status', 'step', 'region_code', 'handling_region_code', 'current_region_code',
  'applicant_name', 'applicant_id_masked', 'phone_masked', 'channel', 'created_at', 'accepted_at', 'accepted_on', 'due_date',
  'promised_days', 'extended_days', 'paused_days', 'paused_since', 'green_channel',
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
  /** only the cases this staff member took in (window intake, a helper's 代办), wherever they are: instead of scopePaths */
  agentStaffId?: string;
  /**
   * 等我处理 for this person (permissions.ts caseRoleScopes; null: nothing ever waits for them): the
   * urgency order puts the cases waiting for them first, and `onlyAwaiting` keeps only those.
   */
  awaiting?: CaseRoleScopes | null;
  onlyAwaiting?: boolean;
}

function filtered(db: DbOrTx, f: QueueFilter) {
  let q = db.selectFrom('cases');
  if (f.citizenId !== undefined) q = q.where('citizen_id', '=', f.citizenId);
  else if (f.agentStaffId !== undefined) q = q.where('agent_staff_id', '=', f.agentStaffId);
  else q = q.where((eb) => underAny(eb, f.scopePaths));
  if (f.onlyAwaiting) q = q.where((eb) => awaits(eb, f.awaiting ?? null, isPostgres(db), true));
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

const isPostgres = (db: DbOrTx) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * 等我处理 as SQL (`wanted` true), or its opposite (false): the case's status is one that waits for
 * a role (shared/case-rules.ts awaitedRoles) and the person holds that role on the case, decided as
 * caseRoles decides it (platform/permissions.ts, whose CaseRoleScopes describes the rule). Never
 * null: a missing agent or workflow setting counts as no.
 */
function awaits(eb: ExpressionBuilder<Database, 'cases'>, s: CaseRoleScopes | null, pg: boolean, wanted: boolean): Expression<SqlBool> {
  const no = sql<SqlBool>`1 = 0`;
  if (!s) return wanted ? no : sql<SqlBool>`1 = 1`;
  const under = (column: 'current_region_path' | 'handling_region_path', paths: string[]) =>
    paths.length ? eb.or(paths.map((p) => eb(sql.ref<string>(column), 'like', `${p}%`))) : no;
  const receives = (column: 'current_region_path' | 'handling_region_path') =>
    eb.or([under(column, s.receive), s.intakeOwn.length ? eb.and([eb('agent_staff_id', '=', s.staffId), under(column, s.intakeOwn)]) : no]);
  const atHandling = eb(sql.ref<string>('current_region_code'), '=', sql.ref<string>('handling_region_code'));
  const decidedAtWindow = pg ? sql<SqlBool>`(cast(workflow as jsonb) ->> 'decidedBy') = 'window_clerk'` : sql<SqlBool>`json_extract(workflow, '$.decidedBy') = 'window_clerk'`;
  const role = (r: CaseActorRole): Expression<SqlBool> => {
    switch (r) {
      case 'receiver': return receives('current_region_path');
      case 'handler_intake': return eb.and([atHandling, receives('handling_region_path')]);
      case 'decider': return eb.and([atHandling, eb.or([under('handling_region_path', s.decide), s.receive.length ? eb.and([under('handling_region_path', s.receive), decidedAtWindow]) : no])]);
      case 'applicant': return no;
    }
  };
  const collects = eb(sql.ref<string>('current_region_code'), '<>', sql.ref<string>('handling_region_code'));
  const waiting = awaitedRoles();
  const expr = eb.or(waiting.map(({ status, roles }) =>
    eb.and([eb('status', '=', status), eb.or(roles.map((r) => (r.collectOnly ? eb.and([role(r.role), collects]) : role(r.role))))])));
  // SQL's unknown (a null agent or setting) is neither yes nor no: fold it into one of them. The
  // status alone, which every queue index holds, settles most cases (closed ones never wait)
  // before a row is read for the rest of the rule.
  const statuses = waiting.map((w) => w.status);
  return wanted
    ? eb.and([eb('status', 'in', statuses), sql<SqlBool>`(case when ${expr} then 1 else 0 end) = 1`])
    : eb.or([eb('status', 'not in', statuses), sql<SqlBool>`(case when ${expr} then 1 else 0 end) = 0`]);
}

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
  if (f.citizenId === undefined && f.agentStaffId === undefined && !f.onlyAwaiting && !f.item && !f.overdueOn && !f.text) {
    let q = db.selectFrom('case_counts').select((eb) => eb.fn.sum<number | string | null>('n').as('n')).where((eb) => countedUnderAny(eb, f.scopePaths));
    if (f.status) q = q.where('status', '=', f.status);
    if (f.regionPath) q = q.where((eb) => countedUnderAny(eb, [f.regionPath!]));
    return Number((await q.executeTakeFirstOrThrow()).n ?? 0);
  }
  return Number((await filtered(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

/** Cases a citizen has applied for since an instant (index cases_citizen). */
/** How many cases the citizen has submitted since `since`, counted up to `atMost` (the daily allowance: more makes no difference). */
export async function countCasesOfCitizenSince(db: DbOrTx, citizenId: string, since: string, atMost: number): Promise<number> {
  const row = await db.selectFrom((eb) => eb.selectFrom('cases').select('created_at').where('citizen_id', '=', citizenId).where('created_at', '>=', since).limit(atMost).as('c'))
    .select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The citizen's latest cases' answers, newest first (for the forms module's prefill: CaseHistory). */
export const recentFormDataOf = (db: DbOrTx, citizenId: string, limit: number) =>
  db.selectFrom('cases').select(['case_no', 'created_at', 'form_data'])
    .where('citizen_id', '=', citizenId).orderBy('created_at', 'desc').limit(limit).execute();

export const statusesOf = (db: DbOrTx, ids: readonly string[]) =>
  ids.length ? db.selectFrom('cases').select(['id', 'status']).where('id', 'in', ids).execute() : Promise.resolve([]);

/** Where each case stands: status, due date (set at acceptance) and when it closed. */
export const progressOf = (db: DbOrTx, ids: readonly string[]) =>
  ids.length ? db.selectFrom('cases').select(['id', 'status', 'due_date', 'closed_at', 'decided_at', 'result', 'result_note', 'handling_region_code']).where('id', 'in', ids).execute() : Promise.resolve([]);

/** How many cases in scope have each status (the queue's tabs), from case_counts in one query. */
export async function countByStatus(db: DbOrTx, scopePaths: string[]): Promise<Map<string, number>> {
  if (scopePaths.length === 0) return new Map();
  const rows = await db.selectFrom('case_counts').select(['status', (eb) => eb.fn.sum<number | string | null>('n').as('n')])
    .where((eb) => countedUnderAny(eb, scopePaths)).groupBy('status').execute();
  return new Map(rows.map((r) => [r.status, Number(r.n ?? 0)]));
}

/** A page of a list: the rows with whether each waits for the person asking (等我处理), and the total. */
export interface CasePage {
  total: number;
  rows: (CaseSummaryRow & { awaitsMe: boolean })[];
}

/**
 * A page of cases. `urgency`: open cases first, then the earliest due date (cases without a limit
 * last), then the oldest — queue_rank (warnings.ts) holds the first two keys, so the order is read
 * from cases_queue (or cases_status_queue, cases_item_queue, cases_agent) and the scope is checked
 * inside that index. With `awaiting` (the person asking), the cases waiting for them come first,
 * each part in that order: the page is cut from the waiting ones (counted) and then the others, two
 * queries that each still read their order from the index instead of sorting the whole scope.
 */
export async function listCases(db: DbOrTx, f: QueueFilter, page: number, pageSize: number, order: 'urgency' | 'newest'): Promise<CasePage> {
  if (f.citizenId === undefined && f.agentStaffId === undefined && f.scopePaths.length === 0) return { total: 0, rows: [] };
  if (f.onlyAwaiting && !f.awaiting) return { total: 0, rows: [] };
  const total = await countCases(db, f);
  const offset = (page - 1) * pageSize;
  const flag = (awaitsMe: boolean) => (rows: CaseSummaryRow[]) => rows.map((r) => ({ ...r, awaitsMe }));
  if (order === 'newest') {
    return { total, rows: flag(Boolean(f.onlyAwaiting))(await filtered(db, f).select([...SUMMARY_COLUMNS]).orderBy('created_at', 'desc').limit(pageSize).offset(offset).execute()) };
  }
  /** The cases of a filter, most urgent first, `wanted` (or not) waiting for the person when given. */
  const urgent = (ff: QueueFilter, wanted?: boolean) => {
    let q = filtered(db, ff);
    if (wanted !== undefined) q = q.where((eb) => awaits(eb, ff.awaiting ?? null, isPostgres(db), wanted));
    return q.select([...SUMMARY_COLUMNS]).orderBy('queue_rank').orderBy('due_date').orderBy('created_at').orderBy('id');
  };
  if (f.onlyAwaiting || !f.awaiting) return { total, rows: flag(Boolean(f.onlyAwaiting))(await urgent(f).limit(pageSize).offset(offset).execute()) };
  const first = offset < total ? await countCases(db, { ...f, onlyAwaiting: true }) : 0;
  const rows = first > offset ? flag(true)(await urgent(f, true).limit(pageSize).offset(offset).execute()) : [];
  if (rows.length < pageSize && offset + rows.length < total) {
    rows.push(...flag(false)(await urgent(f, false).limit(pageSize - rows.length).offset(Math.max(0, offset - first)).execute()));
  }
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

/**
 * Counts one more decided case of a group (in the decision's transaction: the group's row is the
 * lock concurrent decisions of its cases queue at, so exactly one of them sees the count whole).
 * Returns the group — its label and every case's outcome, in the order they were numbered — when
 * this decision was its last, null otherwise.
 */
export async function countGroupDecision(tx: DbOrTx, groupId: string, now: string) {
  const group = await tx.updateTable('case_groups')
    .set((eb) => ({
      decided: eb('decided', '+', 1),
      completed_at: sql<string | null>`case when ${eb.ref('decided')} + 1 >= ${eb.ref('size')} then ${now} else ${eb.ref('completed_at')} end`,
    }))
    .where('id', '=', groupId)
    .returning(['id', 'label', 'size', 'decided'])
    .executeTakeFirst();
  if (!group || Number(group.decided) !== Number(group.size)) return null;
  const cases = await tx.selectFrom('cases').select(['id', 'case_no', 'item_name', 'item_code', 'status', 'result'])
    .where('group_id', '=', groupId).orderBy('case_no').execute();
  return { groupId: group.id, label: group.label, cases: cases.map((c) => ({ caseId: c.id, caseNo: c.case_no, itemCode: c.item_code, itemName: c.item_name, status: c.status as CaseStatus, result: c.result })) };
}

/** A group of cases submitted together (a 一件事): its label, size and how many are decided. */
export const findGroup = (db: DbOrTx, id: string) => db.selectFrom('case_groups').selectAll().where('id', '=', id).executeTakeFirst();

const RATING_FACT_COLUMNS = [
  'id', 'case_no', 'item_code', 'item_name', 'status', 'channel', 'citizen_id', 'region_code', 'region_path', 'handling_region_code', 'handling_region_path',
  'decided_at', 'closed_at', 'phone_enc', 'applicant_name',
] as const;
export type RatingFactsRow = Pick<CaseRow, (typeof RATING_FACT_COLUMNS)[number]>;

export const ratingFactsBy = (db: DbOrTx, by: 'id' | 'case_no', value: string) =>
  db.selectFrom('cases').select(RATING_FACT_COLUMNS).where(by, '=', value).executeTakeFirst();

/**
 * Cases handled in [from, to): decided (approved, denied, since delivered) by decided_at, or
 * refused by closed_at — each through its own index (0027) — merged oldest first.
 */
export async function casesHandledBetween(db: DbOrTx, from: string, to: string, limit: number, after?: { handledAt: string; id: string }): Promise<RatingFactsRow[]> {
  const page = (column: 'decided_at' | 'closed_at', statuses: CaseStatus[]) => {
    let q = db.selectFrom('cases').select(RATING_FACT_COLUMNS).where(column, '>=', from).where(column, '<', to).where('status', 'in', statuses);
    if (after) q = q.where((eb) => eb.or([eb(column, '>', after.handledAt), eb.and([eb(column, '=', after.handledAt), eb('id', '>', after.id)])]));
    return q.orderBy(column).orderBy('id').limit(limit).execute();
  };
  const [decided, refused] = await Promise.all([page('decided_at', ['approved', 'denied', 'delivered']), page('closed_at', ['refused'])]);
  const at = (r: RatingFactsRow) => (r.status === 'refused' ? r.closed_at : r.decided_at) ?? '';
  return [...decided, ...refused].sort((a, b) => at(a).localeCompare(at(b)) || a.id.localeCompare(b.id)).slice(0, limit);
}
