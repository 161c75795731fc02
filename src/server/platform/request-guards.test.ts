/**
 * Requests refused before any handler runs still answer in the error contract (both found by the
 * fuzzer, issue 18): a path whose percent-encoding does not decode, or a path parameter past the
 * router's length limit, came back in Fastify's own shape; a NUL character in a path parameter,
 * query value or JSON string reached PostgreSQL, which cannot store one in text, and made a 500.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../testing.js';

let t: TestApp, admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await new TestClient(t.app).loginStaff('admin');
});
afterAll(async () => {
  await t?.close();
});

function expectContract(res: { statusCode: number; headers: Record<string, unknown>; json: () => { error: { code: string; message: string } } }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/json');
  expect(res.json().error.code).toBe(code);
  expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
}

it.each([
  ['a lone percent sign', '/api/v1/venues/%', 400, 'BAD_URL'],
  ['an encoded lone surrogate', '/api/v1/venues/%ED%A0%80', 400, 'BAD_URL'],
  ['a cut multi-byte character', '/api/v1/items/%E4%B8/prefill', 400, 'BAD_URL'],
  ['a path parameter of 2000 characters', `/api/v1/venues/${'x'.repeat(2000)}`, 414, 'URL_TOO_LONG'],
])('%s answers %i %s with a Chinese message', async (_name, url, status, code) => {
  expectContract(await t.app.inject({ method: 'GET', url }), status, code);
});

it('a NUL character in a path parameter, a query value or a JSON string is refused with INVALID_CHARACTER', async () => {
  expectContract(await admin.put('/api/v1/training/sessions/%00/participants/%20', { attendance: 'attended', version: 1 }), 400, 'INVALID_CHARACTER');
  expectContract(await admin.get('/api/v1/venues?q=a%00b'), 400, 'INVALID_CHARACTER');
  expectContract(await admin.post('/api/v1/help-requests', { note: 'a\u0000b' }), 400, 'INVALID_CHARACTER');
  expectContract(await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: 'ad\u0000min', password: 'x' } }), 400, 'INVALID_CHARACTER');
});

it('ordinary requests still pass', async () => {
  expect((await admin.get('/api/v1/venues?q=钢山')).statusCode).toBe(200);
});
