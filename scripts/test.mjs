// npm test: every test — unit and API on SQLite, API on PostgreSQL when TEST_DATABASE_URL is
// set, then the browser journeys against a freshly built server. Prints one closing line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildIsStale, root } from './build-state.mjs';
import { startCpuLoad } from './cpu-load.mjs';

const resultsDir = path.join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });
const totals = { passed: 0, failed: 0 };
/** Failed tests, repeated at the end so the tail of a CI log names them. */
const failures = [];
let anyFailed = false;

function run(title, cmd, args, env = {}) {
  console.log(`\n━━ ${title} ━━`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) anyFailed = true;
  return result.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += (report.numFailedTests ?? 0) + (report.numTotalTests === 0 ? 1 : 0);
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      const why = String(test.failureMessages?.[0] ?? '').split('\n').slice(0, 3).join(' | ');
      failures.push(`${path.relative(root, suite.name)} › ${test.fullName}\n    ${why.slice(0, 400)}`);
    }
    if (suite.status === 'failed' && !(suite.assertionResults ?? []).some((t) => t.status === 'failed')) {
      failures.push(`${path.relative(root, suite.name)} (the file failed to run)\n    ${String(suite.message ?? '').slice(0, 400)}`);
    }
  }
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.stats?.expected ?? 0;
  totals.failed += (report.stats?.unexpected ?? 0) + (report.stats?.flaky ?? 0);
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'expected' || test.status === 'skipped') continue;
        const error = test.results?.find((r) => r.error)?.error?.message ?? '';
        failures.push(`${spec.file} › ${[...titles, spec.title].join(' › ')} (${test.status})\n    ${error.split('\n').slice(0, 3).join(' | ').slice(0, 400)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
}

const vitestOut = (name) => path.join(resultsDir, `vitest-${name}.json`);
const only = process.argv[2]; // optional: unit | pg | e2e

if (!only || only === 'unit') {
  rmSync(vitestOut('sqlite'), { force: true });
  run('unit + API tests (SQLite)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestOut('sqlite')}`]);
  countVitest(vitestOut('sqlite'));
}

if (!only || only === 'pg') {
  if (process.env.TEST_DATABASE_URL) {
    rmSync(vitestOut('postgres'), { force: true });
    run('PostgreSQL: drop test schemas left by earlier runs', 'node', [path.join(root, 'scripts/drop-test-schemas.mjs')]);
    run('API tests (PostgreSQL)', 'npx', ['vitest', 'run', 'src/server', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestOut('postgres')}`], { TEST_DB: 'postgres' });
    countVitest(vitestOut('postgres'));
  } else {
    console.log('\n━━ API tests (PostgreSQL): skipped — set TEST_DATABASE_URL=postgres://… to run them ━━');
  }
}

if (!only || only === 'e2e') {
  if (buildIsStale()) run('build', 'npm', ['run', 'build']);
  const pwOut = path.join(resultsDir, 'playwright.json');
  rmSync(pwOut, { force: true });
  // E2E_CPU_LOAD=N: N busy processes compete for the cores while the journeys run (CI sets it), so
  // a race or a hang that only shows on a loaded machine shows here.
  const load = Number(process.env.E2E_CPU_LOAD ?? 0);
  const stopLoad = load > 0 ? startCpuLoad(load) : () => undefined;
  const title = load > 0 ? `browser journeys (Playwright + axe) under CPU contention: ${load} busy processes` : 'browser journeys (Playwright + axe)';
  try {
    run(title, 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwOut });
  } finally {
    stopLoad();
  }
  countPlaywright(pwOut);
}

if (anyFailed && totals.failed === 0) totals.failed = 1; // a step failed without a test report
if (failures.length) console.log(`\nfailed tests:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
console.log(`\ntotal: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(anyFailed ? 1 : 0);
