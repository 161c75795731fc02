/** The practices module's queries: its tables only (practices, practice_events). */
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/index.js';
import { containsText } from '../../db/like.js';
import type { PracticeEventTable, PracticeTable } from '../../db/types.js';
import type { PracticeStatus } from '../../../shared/practices.js';

export type PracticeRow = PracticeTable;
export type PracticeEventRow = PracticeEventTable;

export const findPractice = (db: DbOrTx, id: string) => db.selectFrom('practices').selectAll().where('id', '=', id).executeTakeFirst();

export const insertPractice = (db: DbOrTx, row: PracticeRow) => db.insertInto('practices').values(row).execute();

/** A practice's change, only if it is still at `version` (a concurrent change wins; the loser gets 0 rows). */
export const updatePractice = (db: DbOrTx, id: string, version: number, set: Partial<PracticeRow>) =>
  db.updateTable('practices').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();

export const insertEvent = (db: DbOrTx, row: PracticeEventRow) => db.insertInto('practice_events').values(row).execute();

export const eventsOf = (db: DbOrTx, practiceId: string) =>
  db.selectFrom('practice_events').selectAll().where('practice_id', '=', practiceId).orderBy('at').orderBy('id').execute();

const underAny = (paths: readonly string[]) => sql<boolean>`(${sql.join(paths.map((p) => sql`${sql.ref('region_path')} like ${`${p}%`}`), sql` or `)})`;

export interface RecordFilter {
  scopePaths: string[];
  regionPath?: string;
  status?: PracticeStatus;
  q?: string;
}

/** The workbench's list: the practices of the person's places, the most recently changed first (the review queue: the longest waiting first). */
export async function listRecords(db: DbOrTx, f: RecordFilter, page: number, pageSize: number) {
  if (f.scopePaths.length === 0) return { total: 0, rows: [] as PracticeRow[] };
  let q = db.selectFrom('practices').where(underAny(f.scopePaths));
  if (f.regionPath) q = q.where('region_path', 'like', `${f.regionPath}%`);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.q) q = q.where(containsText('title', f.q));
  const ordered = f.status === 'submitted' ? q.selectAll().orderBy('submitted_at', 'asc') : q.selectAll().orderBy('updated_at', 'desc');
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    ordered.orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute(),
  ]);
  return { total: Number(count?.n ?? 0), rows };
}

/** The tag as it is stored in the JSON array: `"帮办代办"` (the tags are a fixed list without quotes or escapes). */
const tagPattern = (tag: string) => `%${JSON.stringify(tag)}%`;

/** The portal's list: published practices, newest first. */
export async function listPublished(db: DbOrTx, f: { townCode?: string; tag?: string }, page: number, pageSize: number) {
  let q = db.selectFrom('practices').where('status', '=', 'published');
  if (f.townCode) q = q.where('town_code', '=', f.townCode);
  if (f.tag) q = q.where('tags', 'like', tagPattern(f.tag));
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    q.selectAll().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
  ]);
  return { total: Number(count?.n ?? 0), rows };
}

/** How many practices each town has published (the portal's filter). */
export const publishedTowns = (db: DbOrTx) =>
  db.selectFrom('practices').where('status', '=', 'published').select(['town_code', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('town_code').execute();

/** Every practice's status and version (the public list's fingerprint: any change moves it). */
export const publishedFingerprint = (db: DbOrTx) =>
  db.selectFrom('practices').where('status', '=', 'published')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('updated_at').as('latest')]).executeTakeFirst();

/** These practices (any status; unknown ids are left out). */
export const practicesByIds = (db: DbOrTx, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([] as PracticeRow[]) : db.selectFrom('practices').selectAll().where('id', 'in', [...ids]).execute();

/** Published practices for a training session to cite: recommended for training first, then the newest; matching `q` in the title. */
export function trainingChoices(db: DbOrTx, q: string | undefined, limit: number) {
  let query = db.selectFrom('practices').where('status', '=', 'published');
  if (q) query = query.where(containsText('title', q));
  return query.selectAll().orderBy('training', 'desc').orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
