/**
 * 受理条件校验 (issue 12 §4: "a 70-year-old was accepted for 高龄津贴 (80+)"): the form designer
 * states simple eligibility rules — the applicant's age from the ID number, residence within the
 * handling place (an address field's region) — and they warn, never refuse: window intake and an
 * online application answer with the warnings and the case keeps them; a valid applicant has none;
 * accepting a case with warnings asks for the reason; a 补正 checks again; the designer refuses a
 * residence rule that names anything but an address field. Test clock: 2026-11-27.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { act, actOk, GANGSHAN, INSTANT_ITEM, QIANQUAN, seedCaseCatalog, submitOk } from './fixtures.js';

/** 张秀英 (the demo citizen 13800000001): born 1956-03-12, 70 on the test day. */
const SEVENTY = '370883195603124223';
/** born 1941-06-18: 85. */
const EIGHTY_FIVE = '370883194106180422';
const AGE_MESSAGE = '申请人须年满 80 周岁（按身份证号码计算，现年 70 周岁）';

let t: TestApp;
let admin: TestClient, clerk: TestClient, citizen: TestClient;

const fields = [
  { key: 'address', label: '现居住地址', type: 'address', required: true },
  { key: 'contactPhone', label: '联系电话', type: 'phone' },
];
const settings = (eligibility: unknown[], version = 0) => ({ definition: { fields, eligibility }, preReviewOnline: false, decidedBy: 'approver', version });
const home = (regionCode: string, regionName = '') => ({ regionCode, regionName, detail: '建设路 18 号' });
const intake = (idNumber: string, address = home(`${GANGSHAN}004`), over: Record<string, unknown> = {}) => ({
  itemCode: INSTANT_ITEM, regionCode: GANGSHAN, intakeChannel: 'window', declaration: true, materials: [],
  applicant: { name: '孟繁英', idNumber, phone: '13905378806' }, formData: { address }, ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  await seedCaseCatalog(t);
  admin = await new TestClient(t.app).loginStaff('admin');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  citizen = await new TestClient(t.app).loginCitizen('13800000001');
});
afterAll(async () => {
  await t.close();
});

describe('the form designer', () => {
  it('refuses a residence rule naming a field that is not an address field (or none of the form), and an age rule without bounds', async () => {
    const put = (eligibility: unknown[]) => admin.put(`/api/v1/admin/item-forms/${INSTANT_ITEM}`, settings(eligibility));
    const phone = await put([{ kind: 'residence', field: 'contactPhone' }]);
    expect(phone.statusCode, phone.body).toBe(400);
    expect(phone.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'definition.eligibility.0.field', message: '居住地条件只能引用「地址（含区划）」字段，「联系电话」是手机号码' }],
    });
    expect((await put([{ kind: 'residence', field: 'nowhere' }])).json().error.details).toEqual([{ field: 'definition.eligibility.0.field', message: '居住地条件引用的字段「nowhere」不在本表单中' }]);
    expect((await put([{ kind: 'age' }])).json().error.details).toEqual([{ field: 'definition.eligibility.0.min', message: '请填写最小周岁或最大周岁（至少一项）' }]);
    expect((await put([{ kind: 'income', min: 1 }])).statusCode).toBe(400);
    // nothing was saved
    expect((await admin.get(`/api/v1/items/${INSTANT_ITEM}/form`)).json()).toMatchObject({ configured: false, definition: { eligibility: [] } });
  });

  it('saves 年龄 ≥ 80 and 居住地 on the address field; the form carries them to the apply page and the window', async () => {
    const res = await admin.put(`/api/v1/admin/item-forms/${INSTANT_ITEM}`, settings([{ kind: 'age', min: 80 }, { kind: 'residence', field: 'address' }]));
    expect(res.statusCode, res.body).toBe(200);
    const audit = await t.deps.dbh.db.selectFrom('audit_log').select('summary').where('action', '=', 'item_form.save').where('entity_id', '=', INSTANT_ITEM).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.summary)).toMatchObject({ eligibility: [{ kind: 'age', min: 80, max: null }, { kind: 'residence', field: 'address' }] });
    const form = (await new TestClient(t.app).get(`/api/v1/items/${INSTANT_ITEM}/form`)).json();
    expect(form.definition.eligibility).toEqual([
      { kind: 'age', min: 80, max: null, message: '' },
      { kind: 'residence', field: 'address', message: '' },
    ]);
  });
});

