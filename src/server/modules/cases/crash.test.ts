/**
 * Crash safety: the real server (SQLite with WAL; or PostgreSQL when the suite runs there) is
 * killed with SIGKILL in the middle of a burst of window submissions and case actions, then
 * restarted on the same data. Every write whose answer reached a client is there whole; nothing is
 * half-written; the audit chain verifies; retrying every request creates nothing twice. Two trials
 * here, the second on the data (and the restarted server) the first left; `npm run faults` runs
 * twenty on fresh data each (scripts/faults/harness.ts holds the trial for both).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTarget, runTrial, stopServer, type Running } from '../../../../scripts/faults/harness.js';
import { testEngine } from '../../testing.js';

// Ports 41000–41099 are this test's (the script defaults to 41100); a random one, so a second run
// beside a first does not collide.
const port = 41000 + Math.floor(Math.random() * 100);
let running: Running | undefined;

afterAll(async () => {
  if (!running) return;
  await stopServer(running.proc, 5_000);
  removeTarget(running.target);
});

describe('kill -9 during a burst of submissions and case actions', () => {
  it('keeps every acknowledged write whole and nothing half-written, twice', async () => {
    for (const trial of [1, 2]) {
      const r = await runTrial({
        engine: testEngine(), port, trial, baseUrl: process.env.TEST_DATABASE_URL, clients: 6, on: running, leaveRunning: true,
        // early in one trial, later in the other
        killAfter: trial === 1 ? [15, 30] : [40, 60],
      });
      running = r.running;
      expect(r.problems, `trial ${trial}`).toEqual([]);
      expect(r.acknowledgedSubmissions).toBeGreaterThan(0);
      expect(r.acknowledgedActions).toBeGreaterThan(0);
    }
  }, 240_000); // three cold starts of the real server (tsx, demo data) on a machine that may be busy
});
