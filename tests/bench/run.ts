// `npm run bench`: starts the real server on a fresh data set, measures every scenario and a
// no-database baseline route with autocannon in the same run, prints a table, writes JSON.
// Documentation: docs/BENCHMARKS.md.
//
// Environment:
//   BENCH_DURATION   measured seconds per row (default 10)
//   BENCH_WARMUP     warm-up seconds before each row (default 2; 1 when BENCH_DURATION <= 3)
//   BENCH_STRICT=1   exit 1 when a target fails
//   BENCH_KEEP_DATA=1  keep the temporary DATA_DIR (path printed) instead of deleting it
//   DATABASE_URL     run against PostgreSQL; must point to an EMPTY database
//   BENCH_MODULES    comma-separated bench modules to run (e.g. cases); default all. The baseline,
//                    cold start and memory are always measured
//   BENCH_PORT       the server's port (default: a free one the OS picks)
//   BENCH_SERVER_ENTRY  run this server entry (e.g. a private build's dist/server/main.js) instead
//                    of dist/server/main.js, which is then neither checked nor rebuilt
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, stopCurrentRun, type Measurement, type RequestSpec } from './measure.js';
import {
  COLD_START_TARGET_MS, IDLE_RSS_TARGET_MIB, PEAK_RSS_TARGET_MIB, judge, renderReport,
  type BenchReport, type ScenarioResult, type Verdict,
} from './report.js';
import { baseline, benchModules } from './scenarios.js';
import { ServerProcess, ensureBuilt, freePort, sleep } from './server.js';
import type { Scenario, ScenarioOverrides } from './types.js';
import { generateModuleData, makeContext } from './context.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/** A problem with how the bench was called: reported without a stack trace. */
class BenchUsageError extends Error {}

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new BenchUsageError(`${name} must be a non-negative number of seconds, got ${JSON.stringify(raw)}`);
  return n;
}

// Read in main(), so a bad value is reported like any other usage error.
let DURATION_S = 10;
let WARMUP_S = 2;
const STRICT = process.env.BENCH_STRICT === '1' || process.env.BENCH_STRICT === 'true';
const KEEP_DATA = process.env.BENCH_KEEP_DATA === '1' || process.env.BENCH_KEEP_DATA === 'true';
/** BENCH_TASKS=0: measure the load rows only, without the one-off timed tasks (a quicker look). */
const RUN_TASKS = process.env.BENCH_TASKS !== '0';
const DATABASE_URL = process.env.DATABASE_URL || undefined;
const SERVER_ENTRY = process.env.BENCH_SERVER_ENTRY ? path.resolve(process.env.BENCH_SERVER_ENTRY) : undefined;
const PORT = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined;

/** The modules to run: all, or those named in BENCH_MODULES. */
function selectedModules(): typeof benchModules {
  const raw = process.env.BENCH_MODULES?.trim();
  if (!raw) return benchModules;
  const names = raw.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !benchModules.some((m) => m.name === n));
  if (unknown.length) throw new BenchUsageError(`BENCH_MODULES: unknown module ${unknown.join(', ')} (known: ${benchModules.map((m) => m.name).join(', ')})`);
  return benchModules.filter((m) => names.includes(m.name));
}
let modules: typeof benchModules = benchModules;
/** Seconds the server is left alone before RSS is read. */
const IDLE_SETTLE_MS = 1000;
/** After the restart the catalog has just been read: V8 is given a few seconds to collect what that left. */
const RESTART_SETTLE_MS = 5000;

let server: ServerProcess | undefined;
let dataDir: string | undefined;

function cleanupDataDir(): void {
  if (!dataDir) return;
  if (KEEP_DATA) log(`data dir kept: ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
}

// Never leave a server behind: SIGINT/SIGTERM stop it gracefully, a crash kills it.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping the server`);
    stopCurrentRun();
    void (server?.stop(3000) ?? Promise.resolve()).finally(() => {
      cleanupDataDir();
      process.exit(130);
    });
  });
}
process.on('exit', () => server?.killNow());

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${sha}+dirty` : sha;
  } catch {
    return 'unknown';
  }
}

/** Refuses a non-empty PostgreSQL database: cold start must include the migrations and the seed. */
async function assertEmptyPostgres(url: string): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ schema: string; n: string }>(
      `select current_schema() as schema,
              (select count(*) from information_schema.tables where table_schema = current_schema()) as n`,
    );
    const { schema, n } = rows[0];
    if (Number(n) > 0) {
      throw new BenchUsageError(
        `DATABASE_URL points to a database whose schema "${schema}" already has ${n} tables. ` +
          'The bench measures a cold start (migrations + demo seed) and needs an EMPTY database: ' +
          'drop and re-create it first (see docs/BENCHMARKS.md).',
      );
    }
  } finally {
    await client.end();
  }
}

async function startServer(port: number): Promise<{ srv: ServerProcess; coldMs: number; engine: 'sqlite' | 'postgres'; version: string }> {
  const srv = new ServerProcess({ root: ROOT, port, dataDir: dataDir!, databaseUrl: DATABASE_URL, entry: SERVER_ENTRY });
  server = srv;
  const { ms, body } = await srv.waitHealthy(`http://127.0.0.1:${port}`);
  return { srv, coldMs: ms, engine: body.database, version: body.version };
}

