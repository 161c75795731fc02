import { sql, type Kysely } from 'kysely';

/**
 * Notifications: editable templates (a row exists only once an administrator has changed the
 * built-in default), in-site messages (站内消息) for citizens and staff, the record of time-limit
 * warnings already sent (one per case, level and day), and delivery status on the SMS outbox.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_templates')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_templates_pk', ['event', 'channel'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('case_no', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('messages_recipient').on('messages').columns(['recipient_kind', 'recipient_id', 'created_at']).execute();
  await db.schema.createIndex('messages_unread').on('messages').columns(['recipient_kind', 'recipient_id', 'read_at']).execute();
  await db.schema.createIndex('messages_case').on('messages').column('case_id').execute();

  await db.schema
    .createTable('case_warning_notices')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    /** China date of the scan */
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_warning_notices_pk', ['case_id', 'level', 'day'])
    .execute();

  await db.schema.alterTable('sms_outbox').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('sms_outbox').addColumn('next_attempt_at', 'text').execute();
  await db.schema.alterTable('sms_outbox').addColumn('delivered_at', 'text').execute();
  await db.schema.alterTable('sms_outbox').addColumn('updated_at', 'text').execute();
  await db.schema.alterTable('sms_outbox').addColumn('provider_id', 'text').execute();
  // Rows written before delivery status existed were handed over when written.
  await sql`update sms_outbox set attempts = 1, updated_at = sent_at where status = 'sent'`.execute(db);
  await db.schema.createIndex('sms_outbox_due').on('sms_outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('sms_outbox_provider').on('sms_outbox').column('provider_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sms_outbox_provider').ifExists().execute();
  await db.schema.dropIndex('sms_outbox_due').ifExists().execute();
  for (const c of ['provider_id', 'updated_at', 'delivered_at', 'next_attempt_at', 'attempts']) {
    await db.schema.alterTable('sms_outbox').dropColumn(c).execute();
  }
  for (const t of ['case_warning_notices', 'messages', 'notification_templates']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
