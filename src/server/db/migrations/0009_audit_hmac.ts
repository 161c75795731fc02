import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The audit chain becomes keyed (HMAC-SHA256 under a key derived from the master key, which is
 * not in the database). Rows written before stay plain SHA-256 and must still verify, but only
 * these: were the verifier to accept a plain row anywhere, whoever can write the database could
 * rewrite the whole chain as plain rows. So the head records where the unkeyed rows end (their
 * count and the last one's hash), and the server that runs this migration seals that boundary
 * with the key right after (platform/audit.ts sealUnkeyedRows) — a migration cannot, as it has no
 * key. A fresh database has none: 0 and the genesis hash.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_head').addColumn('unkeyed_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('audit_head').addColumn('unkeyed_hash', 'text').execute();
  await db.schema.alterTable('audit_head').addColumn('unkeyed_seal', 'text').execute();
  await sql`update audit_head set unkeyed_seq = seq, unkeyed_hash = hash`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['unkeyed_seal', 'unkeyed_hash', 'unkeyed_seq']) {
    await db.schema.alterTable('audit_head').dropColumn(column).execute();
  }
}
