import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeps } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { openDatabase, type Db } from '../db/index.js';
import { migrateUpTo } from '../db/migrate.js';
import type { AuditLogTable } from '../db/types.js';
import type { Deps } from '../deps.js';
import { createPgSchema, createTestApp, testEngine, TestClient, type TestApp } from '../testing.js';
import { GENESIS_HASH, recordAudit, verifyAuditChain } from './audit.js';
import { systemContext } from './context.js';
import { DataProtector } from './crypto.js';

/*
 * What someone who can write the database, but has not got the master key, can do to the chain:
 * the row format is no secret (it is in this repository), so they can recompute any hash that
 * needs no key.
 */
const canonicalOf = (r: Omit<AuditLogTable, 'hash'>) => JSON.stringify([
  r.seq, r.at, r.actor_kind, r.actor_id, r.actor_name, r.on_behalf_of, r.action, r.entity_type, r.entity_id, r.region_code, r.summary, r.channel, r.ip, r.prev_hash,
]);
const plainSha256 = (r: Omit<AuditLogTable, 'hash'>) => createHash('sha256').update(canonicalOf(r)).digest('hex');
/** HMAC in the chain's own format, under a key of the attacker's choosing. */
const underAnotherKey = (key = randomBytes(32)) => (r: Omit<AuditLogTable, 'hash'>) => 'h1:' + createHmac('sha256', key).update(canonicalOf(r)).digest('hex');

/** Changes row `from`, recomputes its hash and every later one with `hash`, and moves the head. */
async function rewriteChainFrom(db: Db, from: number, hash: (r: Omit<AuditLogTable, 'hash'>) => string): Promise<void> {
  const before = await db.selectFrom('audit_log').select('hash').where('seq', '=', from - 1).executeTakeFirst();
  let prev = before?.hash ?? GENESIS_HASH;
  for (const row of await db.selectFrom('audit_log').selectAll().where('seq', '>=', from).orderBy('seq').execute()) {
    const changed = { ...row, summary: row.seq === from ? '{"username":"evil"}' : row.summary, prev_hash: prev };
    prev = hash(changed);
    await db.updateTable('audit_log').set({ summary: changed.summary, prev_hash: changed.prev_hash, hash: prev }).where('seq', '=', row.seq).execute();
  }
  await db.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
}

/** Appends rows as the code before keyed hashes did: plain SHA-256 over the same fields. */
async function appendPlainRows(db: Db, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const head = await db.updateTable('audit_head').set((eb) => ({ seq: eb('seq', '+', 1) })).where('id', '=', 1).returning(['seq', 'hash']).executeTakeFirstOrThrow();
    const row: Omit<AuditLogTable, 'hash'> = {
      seq: Number(head.seq), at: '2026-11-20T02:00:00.000Z', actor_kind: 'system', actor_id: null, actor_name: null, on_behalf_of: null,
      action: 'test.plain', entity_type: 'test', entity_id: String(i), region_code: null, summary: '{}', channel: 'system', ip: null, prev_hash: head.hash,
    };
    const hash = plainSha256(row);
    await db.insertInto('audit_log').values({ ...row, hash }).execute();
    await db.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  }
}

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await new TestClient(t.app).loginStaff('admin');
  await new TestClient(t.app).loginStaff('gangshan.clerk');
});
afterEach(async () => {
  await t.close();
});

