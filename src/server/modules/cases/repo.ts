import { sql } from 'kysely';
import type { DbOrTx } from '../../db/index.js';
import type { CaseEventTable, CaseTable } from '../../db/types.js';
import { CLOCK_RUNNING_STATUSES, OPEN_STATUSES, type CaseStatus } from '../../../shared/cases.js';

export type CaseRow = CaseTable;
export type CaseEventRow = CaseEventTable;

export const findCase = (db: DbOrTx, id: string) => db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
export const findCaseByNo = (db: DbOrTx, caseNo: string) => db.selectFrom('cases').selectAll().where('case_no', '=', caseNo).executeTakeFirst();

export const eventsOf = (db: DbOrTx, caseIds: string[]) =>
  caseIds.length === 0 ? Promise.resolve([] as CaseEventRow[]) : db.selectFrom('case_events').selectAll().where('case_id', 'in', caseIds).orderBy('case_id').orderBy('seq').execute();

export const materialsOf = (db: DbOrTx, caseId: string) =>
  db.selectFrom('case_materials').selectAll().where('case_id', '=', caseId).where('superseded', '=', 0).orderBy('added_at').orderBy('id').execute();

export const findIdempotency = (db: DbOrTx, actorKey: string, key: string) =>
  db.selectFrom('case_idempotency').selectAll().where('actor_key', '=', actorKey).where('key', '=', key).executeTakeFirst();

/** The next daily number for a region: one upsert that takes the counter row's lock on both engines. */
export async function nextSequence(db: DbOrTx, regionCode: string, day: string): Promise<number> {
  const row = await db
    .insertInto('case_sequences')
    .values({ region_code: regionCode, day, last: 1 })
    .onConflict((oc) => oc.columns(['region_code', 'day']).doUpdateSet((eb) => ({ last: eb('case_sequences.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

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
  else q = q.where((eb) => eb.or(f.scopePaths.flatMap((p) => [eb('region_path', 'like', `${p}%`), eb('handling_region_path', 'like', `${p}%`)])));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.item) q = q.where('item_code', '=', f.item);
  if (f.overdueOn) q = q.where('status', 'in', [...CLOCK_RUNNING_STATUSES, 'suspended', 'correction']).where('due_date', '<', f.overdueOn);
  if (f.regionPath) {
    const p = f.regionPath;
    q = q.where((eb) => eb.or([eb('region_path', 'like', `${p}%`), eb('handling_region_path', 'like', `${p}%`)]));
  }
  if (f.text) {
    const t = f.text;
    q = /^\d{1,25}$/.test(t) ? q.where('case_no', 'like', `${t}%`) : q.where('applicant_name', 'like', `%${t.replace(/[%_\\]/g, '')}%`);
  }
  return q;
}

export async function listCases(db: DbOrTx, f: QueueFilter, page: number, pageSize: number, order: 'urgency' | 'newest') {
  if (f.citizenId === undefined && f.scopePaths.length === 0) return { total: 0, rows: [] as CaseRow[] };
  const total = Number((await filtered(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let q = filtered(db, f).selectAll();
  if (order === 'urgency') {
    // Open cases first, then the earliest due date (cases without a limit last), then the oldest.
    q = q
      .orderBy(sql`case when status in (${sql.join(OPEN_STATUSES)}) then 0 else 1 end`)
      .orderBy(sql`case when due_date is null then 1 else 0 end`)
      .orderBy('due_date')
      .orderBy('created_at');
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
