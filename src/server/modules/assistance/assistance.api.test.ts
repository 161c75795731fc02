/**
 * 帮办代办 help requests over HTTP (issue 14 §2, §4–§6), with an in-memory roster (the
 * HelperDirectory port): dispatch (fewest open requests, then given one longest ago, then id; the
 * town's coordinator when nobody covers the village; 待分派 when the town has none either); due
 * times; scope (another helper's, another citizen's, another town's request is not found);
 * masked lists, the audited phone reveal; the state machine's 409s; rating once; idempotent
 * create; bad input refused with nothing written. The test clock: Friday 2026-11-27 10:00 China time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, untouchedState, type TestApp } from '../../testing.js';
import { FakeHelpers, fakeItems } from './fixtures.js';
import { helpRequestDetail, helpRequestList } from './schemas.js';

const GANGSHAN = '370883001';
const MENGZHUANG = '370883001004';
const BEIGUAN = '370883001005';
const XIGUAN = '370883001006';
const QIANQUAN = '370883002';
const DAXIWEI = '370883002200';
const ITEM = '37200000100001';

let t: TestApp;
const roster = new FakeHelpers();
let citizen: TestClient;
let otherCitizen: TestClient;
let helper1: TestClient;
let helper2: TestClient;
let coordinatorHelper: TestClient;
let gangshanAdmin: TestClient;
let qianquanAdmin: TestClient;
let clerk: TestClient;
let city: TestClient;

const staffId = async (username: string) => (await t.deps.dbh.db.selectFrom('staff_users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const untouched = () => untouchedState(t, ['help_requests', 'help_request_events']);

function body(changes: Record<string, unknown> = {}) {
  return { name: '王桂兰', phone: '13800000003', address: '孟庄社区幸福路 12 号', villageCode: MENGZHUANG, need: '想办老年人优待证，腿脚不便', ...changes };
}

async function created(client: TestClient, b: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await client.request('POST', '/api/v1/help-requests', b, headers);
  expect(res.statusCode, res.body).toBe(201);
  return helpRequestDetail.parse(res.json());
}

function problem(res: { statusCode: number; json(): { error: { code: string; details?: { field: string }[] } } }) {
  return { status: res.statusCode, code: res.json().error.code, fields: (res.json().error.details ?? []).map((d) => d.field) };
}

beforeAll(async () => {
  t = await createTestApp({ services: { assistance: { helpers: roster, items: fakeItems({ [ITEM]: '城乡居民最低生活保障（新办）' }) } } });
  city = await new TestClient(t.app).loginStaff('admin');
  for (const [username, name, role, regionCode] of [
    ['mengzhuang.helper2', '孙立新', 'helper', MENGZHUANG],
    ['gangshan.coordinator', '颜建国', 'helper', GANGSHAN],
    ['qianquan.admin', '钱凤霞', 'town_admin', QIANQUAN],
  ] as const) {
    const res = await city.post('/api/v1/admin/users', { username, name, password: 'Demo@2026', homeRegionCode: regionCode, grants: [{ role, regionCode }] });
    expect(res.statusCode, res.body).toBe(201);
  }
  roster.add({ helperId: 'h-mz-1', staffId: await staffId('mengzhuang.helper'), name: '刘桂芝', townCode: GANGSHAN, areas: [MENGZHUANG] });
  roster.add({ helperId: 'h-mz-2', staffId: await staffId('mengzhuang.helper2'), name: '孙立新', townCode: GANGSHAN, areas: [MENGZHUANG] });
  roster.add({ helperId: 'h-gs-coord', staffId: await staffId('gangshan.coordinator'), name: '颜建国', townCode: GANGSHAN, areas: [], coordinator: true });
  citizen = await new TestClient(t.app).loginCitizen('13800000001');
  otherCitizen = await new TestClient(t.app).loginCitizen('13800000002');
  helper1 = await new TestClient(t.app).loginStaff('mengzhuang.helper');
  helper2 = await new TestClient(t.app).loginStaff('mengzhuang.helper2');
  coordinatorHelper = await new TestClient(t.app).loginStaff('gangshan.coordinator');
  gangshanAdmin = await new TestClient(t.app).loginStaff('gangshan.admin');
  qianquanAdmin = await new TestClient(t.app).loginStaff('qianquan.admin');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
});
afterAll(() => t.close());

describe('dispatch', () => {
  it('goes to the covering helper with the fewest open requests; due times in working hours; 优先 for special groups', async () => {
    const first = await created(citizen, body({ flags: ['elderly', 'limited_mobility'], homeVisit: true, itemCode: ITEM }));
    const second = await created(citizen, body({ forSelf: false }));
    expect([first.helperId, second.helperId].sort()).toEqual(['h-mz-1', 'h-mz-2']);
    expect(first).toMatchObject({
      status: 'assigned', statusLabel: '待接单', channel: 'online', priority: true, homeVisit: true, itemName: '城乡居民最低生活保障（新办）',
      // Friday 10:00 China time: accept by 12:00, first contact by Monday 10:00 (one working day of 7.5 h)
      acceptDueAt: '2026-11-27T04:00:00.000Z', contactDueAt: '2026-11-30T02:00:00.000Z', nextDueAt: '2026-11-27T04:00:00.000Z', overdue: false,
      villageName: '孟庄社区', townName: '钢山街道', subjectName: '王桂兰', address: '孟庄社区幸福路 12 号', subjectPhone: '138****0003',
    });
    expect(first.requestNo).toMatch(/^BB20261127\d{4}$/);
    expect(second.requestNo).not.toBe(first.requestNo);
    expect(second.channel).toBe('relative');
    expect(first.flags.map((f) => f.label)).toEqual(['老年人', '行动不便']);
    // the citizen's history: submitted, then given to the helper (by name)
    expect(first.events.map((e) => e.action)).toEqual(['submit', 'assign']);
    expect(first.events[1]!.note).toContain(first.helperName!);
  });

  it('on equal loads, to the helper given a request longest ago (never first), and only then by id', async () => {
    roster.add({ helperId: 'h-bg-2', staffId: null, name: '周晓梅', townCode: GANGSHAN, areas: [BEIGUAN] });
    const a = await created(citizen, body({ villageCode: BEIGUAN }));
    expect(a.helperId).toBe('h-bg-2');
    t.clock.advanceMinutes(1);
    // a helper who never had a request comes before one who had
    roster.add({ helperId: 'h-bg-1', staffId: null, name: '赵德胜', townCode: GANGSHAN, areas: [BEIGUAN] });
    const b = await created(citizen, body({ villageCode: BEIGUAN }));
    expect(b.helperId).toBe('h-bg-1');
    for (const r of [a, b]) expect((await gangshanAdmin.post(`/api/v1/help-requests/${r.id}/cancel`, { reason: '测试后取消' })).statusCode).toBe(200);
    // both without open work: h-bg-2 was given one a minute before h-bg-1, though its id sorts after
    const c = await created(citizen, body({ villageCode: BEIGUAN }));
    expect(c.helperId).toBe('h-bg-2');
    const d = await created(citizen, body({ villageCode: BEIGUAN }));
    expect(d.helperId).toBe('h-bg-1');
  });

  it('goes to the town coordinator when nobody covers the village, and waits as 待分派 when the town has none', async () => {
    const toCoordinator = await created(citizen, body({ villageCode: XIGUAN }));
    expect(toCoordinator).toMatchObject({ status: 'assigned', helperId: 'h-gs-coord', helperName: '颜建国' });
    const nobody = await created(citizen, body({ villageCode: DAXIWEI }));
    expect(nobody).toMatchObject({ status: 'unassigned', statusLabel: '待分派', helperId: null });
    // the town admin sees it; the other town's does not
    const theirs = helpRequestList.parse((await qianquanAdmin.get('/api/v1/help-requests?status=unassigned')).json());
    expect(theirs.items.map((i) => i.id)).toContain(nobody.id);
    const ours = helpRequestList.parse((await gangshanAdmin.get('/api/v1/help-requests?pageSize=100')).json());
    expect(ours.items.map((i) => i.id)).not.toContain(nobody.id);
    expect(ours.items.every((i) => i.townCode === GANGSHAN)).toBe(true);
  });

  it('staff register requests for people at their window or from a phone call, audited with both parties', async () => {
    const r = await created(clerk, body({ channel: 'phone', name: '张秀英', phone: '13800000001' }));
    expect(r.channel).toBe('phone');
    // the clerk follows what they typed in, without the person's address
    const seen = helpRequestDetail.parse((await clerk.get(`/api/v1/help-requests/${r.id}`)).json());
    expect(seen).toMatchObject({ subjectName: '张**', address: '' });
    const audit = await t.deps.dbh.db.selectFrom('audit_log').selectAll().where('entity_id', '=', r.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'help_request.create', actor_kind: 'staff', on_behalf_of: '求助人 张**' });
    expect(audit.summary).not.toContain('13800000001');
    // another town's village is outside the clerk's grant
    const outside = await clerk.post('/api/v1/help-requests', body({ channel: 'window', villageCode: DAXIWEI }));
    expect(outside.statusCode).toBe(403);
    // the approver takes nothing in
    expect((await (await new TestClient(t.app).loginStaff('gangshan.approver')).post('/api/v1/help-requests', body({ channel: 'window' }))).statusCode).toBe(403);
  });
});

describe('scope and personal data', () => {
  it('a helper reads only their own requests; another helper, another citizen, another town are not found', async () => {
    const r = await created(citizen, body());
    const mine = r.helperId === 'h-mz-1' ? helper1 : helper2;
    const notMine = r.helperId === 'h-mz-1' ? helper2 : helper1;
    expect((await mine.get(`/api/v1/help-requests/${r.id}`)).statusCode).toBe(200);
    for (const [who, client] of [['other helper', notMine], ['other citizen', otherCitizen], ['other town admin', qianquanAdmin], ['coordinator helper', coordinatorHelper]] as const) {
      const res = await client.get(`/api/v1/help-requests/${r.id}`);
      expect(res.statusCode, who).toBe(404);
      expect(res.json().error.code, who).toBe('HELP_REQUEST_NOT_FOUND');
    }
    expect((await gangshanAdmin.get(`/api/v1/help-requests/${r.id}`)).statusCode).toBe(200);
    expect((await city.get(`/api/v1/help-requests/${r.id}`)).statusCode).toBe(200);
    // actions on another helper's request are not found either
    expect((await notMine.post(`/api/v1/help-requests/${r.id}/accept`, {})).statusCode).toBe(404);
    expect((await notMine.post(`/api/v1/help-requests/${r.id}/phone`, {})).statusCode).toBe(404);
    // a citizen's list is their own
    const theirs = helpRequestList.parse((await otherCitizen.get('/api/v1/help-requests/mine')).json());
    expect(theirs.items.map((i) => i.id)).not.toContain(r.id);
    expect(helpRequestList.parse((await citizen.get('/api/v1/help-requests/mine?pageSize=100')).json()).items.map((i) => i.id)).toContain(r.id);
  });

  it('lists carry masked names and phones, 优先 first; the personal data is encrypted at rest', async () => {
    const list = helpRequestList.parse((await helper1.get('/api/v1/help-requests?pageSize=100')).json());
    expect(list.total).toBeGreaterThan(0);
    for (const i of list.items) {
      expect(i.helperId).toBe('h-mz-1');
      expect(i.subjectName).toMatch(/^.\*+$/u);
      expect(i.subjectPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    const open = list.items.filter((i) => ['assigned', 'accepted', 'contacted'].includes(i.status));
    const firstOrdinary = open.findIndex((i) => !i.priority);
    if (firstOrdinary >= 0) expect(open.slice(firstOrdinary).some((i) => i.priority)).toBe(false);
    const raw = await t.deps.dbh.db.selectFrom('help_requests').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(raw)).not.toContain('13800000003');
    expect(JSON.stringify(raw)).not.toContain('王桂兰');
    expect(JSON.stringify(raw)).not.toContain('幸福路');
  });

  it('the assigned helper reveals the full phone, and it is audited; nobody else may', async () => {
    const r = await created(citizen, body({ phone: '13912345678' }));
    const mine = r.helperId === 'h-mz-1' ? helper1 : helper2;
    expect(r.subjectPhone).toBe('139****5678');
    const before = await t.deps.dbh.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    const res = await mine.post(`/api/v1/help-requests/${r.id}/phone`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ requestNo: r.requestNo, phone: '13912345678' });
    const audit = await t.deps.dbh.db.selectFrom('audit_log').selectAll().where('seq', '>', Number(before.seq)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'help_request.phone_view', entity_id: r.id, actor_kind: 'staff', on_behalf_of: '求助人 王**' });
    expect(audit[0]!.summary).toContain('139****5678');
    expect(audit[0]!.summary).not.toContain('13912345678');
    // a coordinator (town admin) does not pass the gate; the citizen neither
    expect((await gangshanAdmin.post(`/api/v1/help-requests/${r.id}/phone`, {})).statusCode).toBe(403);
    expect((await citizen.post(`/api/v1/help-requests/${r.id}/phone`, {})).statusCode).toBe(403);
  });
});

describe('the helper\'s work and the citizen\'s rating', () => {
  it('accept → contact → progress → complete, each on its version; wrong states are 409 with stable codes', async () => {
    const r = await created(citizen, body());
    const mine = r.helperId === 'h-mz-1' ? helper1 : helper2;
    const url = (a: string) => `/api/v1/help-requests/${r.id}/${a}`;
    const code = async (res: Promise<{ statusCode: number; json(): { error: { code: string } } }>) => {
      const x = await res;
      return `${x.statusCode} ${x.statusCode >= 400 ? x.json().error.code : ''}`.trim();
    };
    expect(await code(mine.post(url('contact'), { method: 'phone', note: '已电话联系' }))).toBe('409 HELP_REQUEST_NOT_ACCEPTED');
    expect(await code(mine.post(url('complete'), { note: '办好了' }))).toBe('409 HELP_REQUEST_NOT_CONTACTED');
    expect(await code(mine.post(url('progress'), { note: '进展' }))).toBe('409 HELP_REQUEST_WRONG_STATUS');
    const accepted = await mine.post(url('accept'), { version: r.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: r.version + 1 });
    // accepting again (a retried tap, a queued offline action) answers with the request as it is
    const again = await mine.post(url('accept'), {});
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'accepted', version: r.version + 1 });
    // a stale version
    expect(await code(mine.post(url('contact'), { method: 'phone', note: '已电话联系', version: r.version }))).toBe('409 HELP_REQUEST_CHANGED');
    expect(await code(mine.post(url('contact'), { method: 'visit', note: '上门了解情况，需补身份证复印件' }))).toBe('200');
    expect(await code(mine.post(url('contact'), { method: 'visit', note: '再次上门' }))).toBe('409 HELP_REQUEST_WRONG_STATUS');
    expect(await code(mine.post(url('progress'), { note: '材料已代为提交镇便民服务中心' }))).toBe('200');
    // the citizen cannot rate an unfinished request
    expect(await code(citizen.post(url('rating'), { stars: 5 }))).toBe('409 HELP_REQUEST_NOT_COMPLETED');
    const done = await mine.post(url('complete'), { note: '优待证已办好并送到家' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', resultNote: '优待证已办好并送到家' });
    expect(await code(mine.post(url('progress'), { note: '晚了' }))).toBe('409 HELP_REQUEST_WRONG_STATUS');
    expect(await code(citizen.post(url('cancel'), { reason: '不需要了' }))).toBe('409 HELP_REQUEST_WRONG_STATUS');

    // the citizen follows it: no internal notes
    const seen = helpRequestDetail.parse((await citizen.get(`/api/v1/help-requests/${r.id}`)).json());
    expect(seen.events.every((e) => !e.internal)).toBe(true);
    expect(seen.events.map((e) => e.note).join()).not.toContain('复印件');
    expect(seen.events.map((e) => e.action)).toEqual(['submit', 'assign', 'accept', 'contact', 'progress', 'complete']);
    expect(seen.can.rate).toBe(true);
    const staffSeen = helpRequestDetail.parse((await mine.get(`/api/v1/help-requests/${r.id}`)).json());
    expect(staffSeen.events.some((e) => e.internal && e.note.includes('复印件'))).toBe(true);

    // rating once
    expect(await code(otherCitizen.post(url('rating'), { stars: 1 }))).toBe('404 HELP_REQUEST_NOT_FOUND');
    const rated = await citizen.post(url('rating'), { stars: 5, comment: '很耐心' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ rating: 5, ratingComment: '很耐心' });
    expect(await code(citizen.post(url('rating'), { stars: 4 }))).toBe('409 HELP_REQUEST_ALREADY_RATED');
    expect(await code(citizen.post(url('rating'), { stars: 6 }))).toBe('400 VALIDATION_FAILED');

    const audits = await t.deps.dbh.db.selectFrom('audit_log').select('action').where('entity_id', '=', r.id).orderBy('seq').execute();
    expect(audits.map((a) => a.action)).toEqual([
      'help_request.create', 'help_request.accept', 'help_request.contact', 'help_request.progress', 'help_request.complete', 'help_request.rate',
    ]);
  });

  it('a coordinator reassigns within the village\'s helpers and cancels; the citizen cancels their own', async () => {
    const r = await created(citizen, body());
    const to = r.helperId === 'h-mz-1' ? 'h-mz-2' : 'h-mz-1';
    expect(problem(await gangshanAdmin.post(`/api/v1/help-requests/${r.id}/assign`, { helperId: 'h-bg-1' }))).toMatchObject({ status: 400, fields: ['helperId'] });
    expect((await qianquanAdmin.post(`/api/v1/help-requests/${r.id}/assign`, { helperId: to })).statusCode).toBe(404);
    const moved = await gangshanAdmin.post(`/api/v1/help-requests/${r.id}/assign`, { helperId: to, note: '原帮办员请假' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ helperId: to, status: 'assigned' });
    const cancelled = await citizen.post(`/api/v1/help-requests/${r.id}/cancel`, { reason: '家人已代办' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '家人已代办' });
    expect((await gangshanAdmin.post(`/api/v1/help-requests/${r.id}/cancel`, { reason: '重复' })).json().error.code).toBe('HELP_REQUEST_WRONG_STATUS');
    expect((await otherCitizen.post(`/api/v1/help-requests/${r.id}/cancel`, { reason: 'x' })).statusCode).toBe(404);
  });
});

describe('creating', () => {
  it('an Idempotency-Key makes a retry return the same request; the key with another body is refused', async () => {
    const headers = { 'idempotency-key': 'help-retry-0001' };
    const first = await created(otherCitizen, body({ name: '李建国', phone: '13800000002' }), headers);
    const again = await otherCitizen.request('POST', '/api/v1/help-requests', body({ name: '李建国', phone: '13800000002' }), headers);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(first.id);
    expect(again.json().requestNo).toBe(first.requestNo);
    const count = await t.deps.dbh.db.selectFrom('help_requests').select((eb) => eb.fn.countAll().as('n')).where('idem_key', 'like', '%help-retry-0001').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const other = await otherCitizen.request('POST', '/api/v1/help-requests', body({ name: '李建国', phone: '13800000002', need: '另一件事' }), headers);
    expect(problem(other)).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    // the same key is another person's own
    expect((await citizen.request('POST', '/api/v1/help-requests', body(), headers)).statusCode).toBe(201);
  });

  it('refuses bad input by field, with nothing written', async () => {
    const before = await untouched();
    const cases: [Record<string, unknown>, { status: number; code: string; fields: string[] }][] = [
      [body({ villageCode: '370883001999' }), { status: 400, code: 'REGION_NOT_FOUND', fields: ['villageCode'] }],
      [body({ villageCode: GANGSHAN }), { status: 400, code: 'HELP_VILLAGE_REQUIRED', fields: ['villageCode'] }],
      [body({ villageCode: '12' }), { status: 400, code: 'VALIDATION_FAILED', fields: ['villageCode'] }],
      [body({ need: '   ' }), { status: 400, code: 'VALIDATION_FAILED', fields: ['need'] }],
      [body({ phone: '12345' }), { status: 400, code: 'VALIDATION_FAILED', fields: ['phone'] }],
      [body({ name: 'Robert\'); drop table' }), { status: 400, code: 'VALIDATION_FAILED', fields: ['name'] }],
      [body({ address: '' }), { status: 400, code: 'VALIDATION_FAILED', fields: ['address'] }],
      [body({ flags: ['vip'] }), { status: 400, code: 'VALIDATION_FAILED', fields: ['flags.0'] }],
      [body({ itemCode: '37200000999901' }), { status: 400, code: 'VALIDATION_FAILED', fields: ['itemCode'] }],
      [body({ channel: 'phone' }), { status: 400, code: 'VALIDATION_FAILED', fields: ['channel'] }],
      [body({ extra: 1 }), { status: 400, code: 'VALIDATION_FAILED', fields: [] }],
    ];
    for (const [b, expected] of cases) {
      const res = await citizen.post('/api/v1/help-requests', b);
      const p = problem(res);
      expect({ status: p.status, code: p.code }, JSON.stringify(b)).toEqual({ status: expected.status, code: expected.code });
      for (const f of expected.fields) expect(p.fields, JSON.stringify(b)).toContain(f);
    }
    expect(problem(await clerk.post('/api/v1/help-requests', body({ forSelf: true })))).toMatchObject({ status: 400, fields: ['forSelf'] });
    expect(await untouched()).toBe(before);
  });
});

describe('figures', () => {
  it('a coordinator reads the town\'s month: counts by status, per-helper load, ratings; another town\'s is refused', async () => {
    const res = await gangshanAdmin.get(`/api/v1/help-requests/stats?town=${GANGSHAN}&month=2026-11`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.town).toEqual({ code: GANGSHAN, name: '钢山街道' });
    expect(s.total).toBe(Object.values(s.byStatus as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(s.byStatus.completed).toBeGreaterThanOrEqual(1);
    expect(s.byStatus.unassigned).toBe(0);
    expect(s.averageRating).toBe(5);
    expect(s.avgAcceptHours).toBe(0);
    expect(s.helpers.map((h: { helperId: string }) => h.helperId)).toEqual(expect.arrayContaining(['h-mz-1', 'h-mz-2', 'h-gs-coord']));
    expect((await qianquanAdmin.get(`/api/v1/help-requests/stats?town=${GANGSHAN}`)).statusCode).toBe(403);
    expect((await helper1.get(`/api/v1/help-requests/stats?town=${GANGSHAN}`)).statusCode).toBe(403);
    const other = (await gangshanAdmin.get('/api/v1/help-requests/stats?month=2026-10')).json();
    expect(other.total).toBe(0);
  });
});
