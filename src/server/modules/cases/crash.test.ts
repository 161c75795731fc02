/**
 * Crash safety: the real server (SQLite, WAL) is killed with SIGKILL in the middle of a burst of
 * window submissions, then restarted on the same DATA_DIR. Every case whose 201 reached the client
 * is there whole (case row, its submit event, its materials, its audit entry); no case exists
 * without its submit event; retrying every request with its Idempotency-Key creates each
 * unacknowledged case at most once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { openDatabase } from '../../db/index.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'bm-crash-'));
const port = 34000 + Math.floor(Math.random() * 2000);
const base = `http://127.0.0.1:${port}`;
let child: ChildProcess | null = null;

async function start(): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SERVE_WEB: 'false' };
  delete env.DATABASE_URL;
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

// The server under test always runs on SQLite (its own DATA_DIR), so the PostgreSQL run of the suite skips it.
describe.skipIf(process.env.TEST_DB === 'postgres')('kill -9 during a burst of submissions', () => {
  it('keeps every acknowledged case whole and no half-written case', async () => {
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
    // What is on disk after the crash and restart.
    const db = new SQLite(path.join(dataDir, 'bianmin.sqlite'), { readonly: true });
    try {
      for (const caseNo of acknowledged.values()) {
        const row = db.prepare('select id, event_count, status from cases where case_no = ?').get(caseNo) as { id: string; event_count: number; status: string } | undefined;
        expect(row, caseNo).toBeDefined();
        expect(row!.status).toBe('pending_acceptance');
        const events = db.prepare('select seq, action from case_events where case_id = ? order by seq').all(row!.id) as { seq: number; action: string }[];
        expect(events).toEqual([{ seq: 1, action: 'submit' }]);
        expect((db.prepare('select count(*) as n from case_materials where case_id = ?').get(row!.id) as { n: number }).n).toBe(materials.length);
        expect((db.prepare("select count(*) as n from audit_log where entity_id = ? and action = 'case.submit'").get(row!.id) as { n: number }).n).toBe(1);
      }
      const orphans = db.prepare("select count(*) as n from cases c where not exists (select 1 from case_events e where e.case_id = c.id and e.seq = 1 and e.action = 'submit')").get() as { n: number };
      expect(orphans.n).toBe(0);
      const mismatched = db.prepare('select count(*) as n from cases c where c.event_count <> (select count(*) from case_events e where e.case_id = c.id)').get() as { n: number };
      expect(mismatched.n).toBe(0);
      const keys = db.prepare("select count(*) as n from case_idempotency where key like 'crash-test-%'").get() as { n: number };
      const crashCases = db.prepare("select count(*) as n from cases where idempotency_key like 'crash-test-%'").get() as { n: number };
      expect(keys.n).toBe(crashCases.n);
    } finally {
      db.close();
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
    const dbh = openDatabase({ dataDir, sqliteFile: path.join(dataDir, 'bianmin.sqlite') });
    try {
      const n = await dbh.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('idempotency_key', 'like', 'crash-test-%').executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(new Set(sent).size);
      expect((await verifyAuditChain(dbh.db)).ok).toBe(true);
    } finally {
      await dbh.close();
    }
    child.kill('SIGTERM');
    await exitOf(child);
  }, 300_000); // two cold starts of the real server (tsx, demo data) on a machine that may be busy
});
