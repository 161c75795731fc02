/**
 * The long fuzzing run: `npm run fuzz -- --runs 500 [--seed N] [--filter "POST /api/v1/cases"] [--route-seconds 120]`.
 * One test app with the demo data (SQLite in memory; TEST_DB=postgres and TEST_DATABASE_URL for
 * PostgreSQL), every route fuzzed `runs` times, the counts printed. Exits 1 on any failure.
 */
import { parseArgs } from 'node:util';
import { createTestApp } from '../../src/server/testing.js';
import { fuzzApp } from './harness.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '400' }, seed: { type: 'string' }, filter: { type: 'string' }, 'route-seconds': { type: 'string', default: '120' } },
});
const runs = Number(values.runs);
const seed = Number(values.seed ?? process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) throw new Error('usage: npm run fuzz -- --runs N [--seed N] [--filter TEXT] [--route-seconds S]');

const t = await createTestApp({ seed: true, catalog: true });
try {
  // a route's generation stops after route-seconds: the county-wide Excel export takes ~20 s per request on a busy machine
  const routeTimeLimitMs = Number(values['route-seconds']) * 1000;
  const outcome = await fuzzApp(t.app, { runs, seed, filter: values.filter, routeTimeLimitMs, log: (line) => console.log(line) });
  console.log(outcome.report);
  console.log(outcome.afterwards.length === 0 ? 'afterwards: healthy (GET /api/health 200, lists and sign-in work)' : `afterwards: ${outcome.afterwards.join('; ')}`);
  console.log(`seed ${seed} (FUZZ_SEED=${seed} or --seed ${seed} replays this run)`);
  process.exitCode = outcome.fuzzer.failures.length === 0 && outcome.afterwards.length === 0 ? 0 : 1;
} finally {
  await t.close();
}
