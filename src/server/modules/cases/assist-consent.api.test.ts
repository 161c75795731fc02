/**
 * 代办 with the person's consent (issue 14 §3–§4, §7): a helper applies on someone's behalf
 * (intakeChannel assist) only from a help request assigned to them, with a consent recorded on it
 * (here the SMS code, as the demo deployment answers it). The consent is taken for the case before
 * it is written, used once, and named on the case; the help request then lists the case and tells
 * the person (an 'apply' event they see). A special-group request, or a tick at window intake, makes
 * the case 绿色通道: ahead of every other open case in the clerks' queue.
 *
 * Both helpers of 孟庄社区 are on the roster (helper-records); every request here is given to
 * 刘桂芝 (mengzhuang.helper), by dispatch or by the town's coordinator. The test clock starts Friday
 * 2026-11-27 10:00 China time and only moves forwards.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetSessions } from '../../platform/sessions.js';
import { OPEN_STATUSES, type CaseStatus } from '../../../shared/cases.js';
import { TestClient, type TestApp } from '../../testing.js';
import { actOk, caseTestApp, countRows, GANGSHAN, MENGZHUANG, onlineBody, submitOk, uploadId, VILLAGE_ITEM, windowBody } from './fixtures.js';

interface HelpRequest {
  id: string; requestNo: string; version: number; helperId: string | null; priority: boolean; status: string;
  authorisation: { method: string; caseId: string | null; caseNo: string | null } | null;
  cases: { caseId: string; caseNo: string | null; itemName: string | null; authorisation: { method: string; caseNo: string | null } }[];
  events: { action: string; note: string; internal: boolean }[];
  can: { authorise: boolean; applyOnBehalf: boolean };
}
interface QueueItem { id: string; status: CaseStatus; greenChannel: boolean; awaitsMe: boolean; createdAt: string }

let t: TestApp;
let helper: TestClient, helper2: TestClient, clerk: TestClient, townAdmin: TestClient, citizen: TestClient;
/** roster record ids: 刘桂芝 (mengzhuang.helper), 孟二 (mengzhuang.helper2) */
let liu: string, meng: string;

const db = () => t.deps.dbh.db;

function problem(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  const error = res.json().error as { code: string; details?: unknown };
  return { status: res.statusCode, code: error.code, fields: Array.isArray(error.details) ? (error.details as { field: string }[]).map((d) => d.field) : [] };
}

