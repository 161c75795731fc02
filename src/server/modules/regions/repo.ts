import type { DbOrTx } from '../../db/index.js';
import type { RegionTable } from '../../db/types.js';

export type RegionRow = RegionTable;

export const listAllRegions = (db: DbOrTx) =>
  db.selectFrom('regions').selectAll().orderBy('path').execute();

export const countRegions = async (db: DbOrTx) =>
  Number((await db.selectFrom('regions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

export async function upsertRegions(db: DbOrTx, rows: RegionRow[]): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('regions')
      .values(row)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({
          name: row.name,
          short_name: row.short_name,
          parent_code: row.parent_code,
          level: row.level,
          path: row.path,
          sort_order: row.sort_order,
          lat: row.lat,
          lng: row.lng,
        }),
      )
      .execute();
  }
}
