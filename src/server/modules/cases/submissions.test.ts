/**
 * How batches of new cases are written (submissions.ts): on PostgreSQL a process that wrote the
 * last batch writes the next in one guarded statement; whenever someone else moved the audit chain
 * or a counter in between, nothing of that statement is written and the batch goes in a
 * transaction. Either way: every case whole, numbers without gaps or repeats, one audit chain.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseServiceWith, createTestApp, testEngine, type TestApp } from '../../testing.js';
import { recordAudit, verifyAuditChain } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { DataProtector } from '../../platform/crypto.js';
import type { StaffActor } from '../../platform/request.js';
import type { Grant } from '../../platform/permissions.js';
import type { StaffRole } from '../../../shared/roles.js';
import { countRows, GANGSHAN, MENGZHUANG, seedCaseCatalog, VILLAGE_ITEM, windowBody } from './fixtures.js';
import { submitBody } from './schemas.js';
import type { CaseService } from './service.js';

const pg = testEngine() === 'postgres';

describe('writing new cases in batches', () => {
  let t: TestApp;
  let clerk: StaffActor;
  let ctx: RequestContext;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCaseCatalog(t);
    const { db } = t.deps.dbh;
    const u = await db.selectFrom('staff_users').selectAll().where('username', '=', 'gangshan.clerk').executeTakeFirstOrThrow();
    const grants = await db.selectFrom('role_grants as g').innerJoin('regions as r', 'r.code', 'g.region_code')
      .select(['g.id', 'g.role', 'g.region_code', 'r.short_name', 'r.path']).where('g.user_id', '=', u.id).execute();
    clerk = {
      kind: 'staff', id: u.id, name: u.name, username: u.username, sessionId: 'test',
      grants: grants.map((g): Grant => ({ id: g.id, role: g.role as StaffRole, regionCode: g.region_code, regionName: g.short_name, regionPath: g.path })),
    };
    ctx = { actor: clerk, ip: '127.0.0.1', channel: 'window' };
  });
  afterAll(() => t.close());

  /** A server process of its own: its own idea of the last numbers and the chain's head. */
  const serverProcess = () => caseServiceWith(t);
  const counts = (svc: CaseService) => ({ ...svc['writer'].counts });
  const submit = (svc: CaseService, over: Record<string, unknown> = {}) => {
    n++;
    return svc.submit(ctx, clerk, submitBody.parse(windowBody(over)), `writer-test-${n}`);
  };
  const seqOf = (caseNo: string) => Number(caseNo.slice(-5));

  /** Every case of GANGSHAN today has its event, audit entry and idempotency record; numbers run 1…N; the chain verifies. */
  async function expectWholeAndGapless() {
    const { db } = t.deps.dbh;
    const cases = await db.selectFrom('cases').select(['id', 'case_no']).where('region_code', '=', GANGSHAN).execute();
    const numbers = cases.map((c) => seqOf(c.case_no)).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const counter = await db.selectFrom('case_sequences').select('last').where('region_code', '=', GANGSHAN).executeTakeFirstOrThrow();
    expect(Number(counter.last)).toBe(numbers.length);
    const rows = await countRows(t);
    expect(rows.events).toBe(rows.cases);
    expect(rows.idem).toBe(rows.cases);
    for (const c of cases) {
      expect(await db.selectFrom('audit_log').select('seq').where('entity_id', '=', c.id).where('action', '=', 'case.submit').execute()).toHaveLength(1);
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  }

  it('a process that wrote the last batch writes the next in one statement (PostgreSQL); SQLite always in a transaction', async () => {
    const svc = serverProcess();
    const numbers: number[] = [];
    for (let i = 0; i < 4; i++) numbers.push(seqOf((await submit(svc)).result.caseNo));
    expect(numbers).toEqual([numbers[0]!, numbers[0]! + 1, numbers[0]! + 2, numbers[0]! + 3]);
    expect(counts(svc)).toEqual(pg ? { inTransaction: 1, inOneStatement: 3, stale: 0 } : { inTransaction: 4, inOneStatement: 0, stale: 0 });
    await expectWholeAndGapless();
  });

  it('many at once in one process: batches overlap (PostgreSQL: two in flight, the second built on the first), all numbered, none stale', async () => {
    const svc = serverProcess();
    await submit(svc);
    // arriving a turn of the event loop apart, so they make several batches
    const pending = [];
    for (let i = 0; i < 30; i++) {
      pending.push(submit(svc));
      await new Promise((r) => setImmediate(r));
    }
    const results = await Promise.all(pending);
    expect(new Set(results.map((r) => r.result.caseNo)).size).toBe(30);
    const c = counts(svc);
    expect(c.stale).toBe(0);
    if (pg) expect(c.inOneStatement).toBeGreaterThan(1);
    await expectWholeAndGapless();
  });

  it('an audit entry written in between (an action on another case): the statement writes nothing, the batch goes in a transaction', async () => {
    const svc = serverProcess();
    await submit(svc);
    const before = await countRows(t);
    await t.deps.dbh.db.transaction().execute((tx) => recordAudit(tx, ctx, { action: 'test.other', entityType: 'test' }));
    const second = await submit(svc);
    expect(counts(svc)).toEqual(pg ? { inTransaction: 2, inOneStatement: 0, stale: 1 } : { inTransaction: 2, inOneStatement: 0, stale: 0 });
    const after = await countRows(t);
    expect(after.cases).toBe(before.cases + 1);
    expect(after.audit).toBe(before.audit + 2);
    expect(await t.deps.dbh.db.selectFrom('cases').select('id').where('id', '=', second.result.id).executeTakeFirst()).toBeDefined();
    // and having learnt the new state, it is back to one statement
    await submit(svc);
    if (pg) expect(counts(svc)).toEqual({ inTransaction: 2, inOneStatement: 1, stale: 1 });
    await expectWholeAndGapless();
  });

  it('two server processes taking numbers at the same place at the same time: none twice, none skipped, one chain', async () => {
    const [a, b] = [serverProcess(), serverProcess()];
    await Promise.all([submit(a), submit(b)]);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => submit(i % 2 ? a : b)));
    expect(new Set(results.map((r) => r.result.caseNo)).size).toBe(12);
    if (pg) expect(counts(a).stale + counts(b).stale).toBeGreaterThan(0);
    await expectWholeAndGapless();
  });

  it('a place\'s counter moved by another process while this one learnt the chain\'s head elsewhere: refused as stale, not numbered twice', async () => {
    const [a, b] = [serverProcess(), serverProcess()];
    await submit(a);
    await submit(b);
    // a learns the current head writing for another place (孟庄社区), but not 钢山街道's counter b moved
    await submit(a, { itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG });
    await submit(a);
    expect(counts(a)).toEqual(pg ? { inTransaction: 3, inOneStatement: 0, stale: 1 } : { inTransaction: 3, inOneStatement: 0, stale: 0 });
    await expectWholeAndGapless();
  });

  it('batches are signed with this install\'s key, in a transaction and (PostgreSQL) in one guarded statement', async () => {
    const svc = serverProcess();
    const from = (await t.deps.dbh.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq;
    await submit(svc);
    const pending = [];
    for (let i = 0; i < 6; i++) {
      pending.push(submit(svc));
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(pending);
    const c = counts(svc);
    expect(c.inTransaction).toBeGreaterThan(0);
    if (pg) expect(c.inOneStatement).toBeGreaterThan(0);
    const written = await t.deps.dbh.db.selectFrom('audit_log').select('hash').where('seq', '>', from).where('action', '=', 'case.submit').execute();
    expect(written).toHaveLength(7);
    expect(written.every((r) => r.hash.startsWith('h1:'))).toBe(true);
    await expectWholeAndGapless();
    expect(await verifyAuditChain(t.deps.dbh.db, { key: new DataProtector(randomBytes(32)) })).toMatchObject({ ok: false });
  });

  it('a batch that fails (an idempotency key already used) leaves nothing behind, and the next one is numbered right after the last', async () => {
    const svc = serverProcess();
    await submit(svc);
    await submit(svc);
    const before = await countRows(t);
    const input = submitBody.parse(windowBody({ applicant: { name: '另一人', idNumber: '370883194811204522', phone: '13900000009', address: '钢山街道' } }));
    await expect(svc.submit(ctx, clerk, input, `writer-test-${n}`)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await countRows(t)).toEqual(before);
    await submit(svc);
    await expectWholeAndGapless();
  });
});
