import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/index.js';
import { migrateToLatest, migrateUpTo } from '../../db/migrate.js';
import { createPgSchema, createTestApp, testEngine, TestClient, type TestApp } from '../../testing.js';
import { LOCK_MINUTES, MAX_FAILED_LOGINS, SMS_MAX_ATTEMPTS } from './service.js';

// Counts the checks against real password hashes (verifyPassword) and the dummy checks made for
// unknown usernames (burnPasswordCheck, which calls the module's own verifyPassword, not this one).
const hashChecks = vi.hoisted(() => ({ count: 0, dummies: 0 }));
vi.mock('../../platform/passwords.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../platform/passwords.js')>();
  return {
    ...real,
    verifyPassword: async (stored: string, password: string) => {
      hashChecks.count++;
      return real.verifyPassword(stored, password);
    },
    burnPasswordCheck: async (password: string) => {
      hashChecks.dummies++;
      return real.burnPasswordCheck(password);
    },
  };
});

let t: TestApp;
beforeEach(async () => {
  hashChecks.count = 0;
  hashChecks.dummies = 0;
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const STAFF_LOGIN = '/api/v1/auth/staff/login';
const CITIZEN_LOGIN = '/api/v1/auth/citizen/login';
const staffLogin = (app: TestApp['app'], username: string, password: string, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: STAFF_LOGIN, payload: { username, password }, remoteAddress });
const failureRow = (username: string) =>
  t.deps.dbh.db.selectFrom('sign_in_failures').select(['failures', 'locked_until']).where('username_key', '=', username).executeTakeFirst();
const failureKeys = async () =>
  (await t.deps.dbh.db.selectFrom('sign_in_failures').select('username_key').orderBy('username_key').execute()).map((r) => r.username_key);
const minutesFromNow = (m: number) => new Date(t.clock.now().getTime() + m * 60_000).toISOString();

describe('staff lockout under parallel guesses', () => {
  it('gives 20 parallel wrong passwords at most 5 hash checks, then answers 429 ACCOUNT_LOCKED to the right password', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => staffLogin(t.app, 'gangshan.clerk', 'Wrong@2026')));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([...Array(MAX_FAILED_LOGINS).fill(401), ...Array(20 - MAX_FAILED_LOGINS).fill(429)]);
    expect(hashChecks.count).toBe(MAX_FAILED_LOGINS);

    const right = await staffLogin(t.app, 'gangshan.clerk', 'Demo@2026');
    expect(right.statusCode).toBe(429);
    expect(right.json().error).toMatchObject({ code: 'ACCOUNT_LOCKED', details: { lockedUntil: minutesFromNow(LOCK_MINUTES) } });
    // Refused without looking at the password: no check, real or dummy.
    expect(hashChecks.count).toBe(MAX_FAILED_LOGINS);
    expect(hashChecks.dummies).toBe(0);
    expect((await failureRow('gangshan.clerk'))?.locked_until).toBe(minutesFromNow(LOCK_MINUTES));

    const actions = (await t.deps.dbh.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.staff.login_failed')).toHaveLength(MAX_FAILED_LOGINS - 1);
    expect(actions.filter((a) => a === 'auth.staff.locked')).toHaveLength(1);
    expect(actions).not.toContain('auth.staff.login');

    // The lock ends on time, and a correct password then ends the series.
    t.clock.advanceMinutes(LOCK_MINUTES + 1);
    expect((await staffLogin(t.app, 'gangshan.clerk', 'Demo@2026')).statusCode).toBe(200);
    expect(await failureRow('gangshan.clerk')).toBeUndefined();
  });

  it('never locks a person out with their own correct attempts: 8 parallel correct sign-ins are signed in or asked to retry, and no lock follows', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => staffLogin(t.app, 'gangshan.clerk', 'Demo@2026')));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(MAX_FAILED_LOGINS);
    for (const a of answers.filter((x) => x.statusCode !== 200)) expect(a.json().error.code).toBe('RATE_LIMITED');
    expect((await failureRow('gangshan.clerk'))?.locked_until ?? null).toBeNull();
    expect((await staffLogin(t.app, 'gangshan.clerk', 'Demo@2026')).statusCode).toBe(200);
  });

  it('lets the right password through as the last allowed attempt, and clears the count', async () => {
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect((await staffLogin(t.app, 'gangshan.clerk', 'Wrong@2026')).statusCode).toBe(401);
    expect(await failureRow('gangshan.clerk')).toEqual({ failures: MAX_FAILED_LOGINS - 1, locked_until: null });
    expect((await staffLogin(t.app, 'gangshan.clerk', 'Demo@2026')).statusCode).toBe(200);
    expect(await failureRow('gangshan.clerk')).toBeUndefined();
  });

  it('counts an unknown username the same way: 20 parallel guesses, 5 dummy checks, then locked', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => staffLogin(t.app, 'nobody.here', 'Wrong@2026')));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(MAX_FAILED_LOGINS).fill(401), ...Array(20 - MAX_FAILED_LOGINS).fill(429)]);
    expect(hashChecks).toEqual({ count: 0, dummies: MAX_FAILED_LOGINS });
  });
});

