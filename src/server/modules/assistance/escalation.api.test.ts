/**
 * Escalation of missed time limits (issue 14 §5): a request not accepted by its accept limit goes
 * to the town's coordinator, one not contacted by its contact limit is reported; not a minute
 * early, once per limit (also when two scans run at once), recorded in its history (staff only)
 * and the audit log, and the coordinator told through the EscalationNotifier port. A town without
 * a coordinator keeps the helper, and the request shows as overdue to its administrators. Every
 * instant is given explicitly (the test clock starts Friday 2026-11-27 10:00 China time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { FakeHelpers, fakeItems } from './fixtures.js';
import { startAssistanceJobs, type Escalation } from './index.js';
import { helpRequestDetail, helpRequestList } from './schemas.js';

const GANGSHAN = '370883001';
const MENGZHUANG = '370883001004';
const QIANQUAN = '370883002';
const DAXIWEI = '370883002200';
/** Friday 10:00 China time + 2 working hours: 12:00 */
const ACCEPT_DUE = '2026-11-27T04:00:00.000Z';
/** + 1 working day (7.5 h): Monday 10:00 */
const CONTACT_DUE = '2026-11-30T02:00:00.000Z';
const minuteBefore = (at: string) => new Date(Date.parse(at) - 60_000);
const minuteAfter = (at: string) => new Date(Date.parse(at) + 60_000);

let t: TestApp;
const roster = new FakeHelpers();
const told: Escalation[] = [];
let citizen: TestClient;
let helper: TestClient;

