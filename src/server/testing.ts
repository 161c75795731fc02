/**
 * Test support: a real app (same plugins, same migrations) on a fresh database, either an
 * in-memory SQLite or, when TEST_DB=postgres, its own schema in TEST_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from './app.js';
import { createDeps } from './bootstrap.js';
import { loadConfig, type Config } from './config.js';
import { CaseService, type CaseServiceParts } from './modules/cases/index.js';
import { createServices, type ServiceOptions, type Services } from './services.js';
import type { Deps } from './deps.js';
import type { Database } from './db/types.js';
import type { Clock } from './platform/ids.js';
import { ensureCalendar } from './seed/calendar.js';
import { ensureSynonyms, seedDemoCatalog } from './modules/catalog/index.js';
import { seedDemo } from './seed/demo.js';
import { ensureRegions } from './seed/regions.js';

export const testEngine = (): 'sqlite' | 'postgres' => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite');

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-27T02:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceMinutes(m: number): void {
    this.current = new Date(this.current.getTime() + m * 60_000);
  }
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  /** The app's services, as the composition root built them. */
  services: Services;
  clock: TestClock;
  close(): Promise<void>;
}

/**
 * PostgreSQL: a new empty schema (for one test app, or a server under test) and the URL that makes
 * it the connection's search_path. It is left in place when the app closes: Kysely's migrator
 * reads the catalog of every schema in the database, and fails when another test file drops its
 * schema at that moment. `npm test` drops the leftovers before the PostgreSQL run
 * (scripts/drop-test-schemas.mjs).
 */
export async function createPgSchema(baseUrl: string): Promise<{ url: string }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString() };
}

/**
 * seed: demo accounts (default true); catalog: also the demonstration catalogs and every town's
 * and village's published list (default false: it costs time on PostgreSQL); services: options of
 * the composition root (a licence source, a real-name verifier).
 */
export async function createTestApp(opts: { seed?: boolean; catalog?: boolean; config?: Partial<Config>; services?: ServiceOptions } = {}): Promise<TestApp> {
  const clock = new TestClock();
  let databaseUrl: string | undefined;
  if (testEngine() === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
    databaseUrl = (await createPgSchema(base)).url;
  }
  const config: Config = {
    ...loadConfig({ DATA_DIR: '/tmp/bianmin-test-unused', LOG_LEVEL: 'silent' }),
    databaseUrl,
    serveWeb: false,
    // Test files submit far more online applications as one citizen in one (test-clock) day than
    // a person would; the limit's own test sets it back.
    citizenApplicationsPerDay: 10_000,
    // no made-up licences unless a test asks for them (services.licenceLibraries)
    licenceLibrary: 'none',
    ...opts.config,
  };
  const log = pino({ level: 'silent' });
  const deps = await createDeps(config, log, { clock, sqliteFile: ':memory:', masterKey: randomBytes(32) });
  await ensureRegions(deps.dbh.db);
  await deps.regions.load();
  await ensureSynonyms(deps);
  await ensureCalendar(deps);
  await deps.calendar.load();
  if (opts.seed !== false) await seedDemo(deps);
  if (opts.catalog) await seedDemoCatalog(deps);
  const services = createServices(deps, opts.services);
  const app = await buildApp(deps, services);
  await app.ready();
  return {
    app, deps, services, clock,
    close: async () => {
      await app.close();
      await deps.dbh.close();
    },
  };
}

/**
 * Another CaseService over the test app's database, with some parts swapped (a failing notifier, a
 * licence source) — or as a second "server process" with its own idea of the counters.
 */
export function caseServiceWith(t: TestApp, parts: Partial<CaseServiceParts> = {}): CaseService {
  return new CaseService(t.deps, {
    catalog: t.services.catalog.publicCatalog, forms: t.services.forms, notifier: t.services.notifications, citizens: t.services.citizens, drafts: t.services.forms, ...parts,
  });
}

/**
 * A signed-in client: keeps the session cookie and sends the CSRF header on writes. `remoteAddress`:
 * the client's address (default 127.0.0.1), for routes limited per address.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance, private readonly opts: { remoteAddress?: string } = {}) {}

  private cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers };
    const cookie = this.cookieHeader();
    if (cookie) h.cookie = cookie;
    const csrf = this.cookies.get('bm_csrf');
    if (csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = csrf;
    const res = await this.app.inject({
      method, url, headers: h, ...(body === undefined ? {} : { payload: body as object }), ...(this.opts.remoteAddress ? { remoteAddress: this.opts.remoteAddress } : {}),
    });
    for (const c of res.cookies) {
      // A cleared cookie is empty, or dated at the epoch / max-age 0. Not compared with the real time:
      // the app runs on the test clock (2026-11-27 02:00 UTC), so a staff cookie's real expiry would
      // pass on the machine's clock in the afternoon of that day and every day after.
      const cleared = c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.UTC(2000, 0, 1));
      if (cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  async loginStaff(username: string, password = 'Demo@2026'): Promise<this> {
    const res = await this.post('/api/v1/auth/staff/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return this;
  }

  async loginCitizen(phone: string): Promise<this> {
    const sent = await this.post('/api/v1/auth/citizen/sms-code', { phone });
    if (sent.statusCode !== 200) throw new Error(`sms-code failed: ${sent.body}`);
    const res = await this.post('/api/v1/auth/citizen/login', { phone, code: sent.json().demoCode });
    if (res.statusCode !== 200) throw new Error(`citizen login failed: ${res.body}`);
    return this;
  }
}

/**
 * A test app with the city administrator and one citizen signed in: for the files that send bad
 * requests as either (bad-input, bad-uploads).
 */
export async function appWithAdminAndCitizen(citizenPhone: string): Promise<{ t: TestApp; admin: TestClient; citizen: TestClient }> {
  const t = await createTestApp();
  return { t, admin: await new TestClient(t.app).loginStaff('admin'), citizen: await new TestClient(t.app).loginCitizen(citizenPhone) };
}

/**
 * What a refused request must leave as it was, as one string to compare before and after: the
 * audit chain's head (every audited write moves it) and the number of rows in each of `tables`.
 */
export async function untouchedState(t: TestApp, tables: readonly (keyof Database)[]): Promise<string> {
  const db = t.deps.dbh.db;
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  const rows: Record<string, number> = {};
  for (const table of tables) rows[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return JSON.stringify({ head, rows });
}
