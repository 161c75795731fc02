/**
 * 一窗受理 (issue 12 §4): an application with several problems is answered once, with every
 * problem — the applicant's details, the declaration, the form, the materials and the delivery
 * together — so the window puts everything right in one go; each kind alone keeps its code. After
 * intake, the case detail offers the clerk the next action (受理, or 收件转报 where the place only
 * collects; for a 即办件 decided at the window, on to 办结), which the action route allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formDefinitionSchema } from '../../../shared/forms.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { actOk, countRows, INSTANT_ITEM, MENGZHUANG, onlineBody, seedCaseCatalog, submitOk, uploadId, VILLAGE_ITEM, windowBody, consentFor } from './fixtures.js';

interface Problem { field: string; message: string; materialId?: string }

let t: TestApp;
let clerk: TestClient, helper: TestClient, citizen: TestClient;
let fileId: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedCaseCatalog(t);
  // 高龄津贴 is a 即办件 the window decides (item form settings: decidedBy window_clerk).
  await t.deps.dbh.db.insertInto('item_forms').values({
    item_code: INSTANT_ITEM, item_name: '高龄津贴（申领）', version: 1, pre_review_online: 0, decided_by: 'window_clerk', updated_at: t.clock.now().toISOString(), updated_by: null,
    definition: JSON.stringify(formDefinitionSchema.parse({ fields: [] })),
  }).execute();
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  helper = await new TestClient(t.app).loginStaff('mengzhuang.helper');
  citizen = await new TestClient(t.app).loginCitizen('13800000002');
  fileId = await uploadId(t, citizen);
});
afterAll(async () => {
  await t.close();
});

const post = (client: TestClient, body: unknown, key?: string) => client.request('POST', '/api/v1/cases', body, key ? { 'idempotency-key': key } : {});
const fieldsOf = (res: { json(): { error: { details: Problem[] } } }) => res.json().error.details.map((d) => d.field);

describe('one answer with every problem', () => {
  it('window intake: applicant, form, materials (given and missing), delivery and declaration in one 400, in the order of the page; nothing written', async () => {
    const before = await countRows(t);
    const res = await post(clerk, windowBody({
      applicant: { name: '王桂兰1', idNumber: '370883194811204521', phone: '12345', address: '邹城市钢山街道孟庄社区' },
      formData: { familySize: 0 },
      materials: [{ materialId: 'm1', source: 'paper', checkedOriginal: true, copies: 1 }, { materialId: 'zz', source: 'paper' }],
      deliveryMethod: 'post',
      declaration: false,
    }));
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json() as { error: { code: string; message: string; details: Problem[] } };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(`申请有 ${error.details.length} 处需要补充或修改，请逐项处理后重试`);
    expect(fieldsOf(res)).toEqual([
      'applicant.phone', 'applicant.idNumber', 'applicant.name',
      'formData.familySize',
      'materials.1.materialId', 'materials',
      'deliveryAddress',
      'declaration',
    ]);
    // a missing material is named as MATERIALS_MISSING names it
    expect(error.details.find((d) => d.field === 'materials')).toEqual({ field: 'materials', materialId: 'm2', message: '缺少「居民身份证」' });
    expect(error.details.find((d) => d.field === 'declaration')!.message).toBe('请阅读并确认申请承诺');
    expect(await countRows(t)).toEqual(before);
  });

  it('an online application too: the applicant not given as the profile has it is reported with the rest', async () => {
    const res = await post(citizen, onlineBody(fileId, {
      applicant: { name: '李建国', idNumber: '370883198807151016', phone: '1380000', address: '' },
      formData: {}, materials: [{ materialId: 'm1', source: 'upload', fileId }], declaration: false,
    }));
    expect(res.statusCode, res.body).toBe(400);
    expect(fieldsOf(res)).toEqual(['applicant.phone', 'formData.familySize', 'materials', 'declaration']);
  });

  it('a staff intake without any applicant is one of the problems, not a first round of its own', async () => {
    const res = await post(clerk, windowBody({ applicant: undefined, declaration: false }));
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['applicant', 'declaration']);
  });

  it('each kind alone keeps its code and message', async () => {
    const missing = await post(clerk, windowBody({ materials: [{ materialId: 'm1', source: 'paper', checkedOriginal: true, copies: 1 }] }));
    expect(missing.json().error).toEqual({
      code: 'MATERIALS_MISSING', message: '缺少必要材料：居民身份证', details: [{ field: 'materials', materialId: 'm2', message: '缺少「居民身份证」' }],
    });
    const declaration = await post(clerk, windowBody({ declaration: false }));
    expect(declaration.statusCode).toBe(400);
    expect(declaration.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'declaration', message: '请阅读并确认申请承诺' }] });
    const form = await post(clerk, windowBody({ formData: {} }));
    expect(form.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: '申请表填写有误，请检查后重试', details: [{ field: 'formData.familySize' }] });
    const phone = await post(clerk, windowBody({ applicant: { name: '王桂兰', idNumber: '370883194811204522', phone: '12345' } }));
    expect(phone.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'applicant.phone', message: '请输入正确的 11 位手机号码' }] });
    // the request's shape is still the route's: an unknown applicant field is refused there
    const unknown = await post(clerk, windowBody({ applicant: { name: '王桂兰', idNumber: '370883194811204522', phone: '13800000003', nickname: 'x' } }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('the applicant is checked as normalised: a retry typed with spaces is the same application (same key → the same case)', async () => {
    const applicant = (phone: string, idNumber: string) => windowBody({ applicant: { name: '王桂兰', idNumber, phone, address: '钢山街道' } });
    const first = await post(clerk, applicant('13800000003', '370883194811204522'), 'intake-normalised-1');
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(clerk, applicant('138 0000 0003', ' 370883194811204522 '), 'intake-normalised-1');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().caseNo).toBe(first.json().caseNo);
  });
});

describe('the next action, right after intake', () => {
  const detail = async (client: TestClient, id: string) => (await client.get(`/api/v1/cases/${id}`)).json() as { status: string; allowedActions: string[] };

  it('a window clerk may accept the case they just took in', async () => {
    const { id, status } = await submitOk(clerk, windowBody());
    expect(status).toBe('pending_acceptance');
    expect((await detail(clerk, id)).allowedActions).toContain('accept');
    expect((await actOk(clerk, id, 'accept')).status).toBe('accepted');
    // the decision is the approver's
    expect((await detail(clerk, id)).allowedActions).not.toContain('approve');
  });

  it('a 即办件 the window decides goes on to 办结 and 送达 at once', async () => {
    const { id } = await submitOk(clerk, windowBody({ itemCode: INSTANT_ITEM, materials: [] }));
    await actOk(clerk, id, 'accept');
    expect((await detail(clerk, id)).allowedActions).toContain('approve');
    expect((await actOk(clerk, id, 'approve')).status).toBe('deciding');
    expect((await actOk(clerk, id, 'approve', { resultNote: '当场办结' })).status).toBe('approved');
    expect((await detail(clerk, id)).allowedActions).toContain('deliver');
  });

  it('a helper at a village that only collects: the next action is 收件转报, not 受理', async () => {
    const { id } = await submitOk(helper, windowBody({ itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, intakeChannel: 'assist', helpRequestId: await consentFor(t, helper), formData: {} }));
    const d = await detail(helper, id);
    expect(d.allowedActions).toContain('forward');
    expect(d.allowedActions).not.toContain('accept');
    expect((await actOk(helper, id, 'forward')).status).toBe('pending_acceptance');
    // at 钢山街道, which decides it, the clerk accepts
    expect((await detail(clerk, id)).allowedActions).toContain('accept');
  });
});
