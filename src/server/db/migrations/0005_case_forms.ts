import type { Kysely } from 'kysely';

/**
 * Application forms per item (申请表单 + workflow settings), auto-saved application drafts, and the
 * form definition and situation answers each case was submitted with, and 邮寄送达 details.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('item_forms')
    /** 14-character row code (基本编码 + 办理项序号) */
    .addColumn('item_code', 'text', (c) => c.primaryKey())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    /** 1: online applications start at 预审 */
    .addColumn('pre_review_online', 'integer', (c) => c.notNull().defaultTo(1))
    /** approver | window_clerk (即办件: the window decides on the spot) */
    .addColumn('decided_by', 'text', (c) => c.notNull().defaultTo('approver'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('case_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** citizen:<id> or staff:<id> */
    .addColumn('owner_key', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    /** JSON: formData, situationAnswers, materials, deliveryMethod (encrypted: may hold ID numbers) */
    .addColumn('data_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_drafts_owner_item_region', ['owner_key', 'item_code', 'region_code'])
    .execute();

  await db.schema.alterTable('cases').addColumn('form_definition', 'text', (c) => c.notNull().defaultTo('{"fields":[]}')).execute();
  await db.schema.alterTable('cases').addColumn('situation_answers', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  /** 邮寄送达: where to post the result, and the postal tracking number once sent */
  await db.schema.alterTable('cases').addColumn('delivery_address', 'text').execute();
  await db.schema.alterTable('cases').addColumn('delivery_tracking_no', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('delivery_tracking_no').execute();
  await db.schema.alterTable('cases').dropColumn('delivery_address').execute();
  await db.schema.alterTable('cases').dropColumn('situation_answers').execute();
  await db.schema.alterTable('cases').dropColumn('form_definition').execute();
  await db.schema.dropTable('case_drafts').execute();
  await db.schema.dropTable('item_forms').execute();
}
