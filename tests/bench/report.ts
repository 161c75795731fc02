// Turning measurements into verdicts, the plain-text table and the JSON file.
import type { Measurement } from './measure.js';
import type { Target } from './types.js';

export const COLD_START_TARGET_MS = 5000;
export const IDLE_RSS_TARGET_MIB = 200;
/** Issue 18 §4: the server's RSS at its highest during the whole bench (every row, every task). */
export const PEAK_RSS_TARGET_MIB = 350;
/** Baseline drift (start → end) beyond which the report warns that the run was disturbed. */
export const DRIFT_WARNING_PCT = 10;

export type Verdict = 'PASS' | 'FAIL' | '-';

export interface ScenarioResult {
  name: string;
  module: string;
  description: string;
  method: string;
  path: string;
  connections: number;
  target?: Target;
  /** Absent when the scenario could not be measured (setup or pre-check failed). */
  measurement?: Measurement;
  /** req/s divided by the mean baseline req/s of this run. */
  ratio?: number;
  /** the server's highest RSS while the row ran (sampled every 100 ms) */
  peakRssMiB?: number;
  failures: string[];
  verdict: Verdict;
}

export interface BaselineResult {
  path: string;
  connections: number;
  start: Measurement;
  end: Measurement;
  meanReqPerSec: number;
  /** (end - start) / start, in percent: how much the machine drifted during the run. */
  driftPct: number;
  startPeakRssMiB?: number;
  endPeakRssMiB?: number;
}

export interface BenchReport {
  date: string;
  /** loadAvg1m: the 1-minute load average before and after the run (other work on the machine skews figures). */
  machine: { cpus: number; cpuModel: string; platform: string; totalMemMiB: number; loadAvg1m: { start: number; end: number } };
  node: string;
  engine: 'sqlite' | 'postgres';
  serverVersion: string;
  commit: string;
  durationS: number;
  warmupS: number;
  coldStart: { ms: number; targetMs: number; verdict: Verdict };
  rss: {
    targetMiB: number;
    idle: { mib?: number; verdict: Verdict };
    idleAfterLoad: { mib?: number; verdict: Verdict };
    /** a fresh start on the bench's data (10,000-row catalog), after one search and one guide */
    idleAfterRestart: { mib?: number; verdict: Verdict };
    /** the highest RSS seen in the whole run (rows and tasks), against PEAK_RSS_TARGET_MIB */
    peak: { mib?: number; targetMiB: number; verdict: Verdict };
  };
  dataGeneration: { module: string; ms: number }[];
  restarts: string[];
  baseline: BaselineResult;
  scenarios: ScenarioResult[];
  tasks: { name: string; module: string; description: string; ms: number; targetMs: number; note: string; verdict: Verdict }[];
  failures: string[];
  pass: boolean;
}

/** Applies the scenario's target and the no-errors rule. */
export function judge(r: Omit<ScenarioResult, 'failures' | 'verdict'> & { failures?: string[] }): ScenarioResult {
  const failures = [...(r.failures ?? [])];
  const m = r.measurement;
  if (m) {
    if (m.errors > 0) {
      const codes = Object.entries(m.statusCodes).filter(([c]) => !c.startsWith('2')).map(([c, n]) => `${n}×${c}`);
      if (m.connectionErrors) codes.push(`${m.connectionErrors} connection errors (${m.timeouts} timeouts)`);
      failures.push(`${m.errors} error responses of ${m.totalResponses + m.connectionErrors}: ${codes.join(', ')}`);
    }
    if (r.target?.minRatio !== undefined && r.ratio !== undefined && !(r.ratio >= r.target.minRatio)) {
      failures.push(`req/s is ${fmtRatio(r.ratio)} of the baseline, target ≥ ${fmtRatio(r.target.minRatio)}`);
    }
    if (r.target?.minReqPerSec !== undefined && !(m.reqPerSec >= r.target.minReqPerSec)) {
      failures.push(`${fmtInt(m.reqPerSec)} req/s, target ≥ ${fmtInt(r.target.minReqPerSec)}`);
    }
    if (r.target?.maxP99Ms !== undefined && !(m.latencyP99Ms < r.target.maxP99Ms)) {
      failures.push(`p99 is ${fmtMs(m.latencyP99Ms)} ms, target < ${r.target.maxP99Ms} ms`);
    }
  }
  const hasTarget = r.target && (r.target.minRatio !== undefined || r.target.maxP99Ms !== undefined || r.target.minReqPerSec !== undefined);
  const verdict: Verdict = failures.length ? 'FAIL' : hasTarget ? 'PASS' : '-';
  return { ...r, failures, verdict };
}

export const fmtRatio = (x: number) => (x < 0.1 ? `${(x * 100).toFixed(1)}%` : `${Math.round(x * 100)}%`);
export const fmtMs = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const fmtInt = (x: number) => Math.round(x).toLocaleString('en-US');

function describeTarget(t?: Target): string {
  if (!t) return '-';
  const parts: string[] = [];
  if (t.minReqPerSec !== undefined) parts.push(`>=${fmtInt(t.minReqPerSec)}/s`);
  if (t.minRatio !== undefined) parts.push(`ratio>=${fmtRatio(t.minRatio)}`);
  if (t.maxP99Ms !== undefined) parts.push(`p99<${t.maxP99Ms}ms`);
  return parts.length ? parts.join(', ') : '-';
}

