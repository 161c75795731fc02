// The soak harness: the bench's server and data set, the peak of the mixed load, then the same mix
// at a fraction of that peak for a set time while the server's RSS is sampled. `npm run soak`
// (run.ts) and the short CI run (tests/unit/soak.test.ts) both call runSoak.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateModuleData, makeContext } from '../bench/context.js';
import { catalog } from '../bench/modules/catalog.js';
import { ServerProcess, freePort, sleep } from '../bench/server.js';
import { Client, Recorder, RecordedError, percentile } from './load.js';
import { Mix, WEIGHTS } from './mix.js';

export interface SoakOptions {
  root: string;
  /** soak time at the reduced rate */
  minutes: number;
  /** closed-loop peak measurement */
  peakSeconds: number;
  peakConcurrency: number;
  /** soak rate as a fraction of the measured peak (0.7) */
  ratio: number;
  /** pass limit on RSS growth, percent */
  maxGrowthPct: number;
  sampleEveryMs: number;
  port?: number;
  databaseUrl?: string;
  /** a built server entry (dist/server/main.js); without it, src/server/main.ts through tsx */
  entry?: string;
  /** generated cases in the database before the load (the bench's generator) */
  cases: number;
  log(message: string): void;
}

export interface EndpointRow { endpoint: string; count: number; errors: number; p50Ms: number; p99Ms: number; maxMs: number; errorKinds: Record<string, number> }

export interface SoakReport {
  engine: string;
  server: string;
  mix: string;
  peak: { seconds: number; concurrency: number; opsPerSec: number; reqPerSec: number; errors: number };
  soak: { minutes: number; targetOpsPerSec: number; achievedOpsPerSec: number; reqPerSec: number; maxBacklog: number; lateStarts: number; ops: Record<string, number>; substituted: Record<string, number> };
  endpoints: EndpointRow[];
  errors: number;
  errorSamples: string[];
  rss: { samples: { s: number; mib: number }[]; warmupS: number; windowS: number; startMiB: number; endMiB: number; growthPct: number; minMiB: number; maxMiB: number; afterPeakMiB: number };
  loadAvg: { start: number; end: number };
  failures: string[];
  pass: boolean;
}

/** The server of the run in progress, for a signal handler (killServerNow). */
let current: ServerProcess | undefined;

/** Synchronous last resort for 'exit' and signal handlers: no server outlives the harness. */
export function killServerNow(): void {
  current?.killNow();
}

const mean = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : NaN);

/** Keeps the in-flight count at `concurrency` until `untilMs`. */
async function closedLoop(mix: Mix, concurrency: number, untilMs: number, onError: (op: string, err: unknown) => void): Promise<number> {
  let ops = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < untilMs) {
      const op = mix.next();
      try {
        await mix.run(op);
      } catch (err) {
        onError(op, err);
      }
      ops++;
    }
  }));
  return ops;
}

