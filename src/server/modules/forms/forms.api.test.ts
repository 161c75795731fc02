/**
 * Application forms over HTTP: the designer API (city administrator, version-guarded, audited),
 * drafts, 历史数据自动填充, and case submission against an item's form, 情形引导, 即办件 decided
 * at the window, 电子证照 and 邮寄送达.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseServiceWith, createTestApp, TestClient, type TestApp } from '../../testing.js';
import type { CitizenActor } from '../../platform/request.js';
import type { RequestContext } from '../../platform/context.js';
import { makeItem } from '../catalog/fixtures.js';
import { submitBody } from '../cases/schemas.js';
import type { LicenceLookup } from '../cases/service.js';
import {
  act, actOk, countRows, GANGSHAN, INSTANT_ITEM, MENGZHUANG, onlineBody, QIANQUAN, seedCaseCatalog, setClock, submitOk, uploadId, VILLAGE_ITEM, TOWN_ITEM, windowBody,
} from '../cases/fixtures.js';
import type { FormFieldInput } from '../../../shared/forms.js';
import { idNumberCheckChar } from '../../../shared/validators.js';

/** An item with 情形引导: 委托他人代办 makes the conditional 授权委托书 required. */
const SIT_ITEM = '37200000400001';
const FUSHAN = '370883003';

const LI = { phone: '13800000002', name: '李建国', idNumber: '370883198807151016' };
const ZHANG = { phone: '13800000001', name: '张秀英', idNumber: '370883195603124223' };
/** A family member's ID number (check character computed, GB 11643). */
const MEMBER_ID = `37088320120315002${idNumberCheckChar('37088320120315002')}`;

/** The rich form the tests save for the village item: every kind of rule the server enforces. */
const RICH_FIELDS: FormFieldInput[] = [
  { key: 'applicantName', label: '申请人姓名', type: 'text', required: true, prefill: 'profile.name' },
  { key: 'idNo', label: '身份证号', type: 'id_number', required: true, prefill: 'profile.idNumber' },
  { key: 'contactPhone', label: '联系电话', type: 'phone', required: true, prefill: 'profile.phone' },
  { key: 'housing', label: '住房情况', type: 'choice', required: true, options: [{ value: 'own', label: '自有住房' }, { value: 'rent', label: '租房' }] },
  { key: 'rent', label: '每月房租（元）', type: 'number', required: true, min: 0, max: 100000, showIf: { field: 'housing', anyOf: ['rent'] } },
  { key: 'home', label: '现居住地址', type: 'address', required: true, prefill: 'previous' },
  {
    key: 'members', label: '家庭成员', type: 'table', maxRows: 3, prefill: 'previous',
    columns: [{ key: 'name', label: '姓名', type: 'text', required: true }, { key: 'idNumber', label: '身份证号', type: 'id_number', required: true }],
  },
  { key: 'evidence', label: '佐证材料', type: 'attachment', prefill: 'previous' },
  { key: 'bankNo', label: '银行账号', type: 'text', prefill: 'previous', pattern: { regex: '\\d{12,19}', message: '银行账号为 12–19 位数字' } },
];
const HOME = { regionCode: MENGZHUANG, regionName: '钢山街道孟庄社区', detail: '幸福路 8 号' };
const richAnswers = (over: Record<string, unknown> = {}) => ({
  applicantName: LI.name, idNo: LI.idNumber, contactPhone: LI.phone, housing: 'own', home: HOME,
  members: [{ name: '李小红', idNumber: MEMBER_ID }], bankNo: '6228480012345678', ...over,
});

let t: TestApp;
let anon: TestClient;
let citizen: TestClient;
let other: TestClient;
let clerk: TestClient;
let approver: TestClient;
let townAdmin: TestClient;
let city: TestClient;
let fileId: string;
let otherFileId: string;

