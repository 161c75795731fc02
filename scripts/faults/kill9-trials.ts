/**
 * kill -9 during write bursts, N trials on one engine (docs/RELIABILITY.md "Faults"):
 *
 *   npm run faults -- --engine sqlite --trials 20
 *   TEST_DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/bianmin_test npm run faults -- --engine postgres
 *
 * Options: --engine sqlite|postgres (default sqlite), --trials N (default 20), --port P (default
 * 41100), --clients C (default 8), --keep (leave every trial's DATA_DIR). Prints a line per trial
 * and a summary; exits 1 if any trial found a problem.
 */
import { parseArgs } from 'node:util';
import { runTrial, type Engine } from './harness.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    trials: { type: 'string', default: '20' },
    port: { type: 'string', default: '41100' },
    clients: { type: 'string', default: '8' },
    keep: { type: 'boolean', default: false },
  },
});
const engine = values.engine as Engine;
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine is sqlite or postgres');
const trials = Number(values.trials);
const port = Number(values.port);
const baseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

const started = performance.now();
let failed = 0;
const totals = { submissions: 0, actions: 0, sent: 0, retried: 0 };
for (let trial = 1; trial <= trials; trial++) {
  const r = await runTrial({ engine, port, trial, baseUrl, clients: Number(values.clients), keep: values.keep });
  totals.submissions += r.acknowledgedSubmissions;
  totals.actions += r.acknowledgedActions;
  totals.sent += r.sentSubmissions;
  totals.retried += r.retriedActions;
  if (!r.ok) failed++;
  console.log(`${engine} trial ${String(trial).padStart(2)}/${trials}: ${r.ok ? 'ok  ' : 'FAIL'} killed after ${r.killedAfterMs} ms; acknowledged ${r.acknowledgedSubmissions} submissions + ${r.acknowledgedActions} actions; ` +
    `retried ${r.sentSubmissions} submissions + ${r.retriedActions} actions; ${(r.ms / 1000).toFixed(1)} s (${Object.entries(r.phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', ')})`);
  for (const p of r.problems) console.log(`    ${p}`);
  if (!r.ok) console.log(`    data kept in ${r.dataDir}`);
}
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(`\n${engine}: ${trials - failed}/${trials} trials whole; ${totals.submissions} acknowledged submissions and ${totals.actions} acknowledged case actions checked; ` +
  `${totals.sent} submissions and ${totals.retried} actions retried; ${seconds} s`);
process.exit(failed === 0 ? 0 : 1);
