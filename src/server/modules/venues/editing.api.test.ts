/**
 * Editing venues (issue 13): administrators correct the venues of their own places — a town admin
 * their town's, the city admin any — and a centre's or station's address, hours and phone are its
 * place's 实施清单 contacts: one edit, and the guide, the map and the list profile all say it.
 * Bad input (coordinates out of range or swapped, overlapping hours, unknown items, a second
 * station for a village, a stale version) gets a clear error and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { bodyOf } from './fixtures.js';
import { seedDemoVenues } from './index.js';

let t: TestApp;
let city: TestClient;
let gangshan: TestClient;
let anon: TestClient;
const GANGSHAN = '370883001';
const QIANQUAN = '370883002';

const OFFICE = { always: false, calendar: 'working', week: { '1': ['08:30-12:00', '13:30-17:30'], '2': ['08:30-12:00', '13:30-17:30'], '3': ['08:30-12:00', '13:30-17:30'], '4': ['08:30-12:00', '13:30-17:30'], '5': ['08:30-12:00', '13:30-17:30'] }, exceptions: [] };

const venueRow = (id: string) => t.deps.dbh.db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirst();
const audits = (id: string) => t.deps.dbh.db.selectFrom('audit_log').select(['action', 'summary']).where('entity_type', '=', 'venue').where('entity_id', '=', id).orderBy('seq').execute();

/** A village of 钢山街道 with a published list, one item of it, and its station. */
async function villageWithGuide(): Promise<{ village: string; item: string; station: string }> {
  const lists = (await gangshan.get(`/api/v1/admin/impl-lists?parent=${GANGSHAN}&pageSize=100`)).json().items as { regionCode: string; level: string; published: boolean }[];
  for (const l of lists.filter((x) => x.level === 'village' && x.published)) {
    const detail = (await gangshan.get(`/api/v1/admin/impl-lists/${l.regionCode}`)).json();
    const item = (detail.items as { rowCode: string; enabled: boolean }[]).find((i) => i.enabled);
    if (item) return { village: l.regionCode, item: item.rowCode, station: `village-${l.regionCode}` };
  }
  throw new Error('no published village list in 钢山街道');
}

beforeAll(async () => {
  t = await createTestApp({ catalog: true });
  expect(await seedDemoVenues(t.deps, t.services.catalog.publicCatalog)).toBeGreaterThan(700);
  city = await new TestClient(t.app).loginStaff('admin');
  gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
  anon = new TestClient(t.app);
});
afterAll(() => t.close());