const db = () => t.deps.dbh.db;
const count = async (table: 'item_forms' | 'case_drafts' | 'audit_log' | 'cases') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const formRow = (code: string) => db().selectFrom('item_forms').selectAll().where('item_code', '=', code).executeTakeFirst();
const citizenId = async (phone: string) => (await db().selectFrom('citizens').select('id').where('phone_hash', '=', t.deps.protector.lookupHash(phone)).executeTakeFirstOrThrow()).id;
const settingsBody = (fields: FormFieldInput[], version: number, over: Record<string, unknown> = {}) => ({ definition: { fields }, preReviewOnline: true, decidedBy: 'approver', version, ...over });
const putForm = (client: TestClient, code: string, body: unknown) => client.request('PUT', `/api/v1/admin/item-forms/${code}`, body);
const draftUrl = (code: string, region: string) => `/api/v1/application-drafts/${code}?region=${region}`;
const putDraft = (client: TestClient, code: string, region: string, data: unknown) => client.request('PUT', draftUrl(code, region), { data });
/** A citizen's application for the village item with the rich form. */
const villageBody = (file: string, formData: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  onlineBody(file, { itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, formData, ...over });

/**
 * The cases fixtures' catalog plus, in the same town catalog, an item with 情形引导 offered in
 * 凫山街道 (a region has one town catalog, so it cannot be seeded beside it).
 */
async function seedFormsCatalog(app: TestApp): Promise<void> {
  await seedCaseCatalog(app, {
    townItems: [makeItem({
      baseCode: '372000004000', handlingSeq: '01', name: '困难残疾人生活补贴', handlingName: '申请',
      materials: [
        { id: 'm1', name: '申请书', necessity: 'required', kind: 'original', form: 'paper', source: 'applicant' },
        { id: 'proxy', name: '授权委托书', necessity: 'required', kind: 'original', form: 'paper', source: 'applicant', conditional: true },
      ],
      situations: [
        { id: 'who', question: '由谁申请', options: [{ id: 'self', label: '本人申请', materialIds: [] }, { id: 'agent', label: '委托他人代办', materialIds: ['proxy'] }] },
        { id: 'cert', question: '是否持有残疾人证', options: [{ id: 'yes', label: '持有', materialIds: [] }, { id: 'no', label: '未持有', materialIds: [] }] },
      ],
    })],
    townRegions: [FUSHAN],
  });
}

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-forms-test-${process.pid}` } });
  expect(await t.deps.regions.get(FUSHAN)).toBeTruthy();
  await seedFormsCatalog(t);
  anon = new TestClient(t.app);
  citizen = await new TestClient(t.app).loginCitizen(LI.phone);
  other = await new TestClient(t.app).loginCitizen(ZHANG.phone);
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  approver = await new TestClient(t.app).loginStaff('gangshan.approver');
  townAdmin = await new TestClient(t.app).loginStaff('gangshan.admin');
  city = await new TestClient(t.app).loginStaff('admin');
  fileId = await uploadId(t, citizen);
  otherFileId = await uploadId(t, other);
  const saved = await putForm(city, VILLAGE_ITEM, settingsBody(RICH_FIELDS, 0));
  expect(saved.statusCode, saved.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

// ───────────────────────── the designer API ─────────────────────────

describe('GET /items/:code/form', () => {
  it('a configured item: its definition and settings, for anyone', async () => {
    const res = await anon.get(`/api/v1/items/${TOWN_ITEM}/form`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ itemCode: TOWN_ITEM, itemName: '城乡居民最低生活保障（新办）', configured: true, version: 1, preReviewOnline: true, decidedBy: 'approver' });
    expect(res.json().definition.fields.map((f: { key: string }) => f.key)).toEqual(['familySize', 'reason']);
    expect(res.json().definition.fields[0]).toMatchObject({ type: 'number', required: true, min: 1, max: 20 });
  });

  it('an item nobody has designed: an empty form, version 0, default settings, the catalog name', async () => {
    const res = await anon.get(`/api/v1/items/${INSTANT_ITEM}/form`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      itemCode: INSTANT_ITEM, itemName: '高龄津贴（申领）', definition: { fields: [], eligibility: [] }, preReviewOnline: true, decidedBy: 'approver', version: 0, configured: false, updatedAt: null,
    });
  });

  it('a malformed code is 400, an unknown item 404', async () => {
    const bad = await anon.get('/api/v1/items/12345/form');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const unknown = await anon.get('/api/v1/items/37200009900001/form');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ITEM_NOT_FOUND');
  });
});

describe('PUT /admin/item-forms/:code', () => {
  it('only the city administrator designs forms: town admin, clerk, approver, citizen get 403, nobody signed in 401; nothing written', async () => {
    const before = { forms: await count('item_forms'), audit: await count('audit_log'), row: await formRow(TOWN_ITEM) };
    const body = settingsBody([{ key: 'x', label: '甲', type: 'text' }], 1);
    for (const [who, client] of [['town admin', townAdmin], ['clerk', clerk], ['approver', approver], ['citizen', citizen]] as const) {
      const res = await putForm(client, TOWN_ITEM, body);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code, who).toBe('FORBIDDEN');
    }
    expect((await putForm(townAdmin, INSTANT_ITEM, settingsBody([], 0))).statusCode).toBe(403);
    expect((await putForm(anon, TOWN_ITEM, body)).statusCode).toBe(401);
    expect({ forms: await count('item_forms'), audit: await count('audit_log'), row: await formRow(TOWN_ITEM) }).toEqual(before);
  });

  it('the first save creates version 1, audited in the same write (action item_form.save)', async () => {
    const res = await anon.get(`/api/v1/items/${VILLAGE_ITEM}/form`);
    expect(res.json()).toMatchObject({ configured: true, version: 1, decidedBy: 'approver', itemName: '老年人优待证办理（新办）' });
    expect(res.json().definition.fields.map((f: { key: string }) => f.key)).toEqual(RICH_FIELDS.map((f) => f.key));
    // defaults are filled in on save
    expect(res.json().definition.fields[0]).toMatchObject({ help: '', pattern: null, showIf: null, maxRows: 10 });
    const adminId = (await db().selectFrom('staff_users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    expect(await formRow(VILLAGE_ITEM)).toMatchObject({ version: 1, updated_by: adminId, pre_review_online: 1, decided_by: 'approver' });
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'item_form.save').where('entity_id', '=', VILLAGE_ITEM).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_type: 'item_form', actor_id: adminId });
    expect(JSON.parse(audit[0].summary)).toMatchObject({ version: 1, fields: RICH_FIELDS.map((f) => f.key), decidedBy: 'approver', preReviewOnline: true });
  });

  it('saves over the version it loaded; a stale or invented version is 409 FORM_CHANGED and changes nothing', async () => {
    const fields: FormFieldInput[] = [
      { key: 'familySize', label: '家庭人口', type: 'number', required: true, min: 1, max: 20 },
      { key: 'reason', label: '申请理由', type: 'textarea' },
      { key: 'note', label: '备注', type: 'text' },
    ];
    const ok = await putForm(city, TOWN_ITEM, settingsBody(fields, 1));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, configured: true, updatedAt: t.clock.now().toISOString() });
    const audits = await count('audit_log');
    for (const version of [1, 0, 3, 99]) {
      const stale = await putForm(city, TOWN_ITEM, settingsBody([{ key: 'other', label: '他人的', type: 'text' }], version));
      expect(stale.statusCode, `version ${version}`).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'FORM_CHANGED', message: '表单已被他人修改，请刷新后再保存' });
    }
    expect(await count('audit_log')).toBe(audits);
    const now = await anon.get(`/api/v1/items/${TOWN_ITEM}/form`);
    expect(now.json().version).toBe(2);
    expect(now.json().definition.fields.map((f: { key: string }) => f.key)).toEqual(['familySize', 'reason', 'note']);
  });

  it('two saves of the same version at once: exactly one wins, the other is 409, one audit entry', async () => {
    const audits = await count('audit_log');
    const [a, b] = await Promise.all([
      putForm(city, TOWN_ITEM, settingsBody([{ key: 'familySize', label: '家庭人口', type: 'number', required: true, min: 1, max: 20 }, { key: 'reason', label: '申请理由', type: 'textarea' }], 2)),
      putForm(city, TOWN_ITEM, settingsBody([{ key: 'familySize', label: '家庭人口', type: 'number', required: true, min: 1, max: 20 }, { key: 'reason', label: '申请理由（乙）', type: 'textarea' }], 2)),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('FORM_CHANGED');
    expect((await formRow(TOWN_ITEM))?.version).toBe(3);
    expect(await count('audit_log')).toBe(audits + 1);
  });

  it('two first saves of a new form at once: exactly one wins, the other is 409 (never a 500)', async () => {
    const audits = await count('audit_log');
    const [a, b] = await Promise.all([putForm(city, SIT_ITEM, settingsBody([], 0)), putForm(city, SIT_ITEM, settingsBody([], 0))]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 409]);
    expect((a.statusCode === 409 ? a : b).json().error.code).toBe('FORM_CHANGED');
    expect((await formRow(SIT_ITEM))?.version).toBe(1);
    expect(await count('audit_log')).toBe(audits + 1);
  });

  it('a definition that does not hold together is 400 with each problem at definition.fields.N.<prop>; nothing written', async () => {
    const before = { row: await formRow(TOWN_ITEM), audit: await count('audit_log') };
    const res = await putForm(city, TOWN_ITEM, settingsBody([
      { key: 'housing', label: '住房', type: 'choice', options: [{ value: 'own', label: '自有' }] },
      { key: 'housing', label: '住房二', type: 'text', pattern: { regex: '([0-9]', message: '格式' } },
      { key: 'rent', label: '房租', type: 'number', min: 10, max: 1, showIf: { field: 'later', anyOf: ['x'] } },
      { key: 'later', label: '后面', type: 'choice', options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }] },
    ], 3));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const fields = res.json().error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['definition.fields.0.options', 'definition.fields.1.key', 'definition.fields.1.pattern', 'definition.fields.2.max', 'definition.fields.2.showIf'].sort());
    const messages = Object.fromEntries(res.json().error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(messages['definition.fields.1.pattern']).toBe('格式规则不是有效的正则表达式：缺少 )');
    expect(messages['definition.fields.1.key']).toBe('字段标识「housing」重复');
    // the body's own shape
    const shape = await putForm(city, TOWN_ITEM, { ...settingsBody([], 3), decidedBy: 'mayor' });
    expect(shape.json().error.details[0].field).toBe('decidedBy');
    expect((await putForm(city, TOWN_ITEM, { ...settingsBody([], 3), extra: 1 })).statusCode).toBe(400);
    expect((await putForm(city, TOWN_ITEM, { ...settingsBody([], 3), version: -1 })).statusCode).toBe(400);
    expect({ row: await formRow(TOWN_ITEM), audit: await count('audit_log') }).toEqual(before);
  });

  it('a malformed item code is 400, an unknown item 404, and neither writes a form', async () => {
    const forms = await count('item_forms');
    expect((await putForm(city, '3720000010000', settingsBody([], 0))).statusCode).toBe(400);
    const unknown = await putForm(city, '37200009900001', settingsBody([], 0));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ITEM_NOT_FOUND');
    expect(await count('item_forms')).toBe(forms);
  });

  it('GET /admin/item-forms lists designed forms (city administrator only)', async () => {
    const res = await city.get('/api/v1/admin/item-forms');
    expect(res.statusCode, res.body).toBe(200);
    const byCode = Object.fromEntries(res.json().items.map((i: { itemCode: string }) => [i.itemCode, i]));
    expect(Object.keys(byCode).sort()).toEqual([SIT_ITEM, TOWN_ITEM, VILLAGE_ITEM].sort());
    expect(byCode[VILLAGE_ITEM]).toMatchObject({ itemName: '老年人优待证办理（新办）', fieldCount: RICH_FIELDS.length, version: 1 });
    expect(byCode[TOWN_ITEM]).toMatchObject({ fieldCount: 2, version: 3 });
    expect(byCode[SIT_ITEM]).toMatchObject({ fieldCount: 0, version: 1 });
    expect((await townAdmin.get('/api/v1/admin/item-forms')).statusCode).toBe(403);
    expect((await clerk.get('/api/v1/admin/item-forms')).statusCode).toBe(403);
    expect((await citizen.get('/api/v1/admin/item-forms')).statusCode).toBe(403);
    expect((await anon.get('/api/v1/admin/item-forms')).statusCode).toBe(401);
  });
});

// ───────────────────────── drafts ─────────────────────────

describe('application drafts', () => {
  const draft = {
    formData: { familySize: 3, reason: `家属 ${MEMBER_ID} 因病致贫`, members: [{ name: '李小红', idNumber: MEMBER_ID }] },
    situationAnswers: { who: 'self' },
    materials: [{ materialId: 'm1', source: 'upload', fileId: '0b5f7e0c-3c1a-4d4e-9a9b-3f2a1c0d5e6f', fileName: '申请书.pdf' }],
    deliveryMethod: 'post', deliveryAddress: '邹城市钢山街道幸福路 8 号', step: 2,
  };

  it('saves, reads back with defaults filled in, and keeps the draft encrypted at rest', async () => {
    const res = await putDraft(citizen, TOWN_ITEM, GANGSHAN, draft);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ itemCode: TOWN_ITEM, itemName: '城乡居民最低生活保障（新办）', regionCode: GANGSHAN, regionName: '钢山街道' });
    const read = await citizen.get(draftUrl(TOWN_ITEM, GANGSHAN));
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().data).toEqual({ ...draft, materials: [{ ...draft.materials[0], checkedOriginal: false, copies: 0 }] });
    const row = await db().selectFrom('case_drafts').selectAll().where('item_code', '=', TOWN_ITEM).executeTakeFirstOrThrow();
    expect(row.owner_key).toBe(`citizen:${await citizenId(LI.phone)}`);
    expect(row.data_enc).not.toContain(MEMBER_ID);
    expect(row.data_enc).not.toContain('因病致贫');
    expect(row.data_enc).not.toContain('幸福路');
    expect(JSON.parse(t.deps.protector.decrypt(row.data_enc)).formData.members[0].idNumber).toBe(MEMBER_ID);
  });

  it('one draft per citizen, item and place: saving again replaces it; another place is another draft', async () => {
    const before = await count('case_drafts');
    t.clock.advanceMinutes(1);
    const again = await putDraft(citizen, TOWN_ITEM, GANGSHAN, { ...draft, step: 3 });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().updatedAt).toBe(t.clock.now().toISOString());
    expect(await count('case_drafts')).toBe(before);
    expect((await citizen.get(draftUrl(TOWN_ITEM, GANGSHAN))).json().data.step).toBe(3);
    expect((await putDraft(citizen, TOWN_ITEM, QIANQUAN, { step: 1 })).statusCode).toBe(200);
    expect(await count('case_drafts')).toBe(before + 1);
    const list = await citizen.get('/api/v1/application-drafts');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { regionCode: string }) => i.regionCode).sort()).toEqual([GANGSHAN, QIANQUAN]);
    expect(list.json().items[0]).not.toHaveProperty('data');
  });

  it('two autosaves of a new draft at once both succeed and leave one draft', async () => {
    const before = await count('case_drafts');
    const [a, b] = await Promise.all([putDraft(citizen, VILLAGE_ITEM, MENGZHUANG, { step: 1 }), putDraft(citizen, VILLAGE_ITEM, MENGZHUANG, { step: 2 })]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
    expect(await count('case_drafts')).toBe(before + 1);
    expect((await citizen.delete(draftUrl(VILLAGE_ITEM, MENGZHUANG))).statusCode).toBe(200);
  });

  it('is private: another citizen reads, lists or deletes nothing of it (404)', async () => {
    const read = await other.get(draftUrl(TOWN_ITEM, GANGSHAN));
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe('DRAFT_NOT_FOUND');
    expect((await other.get('/api/v1/application-drafts')).json().items).toEqual([]);
    expect((await other.delete(draftUrl(TOWN_ITEM, GANGSHAN))).statusCode).toBe(404);
    expect((await citizen.get(draftUrl(TOWN_ITEM, GANGSHAN))).statusCode).toBe(200);
    expect((await anon.get(draftUrl(TOWN_ITEM, GANGSHAN))).statusCode).toBe(401);
    expect((await putDraft(anon, TOWN_ITEM, GANGSHAN, {})).statusCode).toBe(401);
  });

  it('an item not offered at the place is 404; a bad structure, code or region 400; nothing written', async () => {
    const before = await count('case_drafts');
    const notOffered = await putDraft(citizen, TOWN_ITEM, MENGZHUANG, {});
    expect(notOffered.statusCode).toBe(404);
    const notPublished = await putDraft(citizen, TOWN_ITEM, '370883101', {});
    expect(notPublished.statusCode).toBe(404);
    expect((await putDraft(citizen, '37200009900001', GANGSHAN, {})).statusCode).toBe(404);
    const badKey = await putDraft(citizen, TOWN_ITEM, GANGSHAN, { formData: { 'not a key': 1 } });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error.details[0].field).toMatch(/^data\.formData/);
    expect((await putDraft(citizen, TOWN_ITEM, GANGSHAN, { formData: { a: { nested: true } } })).statusCode).toBe(400);
    expect((await putDraft(citizen, TOWN_ITEM, GANGSHAN, { extra: 1 })).statusCode).toBe(400);
    expect((await putDraft(citizen, TOWN_ITEM, GANGSHAN, { materials: [{ materialId: 'm1', source: 'fax' }] })).statusCode).toBe(400);
    expect((await putDraft(citizen, TOWN_ITEM, GANGSHAN, { step: 11 })).statusCode).toBe(400);
    expect((await putDraft(citizen, TOWN_ITEM, GANGSHAN, { deliveryMethod: 'pigeon' })).statusCode).toBe(400);
    expect((await citizen.request('PUT', draftUrl(TOWN_ITEM, GANGSHAN), {})).statusCode).toBe(400);
    expect((await putDraft(citizen, TOWN_ITEM, '12', {})).statusCode).toBe(400);
    expect((await putDraft(citizen, 'abc', GANGSHAN, {})).statusCode).toBe(400);
    expect((await citizen.get(`/api/v1/application-drafts/${TOWN_ITEM}`)).statusCode).toBe(400);
    expect(await count('case_drafts')).toBe(before);
    // the stored draft is untouched by the refused saves
    expect((await citizen.get(draftUrl(TOWN_ITEM, GANGSHAN))).json().data.step).toBe(3);
  });

  it('a refused submission keeps the draft; a failing transaction keeps it too; a submitted case deletes only the matching draft', async () => {
    const drafts = await count('case_drafts');
    const bad = await citizen.post('/api/v1/cases', onlineBody(fileId, { formData: { familySize: 0 } }));
    expect(bad.statusCode).toBe(400);
    expect(await count('case_drafts')).toBe(drafts);

    // the draft is deleted inside the submission's transaction: a failure after it rolls the deletion back
    const me: CitizenActor = { kind: 'citizen', id: await citizenId(LI.phone), name: LI.name, sessionId: 'test' };
    const failing = { noticeWrites: async () => { throw new Error('disk full'); } };
    const service = caseServiceWith(t, { notifier: failing });
    await expect(service.submit({ actor: me, ip: null, channel: 'pc' }, me, submitBody.parse(onlineBody(fileId)))).rejects.toThrow('disk full');
    expect(await count('case_drafts')).toBe(drafts);
    expect((await citizen.get(draftUrl(TOWN_ITEM, GANGSHAN))).statusCode).toBe(200);

    // another citizen's submission of the same item at the same place leaves this draft alone
    await submitOk(other, onlineBody(otherFileId));
    expect(await count('case_drafts')).toBe(drafts);

    await submitOk(citizen, onlineBody(fileId));
    expect(await count('case_drafts')).toBe(drafts - 1);
    expect((await citizen.get(draftUrl(TOWN_ITEM, GANGSHAN))).statusCode).toBe(404);
    expect((await citizen.get(draftUrl(TOWN_ITEM, QIANQUAN))).statusCode).toBe(200);
  });

  it('delete: ok once, then 404', async () => {
    const del = await citizen.delete(draftUrl(TOWN_ITEM, QIANQUAN));
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json()).toEqual({ ok: true });
    expect((await citizen.delete(draftUrl(TOWN_ITEM, QIANQUAN))).statusCode).toBe(404);
    expect((await citizen.get(draftUrl(TOWN_ITEM, QIANQUAN))).statusCode).toBe(404);
  });

  it('a window clerk has drafts of their own, which intake deletes', async () => {
    expect((await putDraft(clerk, TOWN_ITEM, GANGSHAN, { step: 1 })).statusCode).toBe(200);
    expect((await citizen.get(draftUrl(TOWN_ITEM, GANGSHAN))).statusCode).toBe(404);
    await submitOk(clerk, windowBody());
    expect((await clerk.get(draftUrl(TOWN_ITEM, GANGSHAN))).statusCode).toBe(404);
  });
});

// ───────────────────────── submissions against the form ─────────────────────────

describe('submitting against the item form', () => {
  it('wrong and missing answers: 400 VALIDATION_FAILED with formData.<key> details, nothing written', async () => {
    const before = await countRows(t);
    const res = await citizen.post('/api/v1/cases', villageBody(fileId, {
      applicantName: '', idNo: '370883198807151017', contactPhone: '0537-5211234', housing: 'castle', home: { ...HOME, detail: ' ' },
      members: [{ name: '李小红', idNumber: MEMBER_ID }, { name: '', idNumber: MEMBER_ID }], bankNo: '62284800', extra: 'x',
    }));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: '申请表填写有误，请检查后重试' });
    const details = Object.fromEntries(res.json().error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(details).toEqual({
      'formData.extra': '表单中没有这一项',
      'formData.applicantName': '请填写「申请人姓名」',
      'formData.idNo': '「身份证号」身份证号码不正确（请核对校验位）',
      'formData.contactPhone': '「联系电话」手机号码应为 11 位数字',
      'formData.housing': '「住房情况」请从选项中选择',
      'formData.home': '「现居住地址」请填写详细地址（街道、门牌号）',
      'formData.members': '「家庭成员」第 2 位请填写「姓名」',
      'formData.bankNo': '「银行账号」银行账号为 12–19 位数字',
    });
    const missing = await citizen.post('/api/v1/cases', villageBody(fileId, {}));
    expect(missing.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(
      ['formData.applicantName', 'formData.contactPhone', 'formData.home', 'formData.housing', 'formData.idNo'],
    );
    // conditions: 租房 makes 房租 required; 自有 makes an answer to it wrong
    const rentMissing = await citizen.post('/api/v1/cases', villageBody(fileId, richAnswers({ housing: 'rent' })));
    expect(rentMissing.json().error.details).toEqual([{ field: 'formData.rent', message: '请填写「每月房租（元）」' }]);
    const rentHidden = await citizen.post('/api/v1/cases', villageBody(fileId, richAnswers({ rent: 800 })));
    expect(rentHidden.json().error.details).toEqual([{ field: 'formData.rent', message: '「每月房租（元）」在当前选择下不需要填写' }]);
    const tooMany = await citizen.post('/api/v1/cases', villageBody(fileId, richAnswers({ members: Array.from({ length: 4 }, () => ({ name: '李小红', idNumber: MEMBER_ID })) })));
    expect(tooMany.json().error.details).toEqual([{ field: 'formData.members', message: '「家庭成员」最多 3 位' }]);
    const unknownColumn = await citizen.post('/api/v1/cases', villageBody(fileId, richAnswers({ members: [{ name: '李小红', idNumber: MEMBER_ID, income: 100 }] })));
    expect(unknownColumn.json().error.details).toEqual([{ field: 'formData.members', message: '「家庭成员」第 1 位有未知的列「income」' }]);
    // an address region must exist in the region tree
    const noSuchRegion = await citizen.post('/api/v1/cases', villageBody(fileId, richAnswers({ home: { ...HOME, regionCode: '370883999' } })));
    expect(noSuchRegion.json().error.details).toEqual([{ field: 'formData.home', message: '「现居住地址」所选区划不存在，请重新选择' }]);
    expect((await citizen.post('/api/v1/cases', villageBody(fileId, richAnswers({ home: { ...HOME, regionCode: '110101' } })))).statusCode).toBe(400);
    // an answer to the town item's form is not an answer to another item's
    const wrongForm = await citizen.post('/api/v1/cases', onlineBody(fileId, { formData: { familySize: 3, housing: 'own' } }));
    expect(wrongForm.json().error.details).toEqual([{ field: 'formData.housing', message: '表单中没有这一项' }]);
    expect(await countRows(t)).toEqual(before);
  });

  it('attachment answers must be the submitter’s own uploads', async () => {
    const before = await countRows(t);
    const othersFile = await citizen.post('/api/v1/cases', villageBody(fileId, richAnswers({ evidence: [otherFileId] })));
    expect(othersFile.statusCode).toBe(400);
    expect(othersFile.json().error.details).toEqual([{ field: 'formData.evidence', message: '「佐证材料」的附件不存在，请重新上传' }]);
    const noSuchFile = await citizen.post('/api/v1/cases', villageBody(fileId, richAnswers({ evidence: [fileId, '0b5f7e0c-3c1a-4d4e-9a9b-3f2a1c0d5e6f'] })));
    expect(noSuchFile.json().error.details).toEqual([{ field: 'formData.evidence', message: '「佐证材料」的附件不存在，请重新上传' }]);
    const notAnId = await citizen.post('/api/v1/cases', villageBody(fileId, richAnswers({ evidence: ['x'] })));
    expect(notAnId.json().error.details).toEqual([{ field: 'formData.evidence', message: '「佐证材料」附件格式不正确，请重新上传' }]);
    // a staff member cannot attach a citizen's upload either
    const staffUsesCitizenFile = await clerk.post('/api/v1/cases', {
      ...windowBody({ itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG }),
      formData: richAnswers({ evidence: [fileId], applicantName: '王桂兰', idNo: '370883194811204522', contactPhone: '13800000003' }),
    });
    expect(staffUsesCitizenFile.statusCode, staffUsesCitizenFile.body).toBe(400);
    expect(staffUsesCitizenFile.json().error.details[0].field).toBe('formData.evidence');
    expect(await countRows(t)).toEqual(before);
  });

  it('a valid application: answers encrypted at rest, returned decrypted with the form definition of the day', async () => {
    const evidence = await uploadId(t, citizen);
    const answers = richAnswers({ housing: 'rent', rent: 800, evidence: [evidence] });
    const { id } = await submitOk(citizen, villageBody(fileId, answers));
    const detail = (await citizen.get(`/api/v1/cases/${id}`)).json();
    expect(detail.formData).toEqual(answers);
    expect(detail.formDefinition.fields.map((f: { key: string }) => f.key)).toEqual(RICH_FIELDS.map((f) => f.key));
    expect(detail.situationAnswers).toEqual({});
    const staffView = (await clerk.get(`/api/v1/cases/${id}`)).json();
    expect(staffView.formData).toEqual(answers);
    const row = await db().selectFrom('cases').select(['form_data', 'form_definition']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.form_data.startsWith('{')).toBe(false);
    for (const secret of [LI.idNumber, MEMBER_ID, '6228480012345678', '幸福路', LI.phone]) expect(row.form_data).not.toContain(secret);
    expect(JSON.parse(t.deps.protector.decrypt(row.form_data))).toEqual(answers);
    expect(JSON.parse(row.form_definition).fields).toHaveLength(RICH_FIELDS.length);

    // the staff who handle the case can open the attachment answer; other citizens cannot
    const asClerk = await clerk.get(`/api/v1/files/${evidence}`);
    expect(asClerk.statusCode, asClerk.body).toBe(200);
    expect((await citizen.get(`/api/v1/files/${evidence}`)).statusCode).toBe(200);
    expect((await other.get(`/api/v1/files/${evidence}`)).statusCode).toBe(404);

    // a later change of the form does not rewrite the case's definition
    const current = (await anon.get(`/api/v1/items/${VILLAGE_ITEM}/form`)).json();
    const changed = await putForm(city, VILLAGE_ITEM, settingsBody([...RICH_FIELDS, { key: 'remark', label: '备注', type: 'text' }], current.version));
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await citizen.get(`/api/v1/cases/${id}`)).json().formDefinition.fields).toHaveLength(RICH_FIELDS.length);
  });

  it('resubmit (补正) re-validates the merged answers and keeps them encrypted', async () => {
    const { id } = await submitOk(citizen, onlineBody(fileId));
    await actOk(clerk, id, 'request-correction', { items: [{ field: 'familySize', reason: '家庭人口与户口簿不一致' }] });
    const before = await countRows(t);
    const tooBig = await act(citizen, id, 'resubmit', { formData: { familySize: 25 } });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.details).toEqual([{ field: 'formData.familySize', message: '「家庭人口」不能大于 20' }]);
    const unknown = await act(citizen, id, 'resubmit', { formData: { familySize: 4, bogus: 'x' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([{ field: 'formData.bogus', message: '表单中没有这一项' }]);
    // clearing a required answer is caught on the merged answers too
    const cleared = await act(citizen, id, 'resubmit', { formData: { familySize: null } });
    expect(cleared.statusCode).toBe(400);
    expect(await countRows(t)).toEqual(before);
    const ok = await act(citizen, id, 'resubmit', { formData: { familySize: 4 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().formData).toEqual({ familySize: 4, reason: '因病致贫' });
    const row = await db().selectFrom('cases').select('form_data').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.form_data.startsWith('{')).toBe(false);
    expect(ok.json().events.at(-1)).toMatchObject({ action: 'resubmit', details: expect.objectContaining({ fields: ['familySize'] }) });
  });

  it('resubmit on the applicant’s behalf keeps the attachments the applicant uploaded', async () => {
    const evidence = await uploadId(t, citizen);
    const { id } = await submitOk(citizen, villageBody(fileId, richAnswers({ evidence: [evidence] })));
    await actOk(clerk, id, 'request-correction', { items: [{ field: 'bankNo', reason: '银行账号有误' }] });
    const res = await act(clerk, id, 'resubmit', { formData: { bankNo: '6228480087654321' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().formData).toMatchObject({ bankNo: '6228480087654321', evidence: [evidence] });
  });
});

describe('情形引导 (situations) at submission', () => {
  const sitBody = (answers: Record<string, string>, materials: { materialId: string; source: string; fileId: string }[]) => ({
    itemCode: SIT_ITEM, regionCode: FUSHAN, situationAnswers: answers, materials, formData: {}, declaration: true,
  });
  const m1 = () => ({ materialId: 'm1', source: 'upload', fileId });
  const proxy = () => ({ materialId: 'proxy', source: 'upload', fileId });

  it('every question answered with one of its options; unknown questions and options refused; nothing written', async () => {
    const before = await countRows(t);
    const unanswered = await citizen.post('/api/v1/cases', sitBody({ who: 'self' }, [m1()]));
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'situationAnswers.cert', message: '请回答「是否持有残疾人证」' }] });
    const none = await citizen.post('/api/v1/cases', sitBody({}, [m1()]));
    expect(none.json().error.details.map((d: { field: string }) => d.field)).toEqual(['situationAnswers.who', 'situationAnswers.cert']);
    const badOption = await citizen.post('/api/v1/cases', sitBody({ who: 'neighbour', cert: 'yes' }, [m1()]));
    expect(badOption.json().error.details).toEqual([{ field: 'situationAnswers.who', message: '「由谁申请」的选项不正确' }]);
    const unknown = await citizen.post('/api/v1/cases', sitBody({ who: 'self', cert: 'yes', income: 'low' }, [m1()]));
    expect(unknown.json().error.details).toEqual([{ field: 'situationAnswers.income', message: '本事项没有这个情形问题' }]);
    // an item without situations takes no answers
    const onTownItem = await citizen.post('/api/v1/cases', onlineBody(fileId, { situationAnswers: { who: 'self' } }));
    expect(onTownItem.json().error.details).toEqual([{ field: 'situationAnswers.who', message: '本事项没有这个情形问题' }]);
    expect(await countRows(t)).toEqual(before);
  });

  it('an answer that selects a conditional material makes it required', async () => {
    const before = await countRows(t);
    const missing = await citizen.post('/api/v1/cases', sitBody({ who: 'agent', cert: 'yes' }, [m1()]));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'MATERIALS_MISSING', message: '缺少必要材料：授权委托书', details: [{ field: 'materials', materialId: 'proxy' }] });
    expect(await countRows(t)).toEqual(before);
    const withProxy = await submitOk(citizen, sitBody({ who: 'agent', cert: 'no' }, [m1(), proxy()]));
    const detail = (await citizen.get(`/api/v1/cases/${withProxy.id}`)).json();
    expect(detail.situationAnswers).toEqual({ who: 'agent', cert: 'no' });
    expect(detail.materials.map((m: { materialId: string }) => m.materialId)).toEqual(['m1', 'proxy']);
    // not selected: the conditional material is not required
    const self = await submitOk(citizen, sitBody({ who: 'self', cert: 'yes' }, [m1()]));
    expect((await citizen.get(`/api/v1/cases/${self.id}`)).json().situationAnswers).toEqual({ who: 'self', cert: 'yes' });
    // an unconditional required material is still required whatever the answers
    const noM1 = await citizen.post('/api/v1/cases', sitBody({ who: 'agent', cert: 'yes' }, [proxy()]));
    expect(noM1.json().error).toMatchObject({ code: 'MATERIALS_MISSING', message: '缺少必要材料：申请书' });
  });
});

describe('即办件 decided at the window (decidedBy: window_clerk)', () => {
  it('normally a window clerk cannot approve', async () => {
    const { id } = await submitOk(clerk, windowBody());
    await actOk(clerk, id, 'accept');
    const detail = (await clerk.get(`/api/v1/cases/${id}`)).json();
    expect(detail.allowedActions).not.toContain('approve');
    const res = await act(clerk, id, 'approve');
    expect(res.statusCode).toBe(403);
    expect((await approver.get(`/api/v1/cases/${id}`)).json().allowedActions).toContain('approve');
  });

  it('with the item’s form settings saying window_clerk, the clerk approves on the spot; online applications skip 预审 when preReviewOnline is off', async () => {
    const saved = await putForm(city, INSTANT_ITEM, settingsBody([], 0, { decidedBy: 'window_clerk', preReviewOnline: false }));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ decidedBy: 'window_clerk', preReviewOnline: false, version: 1 });
    const { id } = await submitOk(clerk, windowBody({ itemCode: INSTANT_ITEM, materials: [] }));
    await actOk(clerk, id, 'accept');
    expect((await clerk.get(`/api/v1/cases/${id}`)).json().allowedActions).toContain('approve');
    await actOk(clerk, id, 'approve');
    const done = await actOk(clerk, id, 'approve', { resultNote: '当场办结' });
    expect(done).toMatchObject({ status: 'approved', result: 'approved', resultNote: '当场办结' });
    expect(done.workflow).toMatchObject({ decidedBy: 'window_clerk', preReviewOnline: false });
    // preReviewOnline off: an online application goes straight to 待受理
    const online = await submitOk(citizen, onlineBody(fileId, { itemCode: INSTANT_ITEM, materials: [] }));
    expect(online.status).toBe('pending_acceptance');
  });
});

// ───────────────────────── 邮寄送达 ─────────────────────────

describe('邮寄 delivery', () => {
  it('post needs a delivery address at submission; the detail shows it', async () => {
    const before = await countRows(t);
    const noAddress = await citizen.post('/api/v1/cases', onlineBody(fileId, { deliveryMethod: 'post' }));
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().error.details).toEqual([{ field: 'deliveryAddress', message: '选择邮寄送达请填写收件地址' }]);
    expect((await citizen.post('/api/v1/cases', onlineBody(fileId, { deliveryMethod: 'post', deliveryAddress: '   ' }))).statusCode).toBe(400);
    expect(await countRows(t)).toEqual(before);
    const pickup = await submitOk(citizen, onlineBody(fileId, { deliveryMethod: 'pickup', deliveryAddress: '不会被使用的地址' }));
    expect((await citizen.get(`/api/v1/cases/${pickup.id}`)).json()).toMatchObject({ deliveryMethod: 'pickup', deliveryAddress: null });
  });

  it('deliver by post needs a tracking number; the detail shows address and number', async () => {
    const { id } = await submitOk(clerk, windowBody({ deliveryMethod: 'post', deliveryAddress: '邹城市钢山街道幸福路 8 号' }));
    expect((await clerk.get(`/api/v1/cases/${id}`)).json()).toMatchObject({ deliveryMethod: 'post', deliveryAddress: '邹城市钢山街道幸福路 8 号', deliveryTrackingNo: null });
    await actOk(clerk, id, 'accept');
    await actOk(approver, id, 'approve');
    await actOk(approver, id, 'approve');
    const noTracking = await act(clerk, id, 'deliver', { method: 'post' });
    expect(noTracking.statusCode).toBe(400);
    expect(noTracking.json().error.details).toEqual([{ field: 'trackingNo', message: '邮寄送达请填写邮件单号' }]);
    expect((await act(clerk, id, 'deliver', { method: 'post', trackingNo: '中国邮政' })).statusCode).toBe(400);
    const done = await actOk(clerk, id, 'deliver', { method: 'post', trackingNo: 'EMS1234567890' });
    expect(done).toMatchObject({ status: 'delivered', deliveryMethod: 'post', deliveryTrackingNo: 'EMS1234567890', deliveryAddress: '邹城市钢山街道幸福路 8 号' });
    expect(done.events.at(-1)).toMatchObject({ action: 'deliver', details: { method: 'post', trackingNo: 'EMS1234567890' } });
  });

  it('posting a case that chose pickup needs an address at delivery', async () => {
    const { id } = await submitOk(clerk, windowBody());
    await actOk(clerk, id, 'accept');
    await actOk(approver, id, 'approve');
    await actOk(approver, id, 'approve');
    const noAddress = await act(clerk, id, 'deliver', { method: 'post', trackingNo: 'EMS1234567890' });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().error.details).toEqual([{ field: 'address', message: '邮寄送达请填写收件地址' }]);
    const done = await actOk(clerk, id, 'deliver', { method: 'post', trackingNo: 'EMS1234567890', address: '邹城市千泉街道平阳路 1 号' });
    expect(done).toMatchObject({ deliveryAddress: '邹城市千泉街道平阳路 1 号', deliveryTrackingNo: 'EMS1234567890' });
  });
});

// ───────────────────────── 电子证照 ─────────────────────────

describe('licence link (电子证照)', () => {
  const m1 = () => ({ materialId: 'm1', source: 'upload', fileId });
  const licence = { materialId: 'm2', source: 'licence' };
  const ctxOf = (actor: CitizenActor): RequestContext => ({ actor, ip: null, channel: 'pc' });
  /** 李建国 holds a 居民身份证 licence; nobody else holds anything. */
  const fake = (): LicenceLookup & { calls: string[] } => {
    const calls: string[] = [];
    return {
      calls,
      find: async (idNumber, type) => {
        calls.push(type);
        return idNumber === LI.idNumber && type === '居民身份证' ? { ref: 'DZZZ-370883-0001' } : null;
      },
      useWrite: () => null,
    };
  };
  const actor = async (p: { phone: string; name: string }): Promise<CitizenActor> => ({ kind: 'citizen', id: await citizenId(p.phone), name: p.name, sessionId: 'test' });

  it('GET /cases/licence-matches: with no licence source nothing is available (citizens only)', async () => {
    const res = await citizen.get(`/api/v1/cases/licence-matches?item=${TOWN_ITEM}&region=${GANGSHAN}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ items: [{ materialId: 'm2', licenceType: '居民身份证', available: false }] });
    expect((await clerk.get(`/api/v1/cases/licence-matches?item=${TOWN_ITEM}&region=${GANGSHAN}`)).statusCode).toBe(403);
    expect((await anon.get(`/api/v1/cases/licence-matches?item=${TOWN_ITEM}&region=${GANGSHAN}`)).statusCode).toBe(401);
    expect((await citizen.get(`/api/v1/cases/licence-matches?item=${TOWN_ITEM}`)).statusCode).toBe(400);
    expect((await citizen.get(`/api/v1/cases/licence-matches?item=123&region=${GANGSHAN}`)).statusCode).toBe(400);
    expect((await citizen.get(`/api/v1/cases/licence-matches?item=${TOWN_ITEM}&region=${MENGZHUANG}`)).statusCode).toBe(404);
    // an item without licence-linked materials lists nothing
    expect((await citizen.get(`/api/v1/cases/licence-matches?item=${INSTANT_ITEM}&region=${GANGSHAN}`)).json()).toEqual({ items: [] });
  });

  it('with no licence source a licence material is refused with a clear message, nothing written', async () => {
    const before = await countRows(t);
    const res = await citizen.post('/api/v1/cases', onlineBody(fileId, { materials: [m1(), licence] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'materials.1.source', message: '未在证照库中找到申请人的「居民身份证」，请上传材料' }]);
    // a material without a licence type cannot come from a licence at all
    const notLinked = await citizen.post('/api/v1/cases', onlineBody(fileId, { materials: [{ materialId: 'm1', source: 'licence' }, { materialId: 'm2', source: 'upload', fileId }] }));
    expect(notLinked.json().error.details).toEqual([{ field: 'materials.0.source', message: '「申请书」未关联电子证照，请上传材料' }]);
    expect(await countRows(t)).toEqual(before);
  });

  it('with a licence source: matches show it, the material is satisfied and the case records the licence ref', async () => {
    const lookup = fake();
    const service = caseServiceWith(t, { licences: lookup });
    const li = await actor(LI);
    expect(await service.licenceMatches(li, TOWN_ITEM, GANGSHAN)).toEqual({ items: [{ materialId: 'm2', licenceType: '居民身份证', available: true }] });
    expect(await service.licenceMatches(await actor(ZHANG), TOWN_ITEM, GANGSHAN)).toEqual({ items: [{ materialId: 'm2', licenceType: '居民身份证', available: false }] });
    const { created, result } = await service.submit(ctxOf(li), li, submitBody.parse(onlineBody(fileId, { materials: [m1(), licence] })));
    expect(created).toBe(true);
    const row = await db().selectFrom('case_materials').selectAll().where('case_id', '=', result.id).where('material_id', '=', 'm2').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'licence', licence_ref: 'DZZZ-370883-0001', file_id: null });
    const detail = (await citizen.get(`/api/v1/cases/${result.id}`)).json();
    expect(detail.materials.find((m: { materialId: string }) => m.materialId === 'm2')).toMatchObject({ source: 'licence', licenceRef: 'DZZZ-370883-0001', fileId: null });
  });

  it('a citizen without the licence is refused; nor can a citizen name someone else as applicant to use their licence', async () => {
    const service = caseServiceWith(t, { licences: fake() });
    const zhang = await actor(ZHANG);
    const before = await countRows(t);
    await expect(service.submit(ctxOf(zhang), zhang, submitBody.parse(onlineBody(otherFileId, { materials: [{ materialId: 'm1', source: 'upload', fileId: otherFileId }, licence] }))))
      .rejects.toMatchObject({ status: 400, details: [{ field: 'materials.1.source', message: '未在证照库中找到申请人的「居民身份证」，请上传材料' }] });
    const asLi = onlineBody(otherFileId, {
      applicant: { name: LI.name, idNumber: LI.idNumber, phone: ZHANG.phone },
      materials: [{ materialId: 'm1', source: 'upload', fileId: otherFileId }, licence],
    });
    // Naming someone else as the applicant is refused before any licence is looked up (issue 10: a citizen applies as themselves).
    await expect(service.submit(ctxOf(zhang), zhang, submitBody.parse(asLi))).rejects.toMatchObject({ status: 403, code: 'APPLICANT_NOT_SELF' });
    expect(await countRows(t)).toEqual(before);
  });
});