describe('audit hash chain', () => {
  it('verifies an untouched chain', async () => {
    const report = await verifyAuditChain(t.deps.dbh.db);
    expect(report.ok).toBe(true);
    expect(report.rows).toBeGreaterThan(5);
  });

  it('reports the first altered row', async () => {
    await sql`update audit_log set summary = '{"username":"evil"}' where seq = 3`.execute(t.deps.dbh.db);
    expect(await verifyAuditChain(t.deps.dbh.db)).toMatchObject({ ok: false, brokenAtSeq: 3 });
  });

  it('reports a removed row', async () => {
    await sql`delete from audit_log where seq = 4`.execute(t.deps.dbh.db);
    expect(await verifyAuditChain(t.deps.dbh.db)).toMatchObject({ ok: false, brokenAtSeq: 4 });
  });

  it('reports a removed tail', async () => {
    const { seq } = await t.deps.dbh.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    await sql`delete from audit_log where seq = ${seq}`.execute(t.deps.dbh.db);
    expect(await verifyAuditChain(t.deps.dbh.db)).toMatchObject({ ok: false, brokenAtSeq: seq });
  });

  it('a rolled-back change leaves no audit row behind', async () => {
    const before = await t.deps.dbh.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    await expect(
      t.deps.dbh.db.transaction().execute(async (tx) => {
        await recordAudit(tx, systemContext, { action: 'test.change', entityType: 'test' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await t.deps.dbh.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    expect(after.seq).toBe(before.seq);
    expect(await verifyAuditChain(t.deps.dbh.db)).toMatchObject({ ok: true });
  });

  it('stays linear under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.deps.dbh.db.transaction().execute((tx) => recordAudit(tx, systemContext, { action: 'test.concurrent', entityType: 'test', entityId: String(i) })),
      ),
    );
    expect(await verifyAuditChain(t.deps.dbh.db)).toMatchObject({ ok: true });
  });

  it('signs every row with a key derived from the master key: under another key, nothing verifies', async () => {
    const hashes = await t.deps.dbh.db.selectFrom('audit_log').select('hash').execute();
    expect(hashes.every((r) => /^h1:[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    expect(await verifyAuditChain(t.deps.dbh.db, { key: new DataProtector(randomBytes(32)) })).toMatchObject({ ok: false, brokenAtSeq: 1 });
  });

  it('reports a row rewritten with the chain after it recomputed in plain SHA-256', async () => {
    await rewriteChainFrom(t.deps.dbh.db, 3, plainSha256);
    expect(await verifyAuditChain(t.deps.dbh.db)).toMatchObject({ ok: false, brokenAtSeq: 3 });
  });

  it('reports the whole chain recomputed in plain SHA-256, even with the head claiming its rows predate the key', async () => {
    const db = t.deps.dbh.db;
    await rewriteChainFrom(db, 1, plainSha256);
    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
    await db.updateTable('audit_head').set({ unkeyed_seq: head.seq, unkeyed_hash: head.hash }).where('id', '=', 1).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtSeq: 1 });
  });

  it('reports a chain recomputed under another key', async () => {
    await rewriteChainFrom(t.deps.dbh.db, 3, underAnotherKey());
    expect(await verifyAuditChain(t.deps.dbh.db)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: expect.stringContaining('密钥') });
  });

  it('reports a plain SHA-256 row after signed ones (a downgrade)', async () => {
    const { seq } = await t.deps.dbh.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    await appendPlainRows(t.deps.dbh.db, 1);
    expect(await verifyAuditChain(t.deps.dbh.db)).toMatchObject({ ok: false, brokenAtSeq: seq + 1 });
  });
});

/**
 * A database whose chain was written before it was keyed: migrated up to 0008, rows appended as the
 * code did then, then opened by the server as it is now (migration 0009 and the seal).
 */
describe('audit chain written before it was keyed', () => {
  const masterKey = randomBytes(32);
  let dir: string;
  let databaseUrl: string | undefined;
  let deps: Deps;

  const start = async () => {
    const config = { ...loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), databaseUrl, serveWeb: false };
    return createDeps(config, pino({ level: 'silent' }), { sqliteFile: path.join(dir, 'bianmin.sqlite'), masterKey });
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bm-audit-'));
    databaseUrl = testEngine() === 'postgres' ? (await createPgSchema(process.env.TEST_DATABASE_URL!)).url : undefined;
    const before = openDatabase({ databaseUrl, dataDir: dir, sqliteFile: path.join(dir, 'bianmin.sqlite') });
    try {
      await migrateUpTo(before, '0008_write_guard');
      await appendPlainRows(before.db, 5);
    } finally {
      await before.close();
    }
    deps = await start();
    for (let i = 0; i < 3; i++) await deps.dbh.db.transaction().execute((tx) => recordAudit(tx, systemContext, { action: 'test.keyed', entityType: 'test' }));
  });
  afterEach(async () => {
    await deps.dbh.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still verifies, and the rows written since are signed', async () => {
    const head = await deps.dbh.db.selectFrom('audit_head').select('hash').executeTakeFirstOrThrow();
    expect(await verifyAuditChain(deps.dbh.db)).toEqual({ ok: true, rows: 8, unkeyedRows: 5, head: head.hash });
    const rows = await deps.dbh.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq').execute();
    expect(rows.map((r) => r.hash.startsWith('h1:'))).toEqual([false, false, false, false, false, true, true, true]);
  });

  it('reports a plain SHA-256 row after the signed ones (a downgrade)', async () => {
    await appendPlainRows(deps.dbh.db, 1);
    expect(await verifyAuditChain(deps.dbh.db)).toMatchObject({ ok: false, brokenAtSeq: 9 });
  });

  it('reports old rows rewritten in plain SHA-256, with the signed rows after them turned plain and the boundary moved', async () => {
    const db = deps.dbh.db;
    await rewriteChainFrom(db, 2, plainSha256);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtSeq: 5 });
    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
    await db.updateTable('audit_head').set({ unkeyed_seq: head.seq, unkeyed_hash: head.hash }).where('id', '=', 1).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtSeq: 1 });
  });

  it('is sealed only by the server that ran the migration, not again at a later start', async () => {
    const db = deps.dbh.db;
    await rewriteChainFrom(db, 2, plainSha256);
    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
    await db.updateTable('audit_head').set({ unkeyed_seq: head.seq, unkeyed_hash: head.hash, unkeyed_seal: null }).where('id', '=', 1).execute();
    await deps.dbh.close();
    deps = await start();
    expect(await verifyAuditChain(deps.dbh.db)).toMatchObject({ ok: false, brokenAtSeq: 1 });
  });
});
