/**
 * 帮办代办员 (issue 14): the public roster of a village (its own helpers, those covering its whole
 * town, then the town's coordinators) and of a town (every active helper of it); the venue page's
 * helpers; administrators keeping their own town's roster (another town's helpers are not found,
 * adding one there is refused); field errors in words for bad phones, areas outside the town,
 * unknown items and accounts that cannot be linked, with nothing written; stale versions; audit
 * entries with masked phones; phones encrypted at rest. Runs on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, untouchedState, type TestApp } from '../../testing.js';
import { GANGSHAN, MENGZHUANG, QIANQUAN, seedCaseCatalog, TOWN_ITEM, VILLAGE_ITEM } from '../cases/fixtures.js';
import { seedDemoVenues } from '../venues/index.js';

const BEIGUAN = '370883001005';
/** 西关社区, 铁山社区: the places the tests that add helpers use, so the roster the public tests read stays as beforeAll made it */
const XIGUAN = '370883001006';
const TIESHAN = '370883001007';
/** a village of 千泉街道 */
const QIANQUAN_VILLAGE = '370883002200';
const WEEKDAYS = { '1': ['08:30-11:30', '14:00-17:00'], '2': ['08:30-11:30'], '3': ['08:30-11:30'], '4': ['08:30-11:30'], '5': ['08:30-11:30'] };

let t: TestApp;
let city: TestClient;
let gangshan: TestClient;
let clerk: TestClient;
let helperClient: TestClient;
let anon: TestClient;

