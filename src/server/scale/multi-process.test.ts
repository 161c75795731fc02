/**
 * Several app processes on one PostgreSQL (issue 18): three real servers (tsx src/server/main.ts)
 * on one fresh schema with the same DATA_KEY, mixed load round-robin across them, then the
 * invariants OPERATIONS.md "Scale-out" promises: case numbers unique and gap-free per place and
 * day, one intact audit chain, every SMS handed to the gateway exactly once, and sign-out, a
 * disabled account, a removed grant, form settings and notice templates seen by the other
 * processes within their documented bounds. PostgreSQL only: SQLite is one file on one machine.
 *
 * The gateway is the product's default (the log): each hand-over is one `sms written to outbox`
 * line on the process's stdout, so counting those lines per message id shows a double send.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mkdtempSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import { openDatabase } from '../db/index.js';
import { verifyAuditChain } from '../platform/audit.js';
import { DataProtector } from '../platform/crypto.js';
import { createPgSchema, testEngine } from '../testing.js';

const onPostgres = testEngine() === 'postgres';
const PORTS = [42101, 42102, 42103];
/** seconds of mixed load at most (less when the starts were slow: see loadSeconds); CI's 30, a by-hand run 60 */
const LOAD_SECONDS = Math.min(60, Number(process.env.SCALE_LOAD_SECONDS ?? 30));
const ITEM = '37050100700001'; // 高龄津贴（申领）, every required material on paper
const dataKey = randomBytes(32).toString('hex');

interface Server {
  name: string;
  port: number;
  base: string;
  proc: ChildProcess;
  /** stdout lines parsed as JSON (pino) */
  logs: Record<string, unknown>[];
  stderr: string;
}

const servers: Server[] = [];

afterAll(async () => {
  for (const s of servers) if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGTERM');
  await Promise.all(servers.map((s) => exitWithin(s.proc, 12_000)));
  for (const s of servers) if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGKILL');
}, 30_000);

function exitWithin(proc: ChildProcess, ms: number): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    proc.once('exit', () => { clearTimeout(t); resolve(); });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process in MiB (Linux), for docs/SCALING.md; null elsewhere. */
function rssMiB(pid: number | undefined): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** The schema's tables with their indexes, in MiB, and the row counts docs/SCALING.md quotes. */
async function footprint(db: ReturnType<typeof openDatabase>['db']) {
  const size = await sql<{ bytes: string }>`select coalesce(sum(pg_total_relation_size(c.oid)), 0)::text as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'`.execute(db);
  const rows: Record<string, number> = {};
  for (const table of ['regions', 'staff_users', 'citizens', 'catalog_items', 'impl_lists', 'cases', 'case_events', 'audit_log', 'sms_outbox', 'sessions', 'venues'] as const) {
    rows[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  }
  return { mib: Math.round(Number(size.rows[0]!.bytes) / 104857.6) / 10, rows };
}

async function startServer(name: string, port: number, databaseUrl: string): Promise<Server> {
  const env: NodeJS.ProcessEnv = {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: mkdtempSync(path.join(tmpdir(), `bm-scale-${name}-`)),
    DATABASE_URL: databaseUrl, DATA_KEY: dataKey, LOG_LEVEL: 'info', SERVE_WEB: 'false', SEED_DEMO_HISTORY: 'false',
    // the load comes from one machine; each simulated client sends its own address through the "proxy"
    TRUST_PROXY: '127.0.0.1',
  };
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'src/server/main.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const server: Server = { name, port, base: `http://127.0.0.1:${port}`, proc, logs: [], stderr: '' };
  servers.push(server);
  let pending = '';
  proc.stdout!.on('data', (d) => {
    pending += String(d);
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try { server.logs.push(JSON.parse(line) as Record<string, unknown>); } catch { /* a banner line */ }
    }
  });
  proc.stderr!.on('data', (d) => { server.stderr += String(d); });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`${name} exited: ${server.stderr}`);
    try {
      if ((await fetch(`${server.base}/api/health`, { signal: AbortSignal.timeout(2000) })).ok) return server;
    } catch { /* not listening yet */ }
    await sleep(150);
  }
  throw new Error(`${name} did not start within 90 s: ${server.stderr}`);
}

