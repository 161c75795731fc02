import type { DbOrTx } from '../../db/index.js';
import type { MessageTable } from '../../db/types.js';

export type MessageRow = MessageTable;
export interface Recipient {
  kind: 'citizen' | 'staff';
  id: string;
}

export const templateRows = (db: DbOrTx, event?: string) => {
  let q = db.selectFrom('notification_templates').selectAll();
  if (event) q = q.where('event', '=', event);
  return q.execute();
};

export async function upsertTemplate(db: DbOrTx, row: { event: string; channel: 'sms' | 'site'; title: string; body: string; enabled: number; updated_by: string | null; updated_at: string }) {
  const { title, body, enabled, updated_by, updated_at } = row;
  await db.insertInto('notification_templates').values(row).onConflict((oc) => oc.columns(['event', 'channel']).doUpdateSet({ title, body, enabled, updated_by, updated_at })).execute();
}

export const deleteTemplate = (db: DbOrTx, event: string, channel: 'sms' | 'site') =>
  db.deleteFrom('notification_templates').where('event', '=', event).where('channel', '=', channel).executeTakeFirst();

export const insertMessages = async (db: DbOrTx, rows: MessageRow[]) => {
  if (rows.length) await db.insertInto('messages').values(rows).execute();
};

const mine = (db: DbOrTx, r: Recipient) => db.selectFrom('messages').where('recipient_kind', '=', r.kind).where('recipient_id', '=', r.id);

export async function unreadCount(db: DbOrTx, r: Recipient): Promise<number> {
  const row = await mine(db, r).where('read_at', 'is', null).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listMessages(db: DbOrTx, r: Recipient, q: { page: number; pageSize: number; unreadOnly: boolean }) {
  let base = mine(db, r);
  if (q.unreadOnly) base = base.where('read_at', 'is', null);
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { total, rows };
}

export const findMessage = (db: DbOrTx, r: Recipient, id: string) => mine(db, r).where('id', '=', id).selectAll().executeTakeFirst();

export async function markRead(db: DbOrTx, r: Recipient, id: string, at: string): Promise<void> {
  await db.updateTable('messages').set({ read_at: at }).where('recipient_kind', '=', r.kind).where('recipient_id', '=', r.id).where('id', '=', id).where('read_at', 'is', null).execute();
}

export async function markAllRead(db: DbOrTx, r: Recipient, at: string): Promise<number> {
  const res = await db.updateTable('messages').set({ read_at: at }).where('recipient_kind', '=', r.kind).where('recipient_id', '=', r.id).where('read_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Records that a case's warning of this level went out today; false when it already had. */
export async function claimWarning(db: DbOrTx, row: { case_id: string; level: 'yellow' | 'red'; day: string; created_at: string }): Promise<boolean> {
  const inserted = await db
    .insertInto('case_warning_notices')
    .values({ ...row, recipients: 0 })
    .onConflict((oc) => oc.columns(['case_id', 'level', 'day']).doNothing())
    .returning('case_id')
    .executeTakeFirst();
  return inserted !== undefined;
}
