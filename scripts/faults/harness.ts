/**
 * Kill -9 trials against the real server (tsx src/server/main.ts), shared by the CI test
 * (src/server/modules/cases/crash.test.ts, two trials per engine) and the script
 * (scripts/faults/kill9-trials.ts, twenty). It lives outside src/ so it never reaches dist/.
 *
 * A trial: a fresh DATA_DIR (and, on PostgreSQL, a fresh schema); a burst of window submissions
 * and case actions (受理, 一次性告知补正 and 补正, 审查通过, 决定, 送达) from several clients at once; SIGKILL
 * at a random moment; a restart on the same data; then every write whose answer reached a client
 * is checked to be there whole, nothing half-written is anywhere, the audit chain verifies, and
 * every request sent is retried to show that retries create nothing twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/server/config.js';
import { openDatabase, type Db } from '../../src/server/db/index.js';
import { verifyAuditChain } from '../../src/server/platform/audit.js';
import { DataProtector, findMasterKey } from '../../src/server/platform/crypto.js';
import { createPgSchema } from '../../src/server/testing.js';

export type Engine = 'sqlite' | 'postgres';

/** Where a server under test keeps its data. */
export interface Target {
  dataDir: string;
  /** PostgreSQL: the URL of a schema of its own; undefined on SQLite */
  databaseUrl?: string;
}

export async function freshTarget(engine: Engine, baseUrl?: string): Promise<Target> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bm-faults-'));
  if (engine === 'sqlite') return { dataDir };
  if (!baseUrl) throw new Error('PostgreSQL trials need TEST_DATABASE_URL (or DATABASE_URL)');
  return { dataDir, databaseUrl: (await createPgSchema(baseUrl)).url };
}

export const removeTarget = (t: Target): void => rmSync(t.dataDir, { recursive: true, force: true });

export const openTarget = (t: Target) => openDatabase({ dataDir: t.dataDir, sqliteFile: path.join(t.dataDir, 'bianmin.sqlite'), databaseUrl: t.databaseUrl });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A real server process on `port`; resolves once /api/health answers 200 (at most `startMs`). */
export async function startServer(t: Target, port: number, opts: { startMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: t.dataDir, LOG_LEVEL: 'warn', SERVE_WEB: 'false', SEED_DEMO_HISTORY: 'false', ...opts.env };
  delete env.DATABASE_URL;
  if (t.databaseUrl) env.DATABASE_URL = t.databaseUrl;
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'src/server/main.ts')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => { stderr = (stderr + String(d)).slice(-20_000); });
  const deadline = Date.now() + (opts.startMs ?? 120_000);
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) })).ok) return proc;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  proc.kill('SIGKILL');
  throw new Error(`server did not answer /api/health within ${opts.startMs ?? 120_000} ms: ${stderr}`);
}

/** Resolves when the process has exited — also when it already has (the 'exit' event fires once). */
export function exitOf(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once('exit', () => resolve()));
}

/** SIGTERM, then SIGKILL if it has not exited within `ms`. */
export async function stopServer(proc: ChildProcess | null, ms = 15_000): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), ms);
  await exitOf(proc);
  clearTimeout(timer);
}

export interface Session { cookie: string; csrf: string }

export async function login(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/staff/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo@2026' }), signal: AbortSignal.timeout(30_000),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('bm_csrf='))!.slice('bm_csrf='.length);
  return { cookie: cookies.join('; '), csrf };
}

