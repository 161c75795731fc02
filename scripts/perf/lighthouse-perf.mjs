#!/usr/bin/env node
/**
 * Lighthouse performance of the key public pages (issue 12 §5 "A fast first page"), in normal and
 * 长辈版 (elder) mode, with Lighthouse's default mobile settings: a 412×823 phone, simulated slow 4G
 * (150 ms RTT, 1.6 Mbit/s) and a 4× slower CPU, computed by Lighthouse's simulation
 * (throttlingMethod "simulate", which is what the targets mean). Every page is loaded LH_RUNS times
 * with a cold cache; the table shows the median of each figure.
 *
 *   npm run build && npm run perf:lighthouse
 *     starts a fresh demo server (tests/e2e/start-server.mjs) on LH_PORT (default 3171) and stops it
 *   BASE_URL=http://127.0.0.1:3600 npm run perf:lighthouse
 *     measures a server that is already running (e.g. scripts/dev/private-build.sh NAME PORT)
 *
 * Targets (issue 12): performance ≥ 90, LCP < 2.5 s, TBT < 200 ms on every page × mode; the home
 * page's JavaScript as transferred (compressed, with ~1 kB of HTTP headers per file) ≤ 120 kB, the
 * budget `npm run size` checks on the build. A missed target makes the exit code 1, unless
 * PERF_REPORT_ONLY=1. The other pages' JavaScript is shown; CLS is shown too, and flagged (!) at
 * 0.1 or more, without failing.
 *
 * Environment: CHROME_PATH (default /usr/bin/chromium), LH_RUNS (default 3), LH_PAGES (e.g.
 * "home,guide"), LH_MODES (e.g. "elder"), LH_CDP_PORT (default 9334), LH_CPU_SLOWDOWN (default
 * Lighthouse's 4; see docs/OPERATIONS.md before changing it). The median run's report of every
 * page × mode is written to test-results/lighthouse-perf/ (HTML and JSON).
 *
 * The simulation scales the CPU work it observes: on a busy or slow machine (Lighthouse's
 * benchmarkIndex, printed in the table, under about 2000 where a quiet run shows ~2800) TBT and LCP
 * come out higher than on a quiet one. Run it when nothing else is running.
 */
import lighthouse from 'lighthouse';
import { throttling } from 'lighthouse/core/config/constants.js';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHROME_PATH, launchBrowser, MODES, PAGES, root, setMode, showsElder, startServer } from '../lighthouse-setup.mjs';

const TARGETS = { score: 90, lcpMs: 2500, tbtMs: 200, jsBytes: 120 * 1000 };
/** Lighthouse's benchmarkIndex below which a run is suspect (a quiet run on the 2-core VM shows ~2800). */
const BUSY_BENCHMARK_INDEX = 2000;
/** Core Web Vitals' "good" CLS: reported, not a target (it weighs 25 % of the performance score). */
const CLS_GOOD = 0.1;
const RUNS = Math.max(1, Number(process.env.LH_RUNS ?? 3));
const CDP_PORT = Number(process.env.LH_CDP_PORT ?? 9334);
const REPORT_ONLY = ['1', 'true', 'yes'].includes(String(process.env.PERF_REPORT_ONLY ?? '').toLowerCase());
const CPU_SLOWDOWN = process.env.LH_CPU_SLOWDOWN ? Number(process.env.LH_CPU_SLOWDOWN) : undefined;
const pick = (all, env) => (env ? all.filter((x) => env.split(',').map((s) => s.trim()).includes(typeof x === 'string' ? x : x.name)) : all);
const pages = pick(PAGES, process.env.LH_PAGES);
const modes = pick(MODES, process.env.LH_MODES);
const outDir = path.join(root, 'test-results', 'lighthouse-perf');
if (!pages.length || !modes.length) {
  console.error(`nothing to measure: LH_PAGES picks from ${PAGES.map((p) => p.name).join(', ')}, LH_MODES from ${MODES.join(', ')}`);
  process.exit(2);
}

const median = (values) => {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** The figures of one run. */
function figures(lhr) {
  const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const jsBytes = requests.filter((r) => r.resourceType === 'Script').reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
  return {
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    fcpMs: audit('first-contentful-paint'),
    lcpMs: audit('largest-contentful-paint'),
    tbtMs: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    siMs: audit('speed-index'),
    jsBytes,
    requests: requests.length,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? NaN,
  };
}

/** What Lighthouse says holds the page back, from the median run: the largest savings first. */
function advice(lhr) {
  const lines = [];
  const lcpElement = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
  if (lcpElement) lines.push(`LCP element: ${lcpElement.nodeLabel ?? ''} (${lcpElement.selector ?? ''})`.slice(0, 160));
  const opportunities = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && (a.metricSavings?.LCP || a.metricSavings?.TBT || a.metricSavings?.FCP))
    .sort((a, b) => (b.metricSavings.LCP ?? 0) + (b.metricSavings.TBT ?? 0) - (a.metricSavings.LCP ?? 0) - (a.metricSavings.TBT ?? 0))
    .slice(0, 5);
  for (const a of opportunities) {
    const s = a.metricSavings;
    const savings = ['FCP', 'LCP', 'TBT'].filter((k) => s[k]).map((k) => `${k} −${Math.round(s[k])} ms`).join(', ');
    lines.push(`${a.id}: ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}${savings ? ` (${savings})` : ''}`);
  }
  return lines;
}