describe('scope', () => {
  it("a town admin lists and opens their own town's venues only; another town's are not found, and nothing can be added there", async () => {
    const mine = (await gangshan.get('/api/v1/venue-records?pageSize=100')).json();
    expect(mine.total).toBeGreaterThan(5);
    expect(mine.items.every((v: { regionCode: string }) => v.regionCode.startsWith(GANGSHAN))).toBe(true);
    expect((await city.get('/api/v1/venue-records?pageSize=1')).json().total).toBeGreaterThan(700);

    expect((await gangshan.get(`/api/v1/venue-records/town-${GANGSHAN}`)).statusCode).toBe(200);
    const other = await gangshan.get(`/api/v1/venue-records/town-${QIANQUAN}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('VENUE_NOT_FOUND');
    const record = (await city.get(`/api/v1/venue-records/town-${QIANQUAN}`)).json();
    const put = await gangshan.put(`/api/v1/venue-records/town-${QIANQUAN}`, bodyOf(record, { phone: '0537-1111111' }));
    expect(put.statusCode).toBe(404);
    expect((await venueRow(`town-${QIANQUAN}`))!.phone).toBe(record.phone);

    const add = await gangshan.post('/api/v1/venue-records', {
      kind: 'bank', name: '千泉某银行', regionCode: QIANQUAN, address: '千泉街道某路 1 号', lat: 35.4, lng: 116.98, phone: '0537-5200000', hours: OFFICE,
    });
    expect(add.statusCode).toBe(403);
    // moving a venue of one's own town into another town is the same refusal
    const own = (await gangshan.get(`/api/v1/venue-records/bank-${GANGSHAN}`)).json();
    expect((await gangshan.put(`/api/v1/venue-records/bank-${GANGSHAN}`, bodyOf(own, { regionCode: QIANQUAN }))).statusCode).toBe(403);
    expect((await venueRow(`bank-${GANGSHAN}`))!.region_code).toBe(GANGSHAN);
  });

  it('filters by place, kind and words', async () => {
    const stations = (await gangshan.get(`/api/v1/venue-records?kind=village_station&pageSize=100`)).json();
    expect(stations.items.length).toBeGreaterThan(0);
    expect(stations.items.every((v: { kind: string }) => v.kind === 'village_station')).toBe(true);
    const named = (await city.get(`/api/v1/venue-records?q=${encodeURIComponent('钢山街道为民服务中心')}`)).json();
    expect(named.items.map((v: { id: string }) => v.id)).toContain(`town-${GANGSHAN}`);
    expect((await city.get(`/api/v1/venue-records?region=${QIANQUAN}&pageSize=100`)).json().items.every((v: { regionCode: string }) => v.regionCode.startsWith(QIANQUAN))).toBe(true);
  });
});

describe('one source of truth', () => {
  it("a station's new address, hours and phone are at once its village's guide, its list profile and its map page", async () => {
    const { village, item, station } = await villageWithGuide();
    const record = (await gangshan.get(`/api/v1/venue-records/${station}`)).json();
    const hours = { ...OFFICE, week: { ...OFFICE.week, '6': ['09:00-11:30'] } };
    const res = await gangshan.put(`/api/v1/venue-records/${station}`, bodyOf(record, { address: '钢山街道幸福路 8 号便民服务站', phone: '0537-5998877', hours }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ address: '钢山街道幸福路 8 号便民服务站', phone: '0537-5998877', version: record.version + 1 });

    const guide = (await anon.get(`/api/v1/items/${item}?region=${village}`)).json();
    expect(guide.local).toMatchObject({ location: '钢山街道幸福路 8 号便民服务站', consultPhone: '0537-5998877' });
    expect(guide.local.hours).toContain('周六 09:00-11:30');
    expect(guide.location).toBe('钢山街道幸福路 8 号便民服务站');

    const detail = (await anon.get(`/api/v1/venues/${station}`)).json();
    expect(detail).toMatchObject({ address: '钢山街道幸福路 8 号便民服务站', phone: '0537-5998877' });

    const list = (await gangshan.get(`/api/v1/admin/impl-lists/${village}`)).json();
    expect(list.venue).toEqual({ id: station, name: record.name, fields: ['location', 'hours', 'consultPhone'] });
    expect(list.profile).toMatchObject({ location: '钢山街道幸福路 8 号便民服务站', consultPhone: '0537-5998877' });
    // The profile cannot say otherwise: those three fields are changed on the venue.
    const profile = { ...list.profile, location: '别处' };
    const refused = await gangshan.put(`/api/v1/admin/impl-lists/${village}/profile`, profile);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'PROFILE_FIELD_FROM_VENUE', details: [{ field: 'location' }] });
    expect(refused.json().error.message).toContain('服务网点');
    // Its other fields are still the list's own.
    const window = await gangshan.put(`/api/v1/admin/impl-lists/${village}/profile`, { ...list.profile, window: '1 号窗口' });
    expect(window.statusCode, window.body).toBe(200);

    expect((await audits(station)).map((a) => a.action)).toEqual(['venue.update']);
    expect(JSON.parse((await audits(station))[0]!.summary!)).toMatchObject({ fields: ['address', 'phone', 'hours'] });
  });
});

describe('adding and closing', () => {
  it('a partner point added in the town is on the map with its items; closed, it leaves the map and the history stays', async () => {
    const add = await gangshan.post('/api/v1/venue-records', {
      kind: 'post', name: '钢山邮政所（政务服务点）', regionCode: GANGSHAN, address: '钢山街道东关路 2 号', lat: 35.402, lng: 116.981, approximate: false,
      phone: '0537-5212345', hours: { always: false, calendar: 'own', week: { '1': ['08:30-17:00'], '6': ['09:00-12:00'] }, exceptions: [{ date: '2027-01-01', hours: [], note: '元旦休息' }] },
      facilities: ['reading_glasses', 'reading_glasses'], itemCodes: ['37200203600001'],
    });
    expect(add.statusCode, add.body).toBe(201);
    const created = add.json();
    expect(created).toMatchObject({ kind: 'post', facilities: ['reading_glasses'], items: [{ code: '37200203600001' }], active: true, version: 1 });
    expect(created.items[0].name).not.toContain('已没有');
    const onMap = (await anon.get(`/api/v1/venues?region=${GANGSHAN}&kind=post&pageSize=50`)).json().items.map((v: { id: string }) => v.id);
    expect(onMap).toContain(created.id);

    const closed = await gangshan.put(`/api/v1/venue-records/${created.id}`, bodyOf(created, { active: false }));
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await anon.get(`/api/v1/venues/${created.id}`)).statusCode).toBe(404);
    expect((await gangshan.get('/api/v1/venue-records?kind=post&pageSize=50')).json().items.map((v: { id: string }) => v.id)).not.toContain(created.id);
    expect((await gangshan.get('/api/v1/venue-records?kind=post&includeClosed=1&pageSize=50')).json().items.map((v: { id: string }) => v.id)).toContain(created.id);
    expect((await audits(created.id)).map((a) => a.action)).toEqual(['venue.create', 'venue.close']);
  });
});

describe('bad input: a clear error, nothing changed', () => {
  it.each([
    ['latitude and longitude swapped', { lat: 116.97, lng: 35.4 }, 'lat', /纬度/],
    ['coordinates outside China', { lat: 35.4, lng: 16.97 }, 'lng', /经度/],
    ['overlapping hours', { hours: { ...OFFICE, week: { '1': ['08:30-12:00', '11:00-17:00'] } } }, 'hours.week.1', /重叠/],
    ['an hour that ends before it starts', { hours: { ...OFFICE, week: { '1': ['17:00-08:30'] } } }, 'hours.week.1.0', /开始早于结束/],
    ['a day that does not exist', { hours: { ...OFFICE, exceptions: [{ date: '2027-02-30', hours: [], note: '' }] } }, 'hours.exceptions.0.date', /日期不存在/],
    ['a phone with letters', { phone: '0537-CALLME' }, 'phone', /电话/],
    ['a link that is not https', { links: [{ label: '官网', url: 'javascript:alert(1)' }] }, 'links.0.url', /https/],
  ])('%s', async (_name, changes, field, message) => {
    const before = await venueRow(`bank-${GANGSHAN}`);
    const record = (await gangshan.get(`/api/v1/venue-records/bank-${GANGSHAN}`)).json();
    const res = await gangshan.put(`/api/v1/venue-records/bank-${GANGSHAN}`, bodyOf(record, changes));
    expect(res.statusCode, res.body).toBe(400);
    const problem = (res.json().error.details as { field: string; message: string }[]).find((d) => d.field === field);
    expect(problem, res.body).toBeDefined();
    expect(problem!.message).toMatch(message);
    expect(await venueRow(`bank-${GANGSHAN}`)).toEqual(before);
  });

  it('unknown items, a second station for a village, a station put in a town, no hours at all: every problem at once', async () => {
    const { village } = await villageWithGuide();
    const res = await gangshan.post('/api/v1/venue-records', {
      kind: 'village_station', name: '第二个服务站', regionCode: GANGSHAN, address: '某处', lat: 35.4, lng: 116.97, hours: { ...OFFICE, week: {} }, itemCodes: ['37200203600001'],
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().error.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['regionCode', 'itemCodes', 'hours']));

    const second = await gangshan.post('/api/v1/venue-records', { kind: 'village_station', name: '第二个服务站', regionCode: village, address: '某处', lat: 35.4, lng: 116.97, hours: OFFICE });
    expect(second.statusCode).toBe(400);
    expect(second.json().error.details[0].message).toMatch(/已有.*一个地方只有一个/);

    const bank = await gangshan.post('/api/v1/venue-records', { kind: 'bank', name: '某银行', regionCode: GANGSHAN, address: '某处', lat: 35.4, lng: 116.97, hours: OFFICE, itemCodes: ['37200203600099'] });
    expect(bank.statusCode).toBe(400);
    expect(bank.json().error.details[0]).toMatchObject({ field: 'itemCodes', message: expect.stringContaining('37200203600099') });
    expect(await t.deps.dbh.db.selectFrom('venues').select('id').where('name', 'in', ['第二个服务站', '某银行']).execute()).toEqual([]);
  });

  it('a stale version is refused (someone else saved first): 409, nothing overwritten', async () => {
    const record = (await gangshan.get(`/api/v1/venue-records/hospital-${GANGSHAN}`)).json();
    expect((await city.put(`/api/v1/venue-records/hospital-${GANGSHAN}`, bodyOf(record, { phone: '0537-5200001' }))).statusCode).toBe(200);
    const late = await gangshan.put(`/api/v1/venue-records/hospital-${GANGSHAN}`, bodyOf(record, { phone: '0537-5200002' }));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('VENUE_CHANGED');
    expect((await venueRow(`hospital-${GANGSHAN}`))!.phone).toBe('0537-5200001');
  });

  it('a centre cannot become a bank (close it and add the bank instead)', async () => {
    const record = (await gangshan.get(`/api/v1/venue-records/town-${GANGSHAN}`)).json();
    const res = await gangshan.put(`/api/v1/venue-records/town-${GANGSHAN}`, bodyOf(record, { kind: 'bank' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('kind');
  });
});
