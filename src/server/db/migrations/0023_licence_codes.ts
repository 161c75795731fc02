import type { Kysely } from 'kysely';

/**
 * 亮证 codes the platform issued (issue 15): the online check finds a code here by its nonce and
 * compares digests, which proves the code is the platform's own without an Ed25519 check (the
 * signature stays for offline checkers). Rows live as long as the code plus a margin; show() clears
 * the expired ones.
 * - nonce: the code's random id (payload `n`); licence_id the licence shown.
 * - digest: base64url SHA-256 of the whole code as issued (payload and signature).
 * - expires_at: the code's end (ISO), after which a check refuses it anyway.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('licence_codes')
    .addColumn('nonce', 'text', (c) => c.primaryKey())
    .addColumn('licence_id', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('licence_codes_expires').on('licence_codes').columns(['expires_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('licence_codes').execute();
}
