/**
 * Every write endpoint, fed the bad input the issue lists: each gets a 4xx in the contract's
 * shape and nothing is written (no row, no audit entry).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithAdminAndCitizen, untouchedState, type TestApp, type TestClient } from './testing.js';

let t: TestApp, admin: TestClient, citizen: TestClient;
let clerkId: string;
beforeAll(async () => {
  ({ t, admin, citizen } = await appWithAdminAndCitizen('13800000003'));
  clerkId = (await t.deps.dbh.db.selectFrom('staff_users').select('id').where('username', '=', 'gangshan.clerk').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t.close();
});

interface WriteEndpoint {
  name: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: () => string;
  /** a valid body: its string fields get mutated one at a time */
  body?: Record<string, unknown>;
  signedIn: boolean;
  /** who sends it when signed in: the city admin unless the route is a citizen's (its gate comes before the body) */
  as?: 'citizen';
  /** free-text fields (opinions, reasons): any characters are legal there, so an injection string gets some 4xx, not necessarily 400 */
  freeText?: string[];
}

/** Case actions, on an id no one can see (the body is checked before the case is looked up). */
const caseActions: [string, Record<string, unknown>][] = [
  ['accept', {}], ['request-correction', { items: [{ materialId: 'm1', reason: '未签名' }] }], ['resubmit', { materials: [{ materialId: 'm1', source: 'paper' }] }],
  ['refuse', { reason: '不属于受理范围' }], ['approve', { opinion: '同意' }], ['deny', { reason: '不符合条件' }], ['return', { reason: '退回重审' }],
  ['transfer', { toRegionCode: '370883002', reason: '户籍地办理' }], ['extend', { days: 5, reason: '需要调查' }], ['pause', { procedure: '专家评审', reason: '需评审' }],
  ['resume', { opinion: '评审结束' }], ['withdraw', { reason: '申请人撤回' }], ['terminate', { reason: '申请人死亡' }], ['forward', { opinion: '转报' }], ['deliver', { method: 'pickup' }],
];

const endpoints: WriteEndpoint[] = [
  { name: 'staff login', method: 'POST', url: () => '/api/v1/auth/staff/login', body: { username: 'gangshan.clerk', password: 'Demo@2026' }, signedIn: false },
  { name: 'sms code', method: 'POST', url: () => '/api/v1/auth/citizen/sms-code', body: { phone: '13800000001' }, signedIn: false },
  { name: 'citizen login', method: 'POST', url: () => '/api/v1/auth/citizen/login', body: { phone: '13800000001', code: '123456' }, signedIn: false },
  { name: 'logout', method: 'POST', url: () => '/api/v1/auth/logout', signedIn: true },
  { name: 'preferences', method: 'PUT', url: () => '/api/v1/me/preferences', body: { elderMode: true }, signedIn: true, as: 'citizen' },
  {
    name: 'create account', method: 'POST', url: () => '/api/v1/admin/users', signedIn: true,
    body: { username: 'new.user', name: '新用户', password: 'Clerk#2026', phone: '13905379999', homeRegionCode: '370883001', grants: [{ role: 'window_clerk', regionCode: '370883001' }] },
  },
  { name: 'update account', method: 'PATCH', url: () => `/api/v1/admin/users/${clerkId}`, body: { name: '改名', phone: '13905378888', homeRegionCode: '370883001' }, signedIn: true },
  { name: 'reset password', method: 'POST', url: () => `/api/v1/admin/users/${clerkId}/reset-password`, body: { password: 'Reset#2026' }, signedIn: true },
  { name: 'unlock', method: 'POST', url: () => `/api/v1/admin/users/${clerkId}/unlock`, signedIn: true },
  { name: 'add grant', method: 'POST', url: () => `/api/v1/admin/users/${clerkId}/grants`, body: { role: 'helper', regionCode: '370883001004' }, signedIn: true },
  { name: 'remove grant', method: 'DELETE', url: () => `/api/v1/admin/users/${clerkId}/grants/00000000-0000-7000-8000-000000000000`, signedIn: true },
  // 典型案例, on an id no one has (the body is checked before the practice is looked up): its text may hold any characters
  {
    name: 'update practice', method: 'PUT', url: () => '/api/v1/practice-records/01900000-0000-7000-8000-000000000000', signedIn: true,
    body: {
      title: '帮办代办上门服务', regionCode: '370883001', summary: '为行动不便的老人预约上门代办高龄津贴。', itemCodes: [], tags: ['帮办代办'], version: 1,
      body: '钢山街道组建帮办代办队伍，网格员摸排需求，代办员预约上门，现场核验材料并代为提交申请，办结后送证到家。',
    },
    freeText: ['title', 'summary', 'body'],
  },
  // 培训记录, on a session no one has (the body is checked before the session is looked up): its texts may hold any characters
  {
    name: 'update training session', method: 'PUT', url: () => '/api/v1/training/sessions/01900000-0000-7000-8000-000000000000', signedIn: true,
    body: {
      topic: '帮办代办员业务培训', startOn: '2026-11-20', hours: 2, trainer: '孔令军', trainerUnit: '钢山街道便民服务中心', place: '钢山街道便民服务中心二楼会议室',
      form: 'lecture', regionCode: '370883001', summary: '上门代办的授权委托和材料交接', status: 'held', version: 1,
    },
    freeText: ['topic', 'trainer', 'trainerUnit', 'place', 'summary'],
  },
  {
    name: 'add training participants', method: 'POST', url: () => '/api/v1/training/sessions/01900000-0000-7000-8000-000000000000/participants', signedIn: true,
    body: { staffIds: ['01900000-0000-7000-8000-000000000001'], externals: [{ name: '张海燕', unit: '北关社区居委会', phone: '13705370111' }] },
  },
  {
    name: 'submit case', method: 'POST', url: () => '/api/v1/cases', signedIn: true,
    body: { itemCode: '37200000100001', regionCode: '370883001', materials: [{ materialId: 'm1', source: 'paper' }], declaration: true },
  },
  ...caseActions.map(([action, body]): WriteEndpoint => ({
    name: `case ${action}`, method: 'POST', url: () => `/api/v1/cases/01900000-0000-7000-8000-000000000000/actions/${action}`, body, signedIn: true,
    freeText: ['opinion', 'reason', 'procedure'],
  })),
];