describe('staff sign-in does not tell which usernames exist', () => {
  // Both series start at the same instant, so even lockedUntil matches; it is normalised anyway,
  // as the comparison is about the shape of the answer, not the time.
  const body = (res: { body: string }) => res.body.replace(/"lockedUntil":"[^"]*"/, '"lockedUntil":"…"');

  it('answers an unknown username byte for byte like a real one, through 5 failures and the lock', async () => {
    for (let i = 1; i <= MAX_FAILED_LOGINS; i++) {
      const real = await staffLogin(t.app, 'gangshan.clerk', 'Wrong@2026');
      const unknown = await staffLogin(t.app, 'nobody.here', 'Wrong@2026');
      expect([real.statusCode, unknown.statusCode]).toEqual([401, 401]);
      expect(body(unknown)).toBe(body(real));
      expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
      expect(unknown.json().error.details).toBeUndefined();
    }
    expect(hashChecks).toEqual({ count: MAX_FAILED_LOGINS, dummies: MAX_FAILED_LOGINS });

    const real = await staffLogin(t.app, 'gangshan.clerk', 'Wrong@2026');
    const unknown = await staffLogin(t.app, 'nobody.here', 'Wrong@2026');
    const rightDuringLock = await staffLogin(t.app, 'gangshan.clerk', 'Demo@2026');
    for (const res of [real, unknown, rightDuringLock]) {
      expect(res.statusCode).toBe(429);
      expect(body(res)).toBe(body(real));
    }
    expect(real.json().error).toEqual({
      code: 'ACCOUNT_LOCKED',
      message: `密码连续错误 ${MAX_FAILED_LOGINS} 次，账号已锁定 ${LOCK_MINUTES} 分钟，请稍后再试或联系管理员解锁`,
      details: { lockedUntil: minutesFromNow(LOCK_MINUTES) },
    });
    expect(unknown.json()).toEqual(real.json());
    expect(hashChecks).toEqual({ count: MAX_FAILED_LOGINS, dummies: MAX_FAILED_LOGINS });
    // Same headers apart from the ones that always differ.
    const headers = (res: { headers: Record<string, unknown> }) => Object.keys(res.headers).filter((h) => !['date', 'x-request-id'].includes(h)).sort();
    expect(headers(unknown)).toEqual(headers(real));
  });

  it('matches usernames as sign-in does (trimmed, lower case), so case variants share one count', async () => {
    for (const name of ['Nobody.Here', ' nobody.here', 'NOBODY.HERE', 'nobody.here ', 'nobody.Here']) {
      expect((await staffLogin(t.app, name, 'Wrong@2026')).statusCode).toBe(401);
    }
    expect((await staffLogin(t.app, 'nobody.here', 'Wrong@2026')).statusCode).toBe(429);
    expect(await failureKeys()).toEqual(['nobody.here']);
  });
});

