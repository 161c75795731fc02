import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../testing.js';
import { recordAudit, verifyAuditChain } from './audit.js';
import { systemContext } from './context.js';

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
});