const post = (base: string, url: string, s: Session, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${url}`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000),
  });

// 高龄津贴（申领） at 钢山街道, from the demonstration catalog: every required material on paper
const ITEM = '37050100700001';
const REGION = '370883001';

interface Material { materialId: string; source: 'paper'; checkedOriginal: true; copies: 1 }

async function paperMaterials(base: string): Promise<Material[]> {
  const guide = await (await fetch(`${base}/api/v1/items/${ITEM}?region=${REGION}`)).json() as { materials: { id: string; necessityCode: string; conditional: boolean }[] };
  return guide.materials.filter((m) => m.necessityCode === 'required' && !m.conditional).map((m) => ({ materialId: m.id, source: 'paper', checkedOriginal: true, copies: 1 }));
}

const submission = (i: number, materials: Material[]) => ({
  itemCode: ITEM, regionCode: REGION, materials, declaration: true, situationAnswers: { proxy: 'self' },
  formData: { address: { regionCode: REGION, regionName: '钢山街道', detail: `建设路 ${i} 号` }, bankName: 'rcb', accountNo: '6228480319876543210', contactPhone: '13800000001' },
  applicant: { name: '张秀英', idNumber: '370883195603124223', phone: '13800000001' },
});

type Who = 'clerk' | 'approver';
interface Step { action: string; who: Who; body: Record<string, unknown> }

/**
 * The actions a case goes through after its submission. Every other case is first sent back for
 * more materials (一次性告知补正) and handed in again (补正) at the window.
 */
function pathOf(i: number, first: Material): Step[] {
  const correction: Step[] = i % 2 === 0 ? [] : [
    { action: 'request-correction', who: 'clerk', body: { items: [{ materialId: first.materialId, reason: '复印件不清晰，请重新提供' }] } },
    { action: 'resubmit', who: 'clerk', body: { opinion: '已补正', materials: [first] } },
  ];
  return [
    ...correction,
    { action: 'accept', who: 'clerk', body: { opinion: '材料齐全' } },
    { action: 'approve', who: 'approver', body: { opinion: '审查通过' } },
    { action: 'approve', who: 'approver', body: { opinion: '准予许可' } },
    { action: 'deliver', who: 'clerk', body: { method: 'pickup' } },
  ];
}

/** What the clients sent and what answers reached them. */
export interface Ledger {
  prefix: string;
  /** submission index → its case, if its 201 arrived */
  cases: Map<number, { id: string; caseNo: string; acked: string[] }>;
  /** every submission index sent */
  sent: number[];
  /** actions sent, acknowledged or not: for the retries */
  actions: { i: number; step: Step; version: number; acked: boolean }[];
  acknowledgedWrites: number;
}

export interface TrialOptions {
  engine: Engine;
  port: number;
  /** the trial's number, part of every Idempotency-Key */
  trial: number;
  baseUrl?: string;
  /** clients sending at once */
  clients?: number;
  /** SIGKILL once this many writes were acknowledged (a random number in the range) */
  killAfter?: [min: number, max: number];
  random?: () => number;
  /** leave the data directory for inspection */
  keep?: boolean;
  /**
   * Start on this server (the one a previous trial restarted) instead of a fresh one, and leave
   * the restarted server running for the next: the CI test chains its trials so that two cost
   * three cold starts, not four.
   */
  on?: Running;
  leaveRunning?: boolean;
}

export interface Running { target: Target; proc: ChildProcess }

export interface TrialResult {
  ok: boolean;
  problems: string[];
  acknowledgedSubmissions: number;
  acknowledgedActions: number;
  sentSubmissions: number;
  retriedActions: number;
  ms: number;
  killedAfterMs: number;
  /** where the time went: first start, burst, restart, checks, retries (ms) */
  phases: Record<string, number>;
  dataDir: string;
  /** with leaveRunning: the restarted server */
  running?: Running;
}

export async function runTrial(o: TrialOptions): Promise<TrialResult> {
  const started = performance.now();
  const random = o.random ?? Math.random;
  const base = `http://127.0.0.1:${o.port}`;
  const target = o.on?.target ?? await freshTarget(o.engine, o.baseUrl);
  const problems: string[] = [];
  const ledger: Ledger = { prefix: `kill9-t${o.trial}-`, cases: new Map(), sent: [], actions: [], acknowledgedWrites: 0 };
  let proc: ChildProcess | null = null;
  let killedAfterMs = 0;
  let retriedActions = 0;
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - mark);
    mark = now;
  };
  try {
    proc = o.on?.proc ?? await startServer(target, o.port);
    phase('start');
    const sessions: Record<Who, Session> = { clerk: await login(base, 'gangshan.clerk'), approver: await login(base, 'gangshan.approver') };
    const materials = await paperMaterials(base);
    const key = (i: number) => `${ledger.prefix}${i.toString().padStart(4, '0')}`;

    const [min, max] = o.killAfter ?? [30, 120];
    const killAt = min + Math.floor(random() * (max - min + 1));
    let killed = false;
    let failure: Error | null = null;
    let next = 0;
    const burstStarted = performance.now();
    const client = async () => {
      while (!killed && !failure && next < 2000) {
        const i = next++;
        ledger.sent.push(i);
        try {
          const res = await post(base, '/api/v1/cases', sessions.clerk, submission(i, materials), { 'idempotency-key': key(i) });
          if (res.status !== 201) {
            if (!killed) failure = new Error(`submission ${i}: unexpected ${res.status} ${await res.text()}`);
            return;
          }
          const { id, caseNo } = (await res.json()) as { id: string; caseNo: string };
          const c = { id, caseNo, acked: ['submit'] };
          ledger.cases.set(i, c);
          ledger.acknowledgedWrites++;
          let version = 1;
          // A case goes part of its way (or all of it) before the client starts the next one, so
          // the kill finds cases at every status.
          const steps = pathOf(i, materials[0]!).slice(0, 1 + Math.floor(random() * 6));
          for (const step of steps) {
            if (killed || failure) return;
            const sent = { i, step, version, acked: false };
            ledger.actions.push(sent);
            const r = await post(base, `/api/v1/cases/${id}/actions/${step.action}`, sessions[step.who], { ...step.body, version });
            if (r.status !== 200) {
              if (!killed) failure = new Error(`${step.action} on ${caseNo}: unexpected ${r.status} ${await r.text()}`);
              return;
            }
            version = ((await r.json()) as { version: number }).version;
            sent.acked = true;
            c.acked.push(step.action);
            ledger.acknowledgedWrites++;
          }
        } catch (err) {
          if (!killed) failure = err as Error;
          return;
        }
      }
    };
    const clients = Array.from({ length: o.clients ?? 8 }, client);
    const burstDeadline = Date.now() + 120_000;
    while (ledger.acknowledgedWrites < killAt && !failure && next < 2000 && Date.now() < burstDeadline) await sleep(2);
    if (failure) throw failure;
    killed = true;
    proc.kill('SIGKILL');
    killedAfterMs = Math.round(performance.now() - burstStarted);
    await Promise.allSettled(clients);
    await exitOf(proc);
    phase('burst');

    proc = await startServer(target, o.port);
    phase('restart');
    problems.push(...await checkStore(target, ledger, materials.length));
    phase('check');

    // Retries. Every submission again with its key: an acknowledged one answers 200 with the same
    // case, the rest are created now, once. Every action again with the version it was sent with:
    // one that was applied (acknowledged or not) is refused as stale, one that was not is applied.
    const s2: Record<Who, Session> = { clerk: await login(base, 'gangshan.clerk'), approver: await login(base, 'gangshan.approver') };
    for (const i of ledger.sent) {
      const res = await post(base, '/api/v1/cases', s2.clerk, submission(i, materials), { 'idempotency-key': key(i) });
      const acked = ledger.cases.get(i);
      if (![200, 201].includes(res.status)) { problems.push(`retry of submission ${i}: ${res.status} ${await res.text()}`); continue; }
      const { caseNo } = (await res.json()) as { caseNo: string };
      if (acked && (res.status !== 200 || caseNo !== acked.caseNo)) problems.push(`retry of acknowledged submission ${i} (${acked.caseNo}) answered ${res.status} ${caseNo}`);
    }
    const before = await eventCounts(target, ledger);
    for (const a of ledger.actions) {
      const c = ledger.cases.get(a.i)!;
      const res = await post(base, `/api/v1/cases/${c.id}/actions/${a.step.action}`, s2[a.step.who], { ...a.step.body, version: a.version });
      retriedActions++;
      if (a.acked && res.status !== 409) problems.push(`retry of acknowledged ${a.step.action} on ${c.caseNo} (version ${a.version}) answered ${res.status}, not 409`);
      if (res.status === 200) before.set(c.id, (before.get(c.id) ?? 0) + 1);
      else if (res.status !== 409) problems.push(`retry of ${a.step.action} on ${c.caseNo}: ${res.status} ${await res.text()}`);
    }
    const after = await eventCounts(target, ledger);
    for (const [id, n] of before) if (after.get(id) !== n) problems.push(`case ${id}: ${after.get(id)} events after the retries, expected ${n}`);

    const dbh = openTarget(target);
    try {
      const n = await dbh.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('idempotency_key', 'like', `${ledger.prefix}%`).executeTakeFirstOrThrow();
      if (Number(n.n) !== new Set(ledger.sent).size) problems.push(`${n.n} cases after retrying ${new Set(ledger.sent).size} submissions`);
      problems.push(...await wholeness(dbh.db, ledger.prefix));
      const chain = await verifyAuditChain(dbh.db, { key: new DataProtector(findMasterKey(target.dataDir)!) });
      if (!chain.ok) problems.push(`audit chain after the retries: ${JSON.stringify(chain)}`);
    } finally {
      await dbh.close();
    }
    phase('retries');
  } catch (err) {
    problems.push(`trial failed: ${(err as Error).stack ?? String(err)}`);
  } finally {
    const alive = !!proc && proc.exitCode === null && proc.signalCode === null;
    if (alive && !(o.leaveRunning && problems.length === 0)) await stopServer(proc);
    if (!o.keep && problems.length === 0 && !o.leaveRunning) removeTarget(target);
  }
  const acknowledgedSubmissions = ledger.cases.size;
  return {
    ok: problems.length === 0, problems, acknowledgedSubmissions, acknowledgedActions: ledger.acknowledgedWrites - acknowledgedSubmissions,
    sentSubmissions: ledger.sent.length, retriedActions, phases, ms: Math.round(performance.now() - started), killedAfterMs, dataDir: target.dataDir,
    running: o.leaveRunning && problems.length === 0 && proc ? { target, proc } : undefined,
  };
}

