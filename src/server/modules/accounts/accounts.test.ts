import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { StaffAccounts } from './staff.js';

let t: TestApp;
let city: TestClient;
let gangshan: TestClient;
let clerk: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  city = await new TestClient(t.app).loginStaff('admin');
  gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
});
afterAll(async () => {
  await t.close();
});

const usernames = (res: { json(): { items: { username: string }[] } }) => res.json().items.map((u) => u.username).sort();
const userId = async (username: string) =>
  (await t.deps.dbh.db.selectFrom('staff_users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

describe('account lists are scoped to the admin\'s region subtree', () => {
  it('the city admin sees every account', async () => {
    const res = await city.get('/api/v1/admin/users?pageSize=100');
    expect(res.statusCode).toBe(200);
    expect(usernames(res)).toEqual(['admin', 'city.approver', 'city.clerk', 'gangshan.admin', 'gangshan.approver', 'gangshan.clerk', 'mengzhuang.helper', 'qianquan.clerk']);
  });

  it('the 钢山街道 admin sees 钢山街道 and its villages only, phones masked', async () => {
    const res = await gangshan.get('/api/v1/admin/users?pageSize=100');
    expect(usernames(res)).toEqual(['gangshan.admin', 'gangshan.approver', 'gangshan.clerk', 'mengzhuang.helper']);
    expect(res.json().total).toBe(4);
    expect(res.body).not.toMatch(/1390537000\d/);
    expect(res.json().items[0].phoneMasked).toMatch(/^139\*{4}\d{4}$/);
  });

  it('filters by text, role and region', async () => {
    expect(usernames(await city.get('/api/v1/admin/users?q=clerk'))).toEqual(['city.clerk', 'gangshan.clerk', 'qianquan.clerk']);
    expect(usernames(await city.get('/api/v1/admin/users?role=helper'))).toEqual(['mengzhuang.helper']);
    expect(usernames(await city.get('/api/v1/admin/users?regionCode=370883002'))).toEqual(['qianquan.clerk']);
    // a filter outside the scope does not widen it
    expect((await gangshan.get('/api/v1/admin/users?regionCode=370883002')).json().total).toBe(0);
  });

  it('hides another town\'s account as not found', async () => {
    const res = await gangshan.get(`/api/v1/admin/users/${await userId('qianquan.clerk')}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('USER_NOT_FOUND');
  });

  it('window clerks, approvers and helpers cannot use account admin at all', async () => {
    for (const username of ['gangshan.clerk', 'gangshan.approver', 'mengzhuang.helper']) {
      const c = await new TestClient(t.app).loginStaff(username);
      expect((await c.get('/api/v1/admin/users')).statusCode).toBe(403);
      expect((await c.get('/api/v1/admin/audit')).statusCode).toBe(403);
    }
    const citizen = await new TestClient(t.app).loginCitizen('13800000001');
    expect((await citizen.get('/api/v1/admin/users')).json().error.code).toBe('FORBIDDEN');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/users' })).statusCode).toBe(401);
  });
});

describe('creating and managing accounts', () => {
  it('the 钢山街道 admin creates a clerk for 孟庄社区, who can then sign in', async () => {
    const res = await gangshan.post('/api/v1/admin/users', {
      username: 'mengzhuang.clerk', name: '孟庆梅', password: 'Clerk#2026', phone: '13905371234',
      homeRegionCode: '370883001004', grants: [{ role: 'window_clerk', regionCode: '370883001004' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'mengzhuang.clerk', homeRegionName: '孟庄社区', phoneMasked: '139****1234', roles: [{ role: 'window_clerk', regionName: '孟庄社区' }] });
    const row = await t.deps.dbh.db.selectFrom('staff_users').selectAll().where('username', '=', 'mengzhuang.clerk').executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13905371234');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const me = await (await new TestClient(t.app).loginStaff('mengzhuang.clerk', 'Clerk#2026')).get('/api/v1/me');
    expect(me.json().roles).toEqual([{ role: 'window_clerk', regionCode: '370883001004', regionName: '孟庄社区' }]);
    const audit = await t.deps.dbh.db.selectFrom('audit_log').selectAll().where('action', '=', 'account.create').where('entity_id', '=', row.id).executeTakeFirstOrThrow();
    expect(audit.summary).toContain('139****1234');
    expect(audit.summary).not.toContain('13905371234');
    expect(audit.actor_name).toContain('gangshan.admin');
  });

  it('refuses to create accounts or grant roles outside the admin\'s subtree or above their role', async () => {
    const inQianquan = await gangshan.post('/api/v1/admin/users', { username: 'x.clerk', name: '某某', password: 'Clerk#2026', homeRegionCode: '370883002', grants: [] });
    expect(inQianquan.statusCode).toBe(403);
    const grantElsewhere = await gangshan.post('/api/v1/admin/users', { username: 'y.clerk', name: '某某', password: 'Clerk#2026', homeRegionCode: '370883001', grants: [{ role: 'window_clerk', regionCode: '370883002' }] });
    expect(grantElsewhere.statusCode).toBe(403);
    const tooHigh = await gangshan.post('/api/v1/admin/users', { username: 'z.admin', name: '某某', password: 'Clerk#2026', homeRegionCode: '370883001', grants: [{ role: 'city_admin', regionCode: '370883001' }] });
    expect(tooHigh.statusCode).toBe(403);
    const n = await t.deps.dbh.db.selectFrom('staff_users').select('id').where('username', 'in', ['x.clerk', 'y.clerk', 'z.admin']).execute();
    expect(n).toHaveLength(0);
  });

  it('rejects a duplicate username, a weak password and a bad phone with field details', async () => {
    const dup = await city.post('/api/v1/admin/users', { username: 'gangshan.clerk', name: '重名', password: 'Clerk#2026', homeRegionCode: '370883001', grants: [] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('USERNAME_TAKEN');
    const weak = await city.post('/api/v1/admin/users', { username: 'weak.user', name: '弱密码', password: 'password', phone: '1234', homeRegionCode: '370883001', grants: [] });
    expect(weak.statusCode).toBe(400);
    const fields = weak.json().error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['password', 'phone']);
  });

  it('disables an account (ending its sessions), re-enables it, resets its password and unlocks it', async () => {
    const approver = await new TestClient(t.app).loginStaff('gangshan.approver');
    const id = await userId('gangshan.approver');
    const off = await gangshan.patch(`/api/v1/admin/users/${id}`, { active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await approver.get('/api/v1/me')).statusCode).toBe(401);
    expect((await gangshan.patch(`/api/v1/admin/users/${id}`, { active: true })).json().active).toBe(true);

    for (let i = 0; i < 5; i++) await new TestClient(t.app).post('/api/v1/auth/staff/login', { username: 'gangshan.approver', password: 'Nope#20260' });
    expect((await gangshan.get(`/api/v1/admin/users/${id}`)).json().lockedUntil).not.toBeNull();
    expect((await gangshan.post(`/api/v1/admin/users/${id}/unlock`)).json().lockedUntil).toBeNull();
    expect((await gangshan.post(`/api/v1/admin/users/${id}/reset-password`, { password: 'Approve#2027' })).statusCode).toBe(200);
    await new TestClient(t.app).loginStaff('gangshan.approver', 'Approve#2027');
  });

  it('adds and removes grants within scope; never on oneself', async () => {
    const id = await userId('gangshan.clerk');
    const added = await gangshan.post(`/api/v1/admin/users/${id}/grants`, { role: 'helper', regionCode: '370883001004' });
    expect(added.statusCode).toBe(200);
    const grant = added.json().roles.find((r: { role: string }) => r.role === 'helper');
    // the clerk's own next request sees the new grant (sessions read a moment ago are forgotten)
    const hasHelper = async () => JSON.stringify((await clerk.get('/api/v1/me')).json()).includes('"helper"');
    expect(await hasHelper()).toBe(true);
    expect((await gangshan.post(`/api/v1/admin/users/${id}/grants`, { role: 'helper', regionCode: '370883001004' })).json().error.code).toBe('GRANT_EXISTS');
    const removed = await gangshan.delete(`/api/v1/admin/users/${id}/grants/${grant.id}`);
    expect(removed.json().roles.map((r: { role: string }) => r.role)).toEqual(['window_clerk']);
    expect(await hasHelper()).toBe(false);
    const self = await gangshan.post(`/api/v1/admin/users/${await userId('gangshan.admin')}/grants`, { role: 'helper', regionCode: '370883001' });
    expect(self.json().error.code).toBe('CANNOT_GRANT_SELF');
    expect((await gangshan.patch(`/api/v1/admin/users/${await userId('gangshan.admin')}`, { active: false })).json().error.code).toBe('CANNOT_DISABLE_SELF');
  });

  it('a clerk with a session cannot act as an admin by calling the API directly', async () => {
    const res = await clerk.post('/api/v1/admin/users', { username: 'sneaky', name: '某某', password: 'Clerk#2026', homeRegionCode: '370883001', grants: [] });
    expect(res.statusCode).toBe(403);
  });
});

describe('audit log', () => {
  it('every change above is in a valid hash chain, and admins see only their region\'s rows', async () => {
    expect(await verifyAuditChain(t.deps.dbh.db)).toMatchObject({ ok: true });
    const all = (await city.get('/api/v1/admin/audit?pageSize=100')).json();
    const mine = (await gangshan.get('/api/v1/admin/audit?pageSize=100')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(all.total);
    const qianquanId = await userId('qianquan.clerk');
    expect(mine.items.some((r: { entityId: string }) => r.entityId === qianquanId)).toBe(false);
    expect(all.items.some((r: { entityId: string }) => r.entityId === qianquanId)).toBe(true);
  });
});

describe('an admin cannot take over an account holding roles they could not grant', () => {
  const createAccount = async (username: string, grants: { role: string; regionCode: string }[]) => {
    const res = await city.post('/api/v1/admin/users', { username, name: '测试账号', password: 'Initial@2026', homeRegionCode: '370883001', grants });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  it.each([
    ['a city admin whose home is in 钢山街道', 'home.city', [{ role: 'city_admin', regionCode: '370883' }]],
    ['a 钢山街道 clerk who is also a 千泉街道 clerk', 'two.towns', [{ role: 'window_clerk', regionCode: '370883001' }, { role: 'window_clerk', regionCode: '370883002' }]],
  ])('钢山街道\'s admin may not reset the password of, disable, unlock, rename or re-grant %s', async (_what, username, grants) => {
    const id = await createAccount(username, grants);
    const attempts = [
      await gangshan.post(`/api/v1/admin/users/${id}/reset-password`, { password: 'Takeover@2026' }),
      await gangshan.patch(`/api/v1/admin/users/${id}`, { active: false }),
      await gangshan.patch(`/api/v1/admin/users/${id}`, { name: '被改名' }),
      await gangshan.post(`/api/v1/admin/users/${id}/unlock`),
      await gangshan.post(`/api/v1/admin/users/${id}/grants`, { role: 'approver', regionCode: '370883001' }),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.message).toContain('超出您的管理权限');
    }
    // Nothing changed: the original password still signs in, the account is active, its name kept.
    await new TestClient(t.app).loginStaff(username, 'Initial@2026');
    const row = await t.deps.dbh.db.selectFrom('staff_users').select(['name', 'active']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '测试账号', active: 1 });
    // The city admin, who could grant all of it, still may.
    expect((await city.post(`/api/v1/admin/users/${id}/reset-password`, { password: 'Another@2026' })).statusCode).toBe(200);
  });

  it('钢山街道\'s admin still manages an account whose roles are all within 钢山街道', async () => {
    const id = await createAccount('gangshan.only', [{ role: 'approver', regionCode: '370883001' }, { role: 'helper', regionCode: '370883001004' }]);
    expect((await gangshan.post(`/api/v1/admin/users/${id}/reset-password`, { password: 'Changed@2026' })).statusCode).toBe(200);
    expect((await gangshan.patch(`/api/v1/admin/users/${id}`, { name: '改名' })).statusCode).toBe(200);
  });
});

describe('StaffDirectory: who handles a place', () => {
  const handling = ['case.receive', 'case.decide'] as const;
  const sorted = (list: { id: string }[]) => list.map((s) => s.id).sort();
  it('holdersOver: everyone whose grant covers the place; nearestHoldersOver: only the deepest covering region\'s (time-limit warnings)', async () => {
    const staff = new StaffAccounts(t.deps);
    const cityStaff = [await userId('city.approver'), await userId('city.clerk')].sort();
    const gangshan = await t.deps.regions.require('370883001');
    const all = sorted(await staff.holdersOver(gangshan, handling));
    expect(all).toEqual(expect.arrayContaining([...cityStaff, await userId('gangshan.clerk'), await userId('gangshan.approver')]));
    // a town's case: its own handlers, not the city's
    expect(sorted(await staff.nearestHoldersOver(gangshan, handling))).toEqual(all.filter((id) => !cityStaff.includes(id)));
    // a case the city decides: the city's staff
    expect(sorted(await staff.nearestHoldersOver(await t.deps.regions.require('370883'), handling))).toEqual(cityStaff);
    // a town with no handlers of its own: the city's
    expect(sorted(await staff.nearestHoldersOver(await t.deps.regions.require('370883101'), handling))).toEqual(cityStaff);
  });
});