export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const loadStart = os.loadavg()[0]!;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bianmin-soak-'));
  const port = o.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const entry = o.entry ?? path.join('src', 'server', 'main.ts');
  const serverOpts = {
    root: o.root, port, dataDir, databaseUrl: o.databaseUrl, entry,
    nodeArgs: o.entry ? [] : ['--import', 'tsx'],
    // the work sessions live through the whole run however long it is
    env: { STAFF_IDLE_MINUTES: '1440' },
  };
  let srv = (current = new ServerProcess(serverOpts));
  const rec = new Recorder();
  const client = new Client(baseUrl, 512, rec);
  try {
    const health = await srv.waitHealthy(baseUrl, 120_000);
    o.log(`server ${entry} on ${baseUrl} (pid ${srv.pid}, ${health.body.database}), DATA_DIR=${dataDir}`);

    // The bench's data: the 10,000-row catalog and `cases` generated cases (BENCH_CASES is read by
    // the cases module when it loads, so it is imported only now).
    const before = process.env.BENCH_CASES;
    process.env.BENCH_CASES = String(o.cases);
    const { cases } = await import('../bench/modules/cases.js');
    if (before === undefined) delete process.env.BENCH_CASES;
    else process.env.BENCH_CASES = before;
    const ctx = makeContext({ baseUrl, engine: health.body.database, dataDir, databaseUrl: o.databaseUrl, log: o.log });
    const { restarts } = await generateModuleData(o.cases > 0 ? [catalog, cases] : [catalog], ctx);
    if (restarts.length) {
      await srv.stop();
      srv = current = new ServerProcess(serverOpts);
      await srv.waitHealthy(baseUrl, 120_000);
    }
    const mix = new Mix(client);
    await mix.prepare(ctx, cases);
    o.log(`mix (share of operations started): ${mix.describe()}`);

    const onError = (op: string, err: unknown) => {
      if (!(err instanceof RecordedError)) rec.error(`op ${op}`, 'harness', (err as Error).message);
    };

    // 1. Peak: as many operations as `peakConcurrency` in flight allow.
    o.log(`peak: ${o.peakConcurrency} operations in flight for ${o.peakSeconds} s`);
    const peakRec0 = rec.totalRequests;
    const peakErr0 = rec.totalErrors;
    const t0 = performance.now();
    const peakOps = await closedLoop(mix, o.peakConcurrency, t0 + o.peakSeconds * 1000, onError);
    const peakS = (performance.now() - t0) / 1000;
    const peak = { seconds: peakS, concurrency: o.peakConcurrency, opsPerSec: peakOps / peakS, reqPerSec: (rec.totalRequests - peakRec0) / peakS, errors: rec.totalErrors - peakErr0 };
    o.log(`  peak ${peak.opsPerSec.toFixed(0)} operations/s (${peak.reqPerSec.toFixed(0)} requests/s), ${peak.errors} errors`);
    await sleep(1000);
    const afterPeakMiB = srv.rssMiB() ?? NaN;

    // 2. Soak: operations started on a fixed schedule (open loop) at ratio × peak. The in-flight cap
    // only guards the harness if the server stalls; starts it delays are counted as late.
    const rate = peak.opsPerSec * o.ratio;
    const durationMs = o.minutes * 60_000;
    const maxInFlight = Math.max(64, o.peakConcurrency * 4);
    // same endpoints, fresh figures: the report's latencies and counts are the soak's
    for (const s of rec.endpoints.values()) { s.latencies = []; }
    const soakReq0 = rec.totalRequests;
    const started0 = { ...mix.started };
    o.log(`soak: ${rate.toFixed(1)} operations/s (${Math.round(o.ratio * 100)}% of peak) for ${o.minutes} min`);
    const samples: { s: number; mib: number }[] = [];
    const start = performance.now();
    let launched = 0;
    let inFlight = 0;
    let maxBacklog = 0;
    let lateStarts = 0;
    const running = new Set<Promise<void>>();
    let nextSample = start;
    let nextProgress = start + 60_000;
    while (performance.now() - start < durationMs) {
      const now = performance.now();
      if (now >= nextSample) {
        const mib = srv.rssMiB();
        if (mib !== undefined) samples.push({ s: (now - start) / 1000, mib });
        nextSample += o.sampleEveryMs;
        if (!srv.running) throw new Error(`the server died during the soak:\n${srv.recentOutput}`);
      }
      if (now >= nextProgress) {
        o.log(`  ${Math.round((now - start) / 60_000)} min: ${launched} operations, ${rec.totalErrors} errors, RSS ${samples.at(-1)?.mib.toFixed(1)} MiB, backlog max ${maxBacklog}`);
        nextProgress += 60_000;
      }
      const due = Math.floor(((now - start) / 1000) * rate);
      const backlog = due - launched;
      if (backlog > maxBacklog) maxBacklog = backlog;
      while (launched < due && inFlight < maxInFlight) {
        if (due - launched > 1) lateStarts++;
        launched++;
        inFlight++;
        const op = mix.next();
        const p: Promise<void> = mix.run(op).catch((err) => onError(op, err)).finally(() => {
          inFlight--;
          running.delete(p);
        });
        running.add(p);
      }
      await sleep(5);
    }
    await Promise.race([Promise.all(running), sleep(15_000)]);
    const soakS = (performance.now() - start) / 1000;
    if (!srv.running) throw new Error(`the server died during the soak:\n${srv.recentOutput}`);

    // 3. Memory: the mean of a window right after the warm-up against the mean of the last window.
    const windowS = Math.min(60, Math.max(5, soakS * 0.2));
    const warmupS = windowS;
    const first = samples.filter((x) => x.s >= warmupS && x.s < warmupS + windowS).map((x) => x.mib);
    const last = samples.filter((x) => x.s >= soakS - windowS).map((x) => x.mib);
    const startMiB = mean(first);
    const endMiB = mean(last);
    const growthPct = ((endMiB - startMiB) / startMiB) * 100;
    const mibs = samples.map((x) => x.mib);

    const endpoints: EndpointRow[] = [...rec.endpoints.entries()].map(([endpoint, s]) => {
      const sorted = [...s.latencies].sort((a, b) => a - b);
      return { endpoint, count: s.count, errors: s.errors, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? 0, errorKinds: s.errorKinds };
    }).sort((a, b) => b.count - a.count);
    const ops: Record<string, number> = {};
    for (const k of Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]) ops[k] = mix.started[k] - started0[k];
    const failures: string[] = [];
    if (rec.totalErrors > 0) failures.push(`${rec.totalErrors} errors (peak ${peak.errors}, soak ${rec.totalErrors - peak.errors})`);
    if (!Number.isFinite(growthPct)) failures.push('RSS could not be read (Linux /proc needed)');
    else if (growthPct >= o.maxGrowthPct) failures.push(`RSS grew ${growthPct.toFixed(1)}% (${startMiB.toFixed(1)} → ${endMiB.toFixed(1)} MiB), limit ${o.maxGrowthPct}%`);
    const achieved = launched / soakS;
    if (achieved < rate * 0.9) failures.push(`the harness started ${achieved.toFixed(1)} operations/s, below 90% of the target ${rate.toFixed(1)}/s (server or harness saturated)`);
    return {
      engine: health.body.database,
      server: o.entry ? path.relative(o.root, o.entry) || o.entry : 'src/server/main.ts (tsx)',
      mix: mix.describe(),
      peak,
      soak: { minutes: o.minutes, targetOpsPerSec: rate, achievedOpsPerSec: achieved, reqPerSec: (rec.totalRequests - soakReq0) / soakS, maxBacklog, lateStarts, ops, substituted: mix.substituted },
      endpoints,
      errors: rec.totalErrors,
      errorSamples: rec.samples,
      rss: { samples, warmupS, windowS, startMiB, endMiB, growthPct, minMiB: Math.min(...mibs), maxMiB: Math.max(...mibs), afterPeakMiB },
      loadAvg: { start: loadStart, end: os.loadavg()[0]! },
      failures,
      pass: failures.length === 0,
    };
  } catch (err) {
    const out = srv.recentOutput.trim();
    if (out) o.log(`server output (last lines):\n${out.split('\n').slice(-30).join('\n')}`);
    throw err;
  } finally {
    client.close();
    await srv.stop(3000);
    current = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function renderSoak(r: SoakReport): string {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
  const lines: string[] = [];
  lines.push(`soak — ${r.engine}, server ${r.server}, load avg ${f(r.loadAvg.start, 2)} → ${f(r.loadAvg.end, 2)}`);
  lines.push(`mix: ${r.mix}`);
  lines.push(`peak: ${f(r.peak.opsPerSec)} operations/s = ${f(r.peak.reqPerSec)} requests/s (${r.peak.concurrency} in flight, ${f(r.peak.seconds)} s, ${r.peak.errors} errors)`);
  lines.push(`soak: ${r.soak.minutes} min at ${f(r.soak.targetOpsPerSec)} operations/s target, ${f(r.soak.achievedOpsPerSec)} started/s, ${f(r.soak.reqPerSec)} requests/s; backlog max ${r.soak.maxBacklog}, late starts ${r.soak.lateStarts}`);
  lines.push(`operations: ${Object.entries(r.soak.ops).map(([k, v]) => `${k} ${v}`).join(', ')}${Object.keys(r.soak.substituted).length ? `; nothing to do, queue read instead: ${Object.entries(r.soak.substituted).map(([k, v]) => `${k} ${v}`).join(', ')}` : ''}`);
  lines.push('');
  lines.push('| endpoint | requests (peak + soak) | errors | p50 ms (soak) | p99 ms (soak) | max ms (soak) |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const e of r.endpoints) lines.push(`| ${e.endpoint} | ${e.count} | ${e.errors}${e.errors ? ` (${Object.entries(e.errorKinds).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''} | ${f(e.p50Ms)} | ${f(e.p99Ms)} | ${f(e.maxMs)} |`);
  lines.push('');
  const s = r.rss.samples;
  const every = Math.max(1, Math.ceil(s.length / 12));
  lines.push(`RSS timeline (MiB): ${s.filter((_, i) => i % every === 0 || i === s.length - 1).map((x) => `${Math.round(x.s)}s ${f(x.mib)}`).join(', ')}`);
  lines.push(`RSS after the peak ${f(r.rss.afterPeakMiB)} MiB; soak min ${f(r.rss.minMiB)}, max ${f(r.rss.maxMiB)}; start (mean ${r.rss.warmupS.toFixed(0)}–${(r.rss.warmupS + r.rss.windowS).toFixed(0)} s) ${f(r.rss.startMiB)} MiB, end (mean of the last ${r.rss.windowS.toFixed(0)} s) ${f(r.rss.endMiB)} MiB, growth ${f(r.rss.growthPct)}%`);
  if (r.errorSamples.length) lines.push(`error samples:\n  ${r.errorSamples.join('\n  ')}`);
  lines.push(r.pass ? 'PASS' : `FAIL: ${r.failures.join('; ')}`);
  return lines.join('\n');
}
