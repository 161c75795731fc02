import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './config.js';
import { createTestApp, testEngine, type TestApp } from './testing.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(async () => {
  await t.close();
});

describe('system endpoints', () => {
  it('GET /api/health answers as the contract says', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: testEngine(), version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('serves the OpenAPI document with every public route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/health', '/api/v1/auth/staff/login', '/api/v1/auth/citizen/sms-code', '/api/v1/auth/citizen/login', '/api/v1/auth/logout', '/api/v1/me', '/api/v1/regions', '/api/v1/admin/users']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    // every tag an operation carries is described (the docs group and explain operations by tag)
    const described = new Set((doc.tags as { name: string }[]).map((tag) => tag.name));
    const used = new Set(Object.values(doc.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap((ops) => Object.values(ops).flatMap((op) => op.tags ?? [])));
    expect([...used].filter((tag) => !described.has(tag))).toEqual([]);
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});

describe('compression', () => {
  it('compresses a large JSON answer for a browser that asks, and leaves small ones and other clients alone', async () => {
    const url = '/api/docs/json';
    const plain = await t.app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
    const gz = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());

    const small = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json().status).toBe('ok');
  });
});

describe('graceful shutdown', () => {
  it('SIGTERM lets an in-flight request finish, then exits 0', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bm-shutdown-'));
    const port = 32000 + Math.floor(Math.random() * 2000);
    // debug: the server logs each incoming request, so the test knows when the request is in flight.
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'debug', SERVE_WEB: 'false', SEED_DEMO_HISTORY: 'false' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'src/server/main.ts')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let output = '';
    const arrived = new Promise<void>((resolve) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/incoming request[^\n]*auth\/staff\/login|auth\/staff\/login[^\n]*incoming request/.test(output)) resolve();
      });
    });
    child.stderr!.resume();
    const base = `http://127.0.0.1:${port}`;
    // Start-up (migrations, demo data) can take a while on a busy machine.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // A staff login spends ~50 ms in argon2: SIGTERM arrives once the server has the request.
    const login = fetch(`${base}/api/v1/auth/staff/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'gangshan.clerk', password: 'Demo@2026' }),
    });
    await arrived;
    child.kill('SIGTERM');
    const res = await login;
    expect(res.status).toBe(200);
    expect(await exited).toBe(0);
  }, 120_000);
});