async function idleRss(srv: ServerProcess): Promise<number | undefined> {
  await sleep(IDLE_SETTLE_MS);
  return srv.rssMiB();
}

/** The highest RSS any sample of this run saw (issue 18 §4's peak target). */
let runPeakRssMiB: number | undefined;

/** Runs `work` while reading the server's RSS every 100 ms; resolves with its result and the highest RSS seen. */
async function watchingRss<T>(srv: ServerProcess, work: () => Promise<T>): Promise<{ result: T; peakMiB?: number }> {
  let peak: number | undefined;
  const sample = () => {
    const mib = srv.rssMiB();
    if (mib === undefined) return;
    peak = Math.max(peak ?? 0, mib);
    runPeakRssMiB = Math.max(runPeakRssMiB ?? 0, mib);
  };
  sample();
  const timer = setInterval(sample, 100);
  try {
    const result = await work();
    sample();
    return { result, peakMiB: peak };
  } finally {
    clearInterval(timer);
  }
}

async function runMeasurement(label: string, srv: ServerProcess, baseUrl: string, spec: RequestSpec, connections: number | undefined): Promise<{ m: Measurement; peakMiB?: number }> {
  log(`measuring ${label}: ${spec.method} ${spec.path}, ${connections ?? 50} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s`);
  const { result: m, peakMiB } = await watchingRss(srv, () => measure(baseUrl, spec, { connections, durationS: DURATION_S, warmupS: WARMUP_S }));
  log(`  ${Math.round(m.reqPerSec)} req/s, p50 ${m.latencyP50Ms} ms, p99 ${m.latencyP99Ms} ms, errors ${m.errors}, peak RSS ${peakMiB?.toFixed(0) ?? 'n/a'} MiB`);
  return { m, peakMiB };
}

/**
 * A fresh start on the bench's data, as after a restart in production: one catalog search and one
 * guide (the catalog is read on first use), then idle. What a county's server holds at rest.
 */
async function idleAfterRestart(port: number): Promise<number | undefined> {
  const { srv } = await startServer(port);
  try {
    const base = `http://127.0.0.1:${port}`;
    for (const p of ['/api/v1/items?q=dibao', '/api/v1/items/37050100100001?region=370883001']) {
      const res = await fetch(base + p, { signal: AbortSignal.timeout(60_000) });
      await res.arrayBuffer();
      if (!res.ok) log(`restart check: ${p} answered ${res.status}`);
    }
    await sleep(RESTART_SETTLE_MS);
    return srv.rssMiB();
  } finally {
    await srv.stop();
    server = undefined;
  }
}