describe('staff lock: unlock, expiry and the table kept small', () => {
  const lockOut = async (username: string) => {
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await staffLogin(t.app, username, 'Wrong@2026');
  };

  it('lets the right password in at once after an administrator unlocks, and shows the lock until then', async () => {
    await lockOut('gangshan.clerk');
    expect((await staffLogin(t.app, 'gangshan.clerk', 'Demo@2026')).statusCode).toBe(429);
    const admin = await new TestClient(t.app).loginStaff('gangshan.admin');
    const { id } = await t.deps.dbh.db.selectFrom('staff_users').select('id').where('username', '=', 'gangshan.clerk').executeTakeFirstOrThrow();
    const listed = (await admin.get('/api/v1/admin/users?q=gangshan.clerk')).json().items.find((u: { id: string }) => u.id === id);
    expect(listed.lockedUntil).toBe(minutesFromNow(LOCK_MINUTES));
    expect((await admin.get(`/api/v1/admin/users/${id}`)).json().lockedUntil).toBe(minutesFromNow(LOCK_MINUTES));

    const unlocked = await admin.post(`/api/v1/admin/users/${id}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();
    expect(await failureRow('gangshan.clerk')).toBeUndefined();
    expect((await staffLogin(t.app, 'gangshan.clerk', 'Demo@2026')).statusCode).toBe(200);
  });

  it('starts a new series once the lock has run out, or when the last failure is older than the lock window', async () => {
    await lockOut('gangshan.clerk');
    t.clock.advanceMinutes(LOCK_MINUTES);
    // The lock is over: this failure is the first of a new series, not an instant new lock.
    expect((await staffLogin(t.app, 'gangshan.clerk', 'Wrong@2026')).statusCode).toBe(401);
    expect(await failureRow('gangshan.clerk')).toEqual({ failures: 1, locked_until: null });

    for (let i = 2; i < MAX_FAILED_LOGINS; i++) await staffLogin(t.app, 'gangshan.clerk', 'Wrong@2026');
    expect((await failureRow('gangshan.clerk'))?.failures).toBe(MAX_FAILED_LOGINS - 1);
    t.clock.advanceMinutes(LOCK_MINUTES + 1);
    expect((await staffLogin(t.app, 'gangshan.clerk', 'Wrong@2026')).statusCode).toBe(401);
    expect(await failureRow('gangshan.clerk')).toEqual({ failures: 1, locked_until: null });
  });

  it('deletes the rows whose lock and last failure are older than the lock window when a new series starts', async () => {
    await staffLogin(t.app, 'spray.a', 'Wrong@2026');
    await staffLogin(t.app, 'spray.b', 'Wrong@2026');
    await lockOut('spray.c');
    t.clock.advanceMinutes(LOCK_MINUTES - 5);
    await staffLogin(t.app, 'spray.d', 'Wrong@2026');
    expect(await failureKeys()).toEqual(['spray.a', 'spray.b', 'spray.c', 'spray.d']);
    // A failure in a running series starts nothing, so it does not clean up.
    t.clock.advanceMinutes(6);
    await staffLogin(t.app, 'spray.d', 'Wrong@2026');
    expect(await failureKeys()).toEqual(['spray.a', 'spray.b', 'spray.c', 'spray.d']);
    // A new series does: a, b (last failure 16 minutes ago) and c (lock run out) go; d stays.
    await staffLogin(t.app, 'spray.e', 'Wrong@2026');
    expect(await failureKeys()).toEqual(['spray.d', 'spray.e']);
    expect((await failureRow('spray.d'))?.failures).toBe(2);
  });
});

describe('migration 0010', () => {
  it('moves locks in force from staff_users to sign_in_failures and empties the old columns', async () => {
    const databaseUrl = testEngine() === 'postgres' ? (await createPgSchema(process.env.TEST_DATABASE_URL!)).url : undefined;
    const dbh = openDatabase({ databaseUrl, dataDir: '/tmp/bianmin-test-unused', sqliteFile: ':memory:' });
    try {
      await migrateUpTo(dbh, '0009_audit_hmac');
      // The migration runs on the real clock, not the test's.
      const inTen = new Date(Date.now() + 10 * 60_000).toISOString();
      const before = new Date(Date.now() - 60_000).toISOString();
      await dbh.db.insertInto('regions').values({ code: '370883', name: '邹城市', short_name: '邹城市', parent_code: null, level: 'county', path: '/370883/', sort_order: 0, lat: null, lng: null }).execute();
      const user = (username: string, failed_logins: number, locked_until: string | null) => ({
        id: username, username, name: '测试', password_hash: 'x', phone_enc: null, phone_hash: null, home_region_code: '370883', active: 1,
        failed_logins, locked_until, must_change_password: 0, last_login_at: null, created_at: before, updated_at: before,
      });
      await dbh.db.insertInto('staff_users').values([user('locked.now', 0, inTen), user('locked.before', 0, before), user('three.failures', 3, null)]).execute();

      expect(await migrateToLatest(dbh)).toContain('0010_sign_in_failures');
      const rows = await dbh.db.selectFrom('sign_in_failures').select(['username_key', 'failures', 'locked_until']).execute();
      expect(rows).toEqual([{ username_key: 'locked.now', failures: MAX_FAILED_LOGINS, locked_until: inTen }]);
      const old = await dbh.db.selectFrom('staff_users').select(['failed_logins', 'locked_until']).execute();
      expect(old).toEqual(Array(3).fill({ failed_logins: 0, locked_until: null }));
    } finally {
      await dbh.close();
    }
  });
});

describe('citizen SMS code attempts under parallel guesses', () => {
  it('spends the code after 5 of 20 parallel wrong codes, so the right code is refused', async () => {
    const phone = '13800000002';
    const sent = await t.app.inject({ method: 'POST', url: '/api/v1/auth/citizen/sms-code', payload: { phone } });
    const code = sent.json().demoCode as string;
    const wrong = code === '000000' ? '111111' : '000000';
    // Another request's transaction holds the database while the guesses arrive, so they queue
    // and their statements interleave (on SQLite's one connection they otherwise run one request
    // after another); on PostgreSQL they interleave across the pool anyway.
    let release!: () => void;
    const busy = t.deps.dbh.db.transaction().execute(() => new Promise<void>((resolve) => (release = resolve)));
    const guesses = Promise.all(Array.from({ length: 20 }, () => t.app.inject({ method: 'POST', url: CITIZEN_LOGIN, payload: { phone, code: wrong } })));
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await busy;
    const answers = await guesses;
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(401));
    const row = await t.deps.dbh.db.selectFrom('sms_codes').select('attempts').executeTakeFirstOrThrow();
    expect(row.attempts).toBe(SMS_MAX_ATTEMPTS);

    const right = await t.app.inject({ method: 'POST', url: CITIZEN_LOGIN, payload: { phone, code } });
    expect(right.statusCode).toBe(401);
    expect(right.json().error.code).toBe('SMS_CODE_INVALID');
  });
});

describe('per-address throttle on sign-in', () => {
  it('allows 60 sign-in requests a minute from one address by default', async () => {
    expect(loadConfig({}).loginRateLimitPerMinute).toBe(60);
    // Invalid bodies: the throttle counts before validation, and they cost no hash check.
    const bad = { username: '', password: '' };
    for (let i = 0; i < 60; i++) {
      expect((await t.app.inject({ method: 'POST', url: STAFF_LOGIN, payload: bad, remoteAddress: '10.1.0.1' })).statusCode).toBe(400);
    }
    const over = await t.app.inject({ method: 'POST', url: STAFF_LOGIN, payload: bad, remoteAddress: '10.1.0.1' });
    expect(over.statusCode).toBe(429);
    expect(over.json().error.code).toBe('RATE_LIMITED');
  });

  it('answers 429 RATE_LIMITED past the limit, for that address only, on both sign-in routes', async () => {
    const small = await createTestApp({ config: { loginRateLimitPerMinute: 3 } });
    try {
      for (let i = 0; i < 3; i++) expect((await staffLogin(small.app, 'nobody.here', 'Wrong@2026', '10.0.0.1')).statusCode).toBe(401);
      const limited = await staffLogin(small.app, 'gangshan.clerk', 'Demo@2026', '10.0.0.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      expect(limited.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
      // Another clerk at another address is not affected.
      expect((await staffLogin(small.app, 'gangshan.clerk', 'Demo@2026', '10.0.0.2')).statusCode).toBe(200);

      const citizen = (remoteAddress: string) =>
        small.app.inject({ method: 'POST', url: CITIZEN_LOGIN, payload: { phone: '13800000001', code: '000000' }, remoteAddress });
      for (let i = 0; i < 3; i++) expect((await citizen('10.0.0.3')).statusCode).toBe(401);
      expect((await citizen('10.0.0.3')).json().error.code).toBe('RATE_LIMITED');
      expect((await citizen('10.0.0.4')).statusCode).toBe(401);
    } finally {
      await small.close();
    }
  });
});
