// `npm run soak`: the mixed load at 70% of its measured peak for SOAK_MINUTES, with the server's
// RSS sampled throughout; PASS needs no errors and RSS growth under 10%. See docs/RELIABILITY.md, "Soak".
//
// Environment:
//   SOAK_MINUTES        soak time (default 5; the documented run is 30, CI's 0.5)
//   SOAK_PEAK_SECONDS   closed-loop peak measurement (default 10)
//   SOAK_CONCURRENCY    operations in flight while the peak is measured (default 32)
//   SOAK_RATIO          soak rate as a fraction of the peak (default 0.7)
//   SOAK_MAX_GROWTH     RSS growth limit in percent (default 10)
//   SOAK_CASES          generated cases before the load (default 20000; the bench's generator)
//   SOAK_SERVER_ENTRY   a built server (e.g. a private build's dist/server/main.js); default:
//                       src/server/main.ts through tsx
//   SOAK_PORT           the server's port (default: a free one)
//   DATABASE_URL        run against PostgreSQL; must point to an EMPTY database (schema)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killServerNow, renderSoak, runSoak } from './soak.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (m: string) => process.stderr.write(`[soak] ${m}\n`);

function num(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) {
    log(`${name} must be a number ≥ ${min}, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}

const opts = {
  root: ROOT,
  minutes: num('SOAK_MINUTES', 5, 0.1),
  peakSeconds: num('SOAK_PEAK_SECONDS', 10, 1),
  peakConcurrency: num('SOAK_CONCURRENCY', 32, 1),
  ratio: num('SOAK_RATIO', 0.7, 0.01),
  maxGrowthPct: num('SOAK_MAX_GROWTH', 10, 0),
  sampleEveryMs: 2000,
  cases: num('SOAK_CASES', 20_000, 0),
  port: process.env.SOAK_PORT ? num('SOAK_PORT', 0, 1) : undefined,
  databaseUrl: process.env.DATABASE_URL || undefined,
  entry: process.env.SOAK_SERVER_ENTRY ? path.resolve(process.env.SOAK_SERVER_ENTRY) : undefined,
  log,
};

process.on('exit', killServerNow);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping the server`);
    process.exit(130);
  });
}

runSoak(opts).then(
  (report) => {
    process.stdout.write(renderSoak(report) + '\n');
    const dir = path.join(ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), options: { ...opts, log: undefined, root: undefined }, ...report }, null, 2) + '\n');
    process.stdout.write(`results: ${path.relative(ROOT, file)}\n`);
    process.exit(report.pass ? 0 : 1);
  },
  (err: unknown) => {
    log(`soak failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
