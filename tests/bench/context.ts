// The harness's view of a running server (BenchContext) and the data generation step, shared by
// `npm run bench` (run.ts) and `npm run soak` (tests/soak), so both load the same data the same way.
import type { DbHandle } from '../../src/server/db/index.js';
import type { ApiResponse, BenchContext, BenchModule, DataContext, HttpMethod } from './types.js';
import { DEMO_PASSWORD } from './modules/foundation.js';

export interface ContextOptions {
  baseUrl: string;
  engine: 'sqlite' | 'postgres';
  dataDir: string;
  databaseUrl?: string;
  log(message: string): void;
}

export function makeContext(o: ContextOptions): BenchContext {
  const { baseUrl } = o;
  const request = async (method: HttpMethod, p: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      if (typeof opts.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
    }
    // One retry when the connection itself fails: a keep-alive socket the server closed while a
    // long data generation kept the harness busy is otherwise reported as "fetch failed".
    let res: Response;
    try {
      res = await fetch(baseUrl + p, { method, headers, body, signal: AbortSignal.timeout(30_000) });
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') throw err;
      res = await fetch(baseUrl + p, { method, headers, body, signal: AbortSignal.timeout(30_000) });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return {
    baseUrl,
    engine: o.engine,
    dataDir: o.dataDir,
    databaseUrl: o.databaseUrl,
    request,
    log: o.log,
    async staffSession(username, password = DEMO_PASSWORD) {
      const res = await request('POST', '/api/v1/auth/staff/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`staff login as ${username} answered ${res.status}: ${res.text.slice(0, 300)}`);
      const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const csrf = (res.json as { csrfToken?: string }).csrfToken;
      if (!csrf) throw new Error('staff login answered 200 without csrfToken');
      return { cookie, 'x-csrf-token': csrf };
    },
  };
}

/**
 * Runs each module's generateData in order, each with its own database handles (closed after).
 * Returns the time each took and the restarts they asked for (the caller restarts the server).
 */
export async function generateModuleData(
  modules: readonly BenchModule[],
  ctx: BenchContext,
): Promise<{ timings: { module: string; ms: number }[]; restarts: string[] }> {
  const timings: { module: string; ms: number }[] = [];
  const restarts: string[] = [];
  for (const mod of modules) {
    if (!mod.generateData) continue;
    const handles: DbHandle[] = [];
    const dctx: DataContext = {
      ...ctx,
      async openDb() {
        const { openDatabase } = await import('../../src/server/db/index.js');
        const h = openDatabase({ databaseUrl: ctx.databaseUrl, dataDir: ctx.dataDir });
        handles.push(h);
        return h;
      },
      requestRestart: (reason) => restarts.push(`${mod.name}: ${reason}`),
    };
    ctx.log(`generating data: ${mod.name}`);
    const t0 = performance.now();
    try {
      await mod.generateData(dctx);
    } finally {
      for (const h of handles) await h.close();
    }
    timings.push({ module: mod.name, ms: performance.now() - t0 });
    ctx.log(`  ${mod.name}: ${Math.round(performance.now() - t0)} ms`);
  }
  return { timings, restarts };
}
