// One autocannon run (warm-up, then the measured run) and the figures the report needs.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { RequestSpec } from './types.js';

export type { RequestSpec };

export const DEFAULT_CONNECTIONS = 50;

export interface Measurement {
  connections: number;
  durationS: number;
  /** Mean of autocannon's per-second samples (all completed responses). */
  reqPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyAvgMs: number;
  latencyMaxMs: number;
  totalResponses: number;
  ok2xx: number;
  /** Non-2xx responses + connection errors (timeouts included). Any of them makes the run invalid. */
  errors: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  connectionErrors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** The body as autocannon sends it, and the headers that go with it. */
export function encodeRequest(spec: RequestSpec): { body?: string; headers: Record<string, string> } {
  const headers: Record<string, string> = { ...(spec.headers ?? {}) };
  if (spec.body === undefined) return { headers };
  if (typeof spec.body === 'string') return { body: spec.body, headers };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return { body: JSON.stringify(spec.body), headers };
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    current = instance;
  });
}

let current: autocannon.Instance | undefined;
/** Stops a run in progress (SIGINT). */
export function stopCurrentRun(): void {
  current?.stop();
}

export async function measure(baseUrl: string, spec: RequestSpec, o: { connections?: number; durationS: number; warmupS: number }): Promise<Measurement> {
  const connections = o.connections ?? DEFAULT_CONNECTIONS;
  const { body, headers } = encodeRequest(spec);
  const opts: autocannon.Options = { url: baseUrl + spec.path, method: spec.method, headers, body, connections, timeout: 10 };
  if (spec.paths?.length || spec.variants?.length) {
    const variants = spec.variants?.length ? spec.variants.map((v) => encodeRequest({ ...spec, headers: { ...spec.headers, ...v.headers }, body: v.body ?? spec.body })) : [{ body, headers }];
    opts.requests = (spec.paths?.length ? spec.paths : [spec.path]).flatMap((p) => variants.map((v) => ({ method: spec.method, path: p, headers: v.headers, body: v.body })));
  }
  const unique = spec.uniqueHeader?.toLowerCase();
  if (unique) {
    const vary = (req: autocannon.Request) => ({ ...req, headers: { ...(req.headers ?? headers), [unique]: `bench-${randomUUID()}` } });
    opts.requests = (opts.requests ?? [{ method: spec.method, path: spec.path, headers, body }]).map((r) => ({ ...r, setupRequest: vary }));
  }
  if (o.warmupS > 0) {
    await run({ ...opts, duration: o.warmupS });
    // The warm-up's last requests are still being answered when its connections close; without a
    // pause they overlap the measured run's first ones (for the staff login that is more sign-ins
    // of one username in flight than the server allows, answered 429 by design).
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const r = await run({ ...opts, duration: o.durationS });
  current = undefined;
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = Number(count);
  return {
    connections,
    durationS: r.duration,
    reqPerSec: r.requests.average,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyAvgMs: r.latency.average,
    latencyMaxMs: r.latency.max,
    totalResponses: r.latency.totalCount,
    ok2xx: r['2xx'],
    errors: r.non2xx + r.errors, // autocannon's errors already include timeouts
    non2xx: r.non2xx,
    connectionErrors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}
