/**
 * The service map's public API (docs/API-CONTRACT.md): venues by kind, place, item, open now and
 * access; the nearest ones; one venue — on the demo map of Zoucheng, at moments chosen around
 * 春节 2026 and its 调休 Saturday, so no answer depends on today.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { distanceMeters, seedDemoVenues } from './index.js';
import { nearbyResult, venuePoints } from './schemas.js';

let t: TestApp;
let anon: TestClient;
const GANGSHAN = '370883001';
/** 社会保障卡补领: in every town's list and at the partner banks */
const SOCIAL_CARD_REISSUE = '37200203800001';
const at = (instant: string) => t.clock.advanceMinutes((Date.parse(instant) - t.clock.now().getTime()) / 60_000);
const get = async (url: string) => {
  const res = await anon.request('GET', url);
  return { status: res.statusCode, body: res.json() };
};

beforeAll(async () => {
  t = await createTestApp({ catalog: true });
  anon = new TestClient(t.app);
  expect(await seedDemoVenues(t.deps, t.services.catalog.publicCatalog)).toBeGreaterThan(700);
  expect(await seedDemoVenues(t.deps, t.services.catalog.publicCatalog)).toBe(0); // once
});
afterAll(() => t.close());

describe('GET /venues', () => {
  it('lists every kind, centres first, with today\'s hours in words; filters by kind, place, access and words', async () => {
    at('2026-03-09T02:00:00Z'); // Monday 10:00 China time
    const all = await get('/api/v1/venues?pageSize=100');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(700);
    expect(all.body.items[0]).toMatchObject({ kind: 'county_centre', name: '邹城市政务服务中心', regionName: '邹城市', openNow: true, closesAt: '12:00', todayHours: '08:30-12:00、13:30-17:30' });
    const towns = await get('/api/v1/venues?kind=town_centre&pageSize=100');
    expect(towns.body.total).toBe(16);
    const gangshan = await get(`/api/v1/venues?region=${GANGSHAN}&kind=town_centre,bank`);
    expect(gangshan.body.items.map((v: { name: string }) => v.name)).toEqual(['钢山街道为民服务中心', '邹城农商银行钢山街道支行（政务服务点）']);
    // the centre's address and phone are its published 实施清单 profile's: the guide and the map agree
    const guide = (await get(`/api/v1/items/${SOCIAL_CARD_REISSUE}?region=${GANGSHAN}`)).body;
    expect(gangshan.body.items[0]).toMatchObject({ address: guide.local.location, phone: guide.local.consultPhone, approximate: true });
    const stations = await get(`/api/v1/venues?region=${GANGSHAN}&kind=village_station&pageSize=100`);
    expect(stations.body.total).toBeGreaterThan(10);
    const accessible = await get(`/api/v1/venues?region=${GANGSHAN}&kind=village_station&accessible=true&pageSize=100`);
    expect(accessible.body.total).toBeGreaterThan(0);
    expect(accessible.body.total).toBeLessThan(stations.body.total);
    expect(accessible.body.items.every((v: { facilities: string[] }) => v.facilities.includes('accessible_entrance'))).toBe(true);
    const named = await get(`/api/v1/venues?q=${encodeURIComponent('孟庄')}`);
    expect(named.body.items.map((v: { name: string }) => v.name)).toContain('孟庄社区便民服务站');
  });

  it('where an item can be done: the towns\' centres (their lists) and the partner banks, not the post offices', async () => {
    const res = await get(`/api/v1/venues?item=${SOCIAL_CARD_REISSUE}&pageSize=100`);
    const kinds = new Set(res.body.items.map((v: { kind: string }) => v.kind));
    expect(kinds).toEqual(new Set(['town_centre', 'bank']));
    expect(res.body.total).toBe(32);
  });

  it('open now across 春节 and its 调休 Saturday; the banks keep their own hours', async () => {
    at('2026-02-16T02:00:00Z'); // Monday 10:00, 春节
    const closed = (await get(`/api/v1/venues?region=${GANGSHAN}&kind=town_centre`)).body.items[0];
    expect(closed).toMatchObject({ openNow: false, todayHours: '今日休息（春节）', opensAt: { date: '2026-02-24', time: '08:30' } });
    const open = await get(`/api/v1/venues?region=${GANGSHAN}&openNow=true&pageSize=100`);
    expect(open.body.items.map((v: { kind: string }) => v.kind).sort()).toEqual(['bank', 'hospital', 'post', 'self_service', 'shop']);

    at('2026-02-14T02:00:00Z'); // Saturday 10:00, worked (调休)
    const saturday = (await get(`/api/v1/venues?region=${GANGSHAN}&kind=town_centre`)).body.items[0];
    expect(saturday).toMatchObject({ openNow: true, closesAt: '12:00', todayHours: '08:30-12:00、13:30-17:30（春节调休上班）' });
  });

  it('bad input: unknown kinds, items and regions get a clear 400; nothing crashes', async () => {
    for (const [url, field] of [
      ['/api/v1/venues?kind=castle', 'kind'],
      ['/api/v1/venues?item=12345', 'item'],
      ['/api/v1/venues?item=99999999999999', 'item'],
      ['/api/v1/venues?region=370883999', 'region'],
      ['/api/v1/venues?pageSize=1000', 'pageSize'],
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code, url).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.error.details), url).toContain(field);
      expect(res.body.error.message, url).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('GET /venues/nearby', () => {
  it('nearest first, with distances that agree with the coordinates', async () => {
    at('2026-03-09T02:00:00Z');
    const res = await get('/api/v1/venues/nearby?lat=35.405&lng=116.965&limit=8');
    expect(res.status).toBe(200);
    // sent as text, not through the serializer: the schema still holds, and it is the service's answer
    expect(nearbyResult.parse(res.body)).toEqual(res.body);
    expect(res.body).toEqual(await t.services.venues.nearby({ lat: 35.405, lng: 116.965, limit: 8 }));
    const withItem = { lat: 35.27, lng: 117.13, limit: 5, item: SOCIAL_CARD_REISSUE };
    expect(JSON.parse(await t.services.venues.nearbyJson(withItem))).toEqual(await t.services.venues.nearby(withItem));
    const items = res.body.items as { lat: number; lng: number; distanceMeters: number }[];
    expect(items).toHaveLength(8);
    for (let i = 0; i < items.length; i++) {
      expect(Math.abs(items[i]!.distanceMeters - distanceMeters(35.405, 116.965, items[i]!.lat, items[i]!.lng))).toBeLessThanOrEqual(1);
      if (i > 0) expect(items[i]!.distanceMeters).toBeGreaterThanOrEqual(items[i - 1]!.distanceMeters);
    }
    // no venue outside the answer is nearer than its farthest
    const points = (await get('/api/v1/venues/points')).body;
    expect(venuePoints.parse(points)).toEqual(points);
    const all = points.items as { id: string; lat: number; lng: number }[];
    const farthest = items.at(-1)!.distanceMeters;
    const ids = new Set(res.body.items.map((v: { id: string }) => v.id));
    expect(all.filter((v) => !ids.has(v.id) && distanceMeters(35.405, 116.965, v.lat, v.lng) < farthest - 1)).toEqual([]);
  });

  it('the same nearest as a plain sort of every venue, at points all over the county (and outside it)', async () => {
    const all = (await get('/api/v1/venues/points')).body.items as { id: string; lat: number; lng: number }[];
    for (let k = 0; k < 36; k++) {
      const lat = 35.0 + (k % 6) * 0.12, lng = 116.7 + Math.floor(k / 6) * 0.12;
      const limit = 1 + (k % 12);
      const answer = (await t.services.venues.nearby({ lat, lng, limit })).items.map((v) => v.distanceMeters);
      const expected = all.map((v) => Math.round(distanceMeters(lat, lng, v.lat, v.lng))).sort((a, b) => a - b).slice(0, limit);
      expect(answer, `${lat},${lng} limit ${limit}`).toEqual(expected);
    }
  });

  it('where can I do an item: only venues that handle it, named', async () => {
    const res = await get(`/api/v1/venues/nearby?lat=35.27&lng=117.13&item=${SOCIAL_CARD_REISSUE}&limit=5`);
    expect(res.body.item).toEqual({ code: SOCIAL_CARD_REISSUE, name: expect.stringContaining('社会保障卡补领') });
    expect(res.body.items.every((v: { kind: string }) => v.kind === 'town_centre' || v.kind === 'bank')).toBe(true);
    expect(res.body.items[0].regionName).toBe('香城镇');
  });

  it('open now on 春节: the offices drop out', async () => {
    at('2026-02-16T02:00:00Z');
    const res = await get('/api/v1/venues/nearby?lat=35.41&lng=116.97&openNow=true&limit=20');
    expect(res.body.items.length).toBe(20);
    expect(res.body.items.some((v: { kind: string }) => ['town_centre', 'village_station', 'county_centre'].includes(v.kind))).toBe(false);
    const ordered = res.body.items.map((v: { distanceMeters: number }) => v.distanceMeters);
    expect(ordered).toEqual([...ordered].sort((a, b) => a - b));
    // on a working Monday morning nearly all are open: the same answer as without the filter
    at('2026-03-09T02:00:00Z');
    const monday = (await get('/api/v1/venues/nearby?lat=35.41&lng=116.97&openNow=true&limit=12')).body.items.map((v: { id: string }) => v.id);
    const unfiltered = (await get('/api/v1/venues/nearby?lat=35.41&lng=116.97&limit=12')).body.items as { id: string; openNow: boolean }[];
    expect(monday).toEqual(unfiltered.filter((v) => v.openNow).map((v) => v.id).slice(0, monday.length));
    expect(monday.length).toBeGreaterThanOrEqual(10);
  });

  it('coordinates out of range or missing, a limit too large: 400 with the field', async () => {
    for (const [url, field] of [
      ['/api/v1/venues/nearby?lat=91&lng=116', 'lat'],
      ['/api/v1/venues/nearby?lat=35&lng=-181', 'lng'],
      ['/api/v1/venues/nearby?lat=abc&lng=116', 'lat'],
      ['/api/v1/venues/nearby?lng=116', 'lat'],
      ['/api/v1/venues/nearby?lat=35&lng=116&limit=500', 'limit'],
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect(JSON.stringify(res.body.error.details), url).toContain(field);
    }
  });
});

describe('GET /venues/{id}', () => {
  it('a town centre in full: weekly hours, the holidays ahead, its list\'s items, terminals, directions', async () => {
    at('2026-02-12T02:00:00Z'); // Thursday before 春节
    const res = await get(`/api/v1/venues/town-${GANGSHAN}`);
    expect(res.status).toBe(200);
    const v = res.body;
    expect(v).toMatchObject({ id: `town-${GANGSHAN}`, kind: 'town_centre', name: '钢山街道为民服务中心', openNow: true });
    expect(v.hours).toEqual(['周一至周五 08:30-12:00、13:30-17:30', '周六、周日 休息', '法定节假日休息，调休上班日照常办公']);
    expect(v.upcomingExceptions).toContainEqual({ date: '2026-02-14', hours: '08:30-12:00、13:30-17:30', note: '春节调休上班' });
    expect(v.upcomingExceptions).toContainEqual({ date: '2026-02-16', hours: '休息', note: '春节' });
    expect(v.items.length).toBeGreaterThan(100);
    expect(v.items).toContainEqual({ code: SOCIAL_CARD_REISSUE, name: expect.stringContaining('社会保障卡补领') });
    // what people come to do there: no 行政处罚 (the demo's town list has some)
    const types = await Promise.all(v.items.map((i: { code: string }) => t.services.catalog.publicCatalog.itemType(i.code)));
    expect(types.filter((type) => ['02', '03', '06'].includes(type ?? ''))).toEqual([]);
    const listed = (await t.services.catalog.publicCatalog.offeredAt(GANGSHAN))!;
    expect(v.items.length).toBeLessThan(listed.size);
    expect(v.terminals).toEqual([expect.objectContaining({ name: '大厅自助终端', status: 'offline', lastSeenAt: null })]);
    expect(v.directions.map((d: { label: string }) => d.label)).toEqual(['高德地图', '百度地图', '腾讯地图']);
    expect(v.directions[0].href).toContain(`${v.lng},${v.lat}`);
    expect(Array.isArray(v.helpers)).toBe(true);
  });

  it('a partner bank lists its own items; a village station its list\'s village items', async () => {
    const bank = (await get(`/api/v1/venues/bank-${GANGSHAN}`)).body;
    expect(bank.items.map((i: { code: string }) => i.code)).toContain(SOCIAL_CARD_REISSUE);
    expect(bank.items.length).toBeLessThan(20);
    const station = (await get('/api/v1/venues/village-370883001004')).body;
    expect(station).toMatchObject({ kind: 'village_station', regionName: '钢山街道孟庄社区' });
    expect(station.items.length).toBeGreaterThan(5);
  });

  it('an unknown venue is a 404 in Chinese; a malformed id a 400', async () => {
    const missing = await get('/api/v1/venues/no-such-venue');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'VENUE_NOT_FOUND', message: expect.stringMatching(/办事地点/) });
    expect((await get(`/api/v1/venues/${'x'.repeat(41)}`)).status).toBe(400);
  });
});
