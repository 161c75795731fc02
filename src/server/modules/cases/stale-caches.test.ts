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
let clerk: TestClient, approver: TestClient;
beforeEach(async () => {
  ({ t, staff: [clerk, approver] } = await caseTestApp(['gangshan.clerk', 'gangshan.approver'] as const));
});
afterEach(async () => {
  vi.useRealTimers();
  await t.close();
});

/** Every cache's "older than its refresh interval" check passes from now on; timers stay real. */
const jumpPastRefresh = () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + 66_000);
};

describe('caches older than their refresh interval', () => {
  it('a window intake accepted 66 seconds later answers, and the database stays usable', async () => {
    const { id } = await submitOk(clerk, windowBody());
    jumpPastRefresh();
    await within(5000, 'accept', actOk(clerk, id, 'accept', { opinion: '材料齐全，予以受理' }));
    const regions = await within(5000, 'regions', t.app.inject({ method: 'GET', url: '/api/v1/regions?parent=370883' }));
    expect(regions.statusCode).toBe(200);
  });

  it('every step of a case, each more than a minute after the last, answers: intake, accept, approve twice, deliver, then the detail and the queue', async () => {
    const steps: [TestClient, string, Record<string, unknown>][] = [
      [clerk, 'accept', {}], [approver, 'approve', { opinion: '同意' }], [approver, 'approve', { opinion: '同意' }], [clerk, 'deliver', { method: 'pickup' }],
    ];
    jumpPastRefresh();
    const { id } = await within(5000, 'submit', submitOk(clerk, windowBody()));
    for (const [client, action, body] of steps) {
      vi.setSystemTime(Date.now() + 66_000);
      await within(5000, action, actOk(client, id, action, body));
    }
    vi.setSystemTime(Date.now() + 66_000);
    const detail = await within(5000, 'detail', clerk.get(`/api/v1/cases/${id}`));
    expect(detail.json().status).toBe('delivered');
    vi.setSystemTime(Date.now() + 66_000);
    const queue = await within(5000, 'queue', clerk.get('/api/v1/cases'));
    expect(queue.statusCode).toBe(200);
  });
});