describe('window intake', () => {
  it('takes in a 70-year-old for the 80+ item all the same, answering and keeping why', async () => {
    const res = await clerk.post('/api/v1/cases', intake(SEVENTY));
    expect(res.statusCode, res.body).toBe(201);
    const { id, eligibilityWarnings } = res.json();
    expect(eligibilityWarnings).toEqual([{ rule: 0, kind: 'age', status: 'fails', message: AGE_MESSAGE }]);
    expect((await clerk.get(`/api/v1/cases/${id}`)).json().eligibilityWarnings).toEqual(eligibilityWarnings);
    const row = await t.deps.dbh.db.selectFrom('cases').select('eligibility_warnings').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.eligibility_warnings)).toEqual(eligibilityWarnings);
  });

  it('has nothing to say of an 85-year-old living in the town, who is accepted without a reason', async () => {
    const { id, eligibilityWarnings } = (await clerk.post('/api/v1/cases', intake(EIGHTY_FIVE))).json();
    expect(eligibilityWarnings).toEqual([]);
    expect((await clerk.get(`/api/v1/cases/${id}`)).json().eligibilityWarnings).toEqual([]);
    await actOk(clerk, id, 'accept', {});
  });

  it('warns of an address in another town, named from the region tree', async () => {
    const { eligibilityWarnings } = (await clerk.post('/api/v1/cases', intake(EIGHTY_FIVE, home(QIANQUAN, '随便写的名字')))).json();
    expect(eligibilityWarnings).toEqual([{ rule: 1, kind: 'residence', status: 'fails', message: '申请人须居住在钢山街道（「现居住地址」所选为千泉街道）' }]);
  });

  it('accepting a case with warnings needs the reason; with it, the event records what was overridden', async () => {
    const { id } = await submitOk(clerk, intake(SEVENTY));
    const bare = await act(clerk, id, 'accept', { opinion: '  ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error).toMatchObject({
      code: 'ELIGIBILITY_REASON_REQUIRED',
      details: [{ field: 'opinion', message: `可能不符合受理条件：${AGE_MESSAGE}。如仍受理，请在意见中说明理由（如已核对户口簿）` }],
    });
    const accepted = await actOk(clerk, id, 'accept', { opinion: '户口簿出生日期为 1946 年，身份证登记有误，已核对原件' });
    expect(accepted.status).toBe('accepted');
    expect(accepted.events.at(-1)).toMatchObject({ action: 'accept', opinion: '户口簿出生日期为 1946 年，身份证登记有误，已核对原件', details: { eligibilityWarnings: [AGE_MESSAGE] } });
  });
});

describe('online application', () => {
  it('submits all the same, answering with the warnings; a retry with the same key answers the same', async () => {
    const body = { itemCode: INSTANT_ITEM, regionCode: GANGSHAN, declaration: true, materials: [], formData: { address: home(QIANQUAN) } };
    const res = await citizen.request('POST', '/api/v1/cases', body, { 'idempotency-key': 'eligibility-online-1' });
    expect(res.statusCode, res.body).toBe(201);
    const first = res.json();
    expect(first.eligibilityWarnings).toEqual([
      { rule: 0, kind: 'age', status: 'fails', message: AGE_MESSAGE },
      { rule: 1, kind: 'residence', status: 'fails', message: '申请人须居住在钢山街道（「现居住地址」所选为千泉街道）' },
    ]);
    const again = await citizen.request('POST', '/api/v1/cases', body, { 'idempotency-key': 'eligibility-online-1' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
    expect((await clerk.get(`/api/v1/cases/${first.id}`)).json().eligibilityWarnings).toEqual(first.eligibilityWarnings);
  });

  it('a 补正 checks again: the corrected address drops its warning, the age stays', async () => {
    const { id } = await submitOk(citizen, { itemCode: INSTANT_ITEM, regionCode: GANGSHAN, declaration: true, materials: [], formData: { address: home(QIANQUAN) } });
    await actOk(clerk, id, 'request-correction', { items: [{ field: 'address', reason: '请填写在钢山街道的现居住地址' }] });
    const resubmitted = await actOk(citizen, id, 'resubmit', { formData: { address: home(`${GANGSHAN}004`) } });
    expect(resubmitted.eligibilityWarnings).toEqual([{ rule: 0, kind: 'age', status: 'fails', message: AGE_MESSAGE }]);
  });
});

describe('cases from before the rules', () => {
  it('read with no warnings, and a stored definition without the list', async () => {
    const { id } = await submitOk(clerk, intake(EIGHTY_FIVE));
    // as the case would have stored it before: the definition as then saved (fields with every default), no list
    const row = await t.deps.dbh.db.selectFrom('cases').select('form_definition').where('id', '=', id).executeTakeFirstOrThrow();
    const { eligibility: _gone, ...before } = JSON.parse(row.form_definition) as { eligibility: unknown; fields: unknown[] };
    await t.deps.dbh.db.updateTable('cases').set({ form_definition: JSON.stringify(before), eligibility_warnings: '[]' }).where('id', '=', id).execute();
    const res = await clerk.get(`/api/v1/cases/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ eligibilityWarnings: [], formDefinition: { eligibility: [] } });
    await actOk(clerk, id, 'accept', {});
  });
});
