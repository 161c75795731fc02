/**
 * The ratings list's date range: a day that does not exist (0000-00-00, 2026-02-30) used to fail
 * with a 500 (found by the fuzzer, issue 18); it is a validation error now.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';

let t: TestApp, admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await new TestClient(t.app).loginStaff('admin');
});
afterAll(async () => {
  await t?.close();
});

it.each([['0000-00-00', '0000-00-00'], ['2026-02-30', '2026-03-01'], ['2026-01-01', '2026-13-01']])('from %s to %s is refused with VALIDATION_FAILED', async (from, to) => {
  const res = await admin.get(`/api/v1/ratings?page=1&from=${from}&to=${to}`);
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('VALIDATION_FAILED');
});

it('a real range still answers', async () => {
  const res = await admin.get('/api/v1/ratings?page=1&from=2026-11-01&to=2026-11-30');
  expect(res.statusCode).toBe(200);
});