async function snapshot() {
  const clerk = await t.deps.dbh.db.selectFrom('staff_users').selectAll().where('id', '=', clerkId).executeTakeFirstOrThrow();
  const tables = ['staff_users', 'role_grants', 'citizens', 'sessions', 'sms_codes', 'sms_outbox', 'cases', 'case_events', 'case_materials', 'case_idempotency'] as const;
  return JSON.stringify({ state: await untouchedState(t, tables), clerk });
}

async function send(e: WriteEndpoint, payload: string | undefined, contentType = 'application/json') {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (e.signedIn) {
    const who = e.as === 'citizen' ? citizen : admin;
    headers.cookie = `bm_session=${who['cookies'].get('bm_session')}; bm_csrf=${who['cookies'].get('bm_csrf')}`;
    headers['x-csrf-token'] = who['cookies'].get('bm_csrf')!;
  }
  return t.app.inject({ method: e.method, url: e.url(), headers, payload });
}

function expectClientError(res: { statusCode: number; json(): { error: { code: string; message: string } } }, status?: number) {
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  if (status) expect(res.statusCode).toBe(status);
  const { error } = res.json();
  expect(error.code).toMatch(/^[A-Z][A-Z_]+$/);
  expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
}

const INJECTIONS = ["'; DROP TABLE staff_users; --", '<script>alert(1)</script>', '" OR "1"="1', '${7*7}{{7*7}}', '\u0000'];

describe.each(endpoints)('bad input to $name', (e) => {
  it('malformed JSON → 400 INVALID_JSON, nothing written', async () => {
    const before = await snapshot();
    const res = await send(e, '{"username": "x",');
    expectClientError(res, 400);
    expect(res.json().error.code).toBe('INVALID_JSON');
    expect(await snapshot()).toBe(before);
  });

  it('wrong content type → 415, oversize body → 413', async () => {
    const before = await snapshot();
    expectClientError(await send(e, 'username=x', 'application/x-www-form-urlencoded'), 415);
    expectClientError(await send(e, 'hello', 'text/plain'), 415);
    const huge = JSON.stringify({ ...(e.body ?? {}), padding: 'x'.repeat(1_100_000) });
    const res = await send(e, huge);
    expectClientError(res, 413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await snapshot()).toBe(before);
  });

});

describe.each(endpoints.filter((e) => e.body !== undefined))('bad fields to $name', (e) => {
  it('unknown fields, wrong types, 10 kB strings and injection strings → 400, nothing written', async () => {
    const body = e.body!;
    const before = await snapshot();
    const unknown = await send(e, JSON.stringify({ ...body, isAdmin: true }));
    expectClientError(unknown, 400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    expectClientError(await send(e, JSON.stringify([body])), 400);
    expectClientError(await send(e, 'null'), 400);
    for (const [field, value] of Object.entries(body)) {
      for (const wrong of [12345, true, null, { nested: 1 }, ['a']]) {
        if (wrong === null && field === 'phone' && e.name === 'update account') continue; // null clears the phone
        if (typeof wrong === typeof value) continue; // not a wrong type for this field
        const res = await send(e, JSON.stringify({ ...body, [field]: wrong }));
        expectClientError(res, 400);
        expect(res.json().error.details.map((d: { field: string }) => d.field).join(' ')).toContain(field);
      }
      if (typeof value !== 'string') continue;
      const long = await send(e, JSON.stringify({ ...body, [field]: 'x'.repeat(10_240) }));
      expectClientError(long, 400);
      for (const injection of INJECTIONS) {
        // A password may legally contain any characters; it is hashed, never interpreted.
        if (field === 'password') continue;
        expectClientError(await send(e, JSON.stringify({ ...body, [field]: injection })), e.freeText?.includes(field) ? undefined : 400);
      }
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('unknown routes and methods', () => {
  it('answer JSON 404 NOT_FOUND', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const res2 = await t.app.inject({ method: 'PUT', url: '/api/v1/regions' });
    expect(res2.statusCode).toBe(404);
  });

  it('never leaks stack traces or SQL', async () => {
    const res = await t.app.inject({ method: 'GET', url: "/api/v1/admin/users/'%20OR%201=1" });
    expect(res.body).not.toMatch(/select|stack|at .*\.ts/i);
  });
});