const row = (id: string) => t.deps.dbh.db.selectFrom('help_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (id: string) => t.deps.dbh.db.selectFrom('help_request_events').selectAll().where('request_id', '=', id).orderBy('seq').execute();
const escalate = (at: Date) => t.services.assistance.escalateOverdue(at);

async function created(villageCode = MENGZHUANG) {
  const res = await citizen.post('/api/v1/help-requests', { name: '王桂兰', phone: '13800000003', address: '幸福路 12 号', villageCode, need: '代办养老保险资格认证' });
  expect(res.statusCode, res.body).toBe(201);
  return helpRequestDetail.parse(res.json());
}

beforeAll(async () => {
  t = await createTestApp({
    services: { assistance: { helpers: roster, items: fakeItems({}), notifier: { escalated: async (_tx, e) => void told.push(e) } } },
  });
  const staffId = (await t.deps.dbh.db.selectFrom('staff_users').select('id').where('username', '=', 'mengzhuang.helper').executeTakeFirstOrThrow()).id;
  roster.add({ helperId: 'h-mz', staffId, name: '刘桂芝', townCode: GANGSHAN, areas: [MENGZHUANG] });
  roster.add({ helperId: 'h-gs-coord', staffId: null, name: '颜建国', townCode: GANGSHAN, areas: [], coordinator: true });
  roster.add({ helperId: 'h-dxw', staffId: null, name: '钱凤霞', townCode: QIANQUAN, areas: [DAXIWEI] });
  citizen = await new TestClient(t.app).loginCitizen('13800000001');
  helper = await new TestClient(t.app).loginStaff('mengzhuang.helper');
});
afterAll(() => t.close());

describe('escalation', () => {
  it('a request not accepted: nothing a minute before its limit; after it, to the coordinator, once', async () => {
    const r = await created();
    expect(r).toMatchObject({ helperId: 'h-mz', acceptDueAt: ACCEPT_DUE, contactDueAt: CONTACT_DUE });
    await escalate(minuteBefore(ACCEPT_DUE));
    expect(await row(r.id)).toMatchObject({ accept_escalated_at: null, helper_id: 'h-mz', version: 1 });

    const after = minuteAfter(ACCEPT_DUE);
    await escalate(after);
    const escalated = await row(r.id);
    expect(escalated).toMatchObject({ accept_escalated_at: after.toISOString(), contact_escalated_at: null, helper_id: 'h-gs-coord', helper_name: '颜建国', status: 'assigned', version: 2 });
    const history = await events(r.id);
    expect(history.slice(2).map((e) => [e.action, e.visibility, e.actor_kind])).toEqual([['escalate_accept', 'internal', 'system'], ['assign', 'citizen', 'system']]);
    expect(told.filter((e) => e.requestId === r.id)).toEqual([expect.objectContaining({ limit: 'accept', coordinator: expect.objectContaining({ helperId: 'h-gs-coord' }), helperName: '刘桂芝' })]);
    const audit = await t.deps.dbh.db.selectFrom('audit_log').selectAll().where('entity_id', '=', r.id).where('action', '=', 'help_request.escalate').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_kind: 'system', at: after.toISOString() });

    // once per limit
    await escalate(minuteAfter(after.toISOString()));
    expect((await events(r.id)).length).toBe(history.length);
    expect((await row(r.id)).version).toBe(2);
    // the helper it was taken from no longer sees it
    expect((await helper.post(`/api/v1/help-requests/${r.id}/accept`, {})).statusCode).toBe(404);

    // the contact limit is reported on its own, at its own time (Monday 10:00)
    await escalate(minuteBefore(CONTACT_DUE));
    expect((await row(r.id)).contact_escalated_at).toBeNull();
    await escalate(minuteAfter(CONTACT_DUE));
    expect((await row(r.id)).contact_escalated_at).toBe(minuteAfter(CONTACT_DUE).toISOString());
    await escalate(new Date('2026-12-01T02:00:00.000Z'));
    const last = await events(r.id);
    expect(last.filter((e) => e.action === 'escalate_contact')).toHaveLength(1);
    expect(told.filter((e) => e.requestId === r.id).map((e) => e.limit)).toEqual(['accept', 'contact']);
    // the citizen sees no internal note
    const seen = helpRequestDetail.parse((await citizen.get(`/api/v1/help-requests/${r.id}`)).json());
    expect(seen.events.some((e) => e.action.startsWith('escalate'))).toBe(false);
    expect(seen.escalated).toBe(true);
  });

  it('accepted in time but not contacted: only the contact limit is reported, and the helper keeps it', async () => {
    const r = await created();
    expect((await helper.post(`/api/v1/help-requests/${r.id}/accept`, {})).statusCode).toBe(200);
    await escalate(minuteAfter(ACCEPT_DUE));
    expect(await row(r.id)).toMatchObject({ accept_escalated_at: null, contact_escalated_at: null });
    await escalate(minuteAfter(CONTACT_DUE));
    expect(await row(r.id)).toMatchObject({ accept_escalated_at: null, contact_escalated_at: minuteAfter(CONTACT_DUE).toISOString(), helper_id: 'h-mz', status: 'accepted' });
  });

  it('contacted in time: never escalated', async () => {
    const r = await created();
    expect((await helper.post(`/api/v1/help-requests/${r.id}/accept`, {})).statusCode).toBe(200);
    expect((await helper.post(`/api/v1/help-requests/${r.id}/contact`, { method: 'phone', note: '已约好周一上门' })).statusCode).toBe(200);
    await escalate(new Date('2026-12-31T02:00:00.000Z'));
    expect(await row(r.id)).toMatchObject({ accept_escalated_at: null, contact_escalated_at: null, next_due_at: null });
  });

  it('a town without a coordinator: marked and told, the helper keeps it', async () => {
    const r = await created(DAXIWEI);
    await escalate(minuteAfter(ACCEPT_DUE));
    expect(await row(r.id)).toMatchObject({ helper_id: 'h-dxw', accept_escalated_at: minuteAfter(ACCEPT_DUE).toISOString() });
    expect(told.filter((e) => e.requestId === r.id)).toEqual([expect.objectContaining({ limit: 'accept', coordinator: null })]);
    expect((await events(r.id)).at(-1)?.note).toContain('暂无协调人');
  });

  it('two scans at once escalate a request once', async () => {
    const r = await created();
    const at = minuteAfter(ACCEPT_DUE);
    await Promise.all([escalate(at), escalate(at)]);
    expect((await events(r.id)).filter((e) => e.action === 'escalate_accept')).toHaveLength(1);
    expect(told.filter((e) => e.requestId === r.id)).toHaveLength(1);
  });

  it('the job scans on the server clock, and the overdue show in the coordinator\'s list', async () => {
    const r = await created();
    t.clock.advanceMinutes(3 * 24 * 60); // Monday 10:00: both limits passed
    const admin = await new TestClient(t.app).loginStaff('gangshan.admin'); // staff sessions end after 30 idle minutes
    const overdue = helpRequestList.parse((await admin.get('/api/v1/help-requests?overdue=true&pageSize=100')).json());
    expect(overdue.items.find((i) => i.id === r.id)).toMatchObject({ overdue: true, escalated: false });
    const jobs = startAssistanceJobs(t.deps, t.services.assistance, { everyMs: 3_600_000 });
    try {
      await jobs.escalateNow();
    } finally {
      await jobs.stop();
    }
    expect(await row(r.id)).toMatchObject({ accept_escalated_at: t.clock.now().toISOString(), contact_escalated_at: t.clock.now().toISOString(), helper_id: 'h-gs-coord' });
    const stats = (await admin.get('/api/v1/help-requests/stats?month=2026-11')).json();
    expect(stats.escalated).toBeGreaterThanOrEqual(4);
  });
});
