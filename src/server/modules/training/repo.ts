/** The training module's queries: its tables only (training_sessions, training_participants, training_materials, training_cases). */
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/index.js';
import type { TrainingCaseTable, TrainingMaterialTable, TrainingParticipantTable, TrainingSessionTable } from '../../db/types.js';
import { containsText } from '../../db/like.js';

export type SessionRow = TrainingSessionTable;
export type ParticipantRow = TrainingParticipantTable;
export type MaterialRow = TrainingMaterialTable;
export type CaseRow = TrainingCaseTable;

export interface SessionFilter {
  /** region path prefixes the actor manages; the organiser must fall under one */
  scopePaths: string[];
  regionPath?: string;
  /** China dates, both ends included (by the first day) */
  from?: string;
  to?: string;
  form?: string;
  status?: string;
  q?: string;
}

function filtered(db: DbOrTx, f: SessionFilter) {
  let query = db.selectFrom('training_sessions as s').where((eb) => eb.or(f.scopePaths.map((p) => eb('s.region_path', 'like', `${p}%`))));
  if (f.regionPath) query = query.where('s.region_path', 'like', `${f.regionPath}%`);
  if (f.from) query = query.where('s.start_on', '>=', f.from);
  if (f.to) query = query.where('s.start_on', '<=', f.to);
  if (f.form) query = query.where('s.form', '=', f.form);
  if (f.status) query = query.where('s.status', '=', f.status);
  if (f.q) {
    const q = f.q;
    query = query.where((eb) => eb.or([containsText('s.topic', q), containsText('s.trainer', q), containsText('s.summary', q)]));
  }
  return query;
}

