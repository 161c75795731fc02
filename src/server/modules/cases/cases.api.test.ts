import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { maskName as maskedName } from '../../../shared/validators.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import {
  act, actOk, countRows, GANGSHAN, INSTANT_ITEM, MENGZHUANG, onlineBody, QIANQUAN, seedCaseCatalog, signInCast, submitOk, upload, uploadId, VILLAGE_ITEM, windowBody, consentFor } from './fixtures.js';

let t: TestApp;
let citizen: TestClient, other: TestClient, clerk: TestClient, qianquan: TestClient, approver: TestClient, helper: TestClient, townAdmin: TestClient, city: TestClient;
let fileId: string;
beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-cases-test-${process.pid}` } });
  await seedCaseCatalog(t);
  ({ citizen, other, clerk, qianquan, approver, helper, townAdmin, city, fileId } = await signInCast(t));
});
afterAll(async () => {
  await t.close();
});

describe('citizen online application', () => {
  it('submits with the profile filled in and gets a case number region + date + sequence', async () => {
    const res = await citizen.post('/api/v1/cases', onlineBody(fileId));
    expect(res.statusCode, res.body).toBe(201);
    const { id, caseNo, status } = res.json();
    expect(caseNo).toMatch(/^370883001000\d{8}\d{5}$/);
    expect(caseNo.slice(12, 20)).toBe('20261127');
    expect(status).toBe('pending_review');
    const detail = (await citizen.get(`/api/v1/cases/${id}`)).json();
    expect(detail).toMatchObject({ applicantName: '李建国', applicantIdMasked: '3708**********1016', phoneMasked: '138****0002', channel: 'pc', itemName: '城乡居民最低生活保障（新办）', handlingRegionCode: GANGSHAN });
    expect(detail.events).toMatchObject([{ seq: 1, action: 'submit', toStatus: 'pending_review', actorName: '申请人' }]);
    expect(detail.materials.map((m: { materialId: string }) => m.materialId)).toEqual(['m1', 'm2']);
    const row = await t.deps.dbh.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.applicant_id_enc).not.toContain('370883198807151016');
    expect(row.phone_enc).not.toContain('13800000002');
    const audit = await t.deps.dbh.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(audit.summary).not.toContain('370883198807151016');
    expect(audit.summary).not.toContain('13800000002');
  });

  it('numbers cases per region and day in sequence', async () => {
    const a = await submitOk(citizen, onlineBody(fileId));
    const b = await submitOk(citizen, onlineBody(fileId));
    expect(Number(b.caseNo.slice(-5))).toBe(Number(a.caseNo.slice(-5)) + 1);
    const q = await submitOk(qianquan, windowBody({ regionCode: QIANQUAN }));
    expect(q.caseNo).toMatch(/^370883002000202611270000\d$/);
    expect(q.caseNo.slice(-5)).toBe('00001');
  });

  it('refuses a fake ID number, a missing material, an unknown item, an item not offered there, a county: clear 4xx, nothing written', async () => {
    const before = await countRows(t);
    const fake = await clerk.post('/api/v1/cases', windowBody({ applicant: { name: '王桂兰', idNumber: '370883194811204521', phone: '13800000003' } }));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'applicant.idNumber' })]));
    const noMaterial = await citizen.post('/api/v1/cases', onlineBody(fileId, { materials: [{ materialId: 'm1', source: 'upload', fileId }] }));
    expect(noMaterial.statusCode).toBe(400);
    expect(noMaterial.json().error).toMatchObject({ code: 'MATERIALS_MISSING', message: expect.stringContaining('居民身份证') });
    const unknownItem = await citizen.post('/api/v1/cases', onlineBody(fileId, { itemCode: '37200009900001' }));
    expect(unknownItem.statusCode).toBe(404);
    expect(unknownItem.json().error.code).toBe('ITEM_NOT_FOUND');
    const notOffered = await citizen.post('/api/v1/cases', onlineBody(fileId, { regionCode: '370883101' }));
    expect(notOffered.statusCode).toBe(404);
    expect(notOffered.json().error.code).toBe('LIST_NOT_PUBLISHED');
    const county = await citizen.post('/api/v1/cases', onlineBody(fileId, { regionCode: '370883' }));
    expect(county.json().error.code).toBe('REGION_NOT_RECEIVING');
    const unknownMaterial = await citizen.post('/api/v1/cases', onlineBody(fileId, { materials: [{ materialId: 'zz', source: 'upload', fileId }] }));
    expect(unknownMaterial.statusCode).toBe(400);
    const paperOnline = await citizen.post('/api/v1/cases', onlineBody(fileId, { materials: [{ materialId: 'm1', source: 'paper' }, { materialId: 'm2', source: 'upload', fileId }] }));
    expect(paperOnline.json().error.details[0]).toMatchObject({ field: 'materials.0.source' });
    const othersFile = await other.post('/api/v1/cases', onlineBody(fileId));
    expect(othersFile.statusCode).toBe(400);
    expect(othersFile.json().error.details[0].field).toBe('materials.0.fileId');
    const licence = await citizen.post('/api/v1/cases', onlineBody(fileId, { materials: [{ materialId: 'm1', source: 'upload', fileId }, { materialId: 'm2', source: 'licence' }] }));
    expect(licence.statusCode).toBe(400);
    expect(licence.json().error.details[0].message).toContain('证照库');
    const noDeclaration = await citizen.post('/api/v1/cases', onlineBody(fileId, { declaration: false }));
    expect(noDeclaration.json().error.details[0].field).toBe('declaration');
    const noApplicant = await clerk.post('/api/v1/cases', windowBody({ applicant: undefined }));
    expect(noApplicant.json().error.details[0].field).toBe('applicant');
    const badPhone = await clerk.post('/api/v1/cases', windowBody({ applicant: { name: '王桂兰', idNumber: '370883194811204522', phone: '12345' } }));
    expect(badPhone.json().error.details[0].field).toBe('applicant.phone');
    const wrongForm = await citizen.post('/api/v1/cases', onlineBody(fileId, { formData: { 'bad key!': 1 } }));
    expect(wrongForm.statusCode).toBe(400);
    expect(await countRows(t)).toEqual(before);
  });

  it('uploads: only PDF, JPG, PNG and OFD by content; a renamed executable is refused', async () => {
    const exe = await upload(t, citizen, '身份证.pdf', Buffer.from('MZ\x90\x00 not a pdf'));
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const png = await upload(t, citizen, 'photo.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    expect(png.statusCode).toBe(201);
    expect(png.json().mime).toBe('image/png');
    expect((await upload(t, new TestClient(t.app), 'x.pdf')).statusCode).toBe(401);
  });
});

describe('idempotent submission', () => {
  it('the same key returns the same case (200), a different body with the same key is 409, nothing doubled', async () => {
    const key = 'submit-key-0001';
    const first = await citizen.request('POST', '/api/v1/cases', onlineBody(fileId), { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const before = await countRows(t);
    const again = await citizen.request('POST', '/api/v1/cases', onlineBody(fileId), { 'idempotency-key': key });
    expect(again.statusCode).toBe(200);
    expect(again.json().caseNo).toBe(first.json().caseNo);
    const changed = await citizen.request('POST', '/api/v1/cases', onlineBody(fileId, { formData: { familySize: 4 } }), { 'idempotency-key': key });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // another account may use the same key for its own application
    expect((await other.request('POST', '/api/v1/cases', onlineBody(await uploadId(t, other)), { 'idempotency-key': key })).statusCode).toBe(201);
    const after = await countRows(t);
    expect(after.cases).toBe(before.cases + 1);
  });

  it('a double click (concurrent requests, same key) makes one case', async () => {
    const before = await countRows(t);
    const key = 'double-click-0002';
    const results = await Promise.all([1, 2, 3].map(() => citizen.request('POST', '/api/v1/cases', onlineBody(fileId), { 'idempotency-key': key })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.json().caseNo)).size).toBe(1);
    expect((await countRows(t)).cases).toBe(before.cases + 1);
  });

  it('submissions that arrive together are written together (group commit): each whole, numbered in order, audited on one chain', async () => {
    const before = await countRows(t);
    const NAMES = ['', '赵一', '钱二', '孙三', '李四', '周五', '吴六'];
    const bodies = [1, 2, 3, 4, 5, 6].map((i) => windowBody({ applicant: { name: NAMES[i], idNumber: '370883194811204522', phone: `1390000000${i}`, address: '钢山街道' } }));
    const results = await Promise.all(bodies.map((b, i) => clerk.request('POST', '/api/v1/cases', b, { 'idempotency-key': `together-${i}` })));
    expect(results.map((r) => r.statusCode), results[0]!.body).toEqual([201, 201, 201, 201, 201, 201]);
    // consecutive numbers, none given twice (in arrival order within a batch; PostgreSQL may split them over batches)
    const numbers = results.map((r) => Number(r.json().caseNo.slice(-5))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    const db = t.deps.dbh.db;
    for (const [i, r] of results.entries()) {
      const { id, caseNo } = r.json();
      const row = await db.selectFrom('cases').select(['case_no', 'applicant_name', 'phone_masked']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ case_no: caseNo, applicant_name: NAMES[i + 1], phone_masked: `139****000${i + 1}` });
      expect(await db.selectFrom('case_events').select('action').where('case_id', '=', id).execute()).toEqual([{ action: 'submit' }]);
      const audit = await db.selectFrom('audit_log').select('summary').where('entity_id', '=', id).execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.summary)).toMatchObject({ caseNo, applicant: maskedName(NAMES[i + 1]!) });
    }
    const after = await countRows(t);
    expect(after.cases).toBe(before.cases + 6);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('refuses a malformed key', async () => {
    const res = await citizen.request('POST', '/api/v1/cases', onlineBody(fileId), { 'idempotency-key': 'bad key' });
    expect(res.statusCode).toBe(400);
  });
});

describe('window intake and helpers on someone\'s behalf', () => {
  it('a clerk takes in a walk-in: recorded as window, the clerk as agent, applicant masked', async () => {
    const { id, status } = await submitOk(clerk, windowBody());
    expect(status).toBe('pending_acceptance');
    const d = (await clerk.get(`/api/v1/cases/${id}`)).json();
    expect(d).toMatchObject({ channel: 'window', agentName: '孟晓燕', applicantName: '王桂兰', applicantIdMasked: '3708**********4522' });
    expect(d.events[0]).toMatchObject({ actorName: '孟晓燕(gangshan.clerk)', onBehalfOf: '申请人 王**', channel: 'window' });
    expect(d.materials[0]).toMatchObject({ source: 'paper', checkedOriginal: true });
    expect(d.allowedActions).toEqual(expect.arrayContaining(['accept', 'refuse', 'request-correction', 'withdraw', 'transfer']));
    // the applicant has an account with that ID number: the case shows in her 我的办件
    const wang = await new TestClient(t.app).loginCitizen('13800000003');
    expect((await wang.get('/api/v1/cases/mine')).json().items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('a helper applies at the village for someone; the village collects and forwards to the town (收受分离)', async () => {
    const body = windowBody({ itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, intakeChannel: 'assist', helpRequestId: await consentFor(t, helper) });
    const { id, caseNo } = await submitOk(helper, body);
    expect(caseNo.startsWith('370883001004')).toBe(true);
    let d = (await helper.get(`/api/v1/cases/${id}`)).json();
    expect(d).toMatchObject({ channel: 'assist', regionCode: MENGZHUANG, handlingRegionCode: GANGSHAN, currentRegionCode: MENGZHUANG, status: 'pending_acceptance' });
    expect(d.allowedActions).toContain('forward');
    // the town cannot accept before it has been forwarded
    expect((await act(clerk, id, 'accept')).statusCode).toBe(403);
    d = await actOk(helper, id, 'forward', { opinion: '材料齐全，转报镇街' });
    expect(d.currentRegionCode).toBe(GANGSHAN);
    d = await actOk(clerk, id, 'accept');
    expect(d.status).toBe('accepted');
    expect(d.dueDate).toBe('2026-12-04');
    // the audit entries say what changed: the forward's places beside the status, the acceptance's due date
    const audited = async (action: string) =>
      JSON.parse((await t.deps.dbh.db.selectFrom('audit_log').select('summary').where('entity_id', '=', id).where('action', '=', action).executeTakeFirstOrThrow()).summary);
    expect(await audited('case.forward')).toMatchObject({
      caseNo, status: ['pending_acceptance', 'pending_acceptance'], opinion: '材料齐全，转报镇街', fromRegionCode: MENGZHUANG, toRegionCode: GANGSHAN,
    });
    const accepted = await audited('case.accept');
    expect(accepted).toMatchObject({ caseNo, status: ['pending_acceptance', 'accepted'], dueDate: '2026-12-04' });
    expect(accepted).not.toHaveProperty('opinion');
    // the helper may not decide
    expect((await act(helper, id, 'approve')).statusCode).toBe(403);
  });

  it('a helper cannot use the window channel elsewhere, and a clerk cannot claim to be a helper', async () => {
    expect((await helper.post('/api/v1/cases', windowBody())).statusCode).toBe(403);
    expect((await clerk.post('/api/v1/cases', windowBody({ intakeChannel: 'assist' }))).statusCode).toBe(403);
    expect((await citizen.post('/api/v1/cases', onlineBody(fileId, { intakeChannel: 'window' }))).statusCode).toBe(400);
  });

  it('approvers and admins cannot take in cases; anonymous users must sign in', async () => {
    expect((await approver.post('/api/v1/cases', windowBody())).statusCode).toBe(403);
    expect((await townAdmin.post('/api/v1/cases', windowBody())).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/cases', payload: windowBody() })).statusCode).toBe(401);
  });
});

describe('scope', () => {
  let gangshanCase: string;
  let qianquanCase: string;
  beforeAll(async () => {
    gangshanCase = (await submitOk(clerk, windowBody())).id;
    qianquanCase = (await submitOk(qianquan, windowBody({ regionCode: QIANQUAN }))).id;
  });

  it('the 钢山街道 clerk cannot see or act on a 千泉街道 case (404), and the other way round', async () => {
    const before = await countRows(t);
    const res = await clerk.get(`/api/v1/cases/${qianquanCase}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('CASE_NOT_FOUND');
    expect((await act(clerk, qianquanCase, 'accept')).statusCode).toBe(404);
    expect((await act(qianquan, gangshanCase, 'accept')).statusCode).toBe(404);
    expect((await act(approver, qianquanCase, 'approve')).statusCode).toBe(404);
    expect(await countRows(t)).toEqual(before);
  });

  it('work queues hold only cases in scope, personal numbers masked; the city admin sees all', async () => {
    const mine = (await clerk.get('/api/v1/cases?pageSize=100')).json();
    expect(mine.items.every((c: { handlingRegionCode: string; regionCode: string }) => c.handlingRegionCode.startsWith(GANGSHAN) || c.regionCode.startsWith(GANGSHAN))).toBe(true);
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(gangshanCase);
    expect(mine.items.map((c: { id: string }) => c.id)).not.toContain(qianquanCase);
    const body = JSON.stringify(mine);
    for (const secret of ['370883194811204522', '370883198807151016', '13800000002', '13800000003']) expect(body).not.toContain(secret);
    const q = (await qianquan.get('/api/v1/cases?pageSize=100')).json();
    expect(q.items.map((c: { id: string }) => c.id)).toContain(qianquanCase);
    expect(q.items.map((c: { id: string }) => c.id)).not.toContain(gangshanCase);
    const all = (await city.get('/api/v1/cases?pageSize=100')).json();
    expect(all.total).toBe(mine.total + q.total);
    expect((await townAdmin.get(`/api/v1/cases/${gangshanCase}`)).statusCode).toBe(200);
    expect((await townAdmin.get(`/api/v1/cases/${qianquanCase}`)).statusCode).toBe(404);
  });

  it('filters by status and item; helpers and citizens cannot use the queue', async () => {
    const pending = (await clerk.get('/api/v1/cases?status=pending_acceptance&pageSize=100')).json();
    expect(pending.items.every((c: { status: string }) => c.status === 'pending_acceptance')).toBe(true);
    expect((await clerk.get(`/api/v1/cases?item=${INSTANT_ITEM}`)).json().total).toBe(0);
    expect((await clerk.get('/api/v1/cases?status=nonsense')).statusCode).toBe(400);
    expect((await helper.get('/api/v1/cases')).statusCode).toBe(403);
    expect((await citizen.get('/api/v1/cases')).statusCode).toBe(403);
  });

  it('a citizen sees only their own cases', async () => {
    expect((await citizen.get(`/api/v1/cases/${gangshanCase}`)).statusCode).toBe(404);
    const mine = (await citizen.get('/api/v1/cases/mine')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((c: { applicantName: string }) => c.applicantName === '李建国')).toBe(true);
    expect(mine.items[0].events[0]).toMatchObject({ action: 'submit', actionLabel: '已提交' });
    expect((await clerk.get('/api/v1/cases/mine')).statusCode).toBe(403);
  });
});

