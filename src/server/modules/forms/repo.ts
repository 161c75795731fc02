import type { Db, DbOrTx } from '../../db/index.js';

export const findItemForm = (db: DbOrTx, itemCode: string) =>
  db.selectFrom('item_forms').selectAll().where('item_code', '=', itemCode).executeTakeFirst();

export const listItemForms = (db: Db) =>
  db.selectFrom('item_forms').selectAll().orderBy('updated_at', 'desc').execute();

export const findDraft = (db: DbOrTx, ownerKey: string, itemCode: string, regionCode: string) =>
  db.selectFrom('case_drafts').selectAll()
    .where('owner_key', '=', ownerKey).where('item_code', '=', itemCode).where('region_code', '=', regionCode)
    .executeTakeFirst();

export const listDrafts = (db: Db, ownerKey: string) =>
  db.selectFrom('case_drafts').select(['item_code', 'item_name', 'region_code', 'updated_at'])
    .where('owner_key', '=', ownerKey).orderBy('updated_at', 'desc').limit(50).execute();

export const deleteDraft = (db: DbOrTx, ownerKey: string, itemCode: string, regionCode: string) =>
  db.deleteFrom('case_drafts')
    .where('owner_key', '=', ownerKey).where('item_code', '=', itemCode).where('region_code', '=', regionCode)
    .executeTakeFirst();

/** The delete of several drafts by their keys, as one statement for the caller to run (not executed here). */
export const deleteDraftsQuery = (db: DbOrTx, keys: readonly { ownerKey: string; itemCode: string; regionCode: string }[]) =>
  db.deleteFrom('case_drafts').where((eb) =>
    eb.or(keys.map((k) => eb.and([eb('owner_key', '=', k.ownerKey), eb('item_code', '=', k.itemCode), eb('region_code', '=', k.regionCode)]))));