async function eventCounts(t: Target, ledger: Ledger): Promise<Map<string, number>> {
  const dbh = openTarget(t);
  try {
    const rows = await dbh.db.selectFrom('cases').select(['id', 'event_count']).where('idempotency_key', 'like', `${ledger.prefix}%`).execute();
    return new Map(rows.map((r) => [r.id, Number(r.event_count)]));
  } finally {
    await dbh.close();
  }
}

/**
 * After the crash and restart: each acknowledged case is there, its events begin with the
 * acknowledged actions in order (and at most the one action in flight at the kill after them),
 * its materials are there; and nothing anywhere is half-written.
 */
export async function checkStore(t: Target, ledger: Ledger, materialCount: number): Promise<string[]> {
  const problems: string[] = [];
  const dbh = openTarget(t);
  try {
    const { db } = dbh;
    for (const [i, c] of ledger.cases) {
      const row = await db.selectFrom('cases').select(['id', 'case_no', 'status', 'event_count']).where('id', '=', c.id).executeTakeFirst();
      if (!row) { problems.push(`acknowledged case ${c.caseNo} (submission ${i}) is missing`); continue; }
      const actions = (await db.selectFrom('case_events').select('action').where('case_id', '=', c.id).orderBy('seq').execute()).map((e) => e.action);
      const inFlight = ledger.actions.some((a) => a.i === i && !a.acked);
      const prefixOk = c.acked.every((a, k) => actions[k] === a);
      if (!prefixOk || actions.length < c.acked.length || actions.length > c.acked.length + (inFlight ? 1 : 0)) {
        problems.push(`case ${c.caseNo}: events ${actions.join(',')} but acknowledged ${c.acked.join(',')}${inFlight ? ' (+1 in flight)' : ''}`);
      }
      const live = await db.selectFrom('case_materials').select((eb) => eb.fn.countAll().as('n')).where('case_id', '=', c.id).where('superseded', '=', 0).executeTakeFirst();
      if (Number(live?.n ?? 0) !== materialCount) problems.push(`case ${c.caseNo}: ${live?.n} current materials, expected ${materialCount}`);
    }
    problems.push(...await wholeness(db, ledger.prefix));
    const chain = await verifyAuditChain(db, { key: new DataProtector(findMasterKey(t.dataDir)!) });
    if (!chain.ok) problems.push(`audit chain after the crash: ${JSON.stringify(chain)}`);
    const keys = await db.selectFrom('case_idempotency').select((eb) => eb.fn.countAll().as('n')).where('key', 'like', `${ledger.prefix}%`).executeTakeFirst();
    const keyed = await db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('idempotency_key', 'like', `${ledger.prefix}%`).executeTakeFirst();
    if (Number(keys?.n) !== Number(keyed?.n)) problems.push(`${keys?.n} idempotency keys for ${keyed?.n} keyed cases`);
  } finally {
    await dbh.close();
  }
  return problems;
}

