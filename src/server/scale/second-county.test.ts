/**
 * A second county in the same database (issue 18): 曲阜市 (370881) imported beside the bundled
 * 邹城市 (370883), with its own administrator, staff, 实施清单 and cases; the region subtree is the
 * tenant boundary, so nothing of one county is visible to the other's staff (lists, search, case
 * detail, accounts, audit log, dashboards, exports), and a site of one county (SITE_REGION) shows
 * only its own county at the top of the public region tree. Both engines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { importRegions, parseRegionCsv } from '../modules/regions/index.js';
import { recordAudit } from '../platform/audit.js';
import { systemContext } from '../platform/context.js';
import { iso, newId } from '../platform/ids.js';
import { hashPassword } from '../platform/passwords.js';
import { createTestApp, TestClient, type TestApp } from '../testing.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'qufu-divisions.csv');
const ITEM = '37050100700001'; // 高龄津贴（申领）: a town item, every required material on paper
const PASSWORD = 'Qufu@2026x';
const ZOUCHENG = '370883';
const QUFU = '370881';

let t: TestApp;
const cases: Record<'zoucheng' | 'qufu', { id: string; caseNo: string }[]> = { zoucheng: [], qufu: [] };
let clients: Record<string, TestClient>;
let ids: Record<string, string>;

/** What `npm run admin:create -- --region 370881` writes (cli/admin-create.ts; the CLI itself is run in cli.test.ts beside this). */
async function createCountyAdmin(username: string, name: string, regionCode: string): Promise<string> {
  const id = newId();
  const now = iso(t.deps.clock.now());
  const passwordHash = await hashPassword(PASSWORD);
  await t.deps.dbh.db.transaction().execute(async (tx) => {
    await tx.insertInto('staff_users').values({
      id, username, name, password_hash: passwordHash, phone_enc: null, phone_hash: null, home_region_code: regionCode,
      active: 1, failed_logins: 0, locked_until: null, must_change_password: 0, last_login_at: null, created_at: now, updated_at: now,
    }).execute();
    await tx.insertInto('role_grants').values({ id: newId(), user_id: id, role: 'city_admin', region_code: regionCode, created_at: now, created_by: null }).execute();
    await recordAudit(tx, systemContext, { action: 'account.create', entityType: 'staff_user', entityId: id, regionCode, summary: { username, role: 'city_admin', via: 'admin:create' } }, t.deps.clock);
  });
  return id;
}