async function main(): Promise<number> {
  DURATION_S = numberFromEnv('BENCH_DURATION', 10);
  WARMUP_S = numberFromEnv('BENCH_WARMUP', DURATION_S <= 3 ? 1 : 2);
  if (DURATION_S < 1) throw new BenchUsageError('BENCH_DURATION must be at least 1 second');
  const loadAtStart = os.loadavg()[0];
  modules = selectedModules();
  if (PORT !== undefined && !(Number.isInteger(PORT) && PORT > 0 && PORT < 65536)) throw new BenchUsageError(`BENCH_PORT must be a port number, got ${JSON.stringify(process.env.BENCH_PORT)}`);
  if (SERVER_ENTRY) log(`server entry ${SERVER_ENTRY} (BENCH_SERVER_ENTRY; not rebuilt)`);
  else ensureBuilt(ROOT, log);

  if (DATABASE_URL) await assertEmptyPostgres(DATABASE_URL);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'bianmin-bench-'));
  const port = PORT ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;

  // 1. Cold start on the empty data dir, then idle memory.
  log(`starting node ${SERVER_ENTRY ? path.relative(ROOT, SERVER_ENTRY) : path.join('dist', 'server', 'main.js')} on ${baseUrl}, DATA_DIR=${dataDir}${DATABASE_URL ? ', DATABASE_URL set (PostgreSQL)' : ''}`);
  let started = await startServer(port);
  const coldMs = started.coldMs;
  log(`cold start ${Math.round(started.coldMs)} ms (pid ${started.srv.pid}, engine ${started.engine})`);
  const rssIdle = await idleRss(started.srv);
  log(`idle RSS ${rssIdle?.toFixed(1) ?? 'n/a'} MiB`);

  // 2. The data set: each module's generator, then a restart if one asked for it.
  const ctx = makeContext({ baseUrl, engine: started.engine, dataDir: dataDir!, databaseUrl: DATABASE_URL, log });
  const generated = await generateModuleData(modules, ctx);
  const dataGeneration: BenchReport['dataGeneration'] = generated.timings;
  const restarts = generated.restarts;
  if (restarts.length) {
    log(`restarting the server (${restarts.join('; ')})`);
    await started.srv.stop();
    started = await startServer(port);
  }
  const srv = started.srv;

  // 3. Per-scenario setup and a single-request pre-check: a scenario that answers errors is not measured.
  const planned: { module: string; scenario: Scenario; spec: RequestSpec; failure?: string }[] = [];
  for (const mod of modules) {
    for (const scenario of mod.scenarios) {
      let spec: RequestSpec = { method: scenario.method, path: scenario.path, paths: scenario.paths, body: scenario.body, headers: scenario.headers, uniqueHeader: scenario.uniqueHeader };
      let failure: string | undefined;
      try {
        const overrides: void | ScenarioOverrides = scenario.setup ? await scenario.setup(ctx) : undefined;
        if (overrides) spec = { ...spec, ...overrides, headers: { ...(spec.headers ?? {}), ...(overrides.headers ?? {}) } };
        for (const p of spec.paths ?? [spec.path]) {
          const first = spec.variants?.[0];
          const res = await ctx.request(spec.method, p, { body: first?.body ?? spec.body, headers: { ...(spec.headers ?? {}), ...(first?.headers ?? {}) } });
          if (res.status < 200 || res.status > 299) {
            failure = `pre-check of ${p} answered ${res.status}: ${res.text.slice(0, 200)}`;
            break;
          }
        }
      } catch (err) {
        failure = `setup failed: ${(err as Error).message}`;
      }
      if (failure) log(`${scenario.name}: ${failure} — not measured`);
      planned.push({ module: mod.name, scenario, spec, failure });
    }
  }

  // 4. Baseline, scenarios, baseline again (drift shows).
  const baselineSpec: RequestSpec = { method: baseline.method, path: baseline.path };
  const { m: baseStart, peakMiB: baseStartPeak } = await runMeasurement('baseline (start)', srv, baseUrl, baselineSpec, baseline.connections);
  const measured: { p: (typeof planned)[number]; m?: Measurement; peakMiB?: number }[] = [];
  for (const p of planned) {
    measured.push(p.failure ? { p } : { p, ...(await runMeasurement(p.scenario.name, srv, baseUrl, p.spec, p.scenario.connections)) });
  }
  const { m: baseEnd, peakMiB: baseEndPeak } = await runMeasurement('baseline (end)', srv, baseUrl, baselineSpec, baseline.connections);
  const baseMean = (baseStart.reqPerSec + baseEnd.reqPerSec) / 2;

  // 4b. One-off timed tasks (e.g. a large import), after the load so they do not skew it.
  const taskResults: BenchReport['tasks'] = [];
  if (!RUN_TASKS) log('timed tasks skipped (BENCH_TASKS=0): their targets are not checked in this run');
  for (const mod of RUN_TASKS ? modules : []) {
    for (const task of mod.tasks ?? []) {
      log(`timing task: ${task.name}`);
      const t0 = performance.now();
      try {
        const { result: out } = await watchingRss(srv, () => task.run(ctx));
        const ms = out?.ms ?? performance.now() - t0;
        taskResults.push({ name: task.name, module: mod.name, description: task.description, ms, targetMs: task.targetMs, note: out?.note ?? '', verdict: ms < task.targetMs ? 'PASS' : 'FAIL' });
      } catch (err) {
        taskResults.push({ name: task.name, module: mod.name, description: task.description, ms: performance.now() - t0, targetMs: task.targetMs, note: `failed: ${(err as Error).message}`, verdict: 'FAIL' });
      }
      log(`  ${task.name}: ${Math.round(taskResults[taskResults.length - 1].ms)} ms`);
    }
  }

  // 5. Memory once the load is over.
  const rssAfter = await idleRss(srv);
  log(`idle RSS after load ${rssAfter?.toFixed(1) ?? 'n/a'} MiB`);
  if (!srv.running) throw new Error(`the server died during the run:\n${srv.recentOutput}`);
  await srv.stop();
  server = undefined;
  log('restarting on the bench data for the idle memory at rest');
  const rssRestart = await idleAfterRestart(port);
  log(`idle RSS after restart ${rssRestart?.toFixed(1) ?? 'n/a'} MiB; peak RSS of the run ${runPeakRssMiB?.toFixed(1) ?? 'n/a'} MiB`);
  cleanupDataDir();

  const scenarioResults: ScenarioResult[] = measured.map(({ p, m, peakMiB }) =>
    judge({
      name: p.scenario.name,
      module: p.module,
      description: p.scenario.description,
      method: p.spec.method,
      path: p.spec.path,
      connections: p.scenario.connections ?? 50,
      target: p.scenario.target,
      measurement: m,
      peakRssMiB: peakMiB,
      ratio: m && baseMean > 0 ? m.reqPerSec / baseMean : undefined,
      failures: p.failure ? [p.failure] : [],
    }),
  );
  const rssVerdict = (x?: number): Verdict => (x === undefined ? 'FAIL' : x < IDLE_RSS_TARGET_MIB ? 'PASS' : 'FAIL');
  const failures: string[] = [];
  for (const s of scenarioResults) for (const f of s.failures) failures.push(`${s.name}: ${f}`);
  if (baseStart.errors || baseEnd.errors) failures.push(`baseline: ${baseStart.errors + baseEnd.errors} error responses`);
  const cpus = os.cpus();
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      totalMemMiB: Math.round(os.totalmem() / 2 ** 20),
      loadAvg1m: { start: loadAtStart, end: os.loadavg()[0] },
    },
    node: process.version,
    engine: started.engine,
    serverVersion: started.version,
    commit: gitCommit(),
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    coldStart: { ms: coldMs, targetMs: COLD_START_TARGET_MS, verdict: coldMs < COLD_START_TARGET_MS ? 'PASS' : 'FAIL' },
    rss: {
      targetMiB: IDLE_RSS_TARGET_MIB,
      idle: { mib: rssIdle, verdict: rssVerdict(rssIdle) },
      idleAfterLoad: { mib: rssAfter, verdict: rssVerdict(rssAfter) },
      idleAfterRestart: { mib: rssRestart, verdict: rssVerdict(rssRestart) },
      peak: { mib: runPeakRssMiB, targetMiB: PEAK_RSS_TARGET_MIB, verdict: runPeakRssMiB !== undefined && runPeakRssMiB < PEAK_RSS_TARGET_MIB ? 'PASS' : 'FAIL' },
    },
    dataGeneration,
    restarts,
    baseline: {
      path: baseline.path,
      connections: baseline.connections ?? 50,
      start: baseStart,
      end: baseEnd,
      meanReqPerSec: baseMean,
      driftPct: baseStart.reqPerSec > 0 ? ((baseEnd.reqPerSec - baseStart.reqPerSec) / baseStart.reqPerSec) * 100 : 0,
      startPeakRssMiB: baseStartPeak,
      endPeakRssMiB: baseEndPeak,
    },
    scenarios: scenarioResults,
    tasks: taskResults,
    failures,
    pass: false,
  };
  for (const t of taskResults) if (t.verdict === 'FAIL') failures.push(`${t.name}: ${Math.round(t.ms)} ms, target < ${t.targetMs} ms${t.note ? ` (${t.note})` : ''}`);
  if (report.coldStart.verdict === 'FAIL') failures.push(`cold start ${Math.round(coldMs)} ms, target < ${COLD_START_TARGET_MS} ms`);
  if (report.rss.idle.verdict === 'FAIL') failures.push(`idle RSS after start ${rssIdle?.toFixed(1) ?? 'unreadable'} MiB, target < ${IDLE_RSS_TARGET_MIB} MiB`);
  if (report.rss.idleAfterRestart.verdict === 'FAIL') failures.push(`idle RSS after a restart on the bench data ${rssRestart?.toFixed(1) ?? 'unreadable'} MiB, target < ${IDLE_RSS_TARGET_MIB} MiB`);
  if (report.rss.peak.verdict === 'FAIL') failures.push(`peak RSS ${runPeakRssMiB?.toFixed(1) ?? 'unreadable'} MiB, target < ${PEAK_RSS_TARGET_MIB} MiB`);
  report.pass = failures.length === 0;

  process.stdout.write(renderReport(report) + '\n');
  const outDir = path.join(ROOT, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`results: ${path.relative(ROOT, file)}\n`);
  return STRICT && !report.pass ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    log(`bench failed: ${err instanceof BenchUsageError ? err.message : ((err as Error).stack ?? err)}`);
    if (server) {
      const out = server.recentOutput.trim();
      if (out) log(`server output (last lines):\n${out.split('\n').slice(-30).join('\n')}`);
      await server.stop(3000);
    }
    cleanupDataDir();
    process.exit(1);
  },
);