export async function listSessions(db: DbOrTx, f: SessionFilter, page: number, pageSize: number): Promise<{ total: number; rows: SessionRow[] }> {
  if (f.scopePaths.length === 0) return { total: 0, rows: [] };
  const total = Number((await filtered(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await filtered(db, f).selectAll('s').orderBy('s.start_on', 'desc').orderBy('s.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { total, rows };
}

/** Every session the filter finds (the Excel export), newest first, at most `limit`. */
export const allSessions = (db: DbOrTx, f: SessionFilter, limit: number): Promise<SessionRow[]> =>
  f.scopePaths.length === 0 ? Promise.resolve([]) : filtered(db, f).selectAll('s').orderBy('s.start_on', 'desc').orderBy('s.id', 'desc').limit(limit).execute();

export const findSession = (db: DbOrTx, id: string) => db.selectFrom('training_sessions').selectAll().where('id', '=', id).executeTakeFirst();

export const insertSession = (db: DbOrTx, row: SessionRow) => db.insertInto('training_sessions').values(row).execute();

/** A session's change, only if it is still at `version`. */
export const updateSession = (db: DbOrTx, id: string, version: number, set: Partial<SessionRow>) =>
  db.updateTable('training_sessions').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();

/** When a session's 学时 change, those credited the old 学时 in full are credited the new. */
export const recreditFull = (db: DbOrTx, sessionId: string, from: number, to: number) =>
  db.updateTable('training_participants').set((eb) => ({ half_hours: to, version: eb('version', '+', 1) }))
    .where('session_id', '=', sessionId).where('attendance', '=', 'attended').where('half_hours', '=', from).execute();

/** Participants and those who attended, per session. */
export async function participantCounts(db: DbOrTx, sessionIds: readonly string[]): Promise<Map<string, { n: number; attended: number }>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db.selectFrom('training_participants').select((eb) => [
    'session_id', eb.fn.countAll().as('n'), eb.fn.sum<number>(sql<number>`case when attendance = 'attended' then 1 else 0 end`).as('attended'),
  ]).where('session_id', 'in', [...sessionIds]).groupBy('session_id').execute();
  return new Map(rows.map((r) => [r.session_id, { n: Number(r.n), attended: Number(r.attended) }]));
}

export const participantsOf = (db: DbOrTx, sessionId: string) =>
  db.selectFrom('training_participants').selectAll().where('session_id', '=', sessionId).orderBy('created_at').orderBy('id').execute();

export const participantsOfSessions = (db: DbOrTx, sessionIds: readonly string[]) =>
  sessionIds.length === 0 ? Promise.resolve([] as ParticipantRow[])
    : db.selectFrom('training_participants').selectAll().where('session_id', 'in', [...sessionIds]).orderBy('session_id').orderBy('created_at').execute();

export const findParticipant = (db: DbOrTx, sessionId: string, id: string) =>
  db.selectFrom('training_participants').selectAll().where('id', '=', id).where('session_id', '=', sessionId).executeTakeFirst();

export async function listedKeys(db: DbOrTx, sessionId: string, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('training_participants').select('person_key').where('session_id', '=', sessionId).where('person_key', 'in', [...keys]).execute();
  return new Set(rows.map((r) => r.person_key));
}

export const insertParticipants = (db: DbOrTx, rows: ParticipantRow[]) => db.insertInto('training_participants').values(rows).execute();

export const updateParticipant = (db: DbOrTx, id: string, version: number, set: Partial<ParticipantRow>) =>
  db.updateTable('training_participants').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();

export const deleteParticipant = (db: DbOrTx, id: string) => db.deleteFrom('training_participants').where('id', '=', id).executeTakeFirst();

/** A person's rows (by person_key) with their sessions, newest first. */
export const recordOf = (db: DbOrTx, personKey: string) =>
  db.selectFrom('training_participants as p').innerJoin('training_sessions as s', 's.id', 'p.session_id')
    .select(['p.session_id', 'p.attendance', 'p.half_hours', 'p.assessment', 'p.score', 's.topic', 's.start_on', 's.end_on', 's.form', 's.region_code', 's.trainer', 's.status'])
    .where('p.person_key', '=', personKey).orderBy('s.start_on', 'desc').execute();

/**
 * Year figures per organiser under the scope: sessions, held sessions, their 学时, distinct people
 * who attended a held session and the 学时 credited to them.
 */
export async function yearFigures(db: DbOrTx, scopePaths: readonly string[], from: string, to: string) {
  if (scopePaths.length === 0) return { sessions: [], people: [] };
  const sessions = await db.selectFrom('training_sessions as s')
    .select((eb) => ['s.region_code', 's.region_path', eb.fn.countAll().as('n'),
      eb.fn.sum<number>(sql<number>`case when s.status = 'held' then 1 else 0 end`).as('held'),
      eb.fn.sum<number>(sql<number>`case when s.status = 'held' then s.half_hours else 0 end`).as('half_hours')])
    .where((eb) => eb.or(scopePaths.map((p) => eb('s.region_path', 'like', `${p}%`)))).where('s.start_on', '>=', from).where('s.start_on', '<=', to)
    .groupBy(['s.region_code', 's.region_path']).execute();
  const people = await db.selectFrom('training_participants as p').innerJoin('training_sessions as s', 's.id', 'p.session_id')
    .select(['s.region_code', 'p.person_key', 'p.half_hours'])
    .where((eb) => eb.or(scopePaths.map((p) => eb('s.region_path', 'like', `${p}%`)))).where('s.start_on', '>=', from).where('s.start_on', '<=', to)
    .where('s.status', '=', 'held').where('p.attendance', '=', 'attended').execute();
  return { sessions, people };
}

export const materialsOf = (db: DbOrTx, sessionId: string) =>
  db.selectFrom('training_materials').selectAll().where('session_id', '=', sessionId).orderBy('uploaded_at').execute();
export const findMaterial = (db: DbOrTx, fileId: string) => db.selectFrom('training_materials').selectAll().where('file_id', '=', fileId).executeTakeFirst();
export const insertMaterial = (db: DbOrTx, row: MaterialRow) => db.insertInto('training_materials').values(row).execute();
export const deleteMaterial = (db: DbOrTx, fileId: string) => db.deleteFrom('training_materials').where('file_id', '=', fileId).execute();

/** A session's 教学案例, in the order cited. */
export const casesOf = (db: DbOrTx, sessionId: string) =>
  db.selectFrom('training_cases').selectAll().where('session_id', '=', sessionId).orderBy('position').orderBy('added_at').execute();
export const insertCase = (db: DbOrTx, row: CaseRow) => db.insertInto('training_cases').values(row).execute();
export const deleteCase = (db: DbOrTx, sessionId: string, practiceId: string) =>
  db.deleteFrom('training_cases').where('session_id', '=', sessionId).where('practice_id', '=', practiceId).executeTakeFirst();
/** How many sessions cite a practice. */
export async function sessionsCiting(db: DbOrTx, practiceId: string): Promise<number> {
  const r = await db.selectFrom('training_cases').select((eb) => eb.fn.countAll().as('n')).where('practice_id', '=', practiceId).executeTakeFirstOrThrow();
  return Number(r.n);
}
/** Bump a session's version (a change of its teaching cases), only if it is still at `version`. */
export const touchSession = (db: DbOrTx, id: string, version: number, updatedAt: string) =>
  db.updateTable('training_sessions').set({ version: version + 1, updated_at: updatedAt }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
