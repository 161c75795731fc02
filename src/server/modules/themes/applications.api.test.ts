/**
 * 一件事 applications: one submission makes the theme application and a child case per item that
 * applies, all or none; a shared answer reaches every child it maps to; each child goes to the
 * place that decides it; the combined state follows the children; only the applicant sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoForms } from '../../seed/forms.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import type { FormField } from '../../../shared/forms.js';
import { idNumberCheckChar } from '../../../shared/validators.js';
import { seedDemoCatalog } from '../catalog/index.js';
import { actOk, GANGSHAN, MENGZHUANG, uploadId } from '../cases/fixtures.js';
import { sampleApplication } from './fixtures.js';
import { seedDemoThemes } from './index.js';

interface Detail {
  questions: { key: string; options: { value: string }[] }[];
  items: { code: string; name: string; onlineApplication: boolean; when: { question: string; anyOf: string[] } | null; situations: { id: string; options: { id: string }[] }[] }[];
  sharedFields: (FormField & { usedBy: string[] })[];
  itemFields: { itemCode: string; fields: FormField[] }[];
  materials: { key: string; required: boolean; usedBy: { itemCode: string; materialId: string }[] }[];
}
interface Application {
  id: string; themeCode: string; state: string; stateLabel: string; dueDate: string | null;
  cases: { id: string; caseNo: string; itemCode: string; status: string; statusLabel: string; result?: string | null; resultNote?: string | null; handlingPlace?: string }[];
  inPerson: { itemCode: string; itemName: string; location: string; phone: string }[];
}

const idNumber = (first17: string) => first17 + idNumberCheckChar(first17);

let t: TestApp;
let zhang: TestClient, li: TestClient, clerk: TestClient;
let birth: Detail;
let fileId: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalog(t.deps);
  await seedDemoForms(t.deps);
  await seedDemoThemes(t.deps);
  zhang = await new TestClient(t.app).loginCitizen('13800000001');
  li = await new TestClient(t.app).loginCitizen('13800000002');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  birth = (await t.app.inject({ method: 'GET', url: `/api/v1/themes/birth?region=${GANGSHAN}` })).json() as Detail;
  fileId = await uploadId(t, zhang);
});
afterAll(() => t.close());

/**
 * What the questions of 出生一件事 are answered with unless a test says otherwise: the 出生医学证明
 * and the 生育医疗费用报销 applied for with the rest, the child already registered (so 医保参保 and
 * 社会保障卡 apply).
 */
const BIRTH_ANSWERS = { certificate: 'apply', hukou: 'done', reimburse: 'apply' };
/** The items of 出生一件事 that apply with these answers. */
const applying = (answers: Record<string, string>) => birth.items.filter((i) => !i.when || i.when.anyOf.includes(answers[i.when.question]!)).map((i) => i.code);

/** A complete 出生一件事 application at 钢山街道: every required answer, every material uploaded once. */
function birthBody(over: Record<string, unknown> = {}, answers: Record<string, string> = BIRTH_ANSWERS) {
  return { ...sampleApplication(birth, { regionCode: GANGSHAN, fileId, answers, applies: applying(answers) }), ...over };
}
const apply = (client: TestClient, body: unknown, key?: string) =>
  client.request('POST', '/api/v1/themes/birth/applications', body, key ? { 'idempotency-key': key } : {});
