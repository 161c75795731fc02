/** The reform module's queries: its tables only (reform_tasks, reform_events, reform_evidence). */
import type { DbOrTx } from '../../db/index.js';
import type { ReformEventTable, ReformEvidenceTable, ReformTaskTable } from '../../db/types.js';

export type TaskRow = ReformTaskTable;
export type EventRow = ReformEventTable;
export type EvidenceRow = ReformEvidenceTable;

/**
 * Every task of the plan. A plan is a few hundred tasks at most (the 2022 plan has 8 sections and
 * some 60 work items), and a parent's state is computed from all its descendants: one read of the
 * whole tree is simpler and cheaper than a recursive query per list.
 */
export const allTasks = (db: DbOrTx) => db.selectFrom('reform_tasks').selectAll().orderBy('depth').orderBy('seq').orderBy('id').execute();

export const findTask = (db: DbOrTx, id: string) => db.selectFrom('reform_tasks').selectAll().where('id', '=', id).executeTakeFirst();

export const childrenOf = (db: DbOrTx, id: string) => db.selectFrom('reform_tasks').selectAll().where('parent_id', '=', id).orderBy('seq').orderBy('id').execute();

export async function nextSeq(db: DbOrTx, parentId: string | null): Promise<number> {
  let q = db.selectFrom('reform_tasks').select((eb) => eb.fn.max('seq').as('m'));
  q = parentId ? q.where('parent_id', '=', parentId) : q.where('parent_id', 'is', null);
  const row = await q.executeTakeFirst();
  return Number(row?.m ?? 0) + 1;
}

export const insertTask = (db: DbOrTx, row: TaskRow) => db.insertInto('reform_tasks').values(row).execute();

/** A task's change, only if it is still at `version` (a concurrent change wins; the loser gets 0 rows). */
export const updateTask = (db: DbOrTx, id: string, version: number, set: Partial<TaskRow>) =>
  db.updateTable('reform_tasks').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();

export const insertEvent = (db: DbOrTx, row: EventRow) => db.insertInto('reform_events').values(row).execute();

export const eventsOf = (db: DbOrTx, taskId: string) => db.selectFrom('reform_events').selectAll().where('task_id', '=', taskId).orderBy('at', 'desc').orderBy('id', 'desc').execute();

export const evidenceOf = (db: DbOrTx, taskId: string) => db.selectFrom('reform_evidence').selectAll().where('task_id', '=', taskId).orderBy('created_at').execute();

export const findEvidence = (db: DbOrTx, fileId: string) => db.selectFrom('reform_evidence').selectAll().where('file_id', '=', fileId).executeTakeFirst();

export const insertEvidence = (db: DbOrTx, row: EvidenceRow) => db.insertInto('reform_evidence').values(row).execute();

/** Of these files, those the person uploaded for the task and no report names yet. */
export const unattachedEvidence = (db: DbOrTx, taskId: string, uploadedBy: string, fileIds: readonly string[]) =>
  fileIds.length === 0 ? Promise.resolve([] as EvidenceRow[])
    : db.selectFrom('reform_evidence').selectAll().where('task_id', '=', taskId).where('uploaded_by', '=', uploadedBy).where('event_id', 'is', null).where('file_id', 'in', [...fileIds]).execute();

export const attachEvidence = (db: DbOrTx, eventId: string, fileIds: readonly string[]) =>
  db.updateTable('reform_evidence').set({ event_id: eventId }).where('file_id', 'in', [...fileIds]).where('event_id', 'is', null).executeTakeFirst();