/** One Lighthouse run; a failed recording (e.g. NO_NAVSTART, which a busy machine causes) is tried again. */
async function measure(url, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(
      url,
      {
        port: CDP_PORT,
        output: ['html', 'json'],
        logLevel: 'error',
        onlyCategories: ['performance'],
        // Lighthouse's defaults otherwise: formFactor mobile, mobile screen, mobileSlow4G,
        // throttlingMethod "simulate". Storage reset clears the cache between runs but keeps
        // localStorage (clearStorageTypes does not include it), so the mode stays.
        ...(CPU_SLOWDOWN ? { throttling: { ...throttling.mobileSlow4G, cpuSlowdownMultiplier: CPU_SLOWDOWN } } : {}),
      },
      undefined,
    );
    const error = result ? result.lhr.runtimeError : { code: 'NO_RESULT', message: 'Lighthouse returned nothing' };
    if (!error) return result;
    if (attempt >= attempts) throw new Error(`Lighthouse: ${error.code} ${error.message} (${url})`);
    process.stderr.write(`  ${url}: ${error.code}, trying again\n`);
  }
}

const server = await startServer(process.env.LH_PORT ?? '3171');
const browser = await launchBrowser(CDP_PORT);
const { page } = browser;
mkdirSync(outDir, { recursive: true });

const rows = [];
try {
  for (const mode of modes) {
    await setMode(page, server.base, mode);
    for (const p of pages) {
      const url = `${server.base}${p.path}`;
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const result = await measure(url);
        runs.push(result);
        const f = figures(result.lhr);
        process.stderr.write(`  ${p.name} ${mode} run ${i + 1}/${RUNS}: ${f.score}, LCP ${Math.round(f.lcpMs)} ms, TBT ${Math.round(f.tbtMs)} ms\n`);
      }
      if ((await showsElder(page, url)) !== (mode === 'elder')) throw new Error(`${url} was not in ${mode} mode: the 长辈版 setting did not hold`);
      const medianLhr = computeMedianRun(runs.map((r) => r.lhr));
      const medianRun = runs.find((r) => r.lhr === medianLhr);
      const [html, json] = medianRun.report;
      writeFileSync(path.join(outDir, `${p.name}-${mode}.html`), html);
      writeFileSync(path.join(outDir, `${p.name}-${mode}.json`), json);
      const all = runs.map((r) => figures(r.lhr));
      const m = Object.fromEntries(Object.keys(all[0]).map((k) => [k, median(all.map((f) => f[k]))]));
      rows.push({ page: p.name, mode, path: p.path, ...m, scores: all.map((f) => f.score), advice: advice(medianLhr), version: medianLhr.lighthouseVersion });
    }
  }
} finally {
  await browser.close();
  await server.stop();
}

/** Missed targets (the exit code), and CLS, which is shown but is not one of issue 12's targets. */
const misses = (r) => [
  r.score < TARGETS.score && `performance ${r.score} < ${TARGETS.score}`,
  !(r.lcpMs < TARGETS.lcpMs) && `LCP ${(r.lcpMs / 1000).toFixed(2)} s ≥ ${TARGETS.lcpMs / 1000} s`,
  !(r.tbtMs < TARGETS.tbtMs) && `TBT ${Math.round(r.tbtMs)} ms ≥ ${TARGETS.tbtMs} ms`,
  r.page === 'home' && r.jsBytes > TARGETS.jsBytes && `JS ${(r.jsBytes / 1000).toFixed(1)} kB > ${TARGETS.jsBytes / 1000} kB`,
].filter(Boolean);
const warnings = (r) => [!(r.cls < CLS_GOOD) && `CLS ${r.cls.toFixed(3)} ≥ ${CLS_GOOD} (layout shifts)`].filter(Boolean);

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`\nLighthouse ${rows[0]?.version ?? ''} performance, mobile (simulated slow 4G, ${CPU_SLOWDOWN ?? 4}× CPU), median of ${RUNS} run(s), Chromium at ${CHROME_PATH}`);
console.log(`targets: performance ≥ ${TARGETS.score}, LCP < ${s(TARGETS.lcpMs)}, TBT < ${TARGETS.tbtMs} ms; home's JS as transferred ≤ ${kB(TARGETS.jsBytes)} (CLS < ${CLS_GOOD} shown)\n`);
const header = ['page', 'mode', 'perf', 'FCP', 'LCP', 'TBT', 'CLS', 'SI', 'JS', 'req', 'bench', 'runs', ''];
const table = rows.map((r) => [
  r.page,
  r.mode,
  String(r.score),
  s(r.fcpMs),
  s(r.lcpMs),
  `${Math.round(r.tbtMs)} ms`,
  r.cls.toFixed(3),
  s(r.siMs),
  kB(r.jsBytes),
  String(r.requests),
  String(Math.round(r.benchmarkIndex)),
  r.scores.join('/'),
  misses(r).length ? '✗' : warnings(r).length ? '✓ !' : '✓',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => '  ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
for (const row of table) console.log(line(row));

const missed = rows.filter((r) => misses(r).length);
for (const r of rows.filter((r) => misses(r).length || warnings(r).length)) {
  console.log(`\n${misses(r).length ? '✗' : '!'} ${r.page} (${r.mode}) ${r.path}: ${[...misses(r), ...warnings(r)].join('; ')}`);
  for (const a of r.advice) console.log(`    ${a}`);
}
console.log(`\nreports (median run): ${path.relative(root, outDir)}/`);
const bench = median(rows.map((r) => r.benchmarkIndex));
if (bench < BUSY_BENCHMARK_INDEX) console.log(`note: benchmarkIndex ${Math.round(bench)} — this machine was slow or busy; TBT and LCP are likely overstated (docs/OPERATIONS.md)`);
if (missed.length) {
  console.log(`${missed.length} of ${rows.length} page × mode(s) miss a target${REPORT_ONLY ? ' (PERF_REPORT_ONLY: exit code 0)' : ''}`);
  if (!REPORT_ONLY) process.exitCode = 1;
} else {
  console.log(`all ${rows.length} page × mode(s) meet the targets`);
}
