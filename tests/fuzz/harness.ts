/**
 * A fuzzing session over one app: signs in the demo roles, gathers real ids from the app's own
 * lists (so path parameters sometimes name things that exist and handlers run deep), fuzzes every
 * route, keeps the sessions alive, and checks the app is still healthy afterwards.
 */
import type { FastifyInstance } from 'fastify';
import { collectRoutes, Fuzzer, type Actor, type FuzzRoute, type IdPool } from './fuzzer.js';

export const STAFF = ['admin', 'gangshan.clerk', 'gangshan.approver', 'city.approver', 'mengzhuang.helper'] as const;
export const CITIZEN_PHONE = '13800000018';
const DEMO_PASSWORD = 'Demo@2026';

function cookiesOf(res: { cookies: { name: string; value: string }[] }): Pick<Actor, 'cookie' | 'csrf'> {
  const jar = res.cookies.filter((c) => c.value !== '');
  return { cookie: jar.map((c) => `${c.name}=${c.value}`).join('; '), csrf: jar.find((c) => c.name === 'bm_csrf')?.value };
}

/** A session for a demo staff account or the test citizen (its SMS code comes back in demo mode). */
export async function signIn(app: FastifyInstance, name: string): Promise<Actor> {
  if (name === 'citizen') {
    const sent = await app.inject({ method: 'POST', url: '/api/v1/auth/citizen/sms-code', payload: { phone: CITIZEN_PHONE } });
    if (sent.statusCode !== 200) throw new Error(`sms-code failed: ${sent.statusCode} ${sent.body}`);
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/citizen/login', payload: { phone: CITIZEN_PHONE, code: sent.json().demoCode } });
    if (res.statusCode !== 200) throw new Error(`citizen login failed: ${res.statusCode} ${res.body}`);
    return { name, ...cookiesOf(res) };
  }
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: name, password: DEMO_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${name} failed: ${res.statusCode} ${res.body}`);
  return { name, ...cookiesOf(res) };
}

const ID_KEY = /^(id|code|caseNo|regionCode|venueId|fileId|itemCode|versionId|themeCode|routeId)$|Id$/;
const SEEN_PER_FIELD = 30;
/** Not reused: real user names and phones sent with wrong passwords and codes would lock the signed-in roles out. */
const NOT_REUSED = /username|phone|password|token|code$/i;

function harvest(value: unknown, ids: Set<string>, byField: IdPool['byField'], depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 20)) harvest(v, ids, byField, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if ((typeof v === 'string' || typeof v === 'number') && String(v).length <= 80) {
      if (ID_KEY.test(k) && ids.size < 40) ids.add(String(v));
      if (typeof v === 'string' && v.length <= 40 && (!NOT_REUSED.test(k) || k.endsWith('Code') || k === 'code')) {
        const seen = byField.get(k) ?? new Set<string>();
        if (seen.size < SEEN_PER_FIELD) seen.add(v);
        byField.set(k, seen);
      }
    } else {
      harvest(v, ids, byField, depth + 1);
    }
  }
}

/** Ids and field values that the GET routes without path parameters show to the administrator and the citizen. */
export async function gatherIds(app: FastifyInstance, routes: FuzzRoute[], actors: Actor[]): Promise<IdPool> {
  const pool: IdPool = { byList: new Map(), byField: new Map() };
  const lookers = actors.filter((a) => a.name === 'admin' || a.name === 'citizen');
  for (const route of routes) {
    if (route.method !== 'GET' || route.pathParams.length > 0 || !route.answersJson) continue;
    const ids = new Set<string>();
    for (const a of lookers) {
      const res = await app.inject({ method: 'GET', url: route.url, headers: a.cookie ? { cookie: a.cookie } : {} });
      if (res.statusCode === 200 && String(res.headers['content-type']).includes('json')) harvest(res.json(), ids, pool.byField);
    }
    if (ids.size > 0) pool.byList.set(route.url, ids);
  }
  return pool;
}

export interface FuzzOptions {
  /** generated requests per route (shrinking a failure adds more) */
  runs: number;
  seed: number;
  /** only routes whose "METHOD /url" contains this */
  filter?: string;
  /** stop a route's generation after this long (the short CI run: one slow export must not eat the budget) */
  routeTimeLimitMs?: number;
  log?: (line: string) => void;
}

export interface FuzzOutcome {
  fuzzer: Fuzzer;
  elapsedMs: number;
  /** what was wrong with the app after the run (empty when healthy) */
  afterwards: string[];
  report: string;
}

/** Fuzzes every route of `app` (a test app with the demo data) and checks its health afterwards. */
export async function fuzzApp(app: FastifyInstance, opts: FuzzOptions): Promise<FuzzOutcome> {
  const log = opts.log ?? (() => undefined);
  const preparing = performance.now();
  const routes = collectRoutes(app).filter((r) => !opts.filter || `${r.method} ${r.url}`.includes(opts.filter));
  const actors: Actor[] = [{ name: 'anonymous' }];
  for (const name of [...STAFF, 'citizen']) actors.push(await signIn(app, name));
  const pool = await gatherIds(app, routes, actors);
  log(`fuzz: ${routes.length} routes, ${opts.runs} runs each, seed ${opts.seed}, ${[...pool.byList.values()].reduce((n, s) => n + s.size, 0)} real ids from ${pool.byList.size} lists, values of ${pool.byField.size} fields (sign-ins and ids took ${Math.round(performance.now() - preparing)} ms)`);
  const fuzzer = new Fuzzer(app, actors, pool);
  const started = performance.now();
  // Logging out and other session-ending routes come last, so they do not end the sessions early.
  const ordered = [...routes].sort((a, b) => Number(/logout|sessions|password/.test(a.url)) - Number(/logout|sessions|password/.test(b.url)));
  for (const [i, route] of ordered.entries()) {
    await fuzzer.fuzzRoute(route, opts.runs, opts.seed + i, opts.routeTimeLimitMs);
    await keepSignedIn(app, actors);
    if ((i + 1) % 25 === 0) log(`fuzz: ${i + 1}/${ordered.length} routes, ${fuzzer.total} requests, ${fuzzer.failures.length} failures`);
  }
  const elapsedMs = performance.now() - started;
  const afterwards = await healthAfterwards(app);
  return { fuzzer, elapsedMs, afterwards, report: fuzzer.report(elapsedMs) };
}

/** A route that ended a session (logout, a password change): sign that role in again. */
async function keepSignedIn(app: FastifyInstance, actors: Actor[]): Promise<void> {
  for (const [i, a] of actors.entries()) {
    if (!a.cookie) continue;
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: a.cookie } });
    if (me.statusCode === 200) continue;
    try {
      actors[i] = await signIn(app, a.name);
    } catch {
      // the fuzzer locked or changed the account: go on with that role signed out
      actors[i] = { name: `${a.name}(signed out)` };
    }
  }
}

/** After the run: the health check answers 200 and ordinary requests still work. */
export async function healthAfterwards(app: FastifyInstance): Promise<string[]> {
  const problems: string[] = [];
  const health = await app.inject({ method: 'GET', url: '/api/health' });
  if (health.statusCode !== 200 || health.json().status !== 'ok') problems.push(`GET /api/health: ${health.statusCode} ${health.body}`);
  const venues = await app.inject({ method: 'GET', url: '/api/v1/venues?page=1&pageSize=5' });
  if (venues.statusCode !== 200) problems.push(`GET /api/v1/venues: ${venues.statusCode} ${venues.body.slice(0, 200)}`);
  const catalog = await app.inject({ method: 'GET', url: '/api/v1/regions' });
  if (catalog.statusCode !== 200) problems.push(`GET /api/v1/regions: ${catalog.statusCode} ${catalog.body.slice(0, 200)}`);
  try {
    const admin = await signIn(app, 'gangshan.approver');
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: admin.cookie ?? '' } });
    if (me.statusCode !== 200) problems.push(`GET /api/v1/me after a fresh sign-in: ${me.statusCode}`);
  } catch (err) {
    problems.push(`signing in after the run: ${(err as Error).message}`);
  }
  return problems;
}
