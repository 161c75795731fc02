import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const login = (c: TestClient, username: string, password: string) => c.post('/api/v1/auth/staff/login', { username, password });

describe('staff sign-in', () => {
  it('signs in with the demo password, sets HttpOnly SameSite cookies and returns /me', async () => {
    const c = new TestClient(t.app);
    const res = await login(c, 'gangshan.clerk', 'Demo@2026');
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((k) => k.name === 'bm_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(res.cookies.find((k) => k.name === 'bm_csrf')!.httpOnly).toBeFalsy();
    const me = await c.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ name: '孟晓燕', kind: 'staff', roles: [{ role: 'window_clerk', regionCode: '370883001', regionName: '钢山街道' }] });
    // the session token is stored hashed, never as given
    const rows = await t.deps.dbh.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(session.value);
  });

  it('gives the same 401 for an unknown user and a wrong password', async () => {
    const c = new TestClient(t.app);
    const unknown = await login(c, 'nobody', 'Demo@2026');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
    const wrong = await login(c, 'gangshan.clerk', 'Wrong@2026');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('locks the account for 15 minutes after 5 failures, even against the right password', async () => {
    const c = new TestClient(t.app);
    for (let i = 1; i <= 5; i++) expect((await login(c, 'gangshan.clerk', 'Wrong@2026')).statusCode).toBe(401);
    const lockedUntil = async () =>
      (await t.deps.dbh.db.selectFrom('sign_in_failures').select('locked_until').where('username_key', '=', 'gangshan.clerk').executeTakeFirstOrThrow()).locked_until;
    expect(await lockedUntil()).toBe('2026-11-27T02:15:00.000Z');
    const right = await login(c, 'gangshan.clerk', 'Demo@2026');
    expect(right.statusCode).toBe(429);
    expect(right.json().error).toEqual({
      code: 'ACCOUNT_LOCKED',
      message: '密码连续错误 5 次，账号已锁定 15 分钟，请稍后再试或联系管理员解锁',
      details: { lockedUntil: '2026-11-27T02:15:00.000Z' },
    });
    t.clock.advanceMinutes(14);
    expect((await login(c, 'gangshan.clerk', 'Demo@2026')).statusCode).toBe(429);
    t.clock.advanceMinutes(2);
    expect((await login(c, 'gangshan.clerk', 'Demo@2026')).statusCode).toBe(200);
    const actions = (await t.deps.dbh.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    expect(actions).toContain('auth.staff.locked');
    expect(actions.filter((a) => a === 'auth.staff.login_failed')).toHaveLength(4);
  });

  it('ends a staff session after 30 minutes idle, and activity keeps it alive', async () => {
    const c = await new TestClient(t.app).loginStaff('gangshan.clerk');
    t.clock.advanceMinutes(20);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(20);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    const expired = await c.get('/api/v1/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('logs out and the cookie no longer works', async () => {
    const c = await new TestClient(t.app).loginStaff('gangshan.clerk');
    const token = c['cookies'].get('bm_session')!;
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `bm_session=${token}` } });
    expect(again.statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const c = await new TestClient(t.app).loginStaff('admin');
    const missing = await c.request('POST', '/api/v1/auth/logout', {}, { 'x-csrf-token': '' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_FAILED');
    const forged = await c.request('POST', '/api/v1/auth/logout', {}, { 'x-csrf-token': 'forged-token-value' });
    expect(forged.statusCode).toBe(403);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('refuses a disabled account after a correct password', async () => {
    await t.deps.dbh.db.updateTable('staff_users').set({ active: 0 }).where('username', '=', 'qianquan.clerk').execute();
    const res = await login(new TestClient(t.app), 'qianquan.clerk', 'Demo@2026');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ACCOUNT_DISABLED');
  });
});

describe('citizen SMS sign-in', () => {
  it('sends a 6-digit code to the outbox (encrypted) and signs in', async () => {
    const c = new TestClient(t.app);
    const sent = await c.post('/api/v1/auth/citizen/sms-code', { phone: '13800000001' });
    expect(sent.statusCode).toBe(200);
    const code = sent.json().demoCode as string;
    expect(code).toMatch(/^\d{6}$/);
    const outbox = await t.deps.dbh.db.selectFrom('sms_outbox').selectAll().execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0].phone_masked).toBe('138****0001');
    expect(JSON.stringify(outbox)).not.toContain('13800000001');
    expect(t.deps.protector.decrypt(outbox[0].body_enc)).toContain(code);
    const res = await c.post('/api/v1/auth/citizen/login', { phone: '13800000001', code });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'citizen', name: '张秀英', phoneMasked: '138****0001', age: 70, roles: [{ role: 'citizen' }] });
  });

  it('does not reveal the code outside demo mode', async () => {
    const prod = await createTestApp({ config: { demoMode: false } });
    try {
      const res = await new TestClient(prod.app).post('/api/v1/auth/citizen/sms-code', { phone: '13800000001' });
      expect(res.statusCode).toBe(200);
      expect(res.json().demoCode).toBeUndefined();
    } finally {
      await prod.close();
    }
  });

  it('registers a new phone number on first sign-in', async () => {
    const c = await new TestClient(t.app).loginCitizen('13912345678');
    const me = (await c.get('/api/v1/me')).json();
    expect(me).toMatchObject({ kind: 'citizen', name: '用户5678', phoneMasked: '139****5678', realName: { status: 'none', complete: false } });
    const citizen = await t.deps.dbh.db.selectFrom('citizens').selectAll().where('id', '=', me.id).executeTakeFirstOrThrow();
    expect(citizen.phone_enc).not.toContain('13912345678');
    expect(t.deps.protector.decrypt(citizen.phone_enc)).toBe('13912345678');
  });

  it('rejects a wrong code, an expired code, a reused code and too many attempts', async () => {
    const c = new TestClient(t.app);
    const code = (await c.post('/api/v1/auth/citizen/sms-code', { phone: '13800000002' })).json().demoCode as string;
    const wrong = code === '000000' ? '111111' : '000000';
    const bad = await c.post('/api/v1/auth/citizen/login', { phone: '13800000002', code: wrong });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('SMS_CODE_INVALID');
    expect((await c.post('/api/v1/auth/citizen/login', { phone: '13800000002', code })).statusCode).toBe(200);
    expect((await c.post('/api/v1/auth/citizen/login', { phone: '13800000002', code })).statusCode).toBe(401);

    t.clock.advanceMinutes(2);
    const code2 = (await c.post('/api/v1/auth/citizen/sms-code', { phone: '13800000002' })).json().demoCode as string;
    t.clock.advanceMinutes(6);
    expect((await c.post('/api/v1/auth/citizen/login', { phone: '13800000002', code: code2 })).statusCode).toBe(401);

    t.clock.advanceMinutes(2);
    const code3 = (await c.post('/api/v1/auth/citizen/sms-code', { phone: '13800000002' })).json().demoCode as string;
    const wrong3 = code3 === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await c.post('/api/v1/auth/citizen/login', { phone: '13800000002', code: wrong3 });
    expect((await c.post('/api/v1/auth/citizen/login', { phone: '13800000002', code: code3 })).statusCode).toBe(401);
  });

  it('rate-limits codes per phone (60 s cool-down, 5 an hour) and per IP', async () => {
    const c = new TestClient(t.app);
    expect((await c.post('/api/v1/auth/citizen/sms-code', { phone: '13800000003' })).statusCode).toBe(200);
    const soon = await c.post('/api/v1/auth/citizen/sms-code', { phone: '13800000003' });
    expect(soon.statusCode).toBe(429);
    expect(soon.json().error.code).toBe('SMS_TOO_FREQUENT');
    for (let i = 0; i < 4; i++) {
      t.clock.advanceMinutes(1.1);
      expect((await c.post('/api/v1/auth/citizen/sms-code', { phone: '13800000003' })).statusCode).toBe(200);
    }
    t.clock.advanceMinutes(1.1);
    const sixth = await c.post('/api/v1/auth/citizen/sms-code', { phone: '13800000003' });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('SMS_LIMIT_REACHED');

    // One IP asking for many different phones is stopped too.
    let lastStatus = 200;
    for (let i = 0; i < 40 && lastStatus === 200; i++) {
      lastStatus = (await c.post('/api/v1/auth/citizen/sms-code', { phone: `1370000${String(i).padStart(4, '0')}` })).statusCode;
    }
    expect(lastStatus).toBe(429);
  });

  it('rejects invalid phone numbers and codes with field details', async () => {
    const c = new TestClient(t.app);
    const res = await c.post('/api/v1/auth/citizen/sms-code', { phone: '12345' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'phone' }] });
    const res2 = await c.post('/api/v1/auth/citizen/login', { phone: '13800000001', code: '12ab56' });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.details[0].field).toBe('code');
  });
});

describe('/me', () => {
  it('is 401 without a session and with a garbage cookie', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).json().error.code).toBe('UNAUTHENTICATED');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'bm_session=garbage' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('citizen preferences', () => {
  it('remembers elder mode with the account; staff cannot use it', async () => {
    const c = await new TestClient(t.app).loginCitizen('13800000001');
    expect((await c.get('/api/v1/me')).json().elderMode).toBeNull();
    const res = await c.request('PUT', '/api/v1/me/preferences', { elderMode: true });
    expect(res.statusCode).toBe(200);
    expect((await c.get('/api/v1/me')).json().elderMode).toBe(true);
    expect((await c.request('PUT', '/api/v1/me/preferences', { elderMode: 'yes' })).statusCode).toBe(400);
    const staff = await new TestClient(t.app).loginStaff('gangshan.clerk');
    expect((await staff.request('PUT', '/api/v1/me/preferences', { elderMode: true })).statusCode).toBe(403);
  });
});
