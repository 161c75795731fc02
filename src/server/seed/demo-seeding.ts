/**
 * Runs the demo seeding (seed/demo-data.ts) in a child process (seed/demo-worker.ts says why) and
 * answers what it wrote. The server waits for it before it builds its services and listens, as it
 * did when it seeded itself.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DemoSeedSummary } from './demo-data.js';

export function seedDemoInChild(): Promise<DemoSeedSummary> {
  return seedInChild<DemoSeedSummary>([]).done;
}

/**
 * The demo history in a child process, after the server listens: its handle (to stop it when the
 * server stops first) and what it wrote.
 */
export function seedDemoHistoryInChild(): { child: ChildProcess; done: Promise<{ historyCases: number }> } {
  return seedInChild<{ historyCases: number }>(['history']);
}

function seedInChild<T>(args: string[]): { child: ChildProcess; done: Promise<T> } {
  // Under tsx (npm run dev, tests that start main.ts) the sources are .ts: the child gets the same
  // --import that lets the server load them.
  const entry = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './demo-worker.ts' : './demo-worker.js', import.meta.url));
  const child = fork(entry, args, { execArgv: process.execArgv, stdio: 'inherit' });
  const done = new Promise<T>((resolve, reject) => {
    let summary: T | undefined;
    child.once('message', (message) => (summary = message as T));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      summary && code === 0 ? resolve(summary) : reject(new Error(`the demo seeding stopped (${signal ?? `exit code ${code}`}) before it finished`)));
  });
  return { child, done };
}
