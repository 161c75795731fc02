/**
 * The service bus (政务服务大篷车, issue 13 §3) over HTTP: the public timetable of a village, a town
 * and a route (cancelled stops shown with their reason), the default span and its cap; the
 * administrators' routes, single and weekly plans (holidays left out by the working-day
 * calendar), cancellations and retiring, each audited; scope (a town admin plans their town's
 * buses only, another town's are "not found"); and bad input refused by field with nothing written.
 * Every day is the test clock's (2026-11-27, a Friday, 10:00 China time), never today's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, untouchedState, type TestApp } from '../../testing.js';
import { seedDemoServiceBus } from './index.js';
import { adminRouteList, busRouteDetail, busVisitList } from './schemas.js';

let t: TestApp;
let city: TestClient;
let gangshan: TestClient;
let clerk: TestClient;
let anon: TestClient;

const SHIQIANG = '370883109';
/** 宋庄村, 张楼村 (石墙镇) */
const SONGZHUANG = '370883109203';
const ZHANGLOU = '370883109204';
const GANGSHAN = '370883001';
/** 孟庄社区 (钢山街道) */
const MENGZHUANG = '370883001004';
const QIANQUAN = '370883002';
/** 社会保障卡补领: in the demonstration catalog */
const SOCIAL_CARD_REISSUE = '37200203800001';
const TABLES = ['bus_routes', 'bus_visits'] as const;

const routeBody = (patch: Record<string, unknown> = {}) => ({
  name: '石墙镇政务服务大篷车', regionCode: SHIQIANG, phone: '0537-5591090', vehicle: '鲁H·D0001 轻型客车', description: '进村办理社保、医保事项', itemCodes: [SOCIAL_CARD_REISSUE], ...patch,
});
const visitBody = (patch: Record<string, unknown> = {}) => ({ regionCode: SONGZHUANG, date: '2026-11-30', startTime: '09:00', endTime: '11:00', place: '村委会广场', ...patch });