/**
 * A response body as the test reads it: many shapes of many routes, checked by the assertions
 * that read them (the routes' own tests check the contracts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/** A cookie jar with the CSRF header, over fetch; every request has a 15 s bound. */
class Client {
  private cookies = new Map<string, string>();
  constructor(readonly ip: string) {}
  /** another client holding the same cookies */
  copy(ip: string): Client {
    const other = new Client(ip);
    other.cookies = new Map(this.cookies);
    return other;
  }
  async req(base: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Body }> {
    const h: Record<string, string> = { 'x-forwarded-for': this.ip, ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('bm_csrf');
    if (csrf && method !== 'GET') h['x-csrf-token'] = csrf;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(`${base}${url}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const k = pair!.slice(0, eq).trim();
      const v = pair!.slice(eq + 1).trim();
      const cleared = v === '' || attrs.some((a) => /max-age=0\b/i.test(a.trim()));
      if (cleared) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    const text = await res.text();
    let json: Body = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = text; }
    return { status: res.status, json };
  }
  async loginStaff(base: string, username: string, password = 'Demo@2026'): Promise<this> {
    const r = await this.req(base, 'POST', '/api/v1/auth/staff/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.json)}`);
    return this;
  }
}

const applicants = [
  { name: '张秀英', idNumber: '370883195603124223', phone: '13800000001' },
  { name: '李建国', idNumber: '370883198807151016', phone: '13800000002' },
  { name: '王桂兰', idNumber: '370883194811204522', phone: '13800000003' },
];

describe.skipIf(!onPostgres)('three app processes on one PostgreSQL (PostgreSQL only: SQLite is one file on one machine, not shared by several app processes)', () => {
  it('keeps case numbers, the audit chain, SMS and permission changes right under mixed load', async () => {
    const started = Date.now();
    const phase = (what: string) => process.stderr.write(`[multi-process ${Math.round((Date.now() - started) / 1000)} s] ${what}\n`);
    const databaseUrl = (await createPgSchema(process.env.TEST_DATABASE_URL!)).url;
    // The first seeds the demo; the other two start together after it (a restart of a fleet).
    const a = await startServer('A', PORTS[0]!, databaseUrl);
    const [b, c] = await Promise.all([startServer('B', PORTS[1]!, databaseUrl), startServer('C', PORTS[2]!, databaseUrl)]);
    const fleet = [a, b, c];
    const startupMs = Date.now() - started;
    const listening = fleet.map((s) => s.logs.find((l) => l.msg === '便民 is listening'));
    expect(listening.map((l) => l?.seeded)).toEqual([true, false, false]);

    const measure = openDatabase({ dataDir: tmpdir(), databaseUrl });
    const afterSeed = await footprint(measure.db).finally(() => measure.close());
    const admin = await new Client('10.1.0.1').loginStaff(a.base, 'admin');
    const guide = (await admin.req(a.base, 'GET', `/api/v1/items/${ITEM}?region=370883001`)).json as { materials: { id: string; necessityCode: string; conditional: boolean }[] };
    const materials = guide.materials.filter((m) => m.necessityCode === 'required' && !m.conditional).map((m) => ({ materialId: m.id, source: 'paper', checkedOriginal: true, copies: 1 }));
    const submission = (region: { code: string; name: string }, i: number) => {
      const who = applicants[i % applicants.length]!;
      return {
        itemCode: ITEM, regionCode: region.code, materials, declaration: true, situationAnswers: { proxy: 'self' },
        formData: { address: { regionCode: region.code, regionName: region.name, detail: `建设路 ${i} 号` }, bankName: 'rcb', accountNo: '6228480319876543210', contactPhone: who.phone },
        applicant: who,
      };
    };

    // ---- mixed load, round-robin over the processes ----
    const stats = { submitted: 0, retried: 0, accepted: 0, searches: 0, guides: 0, staffSignIns: 0, citizenSignIns: 0, errors: [] as string[] };
    const acknowledged = new Map<string, string>(); // idempotency key → case number
    let turn = 0;
    const nextServer = () => fleet[turn++ % fleet.length]!;
    // The file must end within 150 s however slow the starts were: the load gets what is left of
    // 95 s after them (at least 10 s), the rest is kept for the checks.
    const loadSeconds = Math.max(10, Math.min(LOAD_SECONDS, Math.floor((95_000 - startupMs) / 1000)));
    phase(`started in ${startupMs} ms; ${loadSeconds} s of load`);
    const loadEnds = Date.now() + loadSeconds * 1000;
    const note = (what: string, r: { status: number; json: unknown }) => {
      if (stats.errors.length < 20) stats.errors.push(`${what}: ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
    };

    const windowWorker = async (username: string, region: { code: string; name: string }, ip: string) => {
      const clerk = await new Client(ip).loginStaff(nextServer().base, username);
      let i = 0;
      while (Date.now() < loadEnds) {
        const key = `scale-${username}-${ip}-${(i++).toString().padStart(5, '0')}`;
        const r = await clerk.req(nextServer().base, 'POST', '/api/v1/cases', submission(region, i), { 'idempotency-key': key });
        if (r.status !== 201) { note('submit', r); continue; }
        stats.submitted++;
        acknowledged.set(key, r.json.caseNo as string);
        // Every fifth is sent again to another process, as a client whose answer was lost would.
        if (i % 5 === 0) {
          const again = await clerk.req(nextServer().base, 'POST', '/api/v1/cases', submission(region, i), { 'idempotency-key': key });
          if (again.status !== 200 || again.json.caseNo !== r.json.caseNo) note('retry', again);
          else stats.retried++;
        }
      }
    };
    const acceptWorker = async () => {
      const clerk = await new Client('10.2.0.1').loginStaff(nextServer().base, 'gangshan.clerk');
      while (Date.now() < loadEnds) {
        const list = await clerk.req(nextServer().base, 'GET', '/api/v1/cases?status=pending_acceptance&pageSize=5');
        const items = (list.json?.items ?? []) as { id: string; regionCode?: string }[];
        if (list.status !== 200) note('list', list);
        if (items.length === 0) { await sleep(200); continue; }
        for (const item of items) {
          const r = await clerk.req(nextServer().base, 'POST', `/api/v1/cases/${item.id}/actions/accept`, { opinion: '材料齐全，予以受理' });
          if (r.status === 200) stats.accepted++;
          // another process (or this worker's previous page) got there first: the state check says so
          else if (r.status !== 409 && r.status !== 403) note('accept', r);
        }
      }
    };
    const publicWorker = async () => {
      const visitor = new Client('10.3.0.1');
      const words = ['高龄', '低保', '出生', '养老', 'gaoling', '残疾'];
      let i = 0;
      while (Date.now() < loadEnds) {
        const r = await visitor.req(nextServer().base, 'GET', `/api/v1/items?q=${encodeURIComponent(words[i++ % words.length]!)}`);
        if (r.status === 200) stats.searches++; else note('search', r);
        const g = await visitor.req(nextServer().base, 'GET', `/api/v1/items/${ITEM}?region=370883001`);
        if (g.status === 200) stats.guides++; else note('guide', g);
      }
    };
    const signInWorker = async () => {
      let i = 0;
      while (Date.now() < loadEnds) {
        // staff: in on one process, out on the next
        const staff = await new Client(`10.4.${i % 200}.${1 + (i % 250)}`).loginStaff(nextServer().base, 'gangshan.approver');
        const out = await staff.req(nextServer().base, 'POST', '/api/v1/auth/logout', {});
        if (out.status === 200) stats.staffSignIns++; else note('logout', out);
        // citizens: a login code (an SMS through the outbox), then in and out on other processes
        const phone = `1390000${(1000 + i).toString()}`;
        const citizen = new Client(`10.5.${Math.floor(i / 250)}.${1 + (i % 250)}`);
        const code = await citizen.req(nextServer().base, 'POST', '/api/v1/auth/citizen/sms-code', { phone });
        if (code.status === 200) {
          const login = await citizen.req(nextServer().base, 'POST', '/api/v1/auth/citizen/login', { phone, code: code.json.demoCode });
          if (login.status === 200) {
            const mine = await citizen.req(nextServer().base, 'GET', '/api/v1/cases/mine');
            if (mine.status !== 200) note('mine', mine);
            await citizen.req(nextServer().base, 'POST', '/api/v1/auth/logout', {});
            stats.citizenSignIns++;
          } else note('citizen login', login);
        } else note('sms-code', code);
        i++;
      }
    };
    const loadStarted = Date.now();
    await Promise.all([
      windowWorker('gangshan.clerk', { code: '370883001', name: '钢山街道' }, '10.6.0.1'),
      windowWorker('gangshan.clerk', { code: '370883001', name: '钢山街道' }, '10.6.0.2'),
      windowWorker('qianquan.clerk', { code: '370883002', name: '千泉街道' }, '10.6.0.3'),
      acceptWorker(), publicWorker(), signInWorker(),
    ]);
    const loadMs = Date.now() - loadStarted;
    const rss = fleet.map((s) => rssMiB(s.proc.pid));
    phase('load done');
    expect(stats.errors).toEqual([]);
    expect(stats.submitted).toBeGreaterThan(0);

    // ---- what other processes see of a change, and when ----
    const probe = async (username: string, grants: { role: string; regionCode: string }[]) => {
      const r = await admin.req(a.base, 'POST', '/api/v1/admin/users', { username, name: '测试员', password: 'Probe@2026x', homeRegionCode: '370883001', grants });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      return r.json.id as string;
    };
    /** ms from the change's answer until B and C both refuse; and that a request sent once the bound has passed is refused */
    const refusalDelay = async (clients: Client[], url: string, refused: (s: number) => boolean, change: () => Promise<void>) => {
      for (const [i, s] of [b, c].entries()) expect((await clients[i]!.req(s.base, 'GET', url)).status).toBe(200);
      await change();
      const t0 = Date.now();
      const seen = await Promise.all([b, c].map(async (s, i) => {
        while (Date.now() - t0 < 5000) {
          if (refused((await clients[i]!.req(s.base, 'GET', url)).status)) return Date.now() - t0;
          await sleep(20);
        }
        return Infinity;
      }));
      return Math.max(...seen);
    };
    const bound = { sessionMs: 1000 };

    // sign-out in A: copies of the session (as a stolen or second-tab cookie would be) sent to B and C
    const outUser = new Client('10.7.0.1');
    await probe('probe.signout', [{ role: 'window_clerk', regionCode: '370883001' }]);
    await outUser.loginStaff(a.base, 'probe.signout', 'Probe@2026x');
    const copies = [outUser.copy('10.7.0.2'), outUser.copy('10.7.0.3')];
    const signOutMs = await refusalDelay(copies, '/api/v1/cases', (s) => s === 401, async () => {
      expect((await outUser.req(a.base, 'POST', '/api/v1/auth/logout', {})).status).toBe(200);
    });

    // a disabled account, in A
    const disabledId = await probe('probe.disabled', [{ role: 'window_clerk', regionCode: '370883001' }]);
    const dis = [await new Client('10.7.0.4').loginStaff(b.base, 'probe.disabled', 'Probe@2026x'), await new Client('10.7.0.5').loginStaff(c.base, 'probe.disabled', 'Probe@2026x')];
    const disableMs = await refusalDelay(dis, '/api/v1/cases', (s) => s === 401 || s === 403, async () => {
      const r = await admin.req(a.base, 'PATCH', `/api/v1/admin/users/${disabledId}`, { active: false });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    });

    // a removed grant, in A
    const grantUserId = await probe('probe.grant', [{ role: 'window_clerk', regionCode: '370883001' }]);
    const gr = [await new Client('10.7.0.6').loginStaff(b.base, 'probe.grant', 'Probe@2026x'), await new Client('10.7.0.7').loginStaff(c.base, 'probe.grant', 'Probe@2026x')];
    const grantMs = await refusalDelay(gr, '/api/v1/cases', (s) => s === 403, async () => {
      const user = await admin.req(a.base, 'GET', `/api/v1/admin/users/${grantUserId}`);
      const grantId = (user.json.roles as { id: string }[])[0]!.id;
      const del = await admin.req(a.base, 'DELETE', `/api/v1/admin/users/${grantUserId}/grants/${grantId}`);
      expect(del.status, JSON.stringify(del.json)).toBe(200);
    });

    // The documented bound itself: a session signed out in A, sent to B and C just after 1 s, is refused.
    const replay = new Client('10.7.0.8');
    await probe('probe.replay', [{ role: 'window_clerk', regionCode: '370883001' }]);
    await replay.loginStaff(a.base, 'probe.replay', 'Probe@2026x');
    const replayCopy = replay.copy('10.7.0.9');
    for (const s of [b, c]) expect((await replayCopy.req(s.base, 'GET', '/api/v1/cases')).status).toBe(200);
    expect((await replay.req(a.base, 'POST', '/api/v1/auth/logout', {})).status).toBe(200);
    await sleep(bound.sessionMs + 50);
    for (const s of [b, c]) expect((await replayCopy.req(s.base, 'GET', '/api/v1/cases')).status).toBe(401);

    phase('session checks done');
    // form settings saved in A, read in B and C (5 s)
    const form = (await admin.req(b.base, 'GET', `/api/v1/items/${ITEM}/form`)).json;
    await admin.req(c.base, 'GET', `/api/v1/items/${ITEM}/form`);
    const saved = await admin.req(a.base, 'PUT', `/api/v1/admin/item-forms/${ITEM}`, { definition: form.definition, preReviewOnline: !form.preReviewOnline, decidedBy: form.decidedBy, version: form.version });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const formT0 = Date.now();
    const formMs = Math.max(...await Promise.all([b, c].map(async (s) => {
      while (Date.now() - formT0 < 8000) {
        if ((await admin.req(s.base, 'GET', `/api/v1/items/${ITEM}/form`)).json.version === saved.json.version) return Date.now() - formT0;
        await sleep(50);
      }
      return Infinity;
    })));

    // a notice template saved in A, used by a submission in B (5 s)
    const templates = (await admin.req(a.base, 'GET', '/api/v1/notification-templates')).json.items as { event: string; channel: string; body: string; title: string }[];
    const submitted = templates.find((t) => t.event === 'case.submitted' && t.channel === 'sms')!;
    const marker = `（多进程测试${randomBytes(3).toString('hex')}）`;
    const tpl = await admin.req(a.base, 'PUT', '/api/v1/notification-templates/case.submitted/sms', { title: submitted.title, body: `${submitted.body}${marker}`, enabled: true });
    expect(tpl.status, JSON.stringify(tpl.json)).toBe(200);
    const tplT0 = Date.now();
    const clerkB = await new Client('10.8.0.1').loginStaff(b.base, 'qianquan.clerk');
    const protector = new DataProtector(Buffer.from(dataKey, 'hex'));
    const dbh = openDatabase({ dataDir: tmpdir(), databaseUrl });
    let templateMs = Infinity;
    try {
      for (let i = 0; Date.now() - tplT0 < 8000; i++) {
        const r = await clerkB.req(b.base, 'POST', '/api/v1/cases', submission({ code: '370883002', name: '千泉街道' }, 90_000 + i), { 'idempotency-key': `scale-template-${i}` });
        expect(r.status).toBe(201);
        const since = new Date(tplT0 - 1000).toISOString();
        const rows = await dbh.db.selectFrom('sms_outbox').select(['body_enc']).where('created_at', '>=', since).execute();
        if (rows.some((row) => protector.decrypt(row.body_enc).includes(r.json.caseNo) && protector.decrypt(row.body_enc).includes(marker))) {
          templateMs = Date.now() - tplT0;
          break;
        }
        await sleep(250);
      }

      phase('cache checks done');
      // ---- let the dispatch jobs drain the outbox, then the invariants ----
      const drainEnds = Date.now() + 20_000;
      const pendingSms = () => dbh.db.selectFrom('sms_outbox').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'queued').executeTakeFirstOrThrow();
      while (Number((await pendingSms()).n) > 0 && Date.now() < drainEnds) await sleep(250);
      const outbox = await dbh.db.selectFrom('sms_outbox').select(['id', 'status', 'attempts']).execute();
      const handOvers = new Map<string, number>();
      const handedBy = new Map<string, number>();
      for (const s of fleet) {
        for (const l of s.logs) {
          if (l.msg !== 'sms written to outbox') continue;
          handOvers.set(l.sms as string, (handOvers.get(l.sms as string) ?? 0) + 1);
          handedBy.set(s.name, (handedBy.get(s.name) ?? 0) + 1);
        }
      }
      const twice = [...handOvers].filter(([, n]) => n > 1);
      const unsent = outbox.filter((o) => o.status !== 'sent');
      const neverHanded = outbox.filter((o) => !handOvers.has(o.id));
      expect(twice).toEqual([]);
      expect(unsent).toEqual([]);
      expect(neverHanded).toEqual([]);
      expect(handOvers.size).toBe(outbox.length);

      // case numbers: unique, and per place and day 1..n without a gap
      const cases = await dbh.db.selectFrom('cases').select(['case_no', 'idempotency_key']).execute();
      const numbers = cases.map((r) => r.case_no);
      expect(new Set(numbers).size).toBe(numbers.length);
      const byDay = new Map<string, number[]>();
      for (const n of numbers) byDay.set(n.slice(0, 20), [...(byDay.get(n.slice(0, 20)) ?? []), Number(n.slice(20))]);
      const gaps = [...byDay].filter(([, seqs]) => {
        const sorted = [...seqs].sort((x, y) => x - y);
        return sorted.some((s, i) => s !== i + 1);
      }).map(([prefix]) => prefix);
      expect(gaps).toEqual([]);
      for (const [key, caseNo] of acknowledged) expect(cases.find((r) => r.idempotency_key === key)?.case_no, key).toBe(caseNo);

      const chain = await verifyAuditChain(dbh.db, { key: protector });
      expect(chain).toMatchObject({ ok: true });

      const report = {
        processes: fleet.length, startupMs, loadSeconds: Math.round(loadMs / 1000), ...stats, errors: stats.errors.length,
        requestsPerSecond: Math.round((stats.submitted * 1 + stats.retried + stats.accepted + stats.searches + stats.guides + stats.staffSignIns * 2 + stats.citizenSignIns * 4) / (loadMs / 1000)),
        cases: numbers.length, auditRows: (chain as { rows?: number }).rows, sms: outbox.length, smsByProcess: Object.fromEntries(handedBy),
        signOutMs, disableMs, grantMs, formMs, templateMs, rssMiB: rss, afterSeed, afterLoad: await footprint(dbh.db), fileMs: Date.now() - started,
      };
      process.stdout.write(`multi-process: ${JSON.stringify(report)}\n`);
      // OPERATIONS.md: sessions 1 s, form settings and templates 5 s. The bound itself is proved by
      // the replayed session above (refused when sent just after 1 s); these measured delays add
      // a poll and a request's time on a machine that may be busy, so they get room beyond it.
      expect(signOutMs).toBeLessThan(bound.sessionMs + 2000);
      expect(disableMs).toBeLessThan(bound.sessionMs + 2000);
      expect(grantMs).toBeLessThan(bound.sessionMs + 2000);
      expect(formMs).toBeLessThan(5000 + 2000);
      expect(templateMs).toBeLessThan(5000 + 3000);
    } finally {
      await dbh.close();
    }
  }, 300_000); // three cold starts (the first seeds the demo: up to ~110 s on a busy machine), the load, the checks
});
