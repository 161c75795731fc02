/**
 * Notifications through the API on SQLite and PostgreSQL: templates (only the city administrator
 * edits them; placeholders checked), every case event writes its in-site message and queued SMS in
 * the case's own transaction (and a failed action writes neither), the daily warning scan warns
 * each handler once per case, level and day, and everyone reads only their own messages.
 */
import type { DbOrTx } from '../../db/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../../shared/roles.js';
import { idNumberCheckChar } from '../../../shared/validators.js';
import type { Grant } from '../../platform/permissions.js';
import type { CitizenActor, StaffActor } from '../../platform/request.js';
import { caseServiceWith, createTestApp, TestClient, type TestApp } from '../../testing.js';
import { act, actOk, INSTANT_ITEM, onlineBody, seedCaseCatalog, setClock, submitOk, uploadId, windowBody } from '../cases/fixtures.js';
import { submitBody } from '../cases/schemas.js';
import type { CaseChange, CaseNotifier } from '../cases/index.js';

let t: TestApp;
let citizen: TestClient; // 李建国 13800000002
let other: TestClient; // 张秀英 13800000001
let clerk: TestClient; // gangshan.clerk
let approver: TestClient; // gangshan.approver
let qianquan: TestClient;
let townAdmin: TestClient;
let city: TestClient;
let fileId: string;

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-notify-test-${process.pid}`, publicUrl: 'https://zwfw.zoucheng.gov.cn' } });
  await seedCaseCatalog(t);
  citizen = await new TestClient(t.app).loginCitizen('13800000002');
  other = await new TestClient(t.app).loginCitizen('13800000001');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  approver = await new TestClient(t.app).loginStaff('gangshan.approver');
  qianquan = await new TestClient(t.app).loginStaff('qianquan.clerk');
  townAdmin = await new TestClient(t.app).loginStaff('gangshan.admin');
  city = await new TestClient(t.app).loginStaff('admin');
  fileId = await uploadId(t, citizen);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.deps.dbh.db;
const messagesOf = (caseId: string) => db().selectFrom('messages').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
const smsOf = async (template: string) =>
  (await db().selectFrom('sms_outbox').selectAll().where('template', '=', template).orderBy('created_at').orderBy('id').execute()).map((r) => ({ ...r, body: t.deps.protector.decrypt(r.body_enc) }));
const count = async (table: 'messages' | 'sms_outbox' | 'case_events' | 'audit_log' | 'case_warning_notices') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const citizenId = async (phone: string) => (await db().selectFrom('citizens').select('id').where('phone_hash', '=', t.deps.protector.lookupHash(phone)).executeTakeFirstOrThrow()).id;
const staffId = async (username: string) => (await db().selectFrom('staff_users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

/** A valid 身份证号 (check digit computed) for a walk-in with no citizen account. */
const idNumber = (first17: string) => first17 + idNumberCheckChar(first17);

describe('templates: only the city administrator edits them', () => {
  it('lists every event on both channels with placeholders and a sample preview carrying the signature', async () => {
    const res = await city.get('/api/v1/notification-templates');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list.signature).toBe('【邹城市政务服务】');
    expect(list.items).toHaveLength(16);
    const acceptedSms = list.items.find((i: { event: string; channel: string }) => i.event === 'case.accepted' && i.channel === 'sms');
    expect(acceptedSms).toMatchObject({ eventLabel: '已受理', recipientLabel: '申请人', channelLabel: '短信', enabled: true, custom: false });
    expect(acceptedSms.preview.body).toMatch(/^【邹城市政务服务】张秀英您好/);
    expect(acceptedSms.preview.parts).toBe(1);
    expect(acceptedSms.placeholders.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['申请人', '办件编号', '办结期限']));
    const warning = list.items.find((i: { event: string; channel: string }) => i.event === 'case.warning' && i.channel === 'site');
    expect(warning.recipientLabel).toBe('办理人员');
  });

  it('refuses everyone else: town admin, clerk, citizen (403), anonymous (401)', async () => {
    for (const c of [townAdmin, clerk, citizen]) {
      expect((await c.get('/api/v1/notification-templates')).statusCode).toBe(403);
      expect((await c.request('PUT', '/api/v1/notification-templates/case.accepted/sms', { title: '', body: '已受理', enabled: true })).statusCode).toBe(403);
      expect((await c.post('/api/v1/notification-templates/preview', { event: 'case.accepted', channel: 'sms', body: 'x' })).statusCode).toBe(403);
      expect((await c.post('/api/v1/notifications/run-warnings')).statusCode).toBe(403);
      expect((await c.get('/api/v1/notifications/sms-outbox')).statusCode).toBe(403);
    }
    expect((await new TestClient(t.app).get('/api/v1/notification-templates')).statusCode).toBe(401);
  });

  it('rejects unknown placeholders on save with a Chinese message naming them, by field; nothing is saved', async () => {
    const before = await count('audit_log');
    const res = await city.request('PUT', '/api/v1/notification-templates/case.accepted/site', { title: '{标题}已受理', body: '{申请人}您好，{办件号}已受理，{补正内容}', enabled: true });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details).toEqual(expect.arrayContaining([
      { field: 'title', message: expect.stringContaining('未知占位符：{标题}') },
      { field: 'body', message: expect.stringContaining('未知占位符：{办件号}') },
      { field: 'body', message: expect.stringContaining('不能使用：{补正内容}') },
    ]));
    expect(await count('audit_log')).toBe(before);
    expect(await db().selectFrom('notification_templates').selectAll().execute()).toEqual([]);
    const unknownEvent = await city.request('PUT', '/api/v1/notification-templates/case.nothing/sms', { title: '', body: 'x', enabled: true });
    expect(unknownEvent.statusCode).toBe(400);
  });

  it('previews with sample values, reporting problems without saving', async () => {
    const res = await city.post('/api/v1/notification-templates/preview', { event: 'case.correction', channel: 'sms', body: '{申请人}请补正：{补正内容}{未知}' });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.body).toBe('【邹城市政务服务】张秀英请补正：居民户口簿（第2页不清晰）；家庭收入证明（缺少单位盖章）{未知}');
    expect(p.length).toBe([...p.body].length);
    expect(p.problems).toEqual([{ field: 'body', message: expect.stringContaining('{未知}') }]);
  });

  it('saves (audited), is used for the next case, can be disabled, and resets to the default', async () => {
    const saved = await city.request('PUT', '/api/v1/notification-templates/case.submitted/site', { title: '收到您的申请：{事项名称}', body: '{申请人}，办件编号 {办件编号}，请留意短信。进度：{查询网址}', enabled: true });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ custom: true, updatedBy: '周文华（admin）', title: '收到您的申请：{事项名称}' });
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'notification.template.update').executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe('case.submitted:site');

    const a = await submitOk(citizen, onlineBody(fileId));
    expect((await messagesOf(a.id)).map((m) => [m.title, m.body])).toEqual([['收到您的申请：城乡居民最低生活保障（新办）', `李建国，办件编号 ${a.caseNo}，请留意短信。进度：https://zwfw.zoucheng.gov.cn/track?caseNo=${a.caseNo}`]]);

    const off = await city.request('PUT', '/api/v1/notification-templates/case.submitted/sms', { title: '', body: '{申请人}您好，您的申请已提交，办件编号{办件编号}。', enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    const smsBefore = (await smsOf('case.submitted')).length;
    const b = await submitOk(citizen, onlineBody(fileId));
    expect(await messagesOf(b.id)).toHaveLength(1);
    expect((await smsOf('case.submitted')).length).toBe(smsBefore);

    for (const channel of ['site', 'sms']) {
      const reset = await city.delete(`/api/v1/notification-templates/case.submitted/${channel}`);
      expect(reset.statusCode, reset.body).toBe(200);
      expect(reset.json()).toMatchObject({ custom: false, enabled: true, updatedBy: null });
    }
    expect(await db().selectFrom('notification_templates').selectAll().execute()).toEqual([]);
    const c = await submitOk(citizen, onlineBody(fileId));
    expect((await messagesOf(c.id))[0]!.title).toBe('申请已提交：城乡居民最低生活保障（新办）');
    expect((await smsOf('case.submitted')).length).toBe(smsBefore + 1);
  });
});