function table(header: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function renderReport(r: BenchReport): string {
  const b = r.baseline;
  const row = (name: string, m: Measurement | undefined, ratio: string, peakMiB: number | undefined, target: string, verdict: string): string[] => [
    name,
    m ? fmtInt(m.reqPerSec) : 'n/a',
    m ? fmtMs(m.latencyP50Ms) : 'n/a',
    m ? fmtMs(m.latencyP99Ms) : 'n/a',
    m ? String(m.errors) : 'n/a',
    ratio,
    peakMiB === undefined ? 'n/a' : peakMiB.toFixed(0),
    target,
    verdict,
  ];
  const rows: string[][] = [
    row(`baseline /api/ping (start, c=${b.connections})`, b.start, fmtRatio(b.start.reqPerSec / b.meanReqPerSec), b.startPeakRssMiB, '-', b.start.errors ? 'FAIL' : '-'),
    ...r.scenarios.map((s) =>
      row(`${s.name} (c=${s.connections})`, s.measurement, s.ratio !== undefined ? fmtRatio(s.ratio) : 'n/a', s.peakRssMiB, describeTarget(s.target), s.verdict),
    ),
    row(`baseline /api/ping (end, c=${b.connections})`, b.end, fmtRatio(b.end.reqPerSec / b.meanReqPerSec), b.endPeakRssMiB, '-', b.end.errors ? 'FAIL' : '-'),
  ];
  const out: string[] = [];
  out.push(`便民 bench — ${r.date}`);
  out.push(
    `engine ${r.engine} · server ${r.serverVersion} · commit ${r.commit} · node ${r.node} · ${r.machine.cpus} CPUs (${r.machine.cpuModel}) · ${r.machine.platform}`,
  );
  out.push(`autocannon: ${r.durationS} s measured after ${r.warmupS} s warm-up per row; load generator and server share the machine`);
  out.push(`load average (1 min) before ${r.machine.loadAvg1m.start.toFixed(2)}, after ${r.machine.loadAvg1m.end.toFixed(2)} (the bench itself adds ~2; more means other work competed)`);
  out.push('');
  out.push(table(['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'ratio', 'peak MiB', 'target', 'result'], rows, new Set([1, 2, 3, 4, 5, 6])));
  out.push('');
  out.push(
    `baseline req/s: start ${fmtInt(b.start.reqPerSec)}, end ${fmtInt(b.end.reqPerSec)}, mean ${fmtInt(b.meanReqPerSec)} ` +
      `(drift ${b.driftPct >= 0 ? '+' : ''}${b.driftPct.toFixed(1)}%); ratio = scenario req/s ÷ mean`,
  );
  if (r.machine.loadAvg1m.start > r.machine.cpus / 2) {
    out.push(
      `WARNING: the 1-minute load average was ${r.machine.loadAvg1m.start.toFixed(2)} on ${r.machine.cpus} CPUs before the run: ` +
        'other work (or a previous run) was using the CPU. Absolute figures and ratios may be off; rerun on a quiet machine.',
    );
  }
  if (Math.abs(b.driftPct) > DRIFT_WARNING_PCT) {
    out.push(
      `WARNING: the baseline moved ${b.driftPct.toFixed(1)}% between start and end (more than ±${DRIFT_WARNING_PCT}%): ` +
        'something else was using the CPU, so the ratios are unreliable. Rerun on a quiet machine.',
    );
  }
  const rss = (x?: number) => (x === undefined ? 'n/a' : `${x.toFixed(1)} MiB`);
  out.push(`cold start (empty data dir: migrate + demo seed + listening): ${Math.round(r.coldStart.ms)} ms   target < ${r.coldStart.targetMs} ms   ${r.coldStart.verdict}`);
  out.push(`idle RSS after start:      ${rss(r.rss.idle.mib)}   target < ${r.rss.targetMiB} MiB   ${r.rss.idle.verdict}`);
  // After the load the server also holds every module's generated data set (e.g. a 10,000-row
  // catalog), so this figure is reported without a target; the target applies to the demo data.
  out.push(`RSS after the load (with the generated data sets, no target): ${rss(r.rss.idleAfterLoad.mib)}`);
  out.push(`idle RSS after a restart on the bench's data (one search, one guide): ${rss(r.rss.idleAfterRestart.mib)}   target < ${r.rss.targetMiB} MiB   ${r.rss.idleAfterRestart.verdict}`);
  out.push(`peak RSS during the bench (every row and task, sampled every 100 ms): ${rss(r.rss.peak.mib)}   target < ${r.rss.peak.targetMiB} MiB   ${r.rss.peak.verdict}`);
  for (const t of r.tasks) out.push(`${t.name}: ${Math.round(t.ms)} ms   target < ${t.targetMs} ms   ${t.verdict}${t.note ? `   (${t.note})` : ''}`);
  for (const g of r.dataGeneration) out.push(`data generation ${g.module}: ${Math.round(g.ms)} ms`);
  for (const why of r.restarts) out.push(`server restarted after data generation: ${why}`);
  out.push('');
  if (r.failures.length) {
    out.push(`FAILED (${r.failures.length}):`);
    for (const f of r.failures) out.push(`  - ${f}`);
  } else {
    out.push('all targets met');
  }
  return out.join('\n');
}
