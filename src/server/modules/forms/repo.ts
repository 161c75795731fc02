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

/** The citizen's latest cases' answers, newest first (for 历史数据自动填充). */
export const recentFormData = (db: Db, citizenId: string, limit = 20) =>
  db.selectFrom('cases').select(['case_no', 'created_at', 'form_data'])
    .where('citizen_id', '=', citizenId).orderBy('created_at', 'desc').limit(limit).execute();
