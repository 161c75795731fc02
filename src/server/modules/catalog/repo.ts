import type { DbOrTx } from '../../db/index.js';
import type { CatalogVersionStatus } from '../../db/types.js';
import { catalogItemSchema, displayName, rowCode, type CatalogItem } from '../../../shared/catalog-item.js';

export const findCatalog = (db: DbOrTx, id: string) => db.selectFrom('catalogs').selectAll().where('id', '=', id).executeTakeFirst();

export const listCatalogRows = (db: DbOrTx) => db.selectFrom('catalogs').selectAll().orderBy('region_code').orderBy('level', 'desc').execute();

export const findCatalogByLevel = (db: DbOrTx, regionCode: string, level: 'town' | 'village') =>
  db.selectFrom('catalogs').selectAll().where('region_code', '=', regionCode).where('level', '=', level).executeTakeFirst();

export const findVersion = (db: DbOrTx, id: string) => db.selectFrom('catalog_versions').selectAll().where('id', '=', id).executeTakeFirst();

export const versionsOf = (db: DbOrTx, catalogId: string) =>
  db.selectFrom('catalog_versions').selectAll().where('catalog_id', '=', catalogId).orderBy('version_no', 'desc').execute();

export const versionWithStatus = (db: DbOrTx, catalogId: string, statuses: CatalogVersionStatus[]) =>
  db.selectFrom('catalog_versions').selectAll().where('catalog_id', '=', catalogId).where('status', 'in', statuses)
    .orderBy('version_no', 'desc').limit(1).executeTakeFirst();

export const publishedVersions = (db: DbOrTx) =>
  db.selectFrom('catalog_versions as v').innerJoin('catalogs as c', 'c.id', 'v.catalog_id')
    .select(['v.id', 'v.version_no', 'v.catalog_id', 'v.published_at', 'v.effective_date', 'c.level', 'c.region_code', 'c.name'])
    .where('v.status', '=', 'published').execute();

/** Stored documents are re-parsed so defaults added to the schema later apply to old rows. */
export const parseStored = (data: string): CatalogItem => catalogItemSchema.parse(JSON.parse(data));

export async function itemsOf(db: DbOrTx, versionId: string): Promise<{ rowCode: string; sortOrder: number; item: CatalogItem }[]> {
  const rows = await db.selectFrom('catalog_items').select(['row_code', 'sort_order', 'data']).where('version_id', '=', versionId).orderBy('sort_order').execute();
  return rows.map((r) => ({ rowCode: r.row_code, sortOrder: r.sort_order, item: parseStored(r.data) }));
}

/** One stored item of a version, or undefined. */
export async function itemOf(db: DbOrTx, versionId: string, code: string): Promise<CatalogItem | undefined> {
  const row = await db.selectFrom('catalog_items').select('data').where('version_id', '=', versionId).where('row_code', '=', code).executeTakeFirst();
  return row ? parseStored(row.data) : undefined;
}

/**
 * Hands a version's items to `visit` a batch at a time (by row code): a 10,000-item catalog is
 * ~30 MB of JSON, several times that parsed, so a caller that keeps only a reduction never holds it whole.
 */
export async function forEachStoredItem(db: DbOrTx, versionId: string, visit: (r: { rowCode: string; sortOrder: number; item: CatalogItem }) => void, batchSize = 200): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('catalog_items').select(['row_code', 'sort_order', 'data'])
      .where('version_id', '=', versionId).where('row_code', '>', after).orderBy('row_code').limit(batchSize).execute();
    for (const r of rows) visit({ rowCode: r.row_code, sortOrder: r.sort_order, item: parseStored(r.data) });
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.row_code;
  }
}

export async function itemMap(db: DbOrTx, versionId: string | null | undefined): Promise<Map<string, CatalogItem>> {
  if (!versionId) return new Map();
  return new Map((await itemsOf(db, versionId)).map((r) => [r.rowCode, r.item]));
}

export const itemRow = (versionId: string, item: CatalogItem, sortOrder: number) => ({
  version_id: versionId,
  row_code: rowCode(item),
  name: displayName(item),
  type: item.type,
  department: item.department,
  sort_order: sortOrder,
  data: JSON.stringify(item),
});

export async function insertItems(db: DbOrTx, versionId: string, items: CatalogItem[], firstSortOrder = 0): Promise<void> {
  const rows = items.map((item, i) => itemRow(versionId, item, firstSortOrder + i));
  // Chunks keep each statement under SQLite's variable limit.
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('catalog_items').values(rows.slice(i, i + 100)).execute();
}

export async function countItems(db: DbOrTx, versionId: string): Promise<number> {
  return Number((await db.selectFrom('catalog_items').select((eb) => eb.fn.countAll().as('n')).where('version_id', '=', versionId).executeTakeFirstOrThrow()).n);
}

/**
 * Marks the public catalog as changed: every process rebuilds its search index and list cache
 * (this one at once, others within 30 s). Call inside the transaction that made the change.
 */
export async function bumpCatalogRevision(db: DbOrTx, now: string): Promise<void> {
  await db.insertInto('meta').values({ key: 'catalog_revision', value: now }).onConflict((oc) => oc.column('key').doUpdateSet({ value: now })).execute();
}

export async function catalogRevision(db: DbOrTx): Promise<string> {
  return (await db.selectFrom('meta').select('value').where('key', '=', 'catalog_revision').executeTakeFirst())?.value ?? '';
}

/** 调整公示, newest first: one page and the total. */
export async function noticePage(db: DbOrTx, page: number, pageSize: number) {
  const total = Number((await db.selectFrom('catalog_notices').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await db.selectFrom('catalog_notices').select(['id', 'title', 'effective_date', 'published_at', 'body'])
    .orderBy('published_at', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { total, rows };
}

export const findNotice = (db: DbOrTx, id: string) => db.selectFrom('catalog_notices').selectAll().where('id', '=', id).executeTakeFirst();

/** The attachments a guide row links to: blank forms and samples of its materials, samples of its results. */
export const fileIdsOf = (item: CatalogItem): string[] =>
  [...item.materials.flatMap((m) => [m.blankFormFileId, m.sampleFileId]), ...item.results.map((r) => r.sampleFileId)].filter((id): id is string => id !== null);
