/**
 * A help request that missed a time limit is told to the coordinator as a site message, in the
 * escalation's transaction: to the coordinator's own staff account when they have one, else to the
 * staff who coordinate 帮办代办 over the village (the town's and the city's administrators); the
 * helper who missed it and other towns' administrators get nothing. The test clock starts Friday
 * 2026-11-27 10:00 China time; the accept limit is 12:00.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { FakeHelpers, fakeItems } from '../assistance/fixtures.js';
import { helpRequestDetail } from '../assistance/schemas.js';

const GANGSHAN = '370883001';
const MENGZHUANG = '370883001004';
const QIANQUAN = '370883002';
const DAXIWEI = '370883002200';
const AFTER_ACCEPT_DUE = new Date('2026-11-27T04:01:00.000Z');

let t: TestApp;
const roster = new FakeHelpers();
let citizen: TestClient;

const staffId = async (username: string) => (await t.deps.dbh.db.selectFrom('staff_users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const messagesAbout = (requestNo: string) =>
  t.deps.dbh.db.selectFrom('messages').innerJoin('staff_users', 'staff_users.id', 'messages.recipient_id')
    .select(['staff_users.username', 'messages.event', 'messages.title', 'messages.body'])
    .where('messages.recipient_kind', '=', 'staff').where('messages.title', 'like', `%${requestNo}%`).orderBy('staff_users.username').execute();

async function requestIn(villageCode: string) {
  const res = await citizen.post('/api/v1/help-requests', { name: '王桂兰', phone: '13800000003', address: '幸福路 12 号', villageCode, need: '代办养老保险资格认证' });
  expect(res.statusCode, res.body).toBe(201);
  return helpRequestDetail.parse(res.json());
}

beforeAll(async () => {
  // the real notifier (the composition root's), with an in-memory roster
  t = await createTestApp({ services: { assistance: { helpers: roster, items: fakeItems({}) } } });
  roster.add({ helperId: 'h-mz', staffId: await staffId('mengzhuang.helper'), name: '刘桂芝', townCode: GANGSHAN, areas: [MENGZHUANG] });
  roster.add({ helperId: 'h-gs-coord', staffId: await staffId('gangshan.clerk'), name: '颜建国', townCode: GANGSHAN, areas: [], coordinator: true });
  roster.add({ helperId: 'h-dxw', staffId: null, name: '钱凤霞', townCode: QIANQUAN, areas: [DAXIWEI] });
  citizen = await new TestClient(t.app).loginCitizen('13800000001');
});
afterAll(() => t.close());

describe('help request escalation notices', () => {
  it('an unaccepted request: its coordinator (who has an account) is told it is now theirs', async () => {
    const r = await requestIn(MENGZHUANG);
    await t.services.assistance.escalateOverdue(AFTER_ACCEPT_DUE);
    expect(await messagesAbout(r.requestNo)).toEqual([{
      username: 'gangshan.clerk', event: 'help_request.escalated_accept', title: `帮办求助超时：${r.requestNo}`,
      body: `孟庄社区的帮办求助 ${r.requestNo}，帮办代办员刘桂芝2 个工作小时内未接单，已转由您（颜建国）处理，请尽快联系求助人。`,
    }]);
  });

  it('a town without a coordinator: the staff who coordinate over the village are told, nobody of another town', async () => {
    const r = await requestIn(DAXIWEI);
    await t.services.assistance.escalateOverdue(AFTER_ACCEPT_DUE);
    const told = await messagesAbout(r.requestNo);
    expect(told.map((m) => m.username)).toContain('admin');
    expect(told.map((m) => m.username)).not.toContain('gangshan.admin');
    expect(told.every((m) => m.event === 'help_request.escalated_accept' && m.body.includes('钱凤霞') && m.body.includes('请督促跟进'))).toBe(true);
  });
});