// ───────────────────────── 历史数据自动填充 ─────────────────────────

describe('GET /items/:code/prefill', () => {
  it('profile sources (name, ID number, phone) for a citizen, labelled', async () => {
    const fresh = await new TestClient(t.app).loginCitizen('13800000003');
    const res = await fresh.get(`/api/v1/items/${VILLAGE_ITEM}/prefill`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      values: { applicantName: '王桂兰', idNo: '370883194811204522', contactPhone: '13800000003' },
      sources: {
        applicantName: { kind: 'profile', label: '取自个人资料' },
        idNo: { kind: 'profile', label: '取自个人资料' },
        contactPhone: { kind: 'profile', label: '取自个人资料' },
      },
    });
    // an item whose fields fill from nowhere, and an item without a form
    expect((await fresh.get(`/api/v1/items/${TOWN_ITEM}/prefill`)).json()).toEqual({ values: {}, sources: {} });
    expect((await fresh.get(`/api/v1/items/${INSTANT_ITEM}/prefill`)).json()).toEqual({ values: {}, sources: {} });
  });

  it('previous answers come from the citizen’s latest case, labelled with its number; attachments never; other citizens’ never', async () => {
    const first = await submitOk(citizen, villageBody(fileId, richAnswers({ bankNo: '6228480011111111' })));
    t.clock.advanceMinutes(5);
    const evidence = await uploadId(t, citizen);
    const latest = await submitOk(citizen, villageBody(fileId, richAnswers({ bankNo: '6228480022222222', evidence: [evidence] })));
    t.clock.advanceMinutes(5);
    // another citizen's newer case with other answers
    await submitOk(other, villageBody(otherFileId, richAnswers({ applicantName: ZHANG.name, idNo: ZHANG.idNumber, contactPhone: ZHANG.phone, bankNo: '6228480099999999', home: { ...HOME, detail: '别人家 1 号' } })));
    const res = await citizen.get(`/api/v1/items/${VILLAGE_ITEM}/prefill`);
    expect(res.statusCode, res.body).toBe(200);
    const { values, sources } = res.json();
    expect(values).toEqual({
      applicantName: LI.name, idNo: LI.idNumber, contactPhone: LI.phone,
      home: HOME, members: [{ name: '李小红', idNumber: MEMBER_ID }], bankNo: '6228480022222222',
    });
    expect(values).not.toHaveProperty('evidence');
    expect(sources.bankNo).toMatchObject({ kind: 'previous', caseNo: latest.caseNo });
    expect(sources.bankNo.label).toBe(`取自 2026-11-27 的申请（办件编号 ${latest.caseNo}）`);
    expect(sources.home.caseNo).toBe(latest.caseNo);
    expect(first.caseNo).not.toBe(latest.caseNo);
    // a field of the same name in another item's application counts as well (以往申请中同名字段)
    expect(JSON.stringify(values)).not.toContain('别人家');
    expect(JSON.stringify(values)).not.toContain('6228480099999999');
  });

  it('a table of people that includes the applicant (a 关系 column offering 本人) starts with the applicant: name, 本人, ID number', async () => {
    const version = (await formRow(SIT_ITEM))?.version ?? 0;
    const members: FormFieldInput = {
      key: 'members', label: '共同生活的家庭成员', type: 'table', help: '包括申请人本人',
      columns: [
        { key: 'name', label: '姓名', type: 'text', required: true },
        { key: 'relation', label: '与申请人关系', type: 'choice', required: true, options: [{ value: 'self', label: '本人' }, { value: 'child', label: '子女' }] },
        { key: 'idNumber', label: '身份证号', type: 'id_number', required: true },
      ],
    };
    const saved = await putForm(city, SIT_ITEM, settingsBody([members], version));
    expect(saved.statusCode, saved.body).toBe(200);
    const fresh = await new TestClient(t.app).loginCitizen('13800000003');
    expect((await fresh.get(`/api/v1/items/${SIT_ITEM}/prefill`)).json()).toEqual({
      values: { members: [{ name: '王桂兰', relation: 'self', idNumber: '370883194811204522' }] },
      sources: { members: { kind: 'profile', label: '取自实名信息，第 1 位家庭成员是您本人' } },
    });
  });

  it('staff and visitors get no prefill; an unknown item is 404', async () => {
    expect((await clerk.get(`/api/v1/items/${VILLAGE_ITEM}/prefill`)).statusCode).toBe(403);
    expect((await anon.get(`/api/v1/items/${VILLAGE_ITEM}/prefill`)).statusCode).toBe(401);
    expect((await citizen.get('/api/v1/items/37200009900001/prefill')).statusCode).toBe(404);
    expect((await citizen.get('/api/v1/items/x/prefill')).statusCode).toBe(400);
  });

  it('the date in the label is the China date of the case (as in its number)', async () => {
    setClock(t, '2026-11-27T17:30:00.000Z'); // 01:30 on 28 November in China
    const me = await new TestClient(t.app).loginCitizen(LI.phone);
    const { caseNo } = await submitOk(me, villageBody(fileId, richAnswers({ bankNo: '6228480033333333' })));
    expect(caseNo.slice(12, 20)).toBe('20261128');
    const { sources } = (await me.get(`/api/v1/items/${VILLAGE_ITEM}/prefill`)).json();
    expect(sources.bankNo.label).toBe(`取自 2026-11-28 的申请（办件编号 ${caseNo}）`);
  });
});

