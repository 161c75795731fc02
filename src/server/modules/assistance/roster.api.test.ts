/**
 * The wiring of the composition root: the helpers module's roster answers the HelperDirectory
 * port. A helper record linked to a staff account and covering a village gets that village's
 * request, and the account acts on it; the town's coordinator gets a village nobody covers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';

const GANGSHAN = '370883001';
const MENGZHUANG = '370883001004';
const BEIGUAN = '370883001005';

let t: TestApp;
let gangshan: TestClient;
let citizen: TestClient;
let helper: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
  citizen = await new TestClient(t.app).loginCitizen('13800000001');
  helper = await new TestClient(t.app).loginStaff('mengzhuang.helper');
  const staffId = (await t.deps.dbh.db.selectFrom('staff_users').select('id').where('username', '=', 'mengzhuang.helper').executeTakeFirstOrThrow()).id;
  const duty = { week: { '1': ['08:30-12:00'] } };
  for (const record of [
    { name: '刘桂芝', type: 'community_worker', phone: '13905371234', townCode: GANGSHAN, areaCodes: [MENGZHUANG], staffId, duty },
    { name: '颜建国', type: 'party_member', phone: '13905371235', townCode: GANGSHAN, areaCodes: [GANGSHAN], coordinator: true, duty },
  ]) {
    const res = await gangshan.post('/api/v1/helper-records', record);
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => t.close());

describe('the roster behind dispatch', () => {
  it('sends a village\'s request to its helper, who sees and accepts it; a village nobody covers to the coordinator', async () => {
    const body = { name: '王桂兰', phone: '13800000003', address: '幸福路 12 号', need: '代办高龄津贴申领' };
    const res = await citizen.post('/api/v1/help-requests', { ...body, villageCode: MENGZHUANG });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'assigned', helperName: '刘桂芝' });
    const mine = await helper.get('/api/v1/help-requests');
    expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual([res.json().id]);
    expect((await helper.post(`/api/v1/help-requests/${res.json().id}/accept`, {})).json().status).toBe('accepted');
    const other = await citizen.post('/api/v1/help-requests', { ...body, villageCode: BEIGUAN });
    expect(other.json()).toMatchObject({ status: 'assigned', helperName: '颜建国' });
  });
});
