/**
 * PostgreSQL unreachable, and PostgreSQL restarted, without touching the shared cluster: the app
 * reaches PostgreSQL through a TCP proxy in this test. Cutting the proxy (listener closed, every
 * connection reset) is an unreachable server; pg_terminate_backend() on the app's connections is
 * what a restart does to them. During the outage every request answers 503 DATABASE_UNAVAILABLE
 * with a Chinese message (never a 500), /api/health answers 503, and once PostgreSQL is back the
 * same app answers again by itself within RECOVERY_MS (docs/RELIABILITY.md "Faults").
 */
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgSchema, createTestApp, TestClient, testEngine, type TestApp } from '../testing.js';

/** The documented bound: PostgreSQL back → the app answering again. */
const RECOVERY_MS = 5_000;
/** What a request may take to fail during an outage: an answer, not a hang. */
const ANSWER_MS = 5_000;
const PORT = 41200 + Math.floor(Math.random() * 100);

/** node:net in the middle: forwards every connection to PostgreSQL until it is cut. */
class TcpProxy {
  private server: net.Server | null = null;
  /** client side → PostgreSQL side */
  private readonly pairs = new Map<net.Socket, net.Socket>();
  constructor(private readonly port: number, private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      this.pairs.set(client, upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(client);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.port, '127.0.0.1', () => resolve()));
    this.server = server;
  }

  /** PostgreSQL unreachable: new connections are refused, open ones reset. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const [client, upstream] of this.pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.pairs.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The PostgreSQL-side ports of the app's connections, as pg_stat_activity.client_port shows them. */
  upstreamPorts(): number[] {
    return [...this.pairs.values()].map((s) => s.localPort).filter((p): p is number => typeof p === 'number');
  }
}

const engine = testEngine();
const baseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(engine !== 'postgres')('PostgreSQL unreachable or restarted (PostgreSQL only: SQLite has no server to lose)', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let clerk: TestClient;

  beforeAll(async () => {
    const schema = new URL((await createPgSchema(baseUrl!)).url);
    proxy = new TcpProxy(PORT, { host: schema.hostname, port: Number(schema.port || 5432) });
    await proxy.open();
    schema.hostname = '127.0.0.1';
    schema.port = String(PORT);
    t = await createTestApp({ config: { databaseUrl: schema.toString(), databaseWaitMs: 3_000 } });
    clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  }, 120_000);

  afterAll(async () => {
    await proxy?.cut();
    await t?.close().catch(() => undefined);
  });

  /** Polls `ok` every 100 ms; the time it took, or a failure after `ms`. */
  async function recovers(ok: () => Promise<boolean>, ms: number): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < ms) {
      if (await ok()) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`not recovered within ${ms} ms`);
  }

  const queueAnswers = async () => (await clerk.get('/api/v1/cases')).statusCode === 200;

  it('answers 503 DATABASE_UNAVAILABLE while PostgreSQL cannot be reached, and recovers by itself', async () => {
    expect(await queueAnswers()).toBe(true);
    await proxy.cut();
    // a window submission (高龄津贴 at 钢山街道): a write that reaches the database before any other check
    const write = () => clerk.post('/api/v1/cases', {
      itemCode: '37050100700001', regionCode: '370883001', materials: [], declaration: true, situationAnswers: { proxy: 'self' },
      formData: { address: { regionCode: '370883001', regionName: '钢山街道', detail: '建设路 1 号' }, bankName: 'rcb', accountNo: '6228480319876543210', contactPhone: '13800000001' },
      applicant: { name: '张秀英', idNumber: '370883195603124223', phone: '13800000001' },
    });
    for (const send of [() => clerk.get('/api/v1/cases'), () => clerk.get('/api/v1/cases/status-counts'), write]) {
      const started = performance.now();
      const res = await send();
      expect(performance.now() - started).toBeLessThan(ANSWER_MS);
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json().error.code).toBe('DATABASE_UNAVAILABLE');
      expect(res.json().error.message).toMatch(/数据库/);
      expect(res.headers['retry-after']).toBe('5');
    }
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json().status).toBe('unavailable');

    await proxy.open();
    const took = await recovers(queueAnswers, RECOVERY_MS);
    expect(took).toBeLessThan(RECOVERY_MS);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  }, 60_000);

  it('answers 503 (never 500) when its connections are terminated, as by a restart, and recovers by itself', async () => {
    await proxy.open().catch(() => undefined); // open again if the test before failed while it was cut
    expect(await queueAnswers()).toBe(true);
    // Requests in flight when the backends go: each answers, as 200 or 503 DATABASE_UNAVAILABLE.
    const inFlight = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? clerk.get('/api/v1/cases/status-counts') : clerk.get('/api/v1/cases')));
    await new Promise((r) => setTimeout(r, 5));
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where client_port = any($1::int[]) and pid <> pg_backend_pid()', [proxy.upstreamPorts()]);
      expect(rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    for (const res of await Promise.all(inFlight)) {
      expect([200, 503], res.body).toContain(res.statusCode);
      if (res.statusCode === 503) expect(res.json().error.code).toMatch(/^DATABASE_(UNAVAILABLE|BUSY)$/);
    }
    // The pool's idle connections were terminated too: they are replaced, not handed out dead.
    const took = await recovers(queueAnswers, RECOVERY_MS);
    expect(took).toBeLessThan(RECOVERY_MS);
    const statuses = await Promise.all(Array.from({ length: 10 }, () => clerk.get('/api/v1/cases').then((r) => r.statusCode)));
    expect(statuses).toEqual(Array(10).fill(200));
  }, 60_000);
});
