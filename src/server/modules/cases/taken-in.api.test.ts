/**
 * 我代办的 (issue 12 §4): a helper (帮办代办员) does not see the work queue, but follows the cases
 * they took in — GET /cases/taken-in lists exactly those, wherever the cases are now, and nobody
 * else's (another helper's at the same village, a citizen's online application, a window intake).
 * Window staff, who also take cases in, get theirs; staff who take nothing in are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { actOk, consentFor, GANGSHAN, MENGZHUANG, onlineBody, seedCaseCatalog, submitOk, uploadId, VILLAGE_ITEM, windowBody } from './fixtures.js';

interface Item { id: string; caseNo: string; status: string; awaitsMe: boolean; regionCode: string; handlingRegionCode: string; currentRegionCode: string }
interface List { total: number; items: Item[] }

let t: TestApp;
let helper: TestClient, helper2: TestClient, clerk: TestClient, approver: TestClient, citizen: TestClient;
const cases = {} as Record<'a1' | 'a2' | 'b1' | 'window' | 'online', { id: string; caseNo: string }>;

/** 代办 by `client` for `name`, with the person's consent on a help request. */
const assist = async (client: TestClient, name: string, idNumber: string) => windowBody({
  itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, intakeChannel: 'assist', formData: {}, helpRequestId: await consentFor(t, client, name),
  applicant: { name, idNumber, phone: '13800000003', address: '邹城市钢山街道孟庄社区' },
});
const ids = (l: List) => l.items.map((c) => c.id);

beforeAll(async () => {
  t = await createTestApp();
  await seedCaseCatalog(t);
  // A second helper at the same village.
  const admin = await new TestClient(t.app).loginStaff('admin');
  const created = await admin.post('/api/v1/admin/users', {
    username: 'mengzhuang.helper2', name: '孟二', password: 'Demo@2026', homeRegionCode: MENGZHUANG, grants: [{ role: 'helper', regionCode: MENGZHUANG }],
  });
  expect(created.statusCode, created.body).toBe(201);
  helper = await new TestClient(t.app).loginStaff('mengzhuang.helper');
  helper2 = await new TestClient(t.app).loginStaff('mengzhuang.helper2');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  approver = await new TestClient(t.app).loginStaff('gangshan.approver');
  citizen = await new TestClient(t.app).loginCitizen('13800000002');
  cases.a1 = await submitOk(helper, await assist(helper, '王桂兰', '370883194811204522'));
  cases.a2 = await submitOk(helper, await assist(helper, '欧阳明', '370883194811204522'));
  cases.b1 = await submitOk(helper2, await assist(helper2, '张秀英', '370883194811204522'));
  cases.window = await submitOk(clerk, windowBody());
  cases.online = await submitOk(citizen, onlineBody(await uploadId(t, citizen), { itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, formData: {} }));
});
afterAll(async () => {
  await t.close();
});

describe('我代办的', () => {
  it('holds exactly the cases the helper took in: not another helper\'s, not a citizen\'s own, not a window intake', async () => {
    const mine = (await helper.get('/api/v1/cases/taken-in?pageSize=100')).json() as List;
    expect(new Set(ids(mine))).toEqual(new Set([cases.a1.id, cases.a2.id]));
    expect(mine.total).toBe(2);
    const theirs = (await helper2.get('/api/v1/cases/taken-in?pageSize=100')).json() as List;
    expect(ids(theirs)).toEqual([cases.b1.id]);
    // the other helper's case stays out of reach by any way
    expect((await helper2.get(`/api/v1/cases/taken-in?q=${cases.a1.caseNo}`)).json().total).toBe(0);
    expect((await helper2.get(`/api/v1/cases/${cases.a1.id}`)).statusCode).toBe(404);
    expect((await helper.get(`/api/v1/cases/${cases.b1.id}`)).statusCode).toBe(404);
    // window staff take cases in too: theirs are their own intakes only
    expect(ids((await clerk.get('/api/v1/cases/taken-in?pageSize=100')).json())).toEqual([cases.window.id]);
  });

  it('follows a case wherever it goes, and puts first what waits for the helper (收件转报)', async () => {
    await actOk(helper, cases.a1.id, 'forward', { opinion: '材料齐全，转报镇街' });
    const mine = (await helper.get('/api/v1/cases/taken-in?pageSize=100')).json() as List;
    expect(ids(mine)).toEqual([cases.a2.id, cases.a1.id]);
    expect(mine.items.map((c) => c.awaitsMe)).toEqual([true, false]);
    expect(mine.items[1]).toMatchObject({ currentRegionCode: GANGSHAN, regionCode: MENGZHUANG });
    const waiting = (await helper.get('/api/v1/cases/taken-in?awaiting=true')).json() as List;
    expect(ids(waiting)).toEqual([cases.a2.id]);
    // the forwarded case now waits for the town's window, which sees it in its own queue
    expect(((await clerk.get('/api/v1/cases?awaiting=true&pageSize=100')).json() as List).items.map((c) => c.id)).toContain(cases.a1.id);
  });

  it('filters by status and by case number or applicant name, and pages', async () => {
    expect(new Set(ids((await helper.get('/api/v1/cases/taken-in?status=pending_acceptance')).json()))).toEqual(new Set([cases.a1.id, cases.a2.id]));
    expect((await helper.get('/api/v1/cases/taken-in?status=accepted')).json().total).toBe(0);
    expect(ids((await helper.get(`/api/v1/cases/taken-in?q=${cases.a2.caseNo}`)).json())).toEqual([cases.a2.id]);
    expect(ids((await helper.get(`/api/v1/cases/taken-in?q=${encodeURIComponent('欧阳')}`)).json())).toEqual([cases.a2.id]);
    const page2 = (await helper.get('/api/v1/cases/taken-in?pageSize=1&page=2')).json() as List;
    expect(page2.total).toBe(2);
    expect(ids(page2)).toEqual([cases.a1.id]);
    expect((await helper.get('/api/v1/cases/taken-in?status=unknown')).statusCode).toBe(400);
  });

  it('is for staff who take cases in: approvers and citizens are refused, anonymous asked to sign in', async () => {
    expect((await approver.get('/api/v1/cases/taken-in')).statusCode).toBe(403);
    expect((await citizen.get('/api/v1/cases/taken-in')).statusCode).toBe(403);
    expect((await new TestClient(t.app).get('/api/v1/cases/taken-in')).statusCode).toBe(401);
    // the helper still has no work queue (they do not review others' applications)
    expect((await helper.get('/api/v1/cases')).statusCode).toBe(403);
  });
});
