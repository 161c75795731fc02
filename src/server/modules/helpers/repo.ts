/** The helpers module's queries (it owns `helpers` and `helper_areas`). */
import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../../db/index.js';
import type { HelperAreaTable, HelperTable } from '../../db/types.js';
import { containsText } from '../../db/like.js';

export type HelperRow = Selectable<HelperTable>;
export type AreaRow = Selectable<HelperAreaTable>;

export const insertHelper = (db: DbOrTx, row: Insertable<HelperTable>) => db.insertInto('helpers').values(row).execute();

export async function insertHelpers(db: DbOrTx, rows: HelperRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('helpers').values(rows.slice(i, i + 100)).execute();
}

export async function insertAreas(db: DbOrTx, rows: AreaRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('helper_areas').values(rows.slice(i, i + 200)).execute();
}

export const deleteAreas = (db: DbOrTx, helperId: string) => db.deleteFrom('helper_areas').where('helper_id', '=', helperId).execute();

/** An edit, only on the version read: the result says whether it still was. */
export const updateHelper = (db: DbOrTx, id: string, version: number, set: Partial<Omit<HelperRow, 'id' | 'created_at' | 'version'>>) =>
  db.updateTable('helpers').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();

export const findHelper = (db: DbOrTx, id: string): Promise<HelperRow | undefined> => db.selectFrom('helpers').selectAll().where('id', '=', id).executeTakeFirst();

/** The helper record linked to a staff account, if any. */
export const helperOfStaff = (db: DbOrTx, staffId: string) =>
  db.selectFrom('helpers').select(['id', 'name']).where('staff_id', '=', staffId).executeTakeFirst();

/** The areas of these helpers, in place order. */
export const areasOf = (db: DbOrTx, helperIds: readonly string[]): Promise<AreaRow[]> =>
  helperIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('helper_areas').selectAll().where('helper_id', 'in', helperIds).orderBy('region_path').execute();

/**
 * The active helpers covering a place: those with an area on one of `placeCodes` (the place and
 * its ancestors), and the coordinators of `townCode` (a town's coordinators are everyone's in it).
 */
export function activeCovering(db: DbOrTx, placeCodes: readonly string[], townCode: string | null): Promise<HelperRow[]> {
  return db.selectFrom('helpers').selectAll()
    .where('active', '=', 1)
    .where((eb) => {
      const covering = eb('id', 'in', eb.selectFrom('helper_areas').select('helper_id').where('region_code', 'in', placeCodes));
      return townCode === null ? covering : eb.or([covering, eb.and([eb('town_code', '=', townCode), eb('is_coordinator', '=', 1)])]);
    })
    .execute();
}

/** The active coordinators of a town. */
export const activeCoordinatorsOf = (db: DbOrTx, townCode: string): Promise<HelperRow[]> =>
  db.selectFrom('helpers').selectAll().where('town_code', '=', townCode).where('active', '=', 1).where('is_coordinator', '=', 1).orderBy('name').orderBy('id').execute();

/** The active helper linked to a staff account. */
export const activeHelperOfStaff = (db: DbOrTx, staffId: string) =>
  db.selectFrom('helpers').select(['id', 'name', 'town_code']).where('staff_id', '=', staffId).where('active', '=', 1).executeTakeFirst();

/** Every active helper of a town. */
export const activeOfTown = (db: DbOrTx, townCode: string): Promise<HelperRow[]> =>
  db.selectFrom('helpers').selectAll().where('town_code', '=', townCode).where('active', '=', 1).execute();

export interface HelperFilter {
  /** the town path prefixes the administrator may manage */
  scopePaths: string[];
  townCode?: string;
  /** helpers with an area on one of these places (a village and its town) */
  coveringCodes?: string[];
  type?: string;
  q?: string;
  active?: boolean;
}

function filtered(db: DbOrTx, f: HelperFilter) {
  let q = db.selectFrom('helpers').where((eb) => eb.or(f.scopePaths.map((p) => eb('town_path', 'like', `${p}%`))));
  if (f.townCode) q = q.where('town_code', '=', f.townCode);
  const covering = f.coveringCodes;
  if (covering) q = q.where('id', 'in', (eb) => eb.selectFrom('helper_areas').select('helper_id').where('region_code', 'in', covering));
  if (f.type) q = q.where('type', '=', f.type);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsText('name', text), containsText('grid', text)]));
  }
  return q;
}

/** The helpers in the administrator's towns: on the roster first, by town, coordinators first, then by name. */
export async function helpersInScope(db: DbOrTx, f: HelperFilter, page: number, pageSize: number): Promise<{ total: number; rows: HelperRow[] }> {
  if (f.scopePaths.length === 0) return { total: 0, rows: [] };
  const [{ n }, rows] = await Promise.all([
    filtered(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    filtered(db, f).selectAll()
      .orderBy('active', 'desc').orderBy('town_path').orderBy('is_coordinator', 'desc').orderBy('name').orderBy('id')
      .limit(pageSize).offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { total: Number(n), rows };
}

export const countHelpers = async (db: DbOrTx): Promise<number> =>
  Number((await db.selectFrom('helpers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