/**
 * Every case of the trial is whole: events numbered 1..event_count without a gap, the first a
 * submission, the status that of its last event, and one audit entry per event (same actions).
 */
export async function wholeness(db: Db, prefix: string): Promise<string[]> {
  const problems: string[] = [];
  const cases = await db.selectFrom('cases').select(['id', 'case_no', 'status', 'event_count']).where('idempotency_key', 'like', `${prefix}%`).execute();
  for (const c of cases) {
    const events = await db.selectFrom('case_events').select(['seq', 'action', 'to_status']).where('case_id', '=', c.id).orderBy('seq').execute();
    const seqs = events.map((e) => Number(e.seq));
    if (seqs.some((s, k) => s !== k + 1)) problems.push(`case ${c.case_no}: event seqs ${seqs.join(',')}`);
    if (events.length !== Number(c.event_count)) problems.push(`case ${c.case_no}: event_count ${c.event_count}, ${events.length} events`);
    if (events[0]?.action !== 'submit') problems.push(`case ${c.case_no}: first event ${events[0]?.action ?? 'none'}`);
    const last = events.at(-1);
    if (last && last.to_status !== c.status) problems.push(`case ${c.case_no}: status ${c.status}, last event says ${last.to_status}`);
    const audit = (await db.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).where('action', 'like', 'case.%').execute()).map((a) => a.action).sort();
    const expected = events.map((e) => `case.${e.action}`).sort();
    if (audit.join() !== expected.join()) problems.push(`case ${c.case_no}: audit ${audit.join(',')} for events ${expected.join(',')}`);
  }
  return problems;
}