const counts = async () => ({
  cases: Number((await t.deps.dbh.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  applications: Number((await t.deps.dbh.db.selectFrom('theme_applications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
});

describe('applying for 出生一件事 in one go', () => {
  let application: Application;

  it('one submission: a child case per item, each with the shared answers copied into its own fields and the materials given once; audited; one text to the phone', async () => {
    const before = await counts();
    const texts = () => t.deps.dbh.db.selectFrom('sms_outbox').select(['body_enc']).where('template', '=', 'case.submitted').where('phone_hash', '=', t.deps.protector.lookupHash('13800000001')).execute();
    const textsBefore = (await texts()).length;
    const res = await apply(zhang, birthBody(), 'birth-zhang-0001');
    expect(res.statusCode, res.body).toBe(201);
    application = res.json() as Application;
    expect(application).toMatchObject({ themeCode: 'birth', state: 'in_progress', stateLabel: '办理中' });
    // 预防接种证办理 takes no online application (the child is seen at the clinic): it is named, with
    // where to go, and the other three are in
    const online = birth.items.filter((i) => i.onlineApplication && applying(BIRTH_ANSWERS).includes(i.code));
    expect(online.map((i) => i.name)).not.toContain('预防接种证办理');
    expect(application.cases.map((c) => c.itemCode)).toEqual(online.map((i) => i.code));
    expect(application.inPerson).toEqual([{ itemCode: '37200400600001', itemName: '预防接种证办理', location: expect.stringContaining('钢山街道') as string, phone: expect.any(String) as string }]);
    expect(await counts()).toEqual({ cases: before.cases + online.length, applications: before.applications + 1 });

    // 新生儿姓名, asked once, is in every child's form under that item's own key
    const childName = birth.sharedFields.find((f) => f.key === 'childName')!;
    const shared = (birthBody().shared as Record<string, unknown>).childName;
    for (const c of application.cases) {
      const detail = (await zhang.get(`/api/v1/cases/${c.id}`)).json() as { formData: Record<string, unknown>; materials: { fileId: string | null }[]; regionCode?: string };
      if (childName.usedBy.includes(c.itemCode)) {
        expect(Object.entries(detail.formData).find(([, v]) => v === shared)?.[0], `${c.itemCode}: 新生儿姓名`).toBeDefined();
      }
      expect(detail.materials.every((m) => m.fileId === fileId)).toBe(true);
    }
    // one 申请已提交 text for the whole, not one per case; 我的消息 keeps one message per case (each opens its case)
    const sent = await texts();
    expect(sent).toHaveLength(textsBefore + 1);
    expect(t.deps.protector.decrypt(sent.at(-1)!.body_enc)).toContain(`等 ${online.length} 个事项已提交，办件编号${application.cases[0]!.caseNo}等 ${online.length} 件`);
    const messages = await t.deps.dbh.db.selectFrom('messages').select(['case_id']).where('event', '=', 'case.submitted').where('case_id', 'in', application.cases.map((c) => c.id)).execute();
    expect(messages).toHaveLength(online.length);
    const audit = await t.deps.dbh.db.selectFrom('audit_log').selectAll().where('action', '=', 'theme.apply').where('entity_id', '=', application.id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.summary)).toMatchObject({ theme: 'birth', cases: application.cases.map((c) => c.caseNo) });
  });

  it('a retry with the same Idempotency-Key returns the same application; the key with another body is 409', async () => {
    const before = await counts();
    const again = await apply(zhang, birthBody(), 'birth-zhang-0001');
    expect(again.statusCode).toBe(200);
    expect((again.json() as Application).id).toBe(application.id);
    const other = await apply(zhang, birthBody({ deliveryMethod: 'post', deliveryAddress: '邹城市钢山街道幸福路 1 号' }), 'birth-zhang-0001');
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await counts()).toEqual(before);
  });

  it('the same key sent twice at once makes one application: one answer is 201, the other 200 with the same application; one text', async () => {
    const before = await counts();
    const texts = async () => (await t.deps.dbh.db.selectFrom('sms_outbox').select(['id']).where('template', '=', 'case.submitted').execute()).length;
    const textsBefore = await texts();
    // a new phone with its 实名信息: nobody else's applications in the way
    const newcomer = await new TestClient(t.app).loginCitizen('13912340001');
    const profile = await newcomer.request('PUT', '/api/v1/me/profile', { name: '孔新生', idNumber: idNumber('37088319920305101') });
    expect(profile.statusCode, profile.body).toBe(200);
    const body = sampleApplication(birth, { regionCode: GANGSHAN, fileId: await uploadId(t, newcomer), answers: BIRTH_ANSWERS, applies: applying(BIRTH_ANSWERS) });
    const [a, b] = await Promise.all([apply(newcomer, body, 'birth-twice'), apply(newcomer, body, 'birth-twice')]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body}\n${b.body}`).toEqual([200, 201]);
    expect((a.json() as Application).id).toBe((b.json() as Application).id);
    const made = (a.json() as Application).cases.length;
    expect(await counts()).toEqual({ cases: before.cases + made, applications: before.applications + 1 });
    expect(await texts()).toBe(textsBefore + 1);
  });

  it('我的“一件事” lists it; the detail shows each child; the combined state follows the children (补正 → 需补正)', async () => {
    const list = (await zhang.get('/api/v1/me/theme-applications')).json() as { items: { id: string; state: string; caseCount: number; doneCount: number }[] };
    expect(list.items.find((i) => i.id === application.id)).toMatchObject({ state: 'in_progress', caseCount: application.cases.length, doneCount: 0 });
    const first = application.cases[0]!;
    const materialId = birth.materials.find((m) => m.usedBy.some((u) => u.itemCode === first.itemCode))!.usedBy.find((u) => u.itemCode === first.itemCode)!.materialId;
    await actOk(clerk, first.id, 'request-correction', { items: [{ materialId, reason: '扫描件不清晰，请重新上传' }], opinion: '请一次性补齐' });
    const detail = (await zhang.get(`/api/v1/me/theme-applications/${application.id}`)).json() as Application;
    expect(detail.cases.map((c) => c.id)).toEqual(application.cases.map((c) => c.id));
    expect(detail.state).toBe('needs_action');
    expect(detail.dueDate).toBeNull();
  });

  it('only the applicant: another citizen gets 404 THEME_APPLICATION_NOT_FOUND and an empty list', async () => {
    const res = await li.get(`/api/v1/me/theme-applications/${application.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'THEME_APPLICATION_NOT_FOUND' } });
    expect(((await li.get('/api/v1/me/theme-applications')).json() as { items: unknown[] }).items).toEqual([]);
  });
});

describe('all or none, and clear refusals', () => {
  it('one item\'s missing answer refuses the whole: 400 naming the item, no case and no application written', async () => {
    const before = await counts();
    const body = birthBody();
    const [firstItem] = birth.itemFields.filter((i) => i.fields.some((f) => f.required && !f.showIf));
    expect(firstItem, 'an item with its own required field').toBeDefined();
    (body.items as Record<string, { formData: Record<string, unknown> }>)[firstItem!.itemCode]!.formData = {};
    const res = await apply(zhang, body);
    expect(res.statusCode, res.body).toBe(400);
    const error = (res.json() as { error: { code: string; details: { itemCode?: string; field: string }[] } }).error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.some((d) => d.itemCode === firstItem!.itemCode)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('a shared answer missing is reported once, on the shared field; a material key the theme has not, a wrong answer or an unknown theme are refused', async () => {
    const before = await counts();
    const shared = { ...(birthBody().shared as Record<string, unknown>) };
    delete shared.childName;
    const res = await apply(zhang, birthBody({ shared }));
    expect(res.statusCode).toBe(400);
    const details = (res.json() as { error: { details: { field: string }[] } }).error.details;
    expect(details.filter((d) => d.field === 'shared.childName')).toHaveLength(1);
    expect((await apply(zhang, birthBody({ materials: [{ key: 'm99', source: 'upload', fileId }] }))).statusCode).toBe(400);
    expect((await apply(zhang, birthBody({ answers: { nothing: 'x' } }))).statusCode).toBe(400);
    expect((await zhang.post('/api/v1/themes/no-such-theme/applications', birthBody())).statusCode).toBe(404);
    expect((await apply(zhang, { ...birthBody(), extra: 1 })).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('a theme with questions: the answers decide the child cases; an unanswered question that decides an item is asked for', async () => {
    const retirement = (await t.app.inject({ method: 'GET', url: `/api/v1/themes/retirement?region=${GANGSHAN}` })).json() as Detail;
    const res = await zhang.post('/api/v1/themes/retirement/applications', { regionCode: GANGSHAN, shared: {}, declaration: true });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { error: { details: { field: string }[] } }).error.details.map((d) => d.field);
    for (const q of retirement.questions) expect(fields).toContain(`answers.${q.key}`);
  });
});

describe('routed to the body that decides each item', () => {
  it('items a city body decides (出生医学证明, 出生登记) go from the town\'s window to the city (镇受理、市办结); the town\'s own items stay at the town', async () => {
    // 王桂兰: the prefill test below needs 李 to have applied for nothing
    const wang = await new TestClient(t.app).loginCitizen('13800000003');
    const wangFile = await uploadId(t, wang);
    const answers = { certificate: 'apply', hukou: 'apply', reimburse: 'settled' };
    const res = await apply(wang, { ...sampleApplication(birth, { regionCode: GANGSHAN, fileId: wangFile, answers, applies: applying(answers) }) });
    expect(res.statusCode, res.body).toBe(201);
    const application = res.json() as Application;
    const byItem = new Map(application.cases.map((c) => [c.itemCode, c]));
    const certificate = byItem.get('37200402200001')!;
    const hukou = byItem.get('37201200300001')!;
    const registration = byItem.get('37200400100001')!;
    expect([certificate, hukou, registration].every(Boolean)).toBe(true);
    // no 医保参保 or 社会保障卡 before the child has its ID number, nor a reimbursement settled already
    expect(byItem.has('37200300100002') || byItem.has('37200203400001') || byItem.has('37200301400001')).toBe(false);
    const detail = async (client: TestClient, id: string) => (await client.get(`/api/v1/cases/${id}`)).json() as { handlingRegionCode: string; currentRegionCode: string; allowedActions: string[]; version: number };
    for (const c of [certificate, hukou]) {
      const d = await detail(clerk, c.id);
      expect(d).toMatchObject({ handlingRegionCode: '370883', currentRegionCode: GANGSHAN });
      expect(d.allowedActions).toContain('forward');
      expect(d.allowedActions).not.toContain('accept');
    }
    expect(await detail(clerk, registration.id)).toMatchObject({ handlingRegionCode: GANGSHAN });

    // the town's window sends it on; the clerk of the city's service centre accepts and the city decides
    const cityClerk = await new TestClient(t.app).loginStaff('city.clerk');
    await actOk(clerk, certificate.id, 'forward', { opinion: '材料齐全，转报市妇幼保健计划生育服务中心' });
    expect((await detail(clerk, certificate.id)).allowedActions).not.toContain('accept');
    const forwarded = await detail(cityClerk, certificate.id);
    expect(forwarded).toMatchObject({ currentRegionCode: '370883' });
    expect(forwarded.allowedActions).toContain('accept');
    await actOk(cityClerk, certificate.id, 'accept', { opinion: '材料齐全，予以受理' });
    const mine = (await wang.get(`/api/v1/me/theme-applications/${application.id}`)).json() as Application;
    expect(mine.cases.find((c) => c.id === certificate.id)).toMatchObject({ status: 'accepted', statusLabel: '已受理，正在办理', handlingPlace: '邹城市' });
    expect(mine.cases.find((c) => c.id === registration.id)).toMatchObject({ handlingPlace: '钢山街道' });
  });
});

describe('results together', () => {
  it('the last child decided sends one 全部办结 notice with every item\'s outcome, none before; two last decisions at once send one', async () => {
    const answers = { certificate: 'have', hukou: 'done', reimburse: 'settled' };
    const res = await apply(zhang, sampleApplication(birth, { regionCode: GANGSHAN, fileId, answers, applies: applying(answers) }));
    expect(res.statusCode, res.body).toBe(201);
    const application = res.json() as Application;
    const byItem = new Map(application.cases.map((c) => [c.itemCode, c]));
    const registration = byItem.get('37200400100001')!;
    const medical = byItem.get('37200300100002')!;
    const card = byItem.get('37200203400001')!;
    expect(application.cases).toHaveLength(3);
    const approver = await new TestClient(t.app).loginStaff('gangshan.approver');
    const { db } = t.deps.dbh;
    const texts = () => db.selectFrom('sms_outbox').select('body_enc').where('template', '=', 'case.group_done').where('phone_hash', '=', t.deps.protector.lookupHash('13800000001')).execute();
    const messages = () => db.selectFrom('messages').select(['title', 'body', 'case_id']).where('event', '=', 'case.group_done').where('case_id', 'in', application.cases.map((c) => c.id)).execute();
    const before = (await texts()).length;

    // 生育登记 is decided at the window (即办); the others are still open: nothing for the whole yet
    await actOk(clerk, registration.id, 'accept', { opinion: '材料齐全，予以受理' });
    await actOk(clerk, registration.id, 'approve', { opinion: '经审查，符合条件' });
    await actOk(clerk, registration.id, 'approve', { opinion: '准予登记', resultNote: '生育服务登记号 SY2026-0001' });
    await actOk(clerk, card.id, 'accept', { opinion: '材料齐全，予以受理' });
    await actOk(approver, card.id, 'approve', { opinion: '经审查，符合条件' });
    expect(await texts()).toHaveLength(before);
    expect(await messages()).toEqual([]);

    // the last two at once: the applicant withdraws 医保参保 as the card is approved
    await Promise.all([actOk(zhang, medical.id, 'withdraw'), actOk(approver, card.id, 'approve', { opinion: '准予办理' })]);
    const sent = await texts();
    expect(sent).toHaveLength(before + 1);
    expect(t.deps.protector.decrypt(sent.at(-1)!.body_enc)).toContain('出生一件事（3个事项）已全部办结');
    const [message, ...more] = await messages();
    expect(more).toEqual([]);
    expect(message!.title).toBe('已全部办结：出生一件事');
    expect(message!.body).toContain('生育登记（新办）：已办结（准予）');
    expect(message!.body).toContain('城乡居民基本医疗保险参保登记（新生儿参保登记）：已撤回');
    expect(message!.body).toContain('社会保障卡申领：已办结（准予）');
    const mine = (await zhang.get(`/api/v1/me/theme-applications/${application.id}`)).json() as Application;
    expect(mine.state).toBe('done');
    // the results together: each child's outcome, its note and who decided it
    expect(mine.cases.find((c) => c.id === registration.id)).toMatchObject({ statusLabel: '已办结（准予）', result: 'approved', resultNote: '生育服务登记号 SY2026-0001', handlingPlace: '钢山街道' });
    expect(mine.cases.find((c) => c.id === medical.id)).toMatchObject({ statusLabel: '已撤回', result: null });
    // each child names its 一件事 (the application, for the applicant's link back) to the applicant and to staff
    const group = { id: application.id, label: '出生一件事', size: 3, decided: 3 };
    expect(((await zhang.get(`/api/v1/cases/${card.id}`)).json() as { group: unknown }).group).toEqual(group);
    expect(((await clerk.get(`/api/v1/cases/${registration.id}`)).json() as { group: unknown }).group).toEqual(group);
  });
});

describe('filled in for the applicant', () => {
  it('GET /themes/:code/prefill: 监护人电话 from 实名信息, 现居住地址 from an earlier application, each with its source; citizens only', async () => {
    // 张's earlier 出生一件事 above carried the address; 李 has applied for nothing
    const zhangPrefill = (await zhang.get('/api/v1/themes/birth/prefill')).json() as { shared: { values: Record<string, unknown>; sources: Record<string, { kind: string; label: string }> }; items: Record<string, unknown> };
    expect(zhangPrefill.shared.values.guardianPhone).toBe('13800000001');
    expect(zhangPrefill.shared.sources.guardianPhone).toMatchObject({ kind: 'profile', label: '取自个人资料' });
    expect(zhangPrefill.shared.values.address).toMatchObject({ regionCode: MENGZHUANG, detail: '幸福路 1 号' });
    expect(zhangPrefill.shared.sources.address).toMatchObject({ kind: 'previous', label: expect.stringContaining('的申请（办件编号') as string });
    expect(Object.keys(zhangPrefill.items).sort()).toEqual(birth.items.map((i) => i.code).sort());
    const liPrefill = (await li.get('/api/v1/themes/birth/prefill')).json() as { shared: { values: Record<string, unknown> } };
    expect(liPrefill.shared.values.guardianPhone).toBe('13800000002');
    expect(liPrefill.shared.values.address).toBeUndefined();
    expect((await clerk.get('/api/v1/themes/birth/prefill')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/themes/birth/prefill' })).statusCode).toBe(401);
    expect((await zhang.get('/api/v1/themes/no-such-theme/prefill')).statusCode).toBe(404);
  });
});
