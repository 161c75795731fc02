/**
 * The short fuzzing run (issue 18): every API route gets a few requests generated from its zod
 * schemas (tests/fuzz), anonymously and as signed-in staff of several roles and a citizen. No
 * answer may be a 5xx, every 4xx keeps the error contract, and the app is healthy afterwards.
 * The seed is fixed so CI is repeatable; FUZZ_SEED replays another run, FUZZ_RUNS asks for more
 * requests per route. The long run is `npm run fuzz` (docs/RELIABILITY.md "Fuzzing").
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fuzzApp } from '../../tests/fuzz/harness.js';
import { createTestApp, testEngine, type TestApp } from './testing.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_218);
const RUNS = Number(process.env.FUZZ_RUNS ?? 5);
/** Per route: after this, generation stops (one slow Excel export must not take the file's budget). */
const ROUTE_TIME_LIMIT_MS = 1500;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: true, catalog: true });
});
afterAll(async () => {
  await t?.close();
});

it(`no route answers 5xx to generated requests, every 4xx keeps the error contract (${testEngine()})`, async () => {
  const outcome = await fuzzApp(t.app, { runs: RUNS, seed: SEED, routeTimeLimitMs: ROUTE_TIME_LIMIT_MS, log: (line) => console.log(line) });
  console.log(`${outcome.report}\nseed ${SEED} (FUZZ_SEED=${SEED} replays this run)`);
  expect(outcome.fuzzer.failures.map((f) => `${f.route}: ${f.problem}\n  ${f.request}`)).toEqual([]);
  expect(outcome.afterwards).toEqual([]);
}, 180_000);