describe('case events: the message and the SMS are written with the case change', () => {
  it('submitted → correction → accepted → decided: one message to the applicant and one queued SMS each, phone masked', async () => {
    const me = await citizenId('13800000002');
    const { id, caseNo } = await submitOk(citizen, onlineBody(fileId));
    let msgs = await messagesOf(id);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ recipient_kind: 'citizen', recipient_id: me, event: 'case.submitted', case_no: caseNo, read_at: null });
    expect(msgs[0]!.body).toContain(`办件编号 ${caseNo}`);
    const submittedSms = (await smsOf('case.submitted')).at(-1)!;
    expect(submittedSms).toMatchObject({ phone_masked: '138****0002', status: 'queued', attempts: 0 });
    expect(submittedSms.body).toBe(`【邹城市政务服务】李建国您好，您申请的城乡居民最低生活保障（新办）已提交，办件编号${caseNo}。`);
    expect(JSON.stringify(await db().selectFrom('sms_outbox').selectAll().execute())).not.toContain('13800000002');

    await actOk(clerk, id, 'request-correction', { items: [{ materialId: 'm1', reason: '申请书未签名' }, { field: 'familySize', reason: '家庭人口数与户口簿不符' }] });
    msgs = await messagesOf(id);
    expect(msgs.map((m) => m.event)).toEqual(['case.submitted', 'case.correction']);
    expect(msgs[1]!.body).toContain('申请书（申请书未签名）；familySize（家庭人口数与户口簿不符）');
    expect((await smsOf('case.correction')).at(-1)!.body).toContain(caseNo);

    await actOk(citizen, id, 'resubmit', { materials: [{ materialId: 'm1', source: 'upload', fileId }], formData: { familySize: 4 } });
    expect(await messagesOf(id)).toHaveLength(2); // resubmitting notifies nobody

    const accepted = await actOk(clerk, id, 'accept');
    msgs = await messagesOf(id);
    expect(msgs[2]).toMatchObject({ event: 'case.accepted', title: '已受理：城乡居民最低生活保障（新办）' });
    const [y, m, d] = accepted.dueDate.split('-');
    expect(msgs[2]!.body).toContain(`承诺在 20 个工作日内、${y}年${Number(m)}月${Number(d)}日前办结`);
    expect((await smsOf('case.accepted')).at(-1)!.body).toContain(`承诺${y}年${Number(m)}月${Number(d)}日前办结`);

    await actOk(approver, id, 'approve', { opinion: '经审查，符合条件' });
    expect(await messagesOf(id)).toHaveLength(3); // review passed is not a decision
    await actOk(approver, id, 'approve', { opinion: '准予', resultNote: '低保证编号 DB2026-0001' });
    msgs = await messagesOf(id);
    expect(msgs[3]).toMatchObject({ event: 'case.decided', title: '已办结：城乡居民最低生活保障（新办）' });
    expect(msgs[3]!.body).toContain('办理结果：准予办理（低保证编号 DB2026-0001）。办理意见：准予。');
  });

  it('a 即办件 accepted is promised 当场办结, never "承诺在 0 个工作日内"', async () => {
    const { id } = await submitOk(citizen, onlineBody(fileId, { itemCode: INSTANT_ITEM, materials: [] }));
    await actOk(clerk, id, 'accept');
    const accepted = (await messagesOf(id)).find((m) => m.event === 'case.accepted')!;
    expect(accepted.body).toContain('受理，即办件，当场办结。');
    expect(accepted.body).not.toContain('0 个工作日');
  });

  it('denial and refusal tell the applicant the reason', async () => {
    const a = await submitOk(citizen, onlineBody(fileId));
    await actOk(clerk, a.id, 'accept');
    await actOk(approver, a.id, 'approve', {});
    await actOk(approver, a.id, 'deny', { reason: '家庭人均收入高于当地低保标准' });
    expect((await messagesOf(a.id)).at(-1)!.body).toContain('办理结果：不予办理。办理意见：家庭人均收入高于当地低保标准。');
    const b = await submitOk(citizen, onlineBody(fileId));
    await actOk(clerk, b.id, 'refuse', { reason: '申请人户籍不在本街道' });
    const last = (await messagesOf(b.id)).at(-1)!;
    expect(last).toMatchObject({ event: 'case.refused', title: '不予受理：城乡居民最低生活保障（新办）' });
    expect(last.body).toContain('理由：申请人户籍不在本街道。');
    expect((await smsOf('case.refused')).at(-1)!.body).toBe('【邹城市政务服务】李建国您好，您申请的城乡居民最低生活保障（新办）不予受理，理由：申请人户籍不在本街道。');
  });

  it("{状态} is the applicant's words, not the workbench's status names, with the outcome in the item's words", async () => {
    for (const event of ['case.accepted', 'case.decided']) {
      const saved = await city.request('PUT', `/api/v1/notification-templates/${event}/site`, { title: '{事项名称}', body: '当前状态：{状态}。', enabled: true });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    const { id } = await submitOk(citizen, onlineBody(fileId));
    await actOk(clerk, id, 'accept');
    expect((await messagesOf(id)).at(-1)!.body).toBe('当前状态：已受理，正在办理。');
    await actOk(approver, id, 'approve', {});
    await actOk(approver, id, 'deny', { reason: '家庭人均收入高于当地低保标准' });
    // the fixture item is a 公共服务 (type 20): 不予办理
    expect((await messagesOf(id)).at(-1)!.body).toBe('当前状态：已办结（不予办理）。');
    for (const event of ['case.accepted', 'case.decided']) await city.delete(`/api/v1/notification-templates/${event}/site`);
  });

  it('a walk-in without an account gets the SMS only; one with an account (matched by ID number) gets the message too', async () => {
    const stranger = await submitOk(clerk, windowBody({ applicant: { name: '孔繁荣', idNumber: idNumber('37088319700101123'), phone: '13905371234', address: '邹城市钢山街道' } }));
    expect(await messagesOf(stranger.id)).toEqual([]);
    expect((await smsOf('case.submitted')).at(-1)).toMatchObject({ phone_masked: '139****1234' });
    const wang = await submitOk(clerk, windowBody());
    expect(await messagesOf(wang.id)).toMatchObject([{ recipient_id: await citizenId('13800000003'), event: 'case.submitted' }]);
  });

  it('an action refused by the workflow writes no message and no SMS', async () => {
    const { id } = await submitOk(citizen, onlineBody(fileId));
    const before = { messages: await count('messages'), sms: await count('sms_outbox'), events: await count('case_events') };
    expect((await act(approver, id, 'deny', { reason: '不符合条件' })).statusCode).toBe(409);
    expect((await act(qianquan, id, 'accept')).statusCode).toBe(404);
    expect((await act(clerk, id, 'refuse', {})).statusCode).toBe(400);
    expect({ messages: await count('messages'), sms: await count('sms_outbox'), events: await count('case_events') }).toEqual(before);
  });

  it('when the transaction fails after the notifier ran, the case, its event, the message and the SMS all roll back', async () => {
    const { id } = await submitOk(citizen, onlineBody(fileId));
    const real = t.services.notifications;
    const seen: CaseChange[] = [];
    // the notices are real, but the message is there twice: its insert fails, after the event, the case update and the SMS were written
    const failing: CaseNotifier = {
      async noticeWrites(tx: DbOrTx, changes: readonly CaseChange[]) {
        const out = await real.notices(tx, changes);
        const [change] = changes;
        // the notifier runs after the event row is written, in the same transaction
        const event = await tx.selectFrom('case_events').select(['action']).where('case_id', '=', change!.caseId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
        expect(event.action).toBe(change!.action);
        expect(out.messages.filter((m) => m.case_id === change!.caseId && m.event === 'case.accepted')).toHaveLength(1);
        expect(out.sms).toHaveLength(1);
        seen.push(change!);
        return [
          { query: tx.insertInto('sms_outbox').values(out.sms) },
          { query: tx.insertInto('messages').values([...out.messages, ...out.messages]) },
        ];
      },
    };
    const service = caseServiceWith(t, { notifier: failing });
    const clerkActor = await staffActor('gangshan.clerk');
    const before = { messages: await count('messages'), sms: await count('sms_outbox'), events: await count('case_events'), audit: await count('audit_log') };
    await expect(service.act({ actor: clerkActor, ip: null, channel: 'window' }, clerkActor, id, 'accept', { opinion: '' })).rejects.toThrow(/unique|UNIQUE|duplicate/);
    expect(seen).toMatchObject([{ caseId: id, action: 'accept', from: 'pending_review', to: 'accepted' }]);
    expect({ messages: await count('messages'), sms: await count('sms_outbox'), events: await count('case_events'), audit: await count('audit_log') }).toEqual(before);
    expect((await db().selectFrom('cases').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow())).toEqual({ status: 'pending_review', version: 1 });

    // and a failing submission leaves no case, message or SMS either
    const citizenActor: CitizenActor = { kind: 'citizen', id: await citizenId('13800000002'), name: '李建国', sessionId: 'test' };
    const failingSubmit: CaseNotifier = {
      noticeWrites: async (tx: DbOrTx, changes: readonly CaseChange[]) => {
        const out = await real.notices(tx, changes);
        return [{ query: tx.insertInto('sms_outbox').values([...out.sms, ...out.sms]) }];
      },
    };
    const cases = await count('case_events');
    await expect(caseServiceWith(t, { notifier: failingSubmit }).submit({ actor: citizenActor, ip: null, channel: 'pc' }, citizenActor, submitBody.parse(onlineBody(fileId)))).rejects.toThrow(/unique|UNIQUE|duplicate/);
    expect({ messages: await count('messages'), sms: await count('sms_outbox'), events: await count('case_events') }).toEqual({ messages: before.messages, sms: before.sms, events: cases });
  });
});