async function createRoute(by: TestClient, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const res = await by.post('/api/v1/admin/service-bus/routes', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function addVisits(by: TestClient, routeId: string, body: Record<string, unknown>) {
  const res = await by.post(`/api/v1/admin/service-bus/routes/${routeId}/visits`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { created: { id: string; date: string }[]; skipped: { date: string; reason: string }[] };
}
const publicList = async (query: string) => {
  const res = await anon.get(`/api/v1/service-bus/visits?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return busVisitList.parse(res.json());
};
const lastAudit = (n: number) =>
  t.deps.dbh.db.selectFrom('audit_log').select(['action', 'entity_type', 'entity_id', 'region_code', 'summary']).orderBy('seq', 'desc').limit(n).execute();
const problem = (res: { statusCode: number; json: () => { error: { code: string; details?: { field: string; message: string }[] } } }) => {
  const { error } = res.json();
  return { status: res.statusCode, code: error.code, fields: (error.details ?? []).map((d) => d.field) };
};

let shiqiang: { id: string; version: number };
/** what the demo seed wrote (seeded first, as a demo server starts) */
let demoStops = 0;

beforeAll(async () => {
  t = await createTestApp({ catalog: true });
  city = await new TestClient(t.app).loginStaff('admin');
  gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  anon = new TestClient(t.app);
  demoStops = await seedDemoServiceBus(t.deps);
  shiqiang = await createRoute(city, routeBody());
});
afterAll(() => t.close());

describe('planning and the public timetable', () => {
  it('a single stop and a weekly plan (元旦 left out) show on the village, the town and the route page, with names, weekday, place and phone', async () => {
    const one = await addVisits(city, shiqiang.id, visitBody({ regionCode: ZHANGLOU, note: '可办理社保卡补领' }));
    expect(one).toMatchObject({ created: [{ date: '2026-11-30' }], skipped: [] });
    // every Friday for six weeks from 4 December: 1 January 2027 is 元旦
    const weekly = await addVisits(city, shiqiang.id, visitBody({ date: '2026-12-04', startTime: '14:00', endTime: '16:30', place: '村党群服务中心门前', weeks: 6 }));
    expect(weekly.created.map((v) => v.date)).toEqual(['2026-12-04', '2026-12-11', '2026-12-18', '2026-12-25', '2027-01-08']);
    expect(weekly.skipped).toEqual([{ date: '2027-01-01', reason: '法定节假日（元旦）' }]);

    const village = await publicList(`region=${ZHANGLOU}`);
    expect(village).toMatchObject({ from: '2026-11-27', to: '2026-12-26', total: 1 });
    expect(village.items[0]).toEqual({
      id: one.created[0]!.id, routeId: shiqiang.id, routeName: '石墙镇政务服务大篷车', phone: '0537-5591090',
      regionCode: ZHANGLOU, villageName: '张楼村', townName: '石墙镇', date: '2026-11-30', weekday: '周一', startTime: '09:00', endTime: '11:00',
      place: '村委会广场', note: '可办理社保卡补领', status: 'planned', cancelReason: null,
    });

    // the town: both villages, by day, over the default 30 days (11-27 … 12-26)
    const town = await publicList(`region=${SHIQIANG}`);
    expect(town.items.map((v) => [v.date, v.villageName, v.weekday])).toEqual([
      ['2026-11-30', '张楼村', '周一'], ['2026-12-04', '宋庄村', '周五'], ['2026-12-11', '宋庄村', '周五'], ['2026-12-18', '宋庄村', '周五'], ['2026-12-25', '宋庄村', '周五'],
    ]);
    // a span asked for
    expect((await publicList(`region=${SHIQIANG}&from=2026-12-20&to=2027-01-10`)).items.map((v) => v.date)).toEqual(['2026-12-25', '2027-01-08']);
    // the county holds them too
    expect((await publicList('region=370883')).items.filter((v) => v.routeId === shiqiang.id)).toHaveLength(5);

    const route = await anon.get(`/api/v1/service-bus/routes/${shiqiang.id}`);
    expect(route.statusCode, route.body).toBe(200);
    const detail = busRouteDetail.parse(route.json());
    expect(detail).toMatchObject({ name: '石墙镇政务服务大篷车', regionName: '石墙镇', phone: '0537-5591090', vehicle: '鲁H·D0001 轻型客车', from: '2026-11-27', to: '2027-01-25' });
    expect(detail.items).toEqual([{ code: SOCIAL_CARD_REISSUE, name: expect.stringContaining('社会保障卡') }]);
    expect(detail.visits.map((v) => v.date)).toEqual(['2026-11-30', '2026-12-04', '2026-12-11', '2026-12-18', '2026-12-25', '2027-01-08']);
  });

  it('a weekly plan may keep days off when told; a single date is kept whatever the day (a market day may be a Sunday)', async () => {
    const route = await createRoute(city, routeBody({ name: '石墙镇集市服务车', itemCodes: [] }));
    // Sunday 29 November, alone
    expect((await addVisits(city, route.id, visitBody({ date: '2026-11-29' }))).created).toHaveLength(1);
    // every Saturday for three weeks, days off kept
    const kept = await addVisits(city, route.id, visitBody({ date: '2026-12-05', weeks: 3, skipNonWorkingDays: false }));
    expect(kept.created.map((v) => v.date)).toEqual(['2026-12-05', '2026-12-12', '2026-12-19']);
    // the same left out: nothing to plan, said by field, nothing written
    const before = await untouchedState(t, TABLES);
    const none = await city.post(`/api/v1/admin/service-bus/routes/${route.id}/visits`, visitBody({ date: '2026-12-26', weeks: 3 }));
    expect(problem(none)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['skipNonWorkingDays'] });
    expect(await untouchedState(t, TABLES)).toBe(before);
  });

  it('a cancelled stop stays listed as 已取消 with its reason; cancelling is audited, and twice is 409', async () => {
    const dec11 = (await publicList(`region=${SONGZHUANG}`)).items.find((v) => v.date === '2026-12-11' && v.routeId === shiqiang.id)!;
    const res = await city.post(`/api/v1/admin/service-bus/visits/${dec11.id}/cancel`, { reason: '车辆检修，本次停靠取消' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: dec11.id, status: 'cancelled', cancelReason: '车辆检修，本次停靠取消', cancelledAt: t.clock.now().toISOString() });
    const shown = (await publicList(`region=${SONGZHUANG}`)).items.find((v) => v.id === dec11.id);
    expect(shown).toMatchObject({ status: 'cancelled', cancelReason: '车辆检修，本次停靠取消', date: '2026-12-11', place: '村党群服务中心门前' });
    expect((await anon.get(`/api/v1/service-bus/routes/${shiqiang.id}`)).json().visits.find((v: { id: string }) => v.id === dec11.id).status).toBe('cancelled');
    const [audit] = await lastAudit(1);
    expect(audit).toMatchObject({ action: 'bus_visit.cancel', entity_type: 'bus_visit', entity_id: dec11.id, region_code: SONGZHUANG });
    expect(JSON.parse(audit!.summary)).toMatchObject({ route: '石墙镇政务服务大篷车', village: '宋庄村', date: '2026-12-11', reason: '车辆检修，本次停靠取消' });

    const before = await untouchedState(t, TABLES);
    const again = await city.post(`/api/v1/admin/service-bus/visits/${dec11.id}/cancel`, { reason: '再取消一次' });
    expect(problem(again)).toMatchObject({ status: 409, code: 'BUS_VISIT_ALREADY_CANCELLED' });
    const noReason = await city.post(`/api/v1/admin/service-bus/visits/${dec11.id}/cancel`, { reason: ' ' });
    expect(problem(noReason)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['reason'] });
    const unknown = await city.post('/api/v1/admin/service-bus/visits/01900000-0000-7000-8000-000000000000/cancel', { reason: '取消' });
    expect(problem(unknown)).toMatchObject({ status: 404, code: 'BUS_VISIT_NOT_FOUND' });
    expect(await untouchedState(t, TABLES)).toBe(before);
  });

  it('the span: 30 days by default, at most 92, real days, not backwards; unknown places are 400', async () => {
    const cases: [string, string, string][] = [
      ['from=2026-11-27&to=2027-02-27', 'VALIDATION_FAILED', 'to'],
      ['from=2026-12-10&to=2026-12-01', 'VALIDATION_FAILED', 'to'],
      ['from=2026-02-30', 'VALIDATION_FAILED', 'from'],
      ['to=2026-13-01', 'VALIDATION_FAILED', 'to'],
      ['region=370883999', 'REGION_NOT_FOUND', 'region'],
      ['region=abc', 'VALIDATION_FAILED', 'region'],
    ];
    for (const [query, code, field] of cases) {
      const res = await anon.get(`/api/v1/service-bus/visits?${query}`);
      expect(problem(res), query).toEqual({ status: 400, code, fields: [field] });
      expect(res.json().error.message, query).toMatch(/[\u4e00-\u9fa5]/);
    }
    // exactly 92 days is allowed
    expect((await publicList('from=2026-11-27&to=2027-02-26')).to).toBe('2027-02-26');
    expect((await anon.get('/api/v1/service-bus/routes/01900000-0000-7000-8000-000000000000')).json().error.code).toBe('BUS_ROUTE_NOT_FOUND');
    expect((await anon.get('/api/v1/service-bus/routes/not%20an%20id')).statusCode).toBe(400);
  });
});

describe('administrators: validation, all or nothing, audit', () => {
  it('a bad route is refused by field, nothing written', async () => {
    const before = await untouchedState(t, TABLES);
    const cases: [Record<string, unknown>, number, string, string[]][] = [
      [routeBody({ regionCode: SONGZHUANG }), 400, 'VALIDATION_FAILED', ['regionCode']],
      [routeBody({ regionCode: '370883999' }), 400, 'REGION_NOT_FOUND', ['regionCode']],
      [routeBody({ name: ' ' }), 400, 'VALIDATION_FAILED', ['name']],
      [routeBody({ phone: '' }), 400, 'VALIDATION_FAILED', ['phone']],
      [routeBody({ phone: '请拨打热线' }), 400, 'VALIDATION_FAILED', ['phone']],
      [routeBody({ itemCodes: ['37209999999901'] }), 400, 'VALIDATION_FAILED', ['itemCodes']],
      [routeBody({ itemCodes: ['123'] }), 400, 'VALIDATION_FAILED', ['itemCodes.0']],
      [routeBody({ colour: 'red' }), 400, 'VALIDATION_FAILED', []],
    ];
    for (const [body, status, code, fields] of cases) {
      const res = await city.post('/api/v1/admin/service-bus/routes', body);
      const p = problem(res);
      expect(p.status, res.body).toBe(status);
      expect(p.code, res.body).toBe(code);
      if (fields.length) expect(p.fields, res.body).toEqual(fields);
    }
    expect(await untouchedState(t, TABLES)).toBe(before);
  });

  it('bad stops are refused by field: times, days, places outside the route, too far ahead', async () => {
    const before = await untouchedState(t, TABLES);
    const cases: [Record<string, unknown>, string, string][] = [
      [visitBody({ startTime: '11:00', endTime: '09:00' }), 'VALIDATION_FAILED', 'endTime'],
      [visitBody({ startTime: '10:00', endTime: '10:00' }), 'VALIDATION_FAILED', 'endTime'],
      [visitBody({ startTime: '9:00' }), 'VALIDATION_FAILED', 'startTime'],
      [visitBody({ endTime: '24:00' }), 'VALIDATION_FAILED', 'endTime'],
      [visitBody({ date: '2026-02-30' }), 'VALIDATION_FAILED', 'date'],
      [visitBody({ date: '2026-11-26' }), 'VALIDATION_FAILED', 'date'],
      [visitBody({ date: '2027-12-01' }), 'VALIDATION_FAILED', 'date'],
      [visitBody({ date: '2027-10-01', weeks: 20 }), 'VALIDATION_FAILED', 'weeks'],
      [visitBody({ weeks: 27 }), 'VALIDATION_FAILED', 'weeks'],
      [visitBody({ weeks: 0 }), 'VALIDATION_FAILED', 'weeks'],
      [visitBody({ place: '' }), 'VALIDATION_FAILED', 'place'],
      [visitBody({ regionCode: SHIQIANG }), 'VALIDATION_FAILED', 'regionCode'],
      [visitBody({ regionCode: MENGZHUANG }), 'VALIDATION_FAILED', 'regionCode'],
      [visitBody({ regionCode: '370883109999' }), 'REGION_NOT_FOUND', 'regionCode'],
    ];
    for (const [body, code, field] of cases) {
      const res = await city.post(`/api/v1/admin/service-bus/routes/${shiqiang.id}/visits`, body);
      expect(problem(res), JSON.stringify(body)).toEqual({ status: 400, code, fields: [field] });
    }
    const unknownRoute = await city.post('/api/v1/admin/service-bus/routes/01900000-0000-7000-8000-000000000000/visits', visitBody());
    expect(problem(unknownRoute)).toMatchObject({ status: 404, code: 'BUS_ROUTE_NOT_FOUND' });
    expect(await untouchedState(t, TABLES)).toBe(before);
  });

  it('a plan that overlaps a stop of the route on any of its days is refused whole (409, the days named)', async () => {
    const route = await createRoute(city, routeBody({ name: '石墙镇重叠测试车', itemCodes: [] }));
    await addVisits(city, route.id, visitBody({ date: '2026-12-16', startTime: '10:00', endTime: '12:00' }));
    const before = await untouchedState(t, TABLES);
    // Wednesdays from 2 December: the third one (16 December) overlaps 10:00-12:00
    const res = await city.post(`/api/v1/admin/service-bus/routes/${route.id}/visits`, visitBody({ regionCode: ZHANGLOU, date: '2026-12-02', startTime: '09:00', endTime: '10:30', weeks: 4 }));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'BUS_VISIT_OVERLAP', details: [{ date: '2026-12-16', startTime: '10:00', endTime: '12:00', regionCode: SONGZHUANG, villageName: '宋庄村' }],
    });
    expect(res.json().error.message).toContain('2026年12月16日 10:00-12:00');
    expect(await untouchedState(t, TABLES)).toBe(before);
    // touching is not overlapping; another route may be there at the same time
    await addVisits(city, route.id, visitBody({ date: '2026-12-16', startTime: '12:00', endTime: '13:00' }));
    await addVisits(city, shiqiang.id, visitBody({ date: '2026-12-16', startTime: '10:00', endTime: '12:00' }));
    // a cancelled stop frees its time
    const cancelled = await addVisits(city, route.id, visitBody({ date: '2026-12-17' }));
    expect((await city.post(`/api/v1/admin/service-bus/visits/${cancelled.created[0]!.id}/cancel`, { reason: '改期' })).statusCode).toBe(200);
    await addVisits(city, route.id, visitBody({ date: '2026-12-17', regionCode: ZHANGLOU }));
  });

  it('two overlapping plans sent at once: one is saved, the other is told', async () => {
    const route = await createRoute(city, routeBody({ name: '石墙镇并发测试车', itemCodes: [] }));
    const send = (regionCode: string) => city.post(`/api/v1/admin/service-bus/routes/${route.id}/visits`, visitBody({ regionCode, date: '2026-12-07', weeks: 2 }));
    const results = await Promise.all([send(SONGZHUANG), send(ZHANGLOU)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const stops = await city.get(`/api/v1/admin/service-bus/visits?routeId=${route.id}`);
    expect(stops.json().items.map((v: { date: string }) => v.date)).toEqual(['2026-12-07', '2026-12-14']);
  });

  it('every change is audited in its transaction: create, plan, edit', async () => {
    const route = await createRoute(city, routeBody({ name: '石墙镇审计测试车' }));
    const [created] = await lastAudit(1);
    expect(created).toMatchObject({ action: 'bus_route.create', entity_type: 'bus_route', entity_id: route.id, region_code: SHIQIANG });
    await addVisits(city, route.id, visitBody({ date: '2026-12-08', weeks: 2 }));
    const [planned] = await lastAudit(1);
    expect(planned).toMatchObject({ action: 'bus_visit.create', entity_id: route.id, region_code: SONGZHUANG });
    expect(JSON.parse(planned!.summary)).toMatchObject({ dates: '2026-12-08、2026-12-15', count: 2, startTime: '09:00', endTime: '11:00', place: '村委会广场' });
    const res = await city.put(`/api/v1/admin/service-bus/routes/${route.id}`, { ...routeBody({ name: '石墙镇审计测试车', phone: '0537-5591099' }), active: true, version: route.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, phone: '0537-5591099', upcomingVisits: 2, nextVisitDate: '2026-12-08' });
    const [edited] = await lastAudit(1);
    expect(edited).toMatchObject({ action: 'bus_route.update', entity_id: route.id });
    expect(JSON.parse(edited!.summary).changed).toEqual(['phone']);
    // the public stops carry the new phone
    expect((await publicList(`region=${SONGZHUANG}&from=2026-12-08&to=2026-12-08`)).items.find((v) => v.routeId === route.id)?.phone).toBe('0537-5591099');
  });

  it('editing: on the version read (409 otherwise); retired only once its stops to come are cancelled, then gone from the public pages', async () => {
    const route = await createRoute(city, routeBody({ name: '石墙镇停运测试车', itemCodes: [] }));
    const { created } = await addVisits(city, route.id, visitBody({ date: '2026-12-09' }));
    const put = (patch: Record<string, unknown>) => city.put(`/api/v1/admin/service-bus/routes/${route.id}`, { ...routeBody({ name: '石墙镇停运测试车', itemCodes: [] }), active: true, version: 1, ...patch });
    const before = await untouchedState(t, TABLES);
    expect(problem(await put({ version: 7 }))).toMatchObject({ status: 409, code: 'BUS_ROUTE_CHANGED' });
    expect(problem(await put({ active: false }))).toMatchObject({ status: 409, code: 'BUS_ROUTE_HAS_VISITS' });
    expect(problem(await put({ regionCode: GANGSHAN }))).toMatchObject({ status: 409, code: 'BUS_ROUTE_VISITS_OUTSIDE' });
    expect(problem(await put({ version: undefined }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: ['version'] });
    expect(await untouchedState(t, TABLES)).toBe(before);

    expect((await city.post(`/api/v1/admin/service-bus/visits/${created[0]!.id}/cancel`, { reason: '线路调整' })).statusCode).toBe(200);
    const retired = await put({ active: false });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ active: false, version: 2, upcomingVisits: 0 });
    expect(problem(await anon.get(`/api/v1/service-bus/routes/${route.id}`))).toMatchObject({ status: 404, code: 'BUS_ROUTE_NOT_FOUND' });
    expect((await publicList(`region=${SONGZHUANG}&from=2026-12-09&to=2026-12-09`)).items.some((v) => v.routeId === route.id)).toBe(false);
    expect(problem(await city.post(`/api/v1/admin/service-bus/routes/${route.id}/visits`, visitBody({ date: '2026-12-10' })))).toMatchObject({ status: 409, code: 'BUS_ROUTE_INACTIVE' });
    // still on the board, last
    const board = adminRouteList.parse((await city.get('/api/v1/admin/service-bus/routes?pageSize=100')).json());
    expect(board.items.at(-1)).toMatchObject({ id: route.id, active: false });
  });
});

describe('scope', () => {
  it('a town admin plans their own town\'s bus; another town\'s routes and stops are not found, and other towns are not theirs to plan', async () => {
    const own = await createRoute(gangshan, routeBody({ name: '钢山街道便民服务流动车（测试）', regionCode: GANGSHAN, itemCodes: [] }));
    const { created } = await addVisits(gangshan, own.id, visitBody({ regionCode: MENGZHUANG, date: '2026-12-02', place: '孟庄社区党群服务中心门前' }));
    expect((await publicList(`region=${MENGZHUANG}`)).items.map((v) => v.id)).toContain(created[0]!.id);

    const before = await untouchedState(t, TABLES);
    // another town, or the county: 403 naming the place
    for (const regionCode of [QIANQUAN, SHIQIANG, '370883']) {
      const res = await gangshan.post('/api/v1/admin/service-bus/routes', routeBody({ regionCode, itemCodes: [] }));
      expect(problem(res), regionCode).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    // the city's route in 石墙镇 and its stops: not found
    const theirStop = (await publicList(`region=${SONGZHUANG}`)).items.find((v) => v.routeId === shiqiang.id && v.status === 'planned')!;
    for (const [method, url, body] of [
      ['POST', `/api/v1/admin/service-bus/routes/${shiqiang.id}/visits`, visitBody({ date: '2026-12-21' })],
      ['PUT', `/api/v1/admin/service-bus/routes/${shiqiang.id}`, { ...routeBody({ itemCodes: [] }), active: true, version: 1 }],
      ['GET', `/api/v1/admin/service-bus/visits?routeId=${shiqiang.id}`, undefined],
    ] as const) {
      const res = await gangshan.request(method, url, body);
      expect(problem(res), url).toMatchObject({ status: 404, code: 'BUS_ROUTE_NOT_FOUND' });
    }
    const cancel = await gangshan.post(`/api/v1/admin/service-bus/visits/${theirStop.id}/cancel`, { reason: '越权取消' });
    expect(problem(cancel)).toMatchObject({ status: 404, code: 'BUS_VISIT_NOT_FOUND' });
    // their own route cannot stop in another town
    const outside = await gangshan.post(`/api/v1/admin/service-bus/routes/${own.id}/visits`, visitBody({ regionCode: '370883002005' }));
    expect(problem(outside)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['regionCode'] });
    // window staff and the public have no board
    expect((await clerk.get('/api/v1/admin/service-bus/routes')).statusCode).toBe(403);
    expect((await clerk.post(`/api/v1/admin/service-bus/visits/${created[0]!.id}/cancel`, { reason: '取消' })).statusCode).toBe(403);
    expect((await anon.get('/api/v1/admin/service-bus/visits')).statusCode).toBe(401);
    expect(await untouchedState(t, TABLES)).toBe(before);

    // the board holds their town's routes and stops only; the city's holds all
    // (with the demo's 钢山街道便民服务流动车)
    const board = adminRouteList.parse((await gangshan.get('/api/v1/admin/service-bus/routes?pageSize=100')).json());
    expect(board.items.map((r) => r.name).sort()).toEqual(['钢山街道便民服务流动车', '钢山街道便民服务流动车（测试）']);
    expect(board.items.find((r) => r.id === own.id)).toMatchObject({ regionName: '钢山街道', upcomingVisits: 1, nextVisitDate: '2026-12-02', active: true });
    const stops = (await gangshan.get('/api/v1/admin/service-bus/visits?pageSize=100')).json();
    expect(stops.total).toBeGreaterThan(1);
    expect(stops.items.every((v: { regionCode: string }) => v.regionCode.startsWith(GANGSHAN))).toBe(true);
    expect((await gangshan.get(`/api/v1/admin/service-bus/visits?routeId=${own.id}`)).json().items.map((v: { id: string }) => v.id)).toEqual([created[0]!.id]);
    expect((await city.get('/api/v1/admin/service-bus/routes?pageSize=100')).json().items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([own.id, shiqiang.id]));

    // the city admin may cancel a town's stop
    expect((await city.post(`/api/v1/admin/service-bus/visits/${created[0]!.id}/cancel`, { reason: '社区活动改期' })).statusCode).toBe(200);
  });
});

describe('the demo and the clock', () => {
  it('the demo seeds real villages around the seeding day, once, with a cancelled stop to come', async () => {
    expect(demoStops).toBeGreaterThan(40);
    expect(await seedDemoServiceBus(t.deps)).toBe(0);
    const county = await publicList('region=370883&from=2026-11-27&to=2027-01-21');
    const demo = county.items.filter((v) => !v.routeName.startsWith('石墙镇') && !v.routeName.includes('测试'));
    expect(new Set(demo.map((v) => v.routeName))).toEqual(new Set(['邹城市政务服务大篷车·东线', '大束镇政务服务大篷车', '钢山街道便民服务流动车']));
    for (const v of demo) {
      const region = await t.deps.regions.get(v.regionCode);
      expect(region?.level, v.regionCode).toBe('village');
      expect(v.townName).not.toBe('');
    }
    expect(demo.filter((v) => v.status === 'cancelled')).toEqual([expect.objectContaining({ routeName: '大束镇政务服务大篷车', cancelReason: expect.stringContaining('检修') })]);
    // a village of 钢山街道 has a stop within the coming week
    expect((await publicList(`region=${GANGSHAN}&to=2026-12-03`)).items.some((v) => v.routeName === '钢山街道便民服务流动车')).toBe(true);
  });

  it('"from today" follows the clock (China date): a week later, last week\'s stops are gone', async () => {
    t.clock.advanceMinutes(7 * 24 * 60 + 14 * 60); // 2026-12-04 16:00 UTC = 5 December 00:00 China time
    const next = await publicList(`region=${SHIQIANG}`);
    expect(next.from).toBe('2026-12-05');
    expect(next.items.every((v) => v.date >= '2026-12-05')).toBe(true);
    // the past cannot be cancelled (a fresh sign-in: the clock has passed the session's idle limit)
    const admin = await new TestClient(t.app).loginStaff('admin');
    const past = (await publicList(`region=${ZHANGLOU}&from=2026-11-30&to=2026-11-30`)).items[0]!;
    expect(problem(await admin.post(`/api/v1/admin/service-bus/visits/${past.id}/cancel`, { reason: '补记取消' }))).toMatchObject({ status: 409, code: 'BUS_VISIT_PAST' });
  });
});
