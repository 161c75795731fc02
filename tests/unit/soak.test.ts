// The short soak of CI: the `npm run soak` harness for half a minute against the tsx server (no
// build), so a request of the mix that starts failing, or a server that dies under steady mixed
// load, fails the suite. The 30-minute run and its figures: docs/RELIABILITY.md, "Soak".
//
// Only the SQLite pass of CI runs it (the PostgreSQL pass runs src/server). By hand on PostgreSQL:
//   TEST_DB=postgres TEST_DATABASE_URL=postgres://… npx vitest run tests/unit/soak.test.ts
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgSchema } from '../../src/server/testing.js';
import { killServerNow, renderSoak, runSoak } from '../soak/soak.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

afterAll(() => {
  // runSoak stops its server itself; this is the SIGKILL fallback if the test timed out mid-run
  killServerNow();
});

describe('soak (30 s)', () => {
  it('the mixed load at 70% of its peak answers every request as expected', { timeout: 180_000 }, async () => {
    const pg = process.env.TEST_DB === 'postgres' && process.env.TEST_DATABASE_URL;
    const databaseUrl = pg ? (await createPgSchema(pg)).url : undefined;
    const lines: string[] = [];
    const report = await runSoak({
      root: ROOT,
      minutes: 0.5,
      peakSeconds: 5,
      peakConcurrency: 16,
      ratio: 0.7,
      maxGrowthPct: 50,
      sampleEveryMs: 1000,
      // no generated cases: the bench's generator takes about a minute even for a few thousand
      cases: 0,
      port: Number(process.env.SOAK_PORT || 43100),
      databaseUrl,
      log: (m) => lines.push(m),
    });
    const text = renderSoak(report);
    expect(report.errors, `${text}\n${lines.join('\n')}`).toBe(0);
    // every kind of operation ran, the case work to its end (delivery, 办结通知书)
    for (const endpoint of ['search', 'guide', 'queue', 'submission', 'action accept', 'action deliver', 'notice completion', 'staff sign-in', 'citizen sign-in']) {
      expect(report.endpoints.find((e) => e.endpoint === endpoint)?.count ?? 0, `${endpoint}\n${text}`).toBeGreaterThan(0);
    }
    // Memory over 30 s is mostly noise (the heap grows and shrinks by tens of MiB between
    // collections, and the first half minute still fills caches): only a runaway leak is caught
    // here. The 10% limit is for the long run.
    expect(report.rss.growthPct, text).toBeLessThan(50);
  });
});