describe('actions: role checks, stale pages and double clicks', () => {
  it('a clerk cannot approve, an approver cannot accept, a town admin cannot act, another citizen cannot withdraw', async () => {
    const { id } = await submitOk(clerk, windowBody());
    expect((await act(approver, id, 'accept')).statusCode).toBe(403);
    expect((await act(townAdmin, id, 'accept')).statusCode).toBe(403);
    await actOk(clerk, id, 'accept');
    expect((await act(clerk, id, 'approve')).statusCode).toBe(403);
    const { id: own } = await submitOk(citizen, onlineBody(fileId));
    expect((await act(other, own, 'withdraw')).statusCode).toBe(404);
    expect((await act(citizen, own, 'accept')).statusCode).toBe(403);
    expect((await actOk(citizen, own, 'withdraw')).status).toBe('withdrawn');
  });

  it('a stale page (old version) gets 409 CASE_STATE_CHANGED; a wrong state gets 409 CASE_WRONG_STATE', async () => {
    const { id } = await submitOk(clerk, windowBody());
    const d = await actOk(clerk, id, 'accept', { version: 1 });
    expect(d.version).toBe(2);
    const stale = await act(clerk, id, 'refuse', { version: 1, reason: '材料不全' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CASE_STATE_CHANGED');
    const wrong = await act(clerk, id, 'accept');
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error).toMatchObject({ code: 'CASE_WRONG_STATE', details: { status: 'accepted' } });
  });

  it('concurrent double action: exactly one succeeds, one event, one audit entry', async () => {
    const { id } = await submitOk(clerk, windowBody());
    const before = await countRows(t);
    const results = await Promise.all([act(clerk, id, 'accept'), act(clerk, id, 'accept'), act(clerk, id, 'accept')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const after = await countRows(t);
    expect(after.events).toBe(before.events + 1);
    expect(after.audit).toBe(before.audit + 1);
    const d = (await clerk.get(`/api/v1/cases/${id}`)).json();
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept']);
  });

  it('reasons are required where the domain says so', async () => {
    const { id } = await submitOk(clerk, windowBody());
    const before = await countRows(t);
    const res = await act(clerk, id, 'refuse', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('reason');
    expect((await act(clerk, id, 'refuse', { reason: '   ' })).statusCode).toBe(400);
    expect((await act(clerk, id, 'request-correction', { items: [] })).statusCode).toBe(400);
    expect((await act(clerk, id, 'request-correction', { items: [{ reason: '缺页' }] })).statusCode).toBe(400);
    expect((await act(clerk, id, 'withdraw', {})).statusCode).toBe(400);
    expect(await countRows(t)).toEqual(before);
  });
});

describe('correction (一次性告知) and the rest of the path', () => {
  it('lists exactly what is missing, sends one notice, accepts only a complete resubmission, and cannot be sent twice', async () => {
    const { id, caseNo } = await submitOk(citizen, onlineBody(fileId));
    const outboxBefore = Number((await t.deps.dbh.db.selectFrom('sms_outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const d = await actOk(clerk, id, 'request-correction', { items: [{ materialId: 'm1', reason: '申请书未签名' }, { field: 'familySize', reason: '家庭人口数与户口簿不符' }], opinion: '请一次性补齐' });
    expect(d.status).toBe('correction');
    expect(d.correctionNotice.items).toEqual([
      { materialId: 'm1', reason: '申请书未签名', name: '申请书' },
      { field: 'familySize', reason: '家庭人口数与户口簿不符', name: 'familySize' },
    ]);
    const outboxAfter = Number((await t.deps.dbh.db.selectFrom('sms_outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(outboxAfter).toBe(outboxBefore + 1);
    const sms = await t.deps.dbh.db.selectFrom('sms_outbox').selectAll().where('template', '=', 'case.correction').execute();
    expect(t.deps.protector.decrypt(sms.at(-1)!.body_enc)).toContain(caseNo);
    const incomplete = await act(citizen, id, 'resubmit', { materials: [{ materialId: 'm1', source: 'upload', fileId }] });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error).toMatchObject({ code: 'CORRECTION_INCOMPLETE', message: expect.stringContaining('familySize') });
    const back = await actOk(citizen, id, 'resubmit', { materials: [{ materialId: 'm1', source: 'upload', fileId }], formData: { familySize: 4 } });
    expect(back.status).toBe('pending_review');
    expect(back.formData.familySize).toBe(4);
    expect(back.materials.filter((m: { materialId: string }) => m.materialId === 'm1')).toHaveLength(1);
    const twice = await act(clerk, id, 'request-correction', { items: [{ materialId: 'm2', reason: '不清晰' }] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CORRECTION_ALREADY_SENT');
  });

  it('accept → review passed → approved → delivered; the applicant can follow it', async () => {
    const { id, caseNo } = await submitOk(citizen, onlineBody(fileId));
    await actOk(clerk, id, 'accept');
    await actOk(approver, id, 'approve', { opinion: '经审查，符合条件' });
    const done = await actOk(approver, id, 'approve', { opinion: '准予', resultNote: '低保证编号 DB2026-0001' });
    expect(done).toMatchObject({ status: 'approved', result: 'approved', resultNote: '低保证编号 DB2026-0001' });
    const delivered = await actOk(clerk, id, 'deliver', { method: 'electronic' });
    expect(delivered).toMatchObject({ status: 'delivered', deliveryMethod: 'electronic', allowedActions: [] });
    const mine = (await citizen.get('/api/v1/cases/mine?pageSize=100')).json();
    const c = mine.items.find((i: { caseNo: string }) => i.caseNo === caseNo);
    // the applicant sees the milestones: the review inside the office is not one (progress.api.test.ts)
    expect(c.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'approve', 'deliver']);
    expect((await clerk.get(`/api/v1/cases/${id}`)).json().events.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'approve', 'approve', 'deliver']);
  });

  it('transfer hands a case to another town that offers the item; it then leaves the first town\'s scope', async () => {
    const { id } = await submitOk(clerk, windowBody());
    expect((await act(clerk, id, 'transfer', { toRegionCode: '370883101', reason: '申请人户籍在香城镇' })).json().error.code).toBe('ITEM_NOT_OFFERED');
    const d = await actOk(clerk, id, 'transfer', { toRegionCode: QIANQUAN, reason: '申请人户籍在千泉街道' });
    expect(d).toMatchObject({ handlingRegionCode: QIANQUAN, currentRegionCode: QIANQUAN, status: 'pending_acceptance' });
    // received in 钢山街道, so still visible there, but only 千泉街道 may accept it now
    expect((await act(clerk, id, 'accept')).statusCode).toBe(403);
    expect((await actOk(qianquan, id, 'accept')).status).toBe('accepted');
  });
});

describe('public tracking', () => {
  it('answers exactly the contract fields for case number + phone', async () => {
    const { caseNo, id } = await submitOk(clerk, windowBody());
    await actOk(clerk, id, 'accept');
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases/track?caseNo=${caseNo}&phone=13800000003` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      caseNo, itemName: '城乡居民最低生活保障（新办）', status: '已受理，正在办理', dueDate: '2026-12-25',
      events: [{ at: expect.any(String), action: '已提交' }, { at: expect.any(String), action: '已受理' }],
    });
    expect(res.body).not.toContain('王桂兰');
  });

  it('a wrong phone gives the same 404 as an unknown case', async () => {
    const { caseNo } = await submitOk(clerk, windowBody());
    const wrong = await t.app.inject({ method: 'GET', url: `/api/v1/cases/track?caseNo=${caseNo}&phone=13900000000` });
    const unknown = await t.app.inject({ method: 'GET', url: `/api/v1/cases/track?caseNo=3708830010002026112799999&phone=13800000003` });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toBe(unknown.body);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases/track?caseNo=abc&phone=1' })).statusCode).toBe(400);
  });

  it('limits lookups per address', async () => {
    let last = 0;
    for (let i = 0; i < 40; i++) {
      last = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/track?caseNo=3708830010002026112799999&phone=13800000003`, remoteAddress: '10.9.9.9' })).statusCode;
    }
    expect(last).toBe(429);
    // another address is not affected
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/track?caseNo=3708830010002026112799999&phone=13800000003`, remoteAddress: '10.9.9.10' })).statusCode).toBe(404);
  });
});

describe('audit', () => {
  it('every case change extended the hash chain', async () => {
    expect((await verifyAuditChain(t.deps.dbh.db)).ok).toBe(true);
  });

  it('OpenAPI lists the case routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const p of ['/api/v1/cases', '/api/v1/cases/track', '/api/v1/cases/mine', '/api/v1/cases/{id}', '/api/v1/cases/{id}/actions/accept', '/api/v1/cases/overdue-report']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});


describe('material files', () => {
  it('are readable by the uploader and by staff who may see the case, and by nobody else', async () => {
    const ownFile = await uploadId(t, citizen);
    await submitOk(citizen, onlineBody(ownFile));
    const url = `/api/v1/files/${ownFile}`;
    expect((await citizen.get(url)).statusCode).toBe(200);
    expect((await clerk.get(url)).statusCode).toBe(200);
    expect((await city.get(url)).statusCode).toBe(200);
    expect((await qianquan.get(url)).json().error.code).toBe('FILE_NOT_FOUND');
    expect((await other.get(url)).json().error.code).toBe('FILE_NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const unused = await uploadId(t, citizen);
    expect((await clerk.get(`/api/v1/files/${unused}`)).statusCode).toBe(404);
  });
});

describe('a place out of numbers for the day', () => {
  it('answers 503 CASE_NUMBERS_EXHAUSTED with a Chinese message, writes nothing, and goes on once numbers are back', async () => {
    const db = t.deps.dbh.db;
    const first = await submitOk(qianquan, windowBody({ regionCode: QIANQUAN }));
    const day = first.caseNo.slice(12, 20).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3');
    const counter = await db.selectFrom('case_sequences').selectAll().where('region_code', '=', QIANQUAN).where('day', '=', day).executeTakeFirstOrThrow();
    await db.updateTable('case_sequences').set({ last: 99_999 }).where('region_code', '=', QIANQUAN).where('day', '=', day).execute();
    const before = await countRows(t);
    const res = await qianquan.request('POST', '/api/v1/cases', windowBody({ regionCode: QIANQUAN }), { 'idempotency-key': 'out-of-numbers-1' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({ code: 'CASE_NUMBERS_EXHAUSTED' });
    expect(res.json().error.message).toContain('办件编号已用完');
    expect(await countRows(t)).toEqual(before);
    await db.updateTable('case_sequences').set({ last: counter.last }).where('region_code', '=', QIANQUAN).where('day', '=', day).execute();
    const again = await qianquan.request('POST', '/api/v1/cases', windowBody({ regionCode: QIANQUAN }), { 'idempotency-key': 'out-of-numbers-1' });
    expect(again.statusCode).toBe(201);
    expect(Number(again.json().caseNo.slice(-5))).toBe(counter.last + 1);
  });
});
