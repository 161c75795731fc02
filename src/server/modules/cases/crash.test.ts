/**
 * Crash safety: the real server (SQLite with WAL; or PostgreSQL when the suite runs there) is killed with SIGKILL in the middle of a burst of
 * window submissions, then restarted on the same DATA_DIR. Every case whose 201 reached the client
 * is there whole (case row, its submit event, its materials, its audit entry); no case exists
 * without its submit event; retrying every request with its Idempotency-Key creates each
 * unacknowledged case at most once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { DataProtector, findMasterKey } from '../../platform/crypto.js';
import { openDatabase } from '../../db/index.js';
import { createPgSchema, testEngine } from '../../testing.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'bm-crash-'));
const port = 34000 + Math.floor(Math.random() * 2000);
const base = `http://127.0.0.1:${port}`;
let child: ChildProcess | null = null;
/** PostgreSQL: a schema of its own for the server under test */
let databaseUrl: string | undefined;

async function start(): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SERVE_WEB: 'false', SEED_DEMO_HISTORY: 'false' };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'src/server/main.ts')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => { stderr += String(d); });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return proc;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
    if (proc.exitCode !== null) throw new Error(`server exited: ${stderr}`);
  }
  throw new Error(`server did not start: ${stderr}`);
}

/** Resolves when the process has exited — also when it already has (the 'exit' event fires once). */
function exitOf(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once('exit', () => resolve()));
}

async function login(): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/v1/auth/staff/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'gangshan.clerk', password: 'Demo@2026' }),
  });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('bm_csrf='))!.slice('bm_csrf='.length);
  return { cookie: cookies.join('; '), csrf };
}

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

describe('kill -9 during a burst of submissions', () => {
  it('keeps every acknowledged case whole and no half-written case', async () => {
    if (testEngine() === 'postgres') databaseUrl = (await createPgSchema(process.env.TEST_DATABASE_URL!)).url;
    child = await start();
    let session = await login();
    // 高龄津贴（申领） at 钢山街道, from the demonstration catalog: every required material on paper
    const guide = await (await fetch(`${base}/api/v1/items/37050100700001?region=370883001`)).json() as { materials: { id: string; necessityCode: string; conditional: boolean }[] };
    const materials = guide.materials.filter((m) => m.necessityCode === 'required' && !m.conditional).map((m) => ({ materialId: m.id, source: 'paper', checkedOriginal: true, copies: 1 }));
    const body = (i: number) => JSON.stringify({
      itemCode: '37050100700001', regionCode: '370883001', materials, declaration: true, situationAnswers: { proxy: 'self' },
      formData: { address: { regionCode: '370883001', regionName: '钢山街道', detail: `建设路 ${i} 号` }, bankName: 'rcb', accountNo: '6228480319876543210', contactPhone: '13800000001' },
      applicant: { name: '张秀英', idNumber: '370883195603124223', phone: '13800000001' },
    });
    const submit = (i: number, s: { cookie: string; csrf: string }) =>
      fetch(`${base}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': `crash-test-${i.toString().padStart(4, '0')}` },
        body: body(i),
      });

    const acknowledged = new Map<number, string>();
    const sent: number[] = [];
    let next = 0;
    let killed = false;
    let failure: Error | null = null;
    const worker = async () => {
      while (!killed && !failure && next < 400) {
        const i = next++;
        sent.push(i);
        try {
          const res = await submit(i, session);
          if (res.status === 201) acknowledged.set(i, ((await res.json()) as { caseNo: string }).caseNo);
          else if (!killed) failure = new Error(`unexpected ${res.status}: ${await res.text()}`);
        } catch (err) {
          if (!killed) failure = err as Error;
        }
      }
    };
    const workers = Array.from({ length: 12 }, worker);
    // kill once a good number has been acknowledged, while the others are in flight
    while (acknowledged.size < 40 && !failure && next < 400) await new Promise((r) => setTimeout(r, 5));
    if (failure) throw failure;
    killed = true;
    child.kill('SIGKILL');
    await Promise.allSettled(workers);
    await exitOf(child);
    expect(acknowledged.size).toBeGreaterThanOrEqual(40);

    child = await start();
    // What is stored after the crash and restart.
    const dbh = openDatabase({ dataDir, sqliteFile: path.join(dataDir, 'bianmin.sqlite'), databaseUrl });
    try {
      const { db } = dbh;
      const count = (n: { n: unknown } | undefined) => Number(n?.n ?? 0);
      for (const caseNo of acknowledged.values()) {
        const row = await db.selectFrom('cases').select(['id', 'event_count', 'status']).where('case_no', '=', caseNo).executeTakeFirst();
        expect(row, caseNo).toBeDefined();
        expect(row!.status).toBe('pending_acceptance');
        expect(await db.selectFrom('case_events').select(['seq', 'action']).where('case_id', '=', row!.id).orderBy('seq').execute()).toEqual([{ seq: 1, action: 'submit' }]);
        expect(count(await db.selectFrom('case_materials').select((eb) => eb.fn.countAll().as('n')).where('case_id', '=', row!.id).executeTakeFirst())).toBe(materials.length);
        expect(count(await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('entity_id', '=', row!.id).where('action', '=', 'case.submit').executeTakeFirst())).toBe(1);
      }
      const orphans = await db.selectFrom('cases as c').select((eb) => eb.fn.countAll().as('n'))
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('case_events as e').select('e.seq').whereRef('e.case_id', '=', 'c.id').where('e.seq', '=', 1).where('e.action', '=', 'submit'))))
        .executeTakeFirst();
      expect(count(orphans)).toBe(0);
      const mismatched = await db.selectFrom('cases as c').select((eb) => eb.fn.countAll().as('n'))
        .where((eb) => eb('c.event_count', '<>', eb.selectFrom('case_events as e').select((e) => e.fn.countAll<number>().as('k')).whereRef('e.case_id', '=', 'c.id')))
        .executeTakeFirst();
      expect(count(mismatched)).toBe(0);
      const keys = await db.selectFrom('case_idempotency').select((eb) => eb.fn.countAll().as('n')).where('key', 'like', 'crash-test-%').executeTakeFirst();
      const crashCases = await db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('idempotency_key', 'like', 'crash-test-%').executeTakeFirst();
      expect(count(keys)).toBe(count(crashCases));
    } finally {
      await dbh.close();
    }

    // Retrying everything that was sent: acknowledged ones come back as the same case, the rest are created once.
    session = await login();
    for (const i of sent) {
      const res = await submit(i, session);
      expect([200, 201]).toContain(res.status);
      const { caseNo } = (await res.json()) as { caseNo: string };
      if (acknowledged.has(i)) {
        expect(res.status).toBe(200);
        expect(caseNo).toBe(acknowledged.get(i));
      }
    }
    const after = openDatabase({ dataDir, sqliteFile: path.join(dataDir, 'bianmin.sqlite'), databaseUrl });
    try {
      const n = await after.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('idempotency_key', 'like', 'crash-test-%').executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(new Set(sent).size);
      // signed with the key the server made in DATA_DIR
      expect(await verifyAuditChain(after.db, { key: new DataProtector(findMasterKey(dataDir)!) })).toMatchObject({ ok: true });
    } finally {
      await after.close();
    }
    child.kill('SIGTERM');
    await exitOf(child);
  }, 300_000); // two cold starts of the real server (tsx, demo data) on a machine that may be busy
});
