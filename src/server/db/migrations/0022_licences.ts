import type { Kysely } from 'kysely';

/**
 * 电子证照 (issue 15; the licences module's tables).
 *
 * licences: a licence the wallet shows — issued by the platform when a case whose result is a
 * licence was approved (source platform, case_id), or mirrored from a licence library outside the
 * platform (source demo | province, source_ref its id there; refreshed when the holder looks).
 * - type_name: the catalog's name of the type (居民身份证, 山东省老年人优待证 …).
 * - number_enc / number_hash / number_masked: the number, encrypted (an ID card's number is the
 *   person's ID number), its lookup hash, and as lists show it.
 * - holder_kind person | org; holder_id_hash: the lookup hash of the holder's ID number or
 *   统一社会信用代码 (whose licence it is); holder_id_masked; holder_name.
 * - legal_rep_id_hash: an organisation's licence shows in its legal representative's wallet.
 * - issuer, issuer_region_code (the platform's own: the deciding place, whose approvers may revoke).
 * - issued_on, valid_from, valid_until (null: 长期有效); expiry is worked out when read.
 * - revoked_at, revoked_reason, revoked_by: 注销.
 * - fields: JSON {key: value} of the type's own fields.
 *
 * licence_uses: a case a licence stood in for a material (用证记录), written with the case; used_by
 * online | window | assist (how the case came in), place_code the place that took it in.
 * licence_verifications: a 亮证 code checked online (nonce unique: a code is accepted once).
 * licence_signing_keys: the Ed25519 keys 亮证 codes are signed with (the private key encrypted);
 * kept in the database so every instance signs with the same key and the public key stays published.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('licences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type_name', 'text', (c) => c.notNull())
    .addColumn('number_enc', 'text', (c) => c.notNull())
    .addColumn('number_hash', 'text', (c) => c.notNull())
    .addColumn('number_masked', 'text', (c) => c.notNull())
    .addColumn('holder_kind', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('holder_id_hash', 'text', (c) => c.notNull())
    .addColumn('holder_id_masked', 'text', (c) => c.notNull())
    .addColumn('legal_rep_id_hash', 'text')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issuer_region_code', 'text')
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('case_no', 'text')
    .addColumn('item_name', 'text')
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('licences_source_ref').on('licences').columns(['source', 'source_ref']).unique().execute();
  await db.schema.createIndex('licences_holder').on('licences').columns(['holder_id_hash', 'type_name']).execute();
  await db.schema.createIndex('licences_legal_rep').on('licences').columns(['legal_rep_id_hash']).execute();
  await db.schema.createIndex('licences_issuer_region').on('licences').columns(['issuer_region_code', 'issued_on']).execute();

  await db.schema
    .createTable('licence_uses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('licence_id', 'text', (c) => c.notNull().references('licences.id'))
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('case_no', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('material_name', 'text', (c) => c.notNull())
    .addColumn('used_by', 'text', (c) => c.notNull())
    .addColumn('place_code', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('licence_uses_licence').on('licence_uses').columns(['licence_id', 'at']).execute();
  await db.schema.createIndex('licence_uses_case').on('licence_uses').columns(['case_id']).execute();

  await db.schema
    .createTable('licence_verifications')
    .addColumn('nonce', 'text', (c) => c.primaryKey())
    .addColumn('licence_id', 'text', (c) => c.notNull())
    .addColumn('shown', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('licence_verifications_licence').on('licence_verifications').columns(['licence_id', 'verified_at']).execute();

  await db.schema
    .createTable('licence_signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('licence_signing_keys').execute();
  await db.schema.dropTable('licence_verifications').execute();
  await db.schema.dropTable('licence_uses').execute();
  await db.schema.dropTable('licences').execute();
}