async function staffActor(username: string): Promise<StaffActor> {
  const u = await db().selectFrom('staff_users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const grants = await db().selectFrom('role_grants as g').innerJoin('regions as r', 'r.code', 'g.region_code')
    .select(['g.id', 'g.role', 'g.region_code', 'r.short_name', 'r.path']).where('g.user_id', '=', u.id).execute();
  return {
    kind: 'staff', id: u.id, name: u.name, username: u.username, sessionId: 'test',
    grants: grants.map((g): Grant => ({ id: g.id, role: g.role as StaffRole, regionCode: g.region_code, regionName: g.short_name, regionPath: g.path })),
  };
}

describe('my messages: everyone sees only their own', () => {
  it('pages newest first with the unread count; reads one, then all', async () => {
    const list = await citizen.get('/api/v1/me/messages?pageSize=2');
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    const mine = Number((await db().selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).where('recipient_id', '=', await citizenId('13800000002')).executeTakeFirstOrThrow()).n);
    expect(body.total).toBe(mine);
    expect(body.unread).toBe(mine);
    expect(body.items).toHaveLength(2);
    expect(body.items[0].createdAt >= body.items[1].createdAt).toBe(true);
    expect(body.items[0]).not.toHaveProperty('recipientId');

    const read = await citizen.post(`/api/v1/me/messages/${body.items[0].id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ id: body.items[0].id, readAt: expect.any(String), unread: mine - 1 });
    expect((await citizen.get('/api/v1/me/messages/unread-count')).json()).toEqual({ unread: mine - 1 });
    const unreadOnly = (await citizen.get('/api/v1/me/messages?unread=true&pageSize=100')).json();
    expect(unreadOnly.items.map((i: { id: string }) => i.id)).not.toContain(body.items[0].id);
    expect(unreadOnly.total).toBe(mine - 1);

    const all = await citizen.post('/api/v1/me/messages/read-all');
    expect(all.json()).toEqual({ updated: mine - 1, unread: 0 });
    expect((await citizen.get('/api/v1/me/messages/unread-count')).json()).toEqual({ unread: 0 });
  });

  it("another citizen and staff cannot see or mark someone else's message (404), anonymous 401", async () => {
    const someone = (await citizen.get('/api/v1/me/messages?pageSize=1')).json().items[0];
    for (const c of [other, clerk]) {
      const list = (await c.get('/api/v1/me/messages?pageSize=100')).json();
      expect(list.items.map((i: { id: string }) => i.id)).not.toContain(someone.id);
      const res = await c.post(`/api/v1/me/messages/${someone.id}/read`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('MESSAGE_NOT_FOUND');
    }
    const anon = new TestClient(t.app);
    expect((await anon.get('/api/v1/me/messages')).statusCode).toBe(401);
    expect((await anon.get('/api/v1/me/messages/unread-count')).statusCode).toBe(401);
    expect((await citizen.post('/api/v1/me/messages/not-an-id/read')).statusCode).toBe(400);
  });
});

/** Moves the clock and signs the staff in again (their sessions end after 30 idle minutes). */
async function moveTo(instant: string) {
  setClock(t, instant);
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  approver = await new TestClient(t.app).loginStaff('gangshan.approver');
  qianquan = await new TestClient(t.app).loginStaff('qianquan.clerk');
  city = await new TestClient(t.app).loginStaff('admin');
}

describe('time-limit warnings to the staff handling a case', () => {
  it('yellow then red, once per case, level and day, to each handler over the handling region only', async () => {
    await moveTo('2026-11-27T02:00:00.000Z');
    const { id, caseNo } = await submitOk(clerk, windowBody({ applicant: { name: '孔繁荣', idNumber: idNumber('37088319700101123'), phone: '13905371234', address: '邹城市钢山街道' } }));
    const accepted = await actOk(clerk, id, 'accept');
    expect(accepted.dueDate).toBe('2026-12-25'); // 20 working days from Friday 27 November
    const gangshanClerk = await staffId('gangshan.clerk');
    const gangshanApprover = await staffId('gangshan.approver');
    const warningsOf = async () => (await messagesOf(id)).filter((m) => m.event === 'case.warning');

    // 16 December: 7 working days left < 40% of 20 → yellow
    await moveTo('2026-12-16T00:30:00.000Z');
    const first = await city.post('/api/v1/notifications/run-warnings');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ day: '2026-12-16' });
    expect(first.json().yellow).toBeGreaterThanOrEqual(1);
    let w = await warningsOf();
    expect(w.map((m) => m.recipient_id).sort()).toEqual([gangshanClerk, gangshanApprover].sort());
    expect(w[0]).toMatchObject({ recipient_kind: 'staff', case_no: caseNo, title: '黄灯预警：城乡居民最低生活保障（新办）' });
    expect(w[0]!.body).toContain(`办件 ${caseNo}（城乡居民最低生活保障（新办），申请人 孔繁荣）剩余 7 个工作日，办结期限 2026年12月25日`);
    const staffSms = (await smsOf('case.warning')).filter((s) => s.body.includes(caseNo));
    expect(staffSms.map((s) => s.phone_masked).sort()).toEqual(['139****0003', '139****0005']);

    // the same day again: nothing new
    const again = (await city.post('/api/v1/notifications/run-warnings')).json();
    expect(again).toMatchObject({ notifiedCases: 0, messages: 0, sms: 0 });
    expect(await warningsOf()).toHaveLength(2);
    expect((await smsOf('case.warning')).filter((s) => s.body.includes(caseNo))).toHaveLength(2);

    // the next working day: still yellow, warned again
    await moveTo('2026-12-17T00:30:00.000Z');
    await city.post('/api/v1/notifications/run-warnings');
    expect(await warningsOf()).toHaveLength(4);

    // past the due date: red
    await moveTo('2026-12-29T01:00:00.000Z');
    await city.post('/api/v1/notifications/run-warnings');
    w = await warningsOf();
    expect(w).toHaveLength(6);
    expect(w.at(-1)!.title).toBe('红灯超期：城乡居民最低生活保障（新办）');
    expect(w.at(-1)!.body).toContain('已超期 2 个工作日');
    expect(await db().selectFrom('case_warning_notices').select(['level', 'day', 'recipients']).where('case_id', '=', id).orderBy('day').execute()).toEqual([
      { level: 'yellow', day: '2026-12-16', recipients: 2 },
      { level: 'yellow', day: '2026-12-17', recipients: 2 },
      { level: 'red', day: '2026-12-29', recipients: 2 },
    ]);

    // staff read their own: the clerk sees the warning, 千泉街道's clerk does not
    const clerkList = (await clerk.get('/api/v1/me/messages?pageSize=100')).json();
    expect(clerkList.items.filter((m: { caseId: string }) => m.caseId === id)).toHaveLength(3);
    const qq = (await qianquan.get('/api/v1/me/messages?pageSize=100')).json();
    expect(qq.items.filter((m: { caseId: string }) => m.caseId === id)).toEqual([]);

    // a decided case is no longer warned about
    await actOk(approver, id, 'approve', {});
    await actOk(approver, id, 'approve', {});
    await moveTo('2026-12-30T01:00:00.000Z');
    await city.post('/api/v1/notifications/run-warnings');
    expect(await warningsOf()).toHaveLength(6);
  });

  it('the SMS outbox listing shows delivery status with masked phones and no bodies', async () => {
    const res = await city.get('/api/v1/notifications/sms-outbox?pageSize=5&template=case.warning');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThanOrEqual(4);
    expect(body.items[0]).toMatchObject({ template: 'case.warning', status: 'queued', attempts: 0, phoneMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) });
    expect(body.items[0]).not.toHaveProperty('body');
    expect(body.counts.queued).toBeGreaterThan(0);
  });
});
