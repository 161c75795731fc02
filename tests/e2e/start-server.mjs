// Starts a FRESH server for the browser journeys: a new, empty data directory every run,
// demo data seeded, listening on 127.0.0.1:$E2E_PORT (default 3100). Run `npm run build` first (dist/web + dist/server).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const port = process.env.E2E_PORT ?? '3100';
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `bianmin-e2e-${port}`);
// E2E_SERVER_ENTRY: run another server build (e.g. a copy) instead of dist/server/main.js.
const entry = path.resolve(root, process.env.E2E_SERVER_ENTRY ?? path.join('dist', 'server', 'main.js'));

// the web app the server serves: dist/web beside its dist/server
for (const needed of [entry, path.resolve(path.dirname(entry), '..', 'web', 'index.html')]) {
  if (!existsSync(needed)) {
    process.stderr.write(`e2e: ${path.relative(root, needed)} is missing — run \`npm run build\` first\n`);
    process.exit(1);
  }
}

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const child = spawn(process.execPath, [entry], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    // no demo history (written in the background after start): journeys count from a still database
    SEED_DEMO_HISTORY: 'false',
    DEMO_MODE: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // Catch a query through the root handle inside a transaction at once (db/guard.ts trackScope).
    BIANMIN_TRANSACTION_GUARD: '1',
  },
});

const stop = (signal) => {
  if (child.exitCode === null) child.kill(signal);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