// ───────────────────────── format rules (ReDoS) ─────────────────────────

/** Well above a request on a busy machine, far below what a backtracking engine needs (≥ 10 s). */
const LINEAR_TIME_BOUND_MS = 2000;

describe('format rules: linear-time matching on the server (ReDoS)', () => {
  /** Rules a backtracking RegExp needs exponential time for on an answer that almost matches. */
  const RULE_FIELDS: FormFieldInput[] = [
    { key: 'licenceNo', label: '证照编号', type: 'text', pattern: { regex: '(\\w|\\d)+$', message: '证照编号只能由字母和数字组成' } },
    { key: 'serial', label: '序列号', type: 'text', pattern: { regex: '(a|a)*b', message: '序列号格式不对' } },
  ];
  async function timedPost(client: TestClient, url: string, body: unknown) {
    const start = performance.now();
    const res = await client.post(url, body);
    return { res, ms: performance.now() - start };
  }
  // fresh staff sessions: the tests above moved the clock past the staff idle limit (citizens' last 7 days)
  let designer: TestClient;
  let windowClerk: TestClient;
  beforeAll(async () => {
    designer = await new TestClient(t.app).loginStaff('admin');
    windowClerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  });
  const saveRules = async (fields: FormFieldInput[]) => {
    const current = (await anon.get(`/api/v1/items/${VILLAGE_ITEM}/form`)).json();
    return putForm(designer, VILLAGE_ITEM, settingsBody(fields, current.version));
  };
  afterAll(async () => {
    expect((await saveRules(RICH_FIELDS)).statusCode).toBe(200);
  });

  it('the designer refuses backreferences and lookaround with a Chinese message at the field: 400, nothing written', async () => {
    const before = { row: await formRow(VILLAGE_ITEM), audit: await count('audit_log') };
    const res = await saveRules([
      ...RICH_FIELDS,
      { key: 'same', label: '重复字', type: 'text', pattern: { regex: '(\\d)\\1', message: '格式' } },
      { key: 'strong', label: '口令', type: 'text', pattern: { regex: '(?=.*\\d)(?=.*[a-z]).{8,}', message: '格式' } },
      { key: 'after', label: '后缀', type: 'text', pattern: { regex: '(?<=A)\\d+', message: '格式' } },
    ]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const n = RICH_FIELDS.length;
    expect(res.json().error.details).toEqual([
      { field: `definition.fields.${n}.pattern`, message: '格式规则不支持反向引用（如 \\1、\\k<名称>）' },
      { field: `definition.fields.${n + 1}.pattern`, message: '格式规则不支持前后查找（如 (?=…)、(?!…)、(?<=…)、(?<!…)）' },
      { field: `definition.fields.${n + 2}.pattern`, message: '格式规则不支持前后查找（如 (?=…)、(?!…)、(?<=…)、(?<!…)）' },
    ]);
    expect({ row: await formRow(VILLAGE_ITEM), audit: await count('audit_log') }).toEqual(before);
  });

  it('(\\w|\\d)+$ and (a|a)*b are saved; adversarial answers to them are refused at once (not after seconds)', async () => {
    const saved = await saveRules([...RICH_FIELDS, ...RULE_FIELDS]);
    expect(saved.statusCode, saved.body).toBe(200);
    // A backtracking RegExp takes ~10 s on the first answer and longer than anyone waits on the
    // others; RE2 answers in milliseconds. The bound is far from both, so a busy machine cannot
    // make it fail and a backtracking engine cannot pass it.
    for (const [licenceNo, serial] of [[`${'1'.repeat(28)}!`, 'a'.repeat(28)], [`${'1'.repeat(199)}!`, 'a'.repeat(200)]]) {
      const { res, ms } = await timedPost(citizen, '/api/v1/cases', villageBody(fileId, richAnswers({ licenceNo, serial })));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details).toEqual([
        { field: 'formData.licenceNo', message: '「证照编号」证照编号只能由字母和数字组成' },
        { field: 'formData.serial', message: '「序列号」序列号格式不对' },
      ]);
      expect(ms, `answers of ${licenceNo.length} characters`).toBeLessThan(LINEAR_TIME_BOUND_MS);
    }
  });

  it('resubmission (补正) checks merged answers against the case’s own definition on RE2 too', async () => {
    const { id } = await submitOk(citizen, villageBody(fileId, richAnswers({ licenceNo: 'ABC123', serial: 'aab' })));
    await actOk(windowClerk, id, 'request-correction', { items: [{ field: 'licenceNo', reason: '证照编号有误' }] });
    for (const licenceNo of [`${'1'.repeat(28)}!`, `${'1'.repeat(199)}!`]) {
      const start = performance.now();
      const res = await act(citizen, id, 'resubmit', { formData: { licenceNo } });
      const ms = performance.now() - start;
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details).toEqual([{ field: 'formData.licenceNo', message: '「证照编号」证照编号只能由字母和数字组成' }]);
      expect(ms, `an answer of ${licenceNo.length} characters`).toBeLessThan(LINEAR_TIME_BOUND_MS);
    }
    expect((await act(citizen, id, 'resubmit', { formData: { licenceNo: 'ABC124' } })).statusCode).toBe(200);
  });
});
