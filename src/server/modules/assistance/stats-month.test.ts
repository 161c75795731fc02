/**
 * The monthly statistics' month: a year the bounds cannot be computed for (0000, 9999-12) used to
 * fail with a 500 (found by the fuzzer, issue 18); it is a validation error now.
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

it.each(['0000-10', '9999-12', '1999-01', '2026-13'])('month %s is refused with VALIDATION_FAILED', async (month) => {
  const res = await admin.get(`/api/v1/help-requests/stats?month=${month}`);
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('VALIDATION_FAILED');
});

it('a month of this century still answers', async () => {
  const res = await admin.get('/api/v1/help-requests/stats?month=2026-11');
  expect(res.statusCode).toBe(200);
  expect(res.json().month).toBe('2026-11');
});
