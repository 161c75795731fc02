/**
 * Runs the demo seeding (seed/demo-data.ts) in a child process (seed/demo-worker.ts says why) and
 * answers what it wrote. The server waits for it before it builds its services and listens, as it
 * did when it seeded itself.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DemoSeedSummary } from './demo-data.js';

export function seedDemoInChild(): Promise<DemoSeedSummary> {
  // Under tsx (npm run dev, tests that start main.ts) the sources are .ts: the child gets the same
  // --import that lets the server load them.
  const entry = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './demo-worker.ts' : './demo-worker.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(entry, [], { execArgv: process.execArgv, stdio: 'inherit' });
    let summary: DemoSeedSummary | undefined;
    child.once('message', (message) => (summary = message as DemoSeedSummary));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      summary && code === 0 ? resolve(summary) : reject(new Error(`the demo seeding stopped (${signal ?? `exit code ${code}`}) before it finished`)));
  });
}
