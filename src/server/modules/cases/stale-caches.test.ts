/**
 * A reproduction of the hang seen on a fresh clone (issue 10): a cache that refreshed itself
 * through the root database handle from inside a case action's transaction. On SQLite the
 * transaction holds the only connection, so the refresh waited for it forever and every later
 * request that needed the database hung. Each step here is bounded, so a regression fails fast
 * instead of hanging the suite.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestApp, TestClient } from '../../testing.js';
import { actOk, caseTestApp, submitOk, windowBody } from './fixtures.js';

const within = <T>(ms: number, what: string, p: Promise<T>): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms))]);

let t: TestApp;
let clerk: TestClient;
beforeEach(async () => {
  ({ t, staff: [clerk] } = await caseTestApp(['gangshan.clerk'] as const));
});
afterEach(async () => {
  vi.useRealTimers();
  await t.close();
});

describe('caches older than their refresh interval', () => {
  it('a window intake accepted 66 seconds later answers, and the database stays usable', async () => {
    const { id } = await submitOk(clerk, windowBody());
    // Only Date moves: every cache's "older than 60 s" check now passes; timers stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 66_000);
    await within(5000, 'accept', actOk(clerk, id, 'accept', { opinion: '材料齐全，予以受理' }));
    const regions = await within(5000, 'regions', t.app.inject({ method: 'GET', url: '/api/v1/regions?parent=370883' }));
    expect(regions.statusCode).toBe(200);
  });

  it('every action after the refresh interval still answers (intake, accept, approve, deliver)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    for (let round = 0; round < 3; round++) {
      vi.setSystemTime(Date.now() + 61_000);
      const { id } = await within(5000, 'submit', submitOk(clerk, windowBody()));
      vi.setSystemTime(Date.now() + 61_000);
      await within(5000, 'accept', actOk(clerk, id, 'accept', {}));
    }
  });
});