const staffId = async (username: string) => (await t.deps.dbh.db.selectFrom('staff_users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const helperRow = (id: string) => t.deps.dbh.db.selectFrom('helpers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const audits = (id: string) => t.deps.dbh.db.selectFrom('audit_log').select(['action', 'summary', 'region_code']).where('entity_type', '=', 'helper').where('entity_id', '=', id).orderBy('seq').execute();
const untouched = () => untouchedState(t, ['helpers', 'helper_areas']);

function body(changes: Record<string, unknown> = {}) {
  return { name: '王秀英', type: 'community_worker', phone: '13905371234', townCode: GANGSHAN, areaCodes: [MENGZHUANG], itemCodes: [VILLAGE_ITEM], duty: { week: WEEKDAYS }, ...changes };
}

/** A record as GET gives it, turned into the body PUT takes. */
function updateOf(r: Record<string, unknown>, changes: Record<string, unknown> = {}) {
  const x = r as never as {
    name: string; type: string; phone: string; townCode: string; areas: { code: string }[]; grid: string; coordinator: boolean; items: { code: string }[];
    duty: unknown; dutyNote: string; staff: { id: string } | null; active: boolean; version: number;
  };
  return {
    name: x.name, type: x.type, phone: x.phone, townCode: x.townCode, areaCodes: x.areas.map((a) => a.code), grid: x.grid, coordinator: x.coordinator,
    itemCodes: x.items.map((i) => i.code), duty: x.duty, dutyNote: x.dutyNote, staffId: x.staff?.id ?? null, active: x.active, version: x.version, ...changes,
  };
}

async function created(client: TestClient, b: Record<string, unknown>): Promise<Record<string, unknown> & { id: string; version: number }> {
  const res = await client.post('/api/v1/helper-records', b);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** field → message of a 400 VALIDATION_FAILED answer */
function problems(res: { statusCode: number; json(): { error: { code: string; details?: { field: string; message: string }[] } } }): Record<string, string> {
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('VALIDATION_FAILED');
  return Object.fromEntries((res.json().error.details ?? []).map((d) => [d.field, d.message]));
}

/** The roster the public tests read: ids by role. */
const ids = {} as Record<'own' | 'grid' | 'townWide' | 'coordinator' | 'withdrawn' | 'qianquan', string>;

beforeAll(async () => {
  t = await createTestApp();
  await seedCaseCatalog(t);
  city = await new TestClient(t.app).loginStaff('admin');
  gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  helperClient = await new TestClient(t.app).loginStaff('mengzhuang.helper');
  anon = new TestClient(t.app);

  ids.own = (await created(gangshan, body({ name: '刘桂芝', staffId: await staffId('mengzhuang.helper'), grid: '第一网格' }))).id;
  ids.grid = (await created(gangshan, body({ name: '孙立新', type: 'grid_worker', phone: '13905372001', areaCodes: [BEIGUAN], itemCodes: [] }))).id;
  ids.townWide = (await created(gangshan, body({ name: '周晓梅', type: 'volunteer', phone: '13905372002', areaCodes: [GANGSHAN], itemCodes: [TOWN_ITEM] }))).id;
  ids.coordinator = (await created(gangshan, body({ name: '颜建国', type: 'party_member', phone: '0537-5501234', areaCodes: [GANGSHAN], coordinator: true, itemCodes: [] }))).id;
  const withdrawn = await created(gangshan, body({ name: '赵德胜', type: 'retired_cadre', phone: '13905372003' }));
  ids.withdrawn = withdrawn.id;
  const off = await gangshan.put(`/api/v1/helper-records/${withdrawn.id}`, updateOf(withdrawn, { active: false }));
  expect(off.statusCode, off.body).toBe(200);
  ids.qianquan = (await created(city, body({ name: '钱凤霞', phone: '13905372004', townCode: QIANQUAN, areaCodes: [QIANQUAN], coordinator: true, itemCodes: [TOWN_ITEM] }))).id;
});
afterAll(() => t.close());

describe('the public roster', () => {
  it("a village: its own helpers, then those covering the whole town, then the town's coordinator; withdrawn and other places' helpers left out", async () => {
    const res = await anon.get(`/api/v1/helpers?region=${MENGZHUANG}`);
    expect(res.statusCode, res.body).toBe(200);
    const roster = res.json();
    expect(roster.items.map((h: { id: string }) => h.id)).toEqual([ids.own, ids.townWide, ids.coordinator]);
    expect(roster.region).toEqual({ code: MENGZHUANG, name: '孟庄社区', level: 'village', townCode: GANGSHAN, townName: '钢山街道' });
    expect(roster.promise).toBe('免费帮办、不拖延、不泄露个人信息');
    // the contract's fields, and the work phone in full (public by design)
    const own = roster.items[0];
    expect(own).toMatchObject({ id: ids.own, name: '刘桂芝', type: 'community_worker', typeName: '社区工作者', phone: '13905371234', regionCodes: [MENGZHUANG], grid: '第一网格', coordinator: false });
    expect(own.areas).toEqual([{ code: MENGZHUANG, name: '孟庄社区' }]);
    expect(own.items).toEqual([{ code: VILLAGE_ITEM, name: expect.stringContaining('老年人优待证') }]);
    expect(own.duty).toEqual(['周一 08:30-11:30、14:00-17:00', '周二至周五 08:30-11:30', '法定节假日休息']);
    expect(roster.items[2]).toMatchObject({ name: '颜建国', coordinator: true, phone: '0537-5501234', regionCodes: [GANGSHAN], typeName: '党员' });
  });

  it('a town: every active helper of it, coordinators first; none of another town', async () => {
    const roster = (await anon.get(`/api/v1/helpers?region=${GANGSHAN}`)).json();
    const got = roster.items.map((h: { id: string }) => h.id);
    expect(got[0]).toBe(ids.coordinator);
    expect(got).toEqual(expect.arrayContaining([ids.own, ids.grid, ids.townWide, ids.coordinator]));
    expect(got).not.toContain(ids.withdrawn);
    expect(got).not.toContain(ids.qianquan);
    expect(roster.items.every((h: { areas: { code: string }[] }) => h.areas.every((a) => a.code.startsWith(GANGSHAN)))).toBe(true);
    expect(roster.region).toMatchObject({ level: 'town', townCode: GANGSHAN });
    // another village of the town: its own grid worker, the town-wide volunteer, the coordinator
    const beiguan = (await anon.get(`/api/v1/helpers?region=${BEIGUAN}`)).json();
    expect(beiguan.items.map((h: { id: string }) => h.id)).toEqual([ids.grid, ids.townWide, ids.coordinator]);
    // 千泉街道's village: only its own town's coordinator
    const qianquan = (await anon.get(`/api/v1/helpers?region=${QIANQUAN_VILLAGE}`)).json();
    expect(qianquan.items.map((h: { id: string }) => h.id)).toEqual([ids.qianquan]);
  });

  it('an unknown place is 404 REGION_NOT_FOUND; a missing, malformed or county code is 400', async () => {
    const unknown = await anon.get('/api/v1/helpers?region=370883001999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'REGION_NOT_FOUND', message: expect.stringContaining('不存在') });
    for (const q of ['', '?region=', '?region=abc', '?region=3708830010', '?region=370883']) {
      const res = await anon.get(`/api/v1/helpers${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code, q).toBe('VALIDATION_FAILED');
      expect(res.json().error.details[0].message, q).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it("a village station's page lists its helpers with their kind and phone", async () => {
    await seedDemoVenues(t.deps, t.services.catalog.publicCatalog);
    const venue = (await anon.get(`/api/v1/venues/village-${MENGZHUANG}`)).json();
    expect(venue.helpers).toEqual([
      { name: '刘桂芝', type: 'community_worker', typeName: '社区工作者', phone: '13905371234' },
      { name: '周晓梅', type: 'volunteer', typeName: '志愿者', phone: '13905372002' },
      { name: '颜建国', type: 'party_member', typeName: '党员', phone: '0537-5501234' },
    ]);
    // the town's centre: its coordinator first, then the helpers covering the whole town — not every village's
    const centre = (await anon.get(`/api/v1/venues/town-${GANGSHAN}`)).json();
    expect(centre.helpers.map((h: { name: string }) => h.name)).toEqual(['颜建国', '周晓梅']);
    expect((await anon.get('/api/v1/venues/county-centre')).json().helpers).toEqual([]);
  });
});

describe('dispatch questions', () => {
  it("who covers a village (not the coordinators), a town's coordinators, the helper of a staff account", async () => {
    const d = t.services.helpers;
    expect((await d.coveringVillage(MENGZHUANG)).map((h) => h.helperId)).toEqual([ids.own, ids.townWide]);
    expect((await d.coveringVillage(MENGZHUANG))[0]).toEqual({ helperId: ids.own, staffId: await staffId('mengzhuang.helper'), name: '刘桂芝' });
    expect((await d.coveringVillage(BEIGUAN)).map((h) => h.helperId)).toEqual([ids.grid, ids.townWide]);
    expect(await d.coveringVillage(GANGSHAN)).toEqual([]);
    expect(await d.coordinatorsOf(GANGSHAN)).toEqual([{ helperId: ids.coordinator, staffId: null, name: '颜建国' }]);
    expect(await d.helperOfStaff(await staffId('mengzhuang.helper'))).toEqual({ helperId: ids.own, name: '刘桂芝', townCode: GANGSHAN });
    expect(await d.helperOfStaff(await staffId('gangshan.clerk'))).toBeNull();
  });
});

describe('administrators', () => {
  it("a town admin lists and opens their own town's helpers; another town's are not found, and none can be added there", async () => {
    const mine = (await gangshan.get('/api/v1/helper-records?pageSize=100')).json();
    expect(mine.items.map((h: { townCode: string }) => h.townCode).every((c: string) => c === GANGSHAN)).toBe(true);
    const mineIds = mine.items.map((h: { id: string }) => h.id);
    expect(mineIds).toEqual(expect.arrayContaining([ids.own, ids.grid, ids.townWide, ids.coordinator, ids.withdrawn]));
    expect(mineIds).not.toContain(ids.qianquan);
    // on the roster first: the withdrawn ones last
    expect(mine.items.at(-1)).toMatchObject({ active: false });
    expect(mineIds.indexOf(ids.withdrawn)).toBeGreaterThan(mineIds.indexOf(ids.coordinator));
    const all = (await city.get('/api/v1/helper-records?pageSize=100')).json().items.map((h: { id: string }) => h.id);
    expect(all).toEqual(expect.arrayContaining([...mineIds, ids.qianquan]));
    expect((await gangshan.get(`/api/v1/helper-records/${ids.own}`)).json().staff).toEqual({ id: await staffId('mengzhuang.helper'), name: '刘桂芝（mengzhuang.helper）' });

    const other = await gangshan.get(`/api/v1/helper-records/${ids.qianquan}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('HELPER_NOT_FOUND');
    const record = (await city.get(`/api/v1/helper-records/${ids.qianquan}`)).json();
    const before = await untouched();
    expect((await gangshan.put(`/api/v1/helper-records/${ids.qianquan}`, updateOf(record, { name: '越权' }))).statusCode).toBe(404);
    const add = await gangshan.post('/api/v1/helper-records', body({ townCode: QIANQUAN, areaCodes: [QIANQUAN_VILLAGE], itemCodes: [] }));
    expect(add.statusCode).toBe(403);
    expect(add.json().error.code).toBe('FORBIDDEN');
    // moving one's own helper into another town is the same refusal
    const own = (await gangshan.get(`/api/v1/helper-records/${ids.grid}`)).json();
    expect((await gangshan.put(`/api/v1/helper-records/${ids.grid}`, updateOf(own, { townCode: QIANQUAN, areaCodes: [QIANQUAN_VILLAGE] }))).statusCode).toBe(403);
    expect(await untouched()).toBe(before);
    expect((await helperRow(ids.qianquan)).name).toBe('钱凤霞');
  });

  it('filters by town, type, words and state', async () => {
    const names = async (q: string) => (await city.get(`/api/v1/helper-records?pageSize=100&${q}`)).json().items.map((h: { name: string }) => h.name);
    expect(await names(`town=${QIANQUAN}`)).toEqual(['钱凤霞']);
    expect(await names('type=grid_worker')).toEqual(['孙立新']);
    expect(await names('q=晓梅')).toEqual(['周晓梅']);
    expect(await names('q=第一网格')).toEqual(['刘桂芝']);
    expect(await names(`town=${GANGSHAN}&active=false`)).toContain('赵德胜');
    expect(await names(`town=${GANGSHAN}&active=false`)).not.toContain('刘桂芝');
    expect((await city.get(`/api/v1/helper-records?town=${MENGZHUANG}`)).statusCode).toBe(400);
    expect((await city.get('/api/v1/helper-records?type=cadre')).statusCode).toBe(400);
  });

  it('filters by the village covered: its own helpers and those covering its whole town', async () => {
    const names = async (q: string) => ((await gangshan.get(`/api/v1/helper-records?pageSize=100&${q}`)).json().items as { name: string }[]).map((h) => h.name).sort();
    expect(await names(`village=${BEIGUAN}`)).toEqual(['周晓梅', '孙立新', '颜建国'].sort());
    expect(await names(`village=${MENGZHUANG}&active=true`)).toEqual(['刘桂芝', '周晓梅', '颜建国'].sort());
    expect(await names(`village=${MENGZHUANG}&active=false`)).toEqual(['赵德胜']);
    // another town's village: nothing of this administrator's covers it
    expect(await names(`village=${QIANQUAN_VILLAGE}`)).toEqual([]);
    const town = await gangshan.get(`/api/v1/helper-records?village=${GANGSHAN}`);
    expect(town.statusCode).toBe(400);
    expect(town.json().error.details).toEqual([expect.objectContaining({ field: 'village', message: '请选择村（社区）' })]);
  });

  it('window staff, helpers, citizens and anonymous people cannot keep the roster', async () => {
    for (const c of [clerk, helperClient]) {
      expect((await c.get('/api/v1/helper-records')).statusCode).toBe(403);
      expect((await c.post('/api/v1/helper-records', body())).statusCode).toBe(403);
      expect((await c.get(`/api/v1/helper-records/${ids.own}`)).statusCode).toBe(403);
    }
    const citizen = await new TestClient(t.app).loginCitizen('13800000001');
    expect((await citizen.get('/api/v1/helper-records')).statusCode).toBe(403);
    expect((await anon.get('/api/v1/helper-records')).statusCode).toBe(401);
  });
});

describe('bad input: field errors in words, nothing written', () => {
  it('a phone that is neither a mobile nor a landline with its area code', async () => {
    const before = await untouched();
    for (const phone of ['1390537123', '12345678901', '5212345', '0537-12', 'abc', '']) {
      const p = problems(await gangshan.post('/api/v1/helper-records', body({ phone })));
      expect(p.phone, phone).toMatch(/手机号码|固定电话|电话/);
    }
    expect(await untouched()).toBe(before);
    // a landline as people write it is kept in one form
    const ok = await created(gangshan, body({ name: '孟宝山', phone: '0537 5212345', areaCodes: [XIGUAN], itemCodes: [] }));
    expect(ok.phone).toBe('0537-5212345');
    expect((await created(gangshan, body({ name: '孟玉兰', phone: '+86 139-0537-2005', areaCodes: [XIGUAN], itemCodes: [] }))).phone).toBe('13905372005');
  });

  it('areas outside the town, unknown areas, no area, a village for the town, unknown items', async () => {
    const before = await untouched();
    expect(problems(await gangshan.post('/api/v1/helper-records', body({ areaCodes: [MENGZHUANG, QIANQUAN_VILLAGE] }))).areaCodes).toContain('不在其中');
    expect(problems(await city.post('/api/v1/helper-records', body({ areaCodes: ['370883'] }))).areaCodes).toContain('邹城市');
    expect(problems(await gangshan.post('/api/v1/helper-records', body({ areaCodes: ['370883001999'] }))).areaCodes).toContain('370883001999');
    expect(problems(await gangshan.post('/api/v1/helper-records', body({ areaCodes: [] }))).areaCodes).toContain('至少');
    expect(problems(await gangshan.post('/api/v1/helper-records', body({ townCode: MENGZHUANG }))).townCode).toContain('不是');
    expect(problems(await gangshan.post('/api/v1/helper-records', body({ itemCodes: ['37209999900001'] }))).itemCodes).toContain('37209999900001');
    expect(problems(await gangshan.post('/api/v1/helper-records', body({ type: 'cadre' }))).type).toContain('village_committee');
    expect(problems(await gangshan.post('/api/v1/helper-records', body({ duty: { week: { '1': ['12:00-08:00'] } } })))['duty.week.1.0']).toContain('开始早于结束');
    expect(problems(await gangshan.post('/api/v1/helper-records', body({ name: '' }))).name).toBeTruthy();
    // every problem at once
    const all = problems(await gangshan.post('/api/v1/helper-records', body({ areaCodes: [QIANQUAN_VILLAGE], itemCodes: ['37209999900001'], staffId: await staffId('gangshan.clerk') })));
    expect(Object.keys(all).sort()).toEqual(['areaCodes', 'itemCodes', 'staffId']);
    expect(await untouched()).toBe(before);
  });

  it('a linked account must exist, be active, be a helper of the town and not be linked already', async () => {
    // a helper of 千泉街道, and a helper of 钢山街道 whose account was switched off
    const made = await city.post('/api/v1/admin/users', {
      username: 'qianquan.helper', name: '颜春生', password: 'Helper#2026', homeRegionCode: QIANQUAN, grants: [{ role: 'helper', regionCode: QIANQUAN_VILLAGE }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const off = await city.post('/api/v1/admin/users', {
      username: 'beiguan.helper', name: '孟春生', password: 'Helper#2026', homeRegionCode: BEIGUAN, grants: [{ role: 'helper', regionCode: BEIGUAN }],
    });
    expect(off.statusCode, off.body).toBe(201);
    expect((await city.patch(`/api/v1/admin/users/${off.json().id}`, { active: false })).statusCode).toBe(200);

    const before = await untouched();
    const link = async (id: string) => problems(await gangshan.post('/api/v1/helper-records', body({ staffId: id }))).staffId;
    expect(await link(await staffId('gangshan.clerk'))).toContain('没有帮办代办员角色');
    expect(await link('01900000-0000-7000-8000-000000000000')).toContain('没有找到');
    expect(await link(await staffId('mengzhuang.helper'))).toContain('已关联帮办代办员「刘桂芝」');
    expect(await link(made.json().id)).toContain('不在钢山街道');
    expect(await link(off.json().id)).toContain('已停用');
    expect((await gangshan.post('/api/v1/helper-records', body({ staffId: 'not-an-id' }))).statusCode).toBe(400);
    expect(await untouched()).toBe(before);
    // switched back on, it can be linked
    expect((await city.patch(`/api/v1/admin/users/${off.json().id}`, { active: true })).statusCode).toBe(200);
    const linked = await created(gangshan, body({ name: '孟春生', phone: '13905372006', areaCodes: [XIGUAN], itemCodes: [], staffId: off.json().id }));
    expect(linked.staff).toEqual({ id: off.json().id, name: '孟春生（beiguan.helper）' });
  });

  it('unknown fields, wrong types and a missing version are refused', async () => {
    const before = await untouched();
    expect((await gangshan.post('/api/v1/helper-records', { ...body(), isAdmin: true })).statusCode).toBe(400);
    expect((await gangshan.post('/api/v1/helper-records', body({ coordinator: 'yes' }))).statusCode).toBe(400);
    const record = (await gangshan.get(`/api/v1/helper-records/${ids.grid}`)).json();
    const { version: _v, ...noVersion } = updateOf(record);
    expect(problems(await gangshan.put(`/api/v1/helper-records/${ids.grid}`, noVersion)).version).toContain('版本');
    expect((await gangshan.put('/api/v1/helper-records/01900000-0000-7000-8000-000000000000', updateOf(record))).statusCode).toBe(404);
    expect(await untouched()).toBe(before);
  });
});

describe('changes', () => {
  it('an edit on an older version is 409 and changes nothing; an edit that changes nothing keeps the version', async () => {
    const first = await created(gangshan, body({ name: '韩庆云', phone: '13905372010', areaCodes: [XIGUAN], itemCodes: [] }));
    const same = await gangshan.put(`/api/v1/helper-records/${first.id}`, updateOf(first));
    expect(same.statusCode).toBe(200);
    expect(same.json().version).toBe(first.version);
    const moved = await gangshan.put(`/api/v1/helper-records/${first.id}`, updateOf(first, { grid: '第二网格' }));
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().version).toBe(first.version + 1);
    const before = await untouched();
    const stale = await gangshan.put(`/api/v1/helper-records/${first.id}`, updateOf(first, { name: '韩振华' }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'HELPER_CHANGED', message: expect.stringContaining('刷新') });
    expect(await untouched()).toBe(before);
    expect((await helperRow(first.id)).name).toBe('韩庆云');
    // a linked helper keeps their own account through an edit
    const own = (await gangshan.get(`/api/v1/helper-records/${ids.own}`)).json();
    const edited = await gangshan.put(`/api/v1/helper-records/${ids.own}`, updateOf(own, { grid: '第一网格（孟庄小区 1–6 号楼）' }));
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().staff.id).toBe(own.staff.id);
    // and back, for the roster the other tests read
    expect((await gangshan.put(`/api/v1/helper-records/${ids.own}`, updateOf(edited.json(), { grid: own.grid }))).statusCode).toBe(200);
  });

  it('withdrawing takes a helper off every roster and reinstating puts them back; areas change with the record', async () => {
    const h = await created(gangshan, body({ name: '宋金凤', phone: '13905372011', areaCodes: [XIGUAN], itemCodes: [] }));
    const onRoster = async (region: string) => (await anon.get(`/api/v1/helpers?region=${region}`)).json().items.some((x: { id: string }) => x.id === h.id);
    expect(await onRoster(XIGUAN)).toBe(true);
    const off = (await gangshan.put(`/api/v1/helper-records/${h.id}`, updateOf(h, { active: false }))).json();
    expect(off.active).toBe(false);
    expect(await onRoster(XIGUAN)).toBe(false);
    expect(await onRoster(GANGSHAN)).toBe(false);
    const back = (await gangshan.put(`/api/v1/helper-records/${h.id}`, updateOf(off, { active: true, areaCodes: [TIESHAN] }))).json();
    expect(back.areas).toEqual([{ code: TIESHAN, name: '铁山社区' }]);
    expect(await onRoster(XIGUAN)).toBe(false);
    expect(await onRoster(TIESHAN)).toBe(true);
    expect((await audits(h.id)).map((a) => a.action)).toEqual(['helper.create', 'helper.deactivate', 'helper.reactivate']);
  });

  it('every change is audited with what changed, phones masked; the phone is encrypted at rest', async () => {
    const h = await created(gangshan, body({ name: '曹瑞芳', phone: '13905376789', areaCodes: [XIGUAN], itemCodes: [] }));
    const row = await helperRow(h.id);
    expect(row.phone_enc).not.toContain('13905376789');
    expect(row.phone_enc).not.toContain('6789');
    expect(row.phone_enc.startsWith('v1.')).toBe(true);
    expect(t.deps.protector.decrypt(row.phone_enc)).toBe('13905376789');

    const changed = (await gangshan.put(`/api/v1/helper-records/${h.id}`, updateOf(h, { phone: '13905375555', dutyNote: '电话预约' }))).json();
    expect(changed.phone).toBe('13905375555');
    const entries = await audits(h.id);
    expect(entries.map((a) => a.action)).toEqual(['helper.create', 'helper.update']);
    expect(entries.every((a) => a.region_code === GANGSHAN)).toBe(true);
    const created_ = JSON.parse(entries[0]!.summary);
    expect(created_).toMatchObject({ name: '曹瑞芳', type: 'community_worker', phone: '139****6789', areaCodes: [XIGUAN] });
    const updated = JSON.parse(entries[1]!.summary);
    expect(updated.fields.sort()).toEqual(['dutyNote', 'phone']);
    expect(updated.phone).toBe('139****5555');
    const everything = JSON.stringify(await t.deps.dbh.db.selectFrom('audit_log').select('summary').where('entity_type', '=', 'helper').execute());
    for (const phone of ['13905376789', '13905375555', '13905371234']) expect(everything).not.toContain(phone);
  });
});
