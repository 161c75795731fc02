import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * FILE_STORE=database (issue 18: files that several app machines share).
 *
 * file_blobs: each stored file's bytes exactly as the disk store keeps them (encrypted with the
 * data key), in rows numbered from 0 by seq; storage_key is files.storage_key. Rows of an upload
 * still being written carry a temporary key beginning with ".tmp-" and are renamed to the real key
 * in one transaction at the end. bytea on PostgreSQL, BLOB on SQLite. The key is compared as bytes
 * (collate "C" on PostgreSQL) so the temporary keys form one range by age.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('file_blobs')
    .addColumn('storage_key', 'text', (c) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('bytes', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_blobs_pk', ['storage_key', 'seq'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('file_blobs').execute();
}
