/**
 * Issue 10, part 1 and the smaller controls: a database that does not answer makes the process
 * say so (503) instead of hanging; logs keep no query values; only configured proxies are believed.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp, createLogger, redactQuery } from './app.js';
import { loadConfig } from './config.js';
import { createTestApp, TestClient, testEngine } from './testing.js';

describe.runIf(testEngine() === 'sqlite')('a database that does not answer', () => {
  it('health answers 503 within its bound and a request that needs the database 503 DATABASE_BUSY; both recover', async () => {
    const t = await createTestApp({ config: { databaseWaitMs: 300 } });
    try {
      let release!: () => void;
      // Something holds SQLite's only connection (the hang of issue 10 did this forever).
      const held = t.deps.dbh.db.transaction().execute(() => new Promise<void>((r) => (release = r)));
      const started = performance.now();
      const health = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unavailable' });
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: 'gangshan.clerk', password: 'Demo@2026' } });
      expect(login.statusCode).toBe(503);
      expect(login.json().error.code).toBe('DATABASE_BUSY');
      expect(login.headers['retry-after']).toBe('5');
      expect(performance.now() - started).toBeLessThan(5000);
      release();
      await held;
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      await new TestClient(t.app).loginStaff('gangshan.clerk');
    } finally {
      await t.close();
    }
  });
});

describe('the request log', () => {
  it('keeps query parameter names, never their values (a tracking query carries a phone number)', async () => {
    const t = await createTestApp({ seed: false });
    const lines: string[] = [];
    const log = createLogger('debug', new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
    const app = await buildApp({ ...t.deps, log, config: { ...t.deps.config, logLevel: 'debug' } });
    try {
      await app.inject({ method: 'GET', url: '/api/v1/cases/track?caseNo=37088300100020261127000001&phone=13800000002' });
      const text = lines.join('');
      expect(text).toContain('/api/v1/cases/track?caseNo=[redacted]&phone=[redacted]');
      expect(text).not.toContain('13800000002');
      expect(text).not.toContain('37088300100020261127000001');
    } finally {
      await app.close();
      await t.close();
    }
  });

  it('redactQuery leaves a path alone and hides every value', () => {
    expect(redactQuery('/api/v1/items')).toBe('/api/v1/items');
    expect(redactQuery('/x?a=1&b=&c')).toBe('/x?a=[redacted]&b=[redacted]&c=[redacted]');
  });
});

describe('TRUST_PROXY', () => {
  const ipOfLogin = async (trustProxy: string, remoteAddress: string, forwardedFor: string) => {
    const t = await createTestApp({ config: { trustedProxies: loadConfig({ TRUST_PROXY: trustProxy }).trustedProxies } });
    try {
      const res = await t.app.inject({
        method: 'POST', url: '/api/v1/auth/staff/login', remoteAddress,
        headers: { 'x-forwarded-for': forwardedFor }, payload: { username: 'gangshan.clerk', password: 'Demo@2026' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const row = await t.deps.dbh.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.staff.login').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      return row.ip;
    } finally {
      await t.close();
    }
  };

  it('believes X-Forwarded-For only from a configured proxy address or range', async () => {
    expect(await ipOfLogin('10.0.0.0/8', '10.1.2.3', '198.51.100.7')).toBe('198.51.100.7');
    expect(await ipOfLogin('10.0.0.0/8', '203.0.113.9', '198.51.100.7')).toBe('203.0.113.9');
    expect(await ipOfLogin('false', '203.0.113.9', '198.51.100.7')).toBe('203.0.113.9');
  });

  it('reads TRUST_PROXY as a list; true means the proxy on this machine, never anyone', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustedProxies).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustedProxies).toEqual(['loopback']);
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx.local' })).toThrow(/TRUST_PROXY/);
  });
});

describe('security headers', () => {
  it('every answer carries a CSP without inline script, no framing, nosniff and a same-origin referrer; HSTS only over HTTPS; hashed scripts and stylesheets only what acts on them', async () => {
    const plain = await createTestApp({ seed: false });
    const https = await createTestApp({ seed: false, config: { cookieSecure: true } });
    try {
      for (const url of ['/api/health', '/api/v1/regions?parent=370883', '/api/v1/nowhere']) {
        const res = await plain.app.inject({ method: 'GET', url });
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toMatch(/script-src 'self'(;|$)/);
        expect(csp).toContain("object-src 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
      const secure = await https.app.inject({ method: 'GET', url: '/api/health' });
      expect(secure.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      // Hashed scripts and stylesheets are never documents: only the headers that act on them.
      for (const url of ['/assets/index-abc.js', '/assets/portal-abc.css?v=1']) {
        const res = await https.app.inject({ method: 'GET', url });
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
        expect(res.headers['content-security-policy']).toBeUndefined();
        expect(res.headers['x-frame-options']).toBeUndefined();
      }
      // …but anything that can be a document keeps them all: an SVG, an address without extension, the service worker.
      for (const url of ['/assets/icon.svg', '/assets/page', '/helper-sw.js', '/assets.js', '/x/assets/a.js']) {
        const res = await plain.app.inject({ method: 'GET', url });
        expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
        expect(res.headers['x-frame-options']).toBe('DENY');
      }
    } finally {
      await plain.close();
      await https.close();
    }
  });
});