async function okJson<T>(res: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

/** The helper on the roster for 孟庄社区 (the helpers module's records): returns the record's id. */
async function onRoster(admin: TestClient, client: TestClient): Promise<string> {
  const me = await okJson<{ id: string; name: string }>(client.get('/api/v1/me'));
  const made = await okJson<{ id: string }>(admin.post('/api/v1/helper-records', {
    name: me.name, type: 'community_worker', phone: '13905379999', townCode: GANGSHAN, areaCodes: [MENGZHUANG], staffId: me.id,
  }), 201);
  return made.id;
}

const helpRequest = (id: string, client: TestClient = helper) => okJson<HelpRequest>(client.get(`/api/v1/help-requests/${id}`));

/**
 * A help request for 王桂兰 at 孟庄社区, asked by `by` (a citizen for a relative, or staff from a phone
 * call), given to 刘桂芝 and accepted by her.
 */
async function acceptedRequest(by: TestClient, more: Record<string, unknown> = {}): Promise<HelpRequest> {
  const who = by === citizen ? { forSelf: false } : { channel: 'phone' };
  let r = await okJson<HelpRequest>(by.post('/api/v1/help-requests', {
    ...who, name: '王桂兰', phone: '13800000003', address: '孟庄社区幸福路 12 号', villageCode: MENGZHUANG, need: '想办老年人优待证，腿脚不便', ...more,
  }), 201);
  if (r.helperId !== liu) r = await okJson<HelpRequest>(townAdmin.post(`/api/v1/help-requests/${r.id}/assign`, { helperId: liu, version: r.version }));
  return okJson<HelpRequest>(helper.post(`/api/v1/help-requests/${r.id}/accept`, { version: r.version }));
}

/** The person's consent by SMS code on a request (the code from the demo deployment's answer). */
async function smsConsent(id: string, client: TestClient = helper): Promise<void> {
  const sent = await okJson<{ demoCode: string }>(client.post(`/api/v1/help-requests/${id}/authorisation/sms`, {}));
  await okJson(client.post(`/api/v1/help-requests/${id}/authorisation/sms/confirm`, { code: sent.demoCode }));
}

/** 代办 of the village item for `name` (王桂兰 unless said), from help request `helpRequestId`. */
const assistBody = (helpRequestId: string | undefined, name = '王桂兰') => windowBody({
  itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, intakeChannel: 'assist', formData: {}, ...(helpRequestId ? { helpRequestId } : {}),
  applicant: { name, idNumber: '370883194811204522', phone: '13800000003', address: '邹城市钢山街道孟庄社区' },
});

/** What a refused application must leave as it was: the case tables and audit log, and the consents. */
async function snapshot(): Promise<string> {
  const consents = await db().selectFrom('help_authorisations').selectAll().orderBy('id').execute();
  const events = await db().selectFrom('help_request_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return JSON.stringify({ rows: await countRows(t), consents, events: Number(events.n) });
}

/** Moves the test clock on; the people here kept using the app meanwhile, so their sessions are not idle. */
async function advance(minutes: number): Promise<void> {
  t.clock.advanceMinutes(minutes);
  await db().updateTable('sessions').set({ last_seen_at: t.clock.now().toISOString() }).execute();
  forgetSessions();
}

/** The clerk's queue (urgency order: what waits for them first, each part most urgent first). */
const queue = async () => (await okJson<{ items: QueueItem[] }>(clerk.get('/api/v1/cases?pageSize=100'))).items;

beforeAll(async () => {
  let admin: TestClient;
  ({ t, staff: [helper, clerk, townAdmin, admin] } = await caseTestApp(['mengzhuang.helper', 'gangshan.clerk', 'gangshan.admin', 'admin'] as const));
  await okJson(admin.post('/api/v1/admin/users', {
    username: 'mengzhuang.helper2', name: '孟二', password: 'Demo@2026', homeRegionCode: MENGZHUANG, grants: [{ role: 'helper', regionCode: MENGZHUANG }],
  }), 201);
  helper2 = await new TestClient(t.app).loginStaff('mengzhuang.helper2');
  citizen = await new TestClient(t.app).loginCitizen('13800000001');
  liu = await onRoster(admin, helper);
  meng = await onRoster(admin, helper2);
});
afterAll(() => t.close());

describe('代办 needs the person\'s consent on a help request', () => {
  it('without a help request: 400 naming helpRequestId, nothing written; window intake takes none', async () => {
    const before = await snapshot();
    expect(problem(await helper.post('/api/v1/cases', assistBody(undefined)))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: expect.arrayContaining(['helpRequestId']) });
    const r = await acceptedRequest(clerk);
    await smsConsent(r.id);
    const withConsent = await snapshot();
    expect(problem(await clerk.post('/api/v1/cases', windowBody({ helpRequestId: r.id })))).toMatchObject({ status: 400, fields: expect.arrayContaining(['helpRequestId']) });
    expect(await snapshot()).toBe(withConsent);
    expect(withConsent).not.toBe(before);
  });

  it('a request with no consent in force: 409 ASSIST_AUTHORISATION_REQUIRED, no case, the code sent still usable', async () => {
    const r = await acceptedRequest(citizen);
    const sent = await okJson<{ demoCode: string }>(helper.post(`/api/v1/help-requests/${r.id}/authorisation/sms`, {}));
    const before = await snapshot();
    expect(problem(await helper.post('/api/v1/cases', assistBody(r.id)))).toMatchObject({ status: 409, code: 'ASSIST_AUTHORISATION_REQUIRED' });
    expect(await snapshot()).toBe(before);
    expect(await db().selectFrom('cases').select('id').where('help_request_id', '=', r.id).execute()).toEqual([]);
    // the person's code is not spent by the refusal
    await okJson(helper.post(`/api/v1/help-requests/${r.id}/authorisation/sms/confirm`, { code: sent.demoCode }));
    expect((await helpRequest(r.id)).can.applyOnBehalf).toBe(true);
  });

  it('the applicant must be the person who consented; another helper cannot use the request; the consent stays in force', async () => {
    const r = await acceptedRequest(clerk);
    await smsConsent(r.id);
    const before = await snapshot();
    expect(problem(await helper.post('/api/v1/cases', assistBody(r.id, '李建国')))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: ['applicant.name'] });
    expect(problem(await helper2.post('/api/v1/cases', assistBody(r.id)))).toMatchObject({ status: 404, code: 'HELP_REQUEST_NOT_FOUND' });
    expect(await snapshot()).toBe(before);
    expect((await helpRequest(r.id)).authorisation).toMatchObject({ method: 'sms', caseId: null });
  });

  it('a consent is for the helper who asked for it: handed to another helper, the request needs a new one', async () => {
    const r = await acceptedRequest(clerk);
    await smsConsent(r.id);
    const moved = await okJson<HelpRequest>(townAdmin.post(`/api/v1/help-requests/${r.id}/assign`, { helperId: meng, note: '刘桂芝请假' }));
    await okJson(helper2.post(`/api/v1/help-requests/${r.id}/accept`, { version: moved.version }));
    const before = await snapshot();
    // 王桂兰 agreed to 刘桂芝 applying for her, not to 孟二
    expect(problem(await helper2.post('/api/v1/cases', assistBody(r.id)))).toMatchObject({ status: 409, code: 'ASSIST_AUTHORISATION_REQUIRED' });
    expect(problem(await helper.post('/api/v1/cases', assistBody(r.id)))).toMatchObject({ status: 404, code: 'HELP_REQUEST_NOT_FOUND' });
    expect(await snapshot()).toBe(before);
    // 刘桂芝's consent is not offered to 孟二 either
    expect((await helpRequest(r.id, helper2)).can).toMatchObject({ authorise: true, applyOnBehalf: false });
    // her consent to 孟二 (a minute after her last text)
    await advance(1);
    await smsConsent(r.id, helper2);
    const { id } = await submitOk(helper2, assistBody(r.id));
    expect((await okJson<{ agentName: string }>(helper2.get(`/api/v1/cases/${id}`))).agentName).toBe('孟二');
  });

  it('a citizen cannot name a help request or the green channel', async () => {
    const fileId = await uploadId(t, citizen);
    const r = await acceptedRequest(citizen);
    const before = await snapshot();
    expect(problem(await citizen.post('/api/v1/cases', onlineBody(fileId, { helpRequestId: r.id })))).toMatchObject({ status: 400, fields: ['helpRequestId'] });
    for (const greenChannel of [true, false]) {
      expect(problem(await citizen.post('/api/v1/cases', onlineBody(fileId, { greenChannel }))), String(greenChannel)).toMatchObject({ status: 400, fields: ['greenChannel'] });
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('代办 with the consent', () => {
  it('is taken in once: the case names the request and the consent, the request lists the case and tells the person', async () => {
    const r = await acceptedRequest(citizen);
    await smsConsent(r.id);
    const { id, caseNo } = await submitOk(helper, assistBody(r.id), 'assist-retry-key-1');
    // a retry (the answer was lost) gets the same case, though the consent is used now
    const retried = await helper.request('POST', '/api/v1/cases', assistBody(r.id), { 'idempotency-key': 'assist-retry-key-1' });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id, caseNo });

    const c = await okJson<Record<string, unknown>>(helper.get(`/api/v1/cases/${id}`));
    expect(c).toMatchObject({
      channel: 'assist', agentName: '刘桂芝', applicantName: '王桂兰', greenChannel: false,
      assistance: { helpRequestId: r.id, requestNo: r.requestNo, method: 'sms', methodLabel: expect.any(String), at: expect.any(String) },
    });
    // the applicant's own view carries no consent details
    const wang = await new TestClient(t.app).loginCitizen('13800000003');
    expect(await okJson<Record<string, unknown>>(wang.get(`/api/v1/cases/${id}`))).toMatchObject({ assistance: null });

    const after = await helpRequest(r.id);
    expect(after.cases).toEqual([{ caseId: id, caseNo, itemName: '老年人优待证办理（新办）', statusLabel: '待受理', authorisation: expect.objectContaining({ method: 'sms', caseId: id, caseNo }) }]);
    expect(after.authorisation).toBeNull();
    expect(after.can).toMatchObject({ authorise: true, applyOnBehalf: false });
    expect(after.events.at(-1)).toMatchObject({ action: 'apply', internal: false, note: expect.stringContaining(caseNo) });
    // the citizen who asked sees the consent and the application
    const seen = await helpRequest(r.id, citizen);
    expect(seen.events.slice(-2).map((e) => e.action)).toEqual(['authorise', 'apply']);
    expect(seen.cases[0]!.caseNo).toBe(caseNo);
    expect(seen.authorisation).toBeNull();

    // the consent is used: a second application needs another
    const before = await snapshot();
    expect(problem(await helper.post('/api/v1/cases', assistBody(r.id)))).toMatchObject({ status: 409, code: 'ASSIST_AUTHORISATION_REQUIRED' });
    expect(await snapshot()).toBe(before);

    // audited: the case's submission names the request, the request's entry the case
    const submitted = await db().selectFrom('audit_log').selectAll().where('entity_id', '=', id).where('action', '=', 'case.submit').executeTakeFirstOrThrow();
    expect(JSON.parse(submitted.summary)).toMatchObject({ helpRequest: r.requestNo, authorisation: 'sms', greenChannel: false });
    const applied = await db().selectFrom('audit_log').selectAll().where('entity_id', '=', r.id).where('action', '=', 'help_request.apply').execute();
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ on_behalf_of: '求助人 王**' });
    expect(JSON.parse(applied[0]!.summary)).toMatchObject({ caseNo, authorisation: 'sms' });
  });
});

describe('绿色通道', () => {
  it('a special-group request makes the case green: first in the clerk\'s queue, ahead of older open cases', async () => {
    const older = await submitOk(clerk, windowBody());
    await advance(5);
    const r = await acceptedRequest(citizen, { flags: ['elderly'] });
    expect(r.priority).toBe(true);
    await smsConsent(r.id);
    const { id } = await submitOk(helper, assistBody(r.id));
    expect(await okJson<Record<string, unknown>>(helper.get(`/api/v1/cases/${id}`))).toMatchObject({ greenChannel: true, assistance: { requestNo: r.requestNo } });
    const submitted = await db().selectFrom('audit_log').select('summary').where('entity_id', '=', id).where('action', '=', 'case.submit').executeTakeFirstOrThrow();
    expect(JSON.parse(submitted.summary)).toMatchObject({ greenChannel: true });
    // the village forwards it to the town (村收镇办), where the clerk takes it in
    await actOk(helper, id, 'forward', { opinion: '材料齐全，转报镇街' });
    let items = await queue();
    const at = (caseId: string) => items.findIndex((c) => c.id === caseId);
    expect(items[at(id)]).toMatchObject({ greenChannel: true, awaitsMe: true });
    expect(items[at(older.id)]).toMatchObject({ greenChannel: false, awaitsMe: true });
    expect(at(id)).toBeLessThan(at(older.id));
    expect(items[at(id)]!.createdAt > items[at(older.id)]!.createdAt).toBe(true);
    // still first once both are accepted (with their due dates)
    for (const c of [older.id, id]) await actOk(clerk, c, 'accept');
    items = await queue();
    expect(at(id)).toBeLessThan(at(older.id));
    expect(items[at(id)]).toMatchObject({ greenChannel: true, status: 'accepted' });
  });

  it('ticked at window intake: the same', async () => {
    const older = await submitOk(clerk, windowBody());
    await advance(5);
    const { id } = await submitOk(clerk, windowBody({ greenChannel: true }));
    expect(await okJson<Record<string, unknown>>(clerk.get(`/api/v1/cases/${id}`))).toMatchObject({ greenChannel: true, assistance: null, channel: 'window' });
    const items = await queue();
    const at = (caseId: string) => items.findIndex((c) => c.id === caseId);
    expect(items[at(id)]).toMatchObject({ greenChannel: true, awaitsMe: true });
    expect(at(id)).toBeLessThan(at(older.id));
    // within the same part of the queue no open ordinary case comes before an open green one
    const open = items.filter((c) => c.awaitsMe === items[at(id)]!.awaitsMe && OPEN_STATUSES.includes(c.status));
    const firstOrdinary = open.findIndex((c) => !c.greenChannel);
    expect(firstOrdinary).toBeGreaterThan(0);
    expect(open.slice(firstOrdinary).some((c) => c.greenChannel)).toBe(false);
  });
});