async function submit(clerk: TestClient, region: { code: string; name: string }, i: number) {
  const guide = (await clerk.get(`/api/v1/items/${ITEM}?region=${region.code}`)).json() as { materials: { id: string; necessityCode: string; conditional: boolean }[] };
  const materials = guide.materials.filter((m) => m.necessityCode === 'required' && !m.conditional).map((m) => ({ materialId: m.id, source: 'paper', checkedOriginal: true, copies: 1 }));
  const res = await clerk.post('/api/v1/cases', {
    itemCode: ITEM, regionCode: region.code, materials, declaration: true, situationAnswers: { proxy: 'self' },
    // the test app has no designed forms (createTestApp seeds the catalog only): the item's form is empty
    formData: {}, deliveryMethod: 'post', deliveryAddress: `${region.name}测试路 ${i} 号`,
    applicant: { name: '张秀英', idNumber: '370883195603124223', phone: '13800000001' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; caseNo: string };
}

beforeAll(async () => {
  t = await createTestApp({ catalog: true });
  const { rows, problems } = parseRegionCsv(readFileSync(FIXTURE, 'utf8'));
  expect(problems).toEqual([]);
  await importRegions(t.deps.dbh.db, rows);
  await t.deps.regions.load();
  ids = { 'qufu.admin': await createCountyAdmin('qufu.admin', '孔繁华', QUFU) };

  const qufuAdmin = await new TestClient(t.app).loginStaff('qufu.admin', PASSWORD);
  for (const [username, role, regionCode] of [['qufu.clerk', 'window_clerk', '370881001'], ['qufu.approver', 'approver', '370881001'], ['lucheng.admin', 'town_admin', '370881001']] as const) {
    const res = await qufuAdmin.post('/api/v1/admin/users', { username, name: '颜景云', password: PASSWORD, homeRegionCode: regionCode, grants: [{ role, regionCode }] });
    expect(res.statusCode, res.body).toBe(201);
    ids[username] = res.json().id;
  }
  clients = {
    'qufu.admin': qufuAdmin,
    'qufu.clerk': await new TestClient(t.app).loginStaff('qufu.clerk', PASSWORD),
    'qufu.approver': await new TestClient(t.app).loginStaff('qufu.approver', PASSWORD),
    'lucheng.admin': await new TestClient(t.app).loginStaff('lucheng.admin', PASSWORD),
  };
  // 曲阜's own 实施清单 for 鲁城街道: until it is published, the town offers nothing
  expect((await t.app.inject({ url: `/api/v1/items/${ITEM}?region=370881001` })).json().error.code).toBe('LIST_NOT_PUBLISHED');
  const profile = await qufuAdmin.put('/api/v1/admin/impl-lists/370881001/profile', { location: '曲阜市鲁城街道便民服务中心', hours: '工作日 9:00–17:00', consultPhone: '0537-4412345' });
  expect(profile.statusCode, profile.body).toBe(200);
  const published = await qufuAdmin.post('/api/v1/admin/impl-lists/370881001/publish');
  expect(published.statusCode, published.body).toBe(200);
  for (const u of ['admin', 'gangshan.admin', 'gangshan.clerk', 'gangshan.approver', 'qianquan.clerk', 'city.clerk', 'city.approver', 'mengzhuang.helper']) {
    clients[u] = await new TestClient(t.app).loginStaff(u);
  }
  for (const u of ['admin', 'gangshan.clerk']) ids[u] = (await clients.admin!.get(`/api/v1/admin/users?q=${u}`)).json().items.find((x: { username: string }) => x.username === u)?.id;

  for (let i = 0; i < 3; i++) {
    cases.qufu.push(await submit(clients['qufu.clerk']!, { code: '370881001', name: '鲁城街道' }, i));
    cases.zoucheng.push(await submit(clients['gangshan.clerk']!, { code: '370883001', name: '钢山街道' }, i));
  }
  // one 曲阜 case moves on, so it is in the approver's and the dashboards' figures too
  const accepted = await clients['qufu.clerk']!.post(`/api/v1/cases/${cases.qufu[0]!.id}/actions/accept`, { opinion: '材料齐全' });
  expect(accepted.statusCode, accepted.body).toBe(200);
}, 240_000);

afterAll(async () => {
  await t?.close();
});

const ZOUCHENG_STAFF = ['admin', 'gangshan.admin', 'gangshan.clerk', 'gangshan.approver', 'qianquan.clerk', 'city.clerk', 'city.approver', 'mengzhuang.helper'];
const QUFU_STAFF = ['qufu.admin', 'qufu.clerk', 'qufu.approver', 'lucheng.admin'];
const countyOf = (username: string): 'zoucheng' | 'qufu' => (QUFU_STAFF.includes(username) ? 'qufu' : 'zoucheng');
const other = (county: 'zoucheng' | 'qufu') => (county === 'qufu' ? 'zoucheng' : 'qufu');
const prefix = { zoucheng: ZOUCHENG, qufu: QUFU };

describe('a second county beside 邹城市 in one database', () => {
  it('imports beside the first county, which stays the top of the tree', async () => {
    const top = (await t.app.inject({ url: '/api/v1/regions' })).json().items.map((r: { code: string }) => r.code);
    // the county imported first stays first (its city administrators keep the city-level work)
    expect(top).toEqual([ZOUCHENG, QUFU]);
    const towns = (await t.app.inject({ url: `/api/v1/regions?parent=${QUFU}` })).json().items.map((r: { name: string }) => r.name);
    expect(towns).toEqual(['鲁城街道', '书院街道', '时庄街道', '小雪街道', '吴村镇', '姚村镇', '陵城镇', '尼山镇']);
    const village = (await t.app.inject({ url: '/api/v1/regions/370881001001' })).json();
    expect(village.ancestors.map((a: { code: string }) => a.code)).toEqual([QUFU, '370881001']);
    // re-importing the second county keeps its place
    await importRegions(t.deps.dbh.db, parseRegionCsv(readFileSync(FIXTURE, 'utf8')).rows);
    await t.deps.regions.load();
    expect((await t.app.inject({ url: '/api/v1/regions' })).json().items.map((r: { code: string }) => r.code)).toEqual([ZOUCHENG, QUFU]);
    const me = (await clients.admin!.get('/api/v1/me')).json();
    const qufuMe = (await clients['qufu.admin']!.get('/api/v1/me')).json();
    expect(qufuMe.abilities.atTop).toEqual([]);
    expect(me.abilities.atTop).toContain('catalog.manage');
  });

  it('numbers each county\'s cases with its own places', () => {
    for (const c of cases.qufu) expect(c.caseNo.startsWith('370881001000')).toBe(true);
    for (const c of cases.zoucheng) expect(c.caseNo.startsWith('370883001000')).toBe(true);
  });

  it('lets each county\'s administrator grant roles only in their own county', async () => {
    const intoZoucheng = await clients['qufu.admin']!.post('/api/v1/admin/users', { username: 'qufu.intruder', name: '孔测试', password: PASSWORD, homeRegionCode: '370883001', grants: [{ role: 'window_clerk', regionCode: '370883001' }] });
    expect([400, 403]).toContain(intoZoucheng.statusCode);
    const intoQufu = await clients.admin!.post('/api/v1/admin/users', { username: 'zoucheng.intruder', name: '孟测试', password: PASSWORD, homeRegionCode: '370881001', grants: [{ role: 'window_clerk', regionCode: '370881001' }] });
    expect([400, 403]).toContain(intoQufu.statusCode);
    const grantOnOther = await clients['qufu.admin']!.post(`/api/v1/admin/users/${ids['qufu.clerk']}/grants`, { role: 'window_clerk', regionCode: '370883001' });
    expect([400, 403, 404]).toContain(grantOnOther.statusCode);
  });

  it('keeps city-level settings shared by the deployment with the first county', async () => {
    // templates, form designs, synonyms, the calendar: one set per deployment, kept by the first county
    expect((await clients.admin!.get('/api/v1/notification-templates')).statusCode).toBe(200);
    expect((await clients['qufu.admin']!.get('/api/v1/notification-templates')).statusCode).toBe(403);
    const form = (await t.app.inject({ url: `/api/v1/items/${ITEM}/form` })).json();
    const save = await clients['qufu.admin']!.put(`/api/v1/admin/item-forms/${ITEM}`, { definition: form.definition, preReviewOnline: form.preReviewOnline, decidedBy: form.decidedBy, version: form.version });
    expect(save.statusCode).toBe(403);
  });

  it('lets 曲阜 keep its own 实施清单, which 邹城 cannot see or change', async () => {
    const admin = clients['qufu.admin']!;
    const guide = (await t.app.inject({ url: `/api/v1/items/${ITEM}?region=370881001` })).json();
    expect(JSON.stringify(guide)).toContain('曲阜市鲁城街道便民服务中心');
    const off = await admin.put(`/api/v1/admin/impl-lists/370881001/items/${ITEM}`, { enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    expect((await admin.post('/api/v1/admin/impl-lists/370881001/publish')).statusCode).toBe(200);
    // the public search of 鲁城街道 no longer offers it; 钢山街道 still does
    const lucheng = (await t.app.inject({ url: `/api/v1/items?region=370881001&pageSize=100` })).json();
    expect(lucheng.items.map((i: { code: string }) => i.code)).not.toContain(ITEM);
    const gangshan = (await t.app.inject({ url: `/api/v1/items?region=370883001&q=${encodeURIComponent('高龄津贴')}` })).json();
    expect(gangshan.items.map((i: { code: string }) => i.code)).toContain(ITEM);
    // 邹城's administrator: not theirs to read, change or export
    expect([403, 404]).toContain((await clients.admin!.get('/api/v1/admin/impl-lists/370881001')).statusCode);
    expect([403, 404]).toContain((await clients.admin!.put('/api/v1/admin/impl-lists/370881001/profile', { location: 'x' })).statusCode);
    const lists = (await clients.admin!.get('/api/v1/admin/impl-lists')).json();
    expect(JSON.stringify(lists)).not.toContain('370881');
    const qufuLists = (await admin.get('/api/v1/admin/impl-lists')).json();
    expect(JSON.stringify(qufuLists)).not.toContain('"370883');
    // and back on, for the cases below
    await admin.put(`/api/v1/admin/impl-lists/370881001/items/${ITEM}`, null);
    await admin.post('/api/v1/admin/impl-lists/370881001/publish');
  });

  it('shows each county its own (the checks below are not vacuous)', async () => {
    const qufuCases = (await clients['qufu.clerk']!.get('/api/v1/cases?pageSize=100')).json();
    expect(qufuCases.items.map((c: { caseNo: string }) => c.caseNo).sort()).toEqual(cases.qufu.map((c) => c.caseNo).sort());
    expect((await clients['qufu.approver']!.get(`/api/v1/cases/${cases.qufu[0]!.id}`)).statusCode).toBe(200);
    expect((await clients['gangshan.clerk']!.get(`/api/v1/cases/${cases.zoucheng[0]!.id}`)).statusCode).toBe(200);
    const stats = await clients['qufu.admin']!.get(`/api/v1/stats/overview?region=${QUFU}`);
    expect(stats.statusCode, stats.body).toBe(200);
    const audit = (await clients['qufu.admin']!.get('/api/v1/admin/audit?pageSize=100')).json();
    expect(audit.items.some((r: { entityId: string }) => r.entityId === cases.qufu[0]!.id)).toBe(true);
    const users = (await clients['qufu.admin']!.get('/api/v1/admin/users?pageSize=100')).json().items.map((u: { username: string }) => u.username);
    expect(users).toEqual(expect.arrayContaining(['qufu.clerk', 'qufu.approver', 'lucheng.admin']));
    // the first county's administrator still sees the deployment's rows with no place
    const home = (await clients.admin!.get('/api/v1/admin/audit?pageSize=100')).json();
    expect(home.items.some((r: { regionCode: string | null }) => r.regionCode === null)).toBe(true);
  });

  it.each([...ZOUCHENG_STAFF, ...QUFU_STAFF])('shows %s nothing of the other county', async (username) => {
    const client = clients[username]!;
    const mine = countyOf(username);
    const theirs = other(mine);
    // case detail and documents by id: not found
    for (const c of cases[theirs]) {
      expect((await client.get(`/api/v1/cases/${c.id}`)).statusCode, c.caseNo).toBe(404);
      expect([403, 404]).toContain((await client.get(`/api/v1/cases/${c.id}/documents/acceptance`)).statusCode);
      expect([401, 403, 404]).toContain((await client.post(`/api/v1/cases/${c.id}/actions/accept`, { opinion: '' })).statusCode);
    }
    // lists and search
    const list = await client.get('/api/v1/cases?pageSize=100');
    if (list.statusCode === 200) {
      expect(list.json().items.every((c: { caseNo: string }) => c.caseNo.startsWith(prefix[mine]))).toBe(true);
      for (const c of cases[theirs]) {
        const found = await client.get(`/api/v1/cases?q=${c.caseNo}`);
        expect(found.json().total, c.caseNo).toBe(0);
      }
    } else expect(list.statusCode).toBe(403);
    const counts = await client.get('/api/v1/cases/status-counts');
    if (counts.statusCode === 200 && mine === 'qufu') expect(counts.json().total).toBeLessThanOrEqual(cases.qufu.length);
    const overdue = await client.get('/api/v1/cases/overdue-report');
    if (overdue.statusCode === 200) for (const c of cases[theirs]) expect(overdue.body).not.toContain(c.caseNo);
    else expect([400, 403]).toContain(overdue.statusCode);
    // dashboards and their export, asked for the other county
    const stats = await client.get(`/api/v1/stats/overview?region=${prefix[theirs]}`);
    expect([403, 404]).toContain(stats.statusCode);
    expect([403, 404]).toContain((await client.get(`/api/v1/stats/overview.xlsx?region=${prefix[theirs]}`)).statusCode);
    const own = await client.get('/api/v1/stats/overview');
    if (own.statusCode === 200) expect(JSON.stringify(own.json())).not.toContain(`"${prefix[theirs]}`);
    // accounts and the audit log (administrators)
    const users = await client.get('/api/v1/admin/users?pageSize=100');
    if (users.statusCode === 200) {
      const names = users.json().items.map((u: { username: string }) => u.username);
      for (const u of mine === 'qufu' ? ZOUCHENG_STAFF : QUFU_STAFF) expect(names).not.toContain(u);
      for (const u of mine === 'qufu' ? ['admin', 'gangshan.clerk'] : ['qufu.admin', 'qufu.clerk']) {
        expect((await client.get(`/api/v1/admin/users/${ids[u]}`)).statusCode, u).toBe(404);
      }
    }
    const audit = await client.get('/api/v1/admin/audit?pageSize=100');
    if (audit.statusCode === 200) {
      const rows = audit.json().items as { regionCode: string | null; entityId: string | null }[];
      expect(rows.filter((r) => r.regionCode?.startsWith(prefix[theirs]))).toEqual([]);
      expect(rows.filter((r) => cases[theirs].some((c) => c.id === r.entityId))).toEqual([]);
      // rows with no place (citizen sign-ins …) belong to the deployment: only the first county's administrators see them
      if (mine === 'qufu') expect(rows.filter((r) => r.regionCode === null)).toEqual([]);
      for (const c of cases[theirs]) expect((await client.get(`/api/v1/admin/audit?entityId=${c.id}`)).json().total).toBe(0);
    }
  });

  it('does not let a case be transferred into the other county', async () => {
    const c = cases.zoucheng[1]!;
    const res = await clients['gangshan.clerk']!.post(`/api/v1/cases/${c.id}/actions/transfer`, { toRegionCode: '370881001', reason: '申请人住在曲阜' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details?.[0]?.message).toContain('本县');
    expect((await clients['qufu.clerk']!.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
  });

  it('serves one county\'s public site with SITE_REGION', async () => {
    const site = await buildApp({ ...t.deps, config: { ...t.deps.config, siteRegion: QUFU } }, t.services);
    try {
      await site.ready();
      expect((await site.inject({ url: '/api/v1/regions' })).json().items.map((r: { code: string }) => r.code)).toEqual([QUFU]);
      expect((await site.inject({ url: `/api/v1/regions?parent=${QUFU}` })).json().items).toHaveLength(8);
    } finally {
      await site.close();
    }
  });
});
