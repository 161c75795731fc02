/** Test support for cases: a small published catalog, uploads, and ready-made submissions. */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { makeItem, seedTestCatalog } from '../catalog/fixtures.js';
import { seedDemoHelpers } from '../helpers/index.js';
import { seedDemoAssistedCase } from '../../seed/assisted-case.js';
import { seedDemoCases } from '../../seed/cases.js';
import { formDefinitionSchema } from '../../../shared/forms.js';
import type { CatalogItem } from '../../../shared/catalog-item.js';

/** 城乡居民最低生活保障（新办）: 20 working days; m1 申请书 required, m2 居民身份证 (licence-linked) required. */
export const TOWN_ITEM = '37200000100001';
/** 高龄津贴（申领）: 即办 (0 days), one optional material: for quick cases. */
export const INSTANT_ITEM = '37200000200001';
/** A village item: 孟庄社区 collects, 钢山街道 decides (村受理、镇办结). */
export const VILLAGE_ITEM = '37200000300001';
export const GANGSHAN = '370883001';
export const QIANQUAN = '370883002';
export const MENGZHUANG = '370883001004';

/**
 * The case tests' catalog: the town items (TOWN_ITEM, INSTANT_ITEM) offered in 钢山街道 and 千泉街道,
 * the village item in 孟庄社区, and the town item's application form. A region has one town catalog,
 * so a test that needs more town items or regions adds them here (`more`) rather than beside it.
 */
export async function seedCaseCatalog(t: TestApp, more: { townItems?: CatalogItem[]; townRegions?: string[] } = {}): Promise<void> {
  await seedTestCatalog(t.deps, 'town', [
    makeItem({ baseCode: '372000001000', handlingSeq: '01' }),
    makeItem({
      baseCode: '372000002000', handlingSeq: '01', name: '高龄津贴', handlingName: '申领', promisedLimit: { value: 0, unit: 'instant' }, caseType: '1',
      materials: [{ id: 'bank', name: '本人银行账户信息', necessity: 'optional', kind: 'copy', form: 'paper', source: 'applicant' }],
    }),
    ...(more.townItems ?? []),
  ], [GANGSHAN, QIANQUAN, ...(more.townRegions ?? [])]);
  await seedTestCatalog(t.deps, 'village', [
    makeItem({ baseCode: '372000003000', handlingSeq: '01', name: '老年人优待证办理', handlingName: '新办', exerciseLevel: '6', implementingBody: '{village}', promisedLimit: { value: 5, unit: 'workday' } }),
  ], [MENGZHUANG]);
  // The town item's application form: two fields, one of them required.
  await t.deps.dbh.db.insertInto('item_forms').values({
    item_code: TOWN_ITEM, item_name: '城乡居民最低生活保障（新办）', version: 1, pre_review_online: 1, decided_by: 'approver', updated_at: t.clock.now().toISOString(), updated_by: null,
    definition: JSON.stringify(formDefinitionSchema.parse({
      fields: [
        { key: 'familySize', label: '家庭人口', type: 'number', required: true, min: 1, max: 20 },
        { key: 'reason', label: '申请理由', type: 'textarea' },
      ],
    })),
  }).execute();
}

function multipart(fileName: string, data: Buffer) {
  const boundary = '----bianminCaseBoundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function upload(t: TestApp, client: TestClient, fileName: string, data: Buffer = PDF): Promise<LightMyRequestResponse> {
  const { body, contentType } = multipart(fileName, data);
  const cookies = client['cookies'] as Map<string, string>;
  return t.app.inject({
    method: 'POST', url: '/api/v1/cases/uploads', payload: body,
    headers: { 'content-type': contentType, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.get('bm_csrf') ?? '' },
  });
}

export async function uploadId(t: TestApp, client: TestClient): Promise<string> {
  const res = await upload(t, client, '材料.pdf');
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/**
 * The people the case API tests act as, signed in: a citizen (李建国) with one upload of theirs
 * (`fileId`), another citizen, 钢山街道's clerk, approver and town admin, 千泉街道's clerk, 孟庄社区's
 * helper and the city admin.
 */
export async function signInCast(t: TestApp) {
  const staff = (username: string) => new TestClient(t.app).loginStaff(username);
  const citizen = await new TestClient(t.app).loginCitizen('13800000002');
  return {
    citizen,
    other: await new TestClient(t.app).loginCitizen('13800000001'),
    clerk: await staff('gangshan.clerk'),
    qianquan: await staff('qianquan.clerk'),
    approver: await staff('gangshan.approver'),
    helper: await staff('mengzhuang.helper'),
    townAdmin: await staff('gangshan.admin'),
    city: await staff('admin'),
    fileId: await uploadId(t, citizen),
  };
}

/** Answers to the town item's form; the other test items have none. */
const formFor = (over: Record<string, unknown>, answers: Record<string, unknown>) => ((over.itemCode ?? TOWN_ITEM) === TOWN_ITEM ? answers : {});

/** A citizen's online application for the town item (both materials uploaded). */
export const onlineBody = (fileId: string, over: Record<string, unknown> = {}) => ({
  itemCode: TOWN_ITEM,
  regionCode: GANGSHAN,
  materials: [{ materialId: 'm1', source: 'upload', fileId }, { materialId: 'm2', source: 'upload', fileId }],
  formData: formFor(over, { familySize: 3, reason: '因病致贫' }),
  declaration: true,
  ...over,
});

/** Window intake for a walk-in (paper materials, originals checked). */
export const windowBody = (over: Record<string, unknown> = {}) => ({
  itemCode: TOWN_ITEM,
  regionCode: GANGSHAN,
  applicant: { name: '王桂兰', idNumber: '370883194811204522', phone: '13800000003', address: '邹城市钢山街道孟庄社区' },
  materials: [{ materialId: 'm1', source: 'paper', checkedOriginal: true, copies: 1 }, { materialId: 'm2', source: 'paper', checkedOriginal: true, copies: 1 }],
  formData: formFor(over, { familySize: 1 }),
  declaration: true,
  ...over,
});

export async function submitOk(client: TestClient, body: unknown, key?: string): Promise<{ id: string; caseNo: string; status: string }> {
  const res = await client.request('POST', '/api/v1/cases', body, key ? { 'idempotency-key': key } : {});
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function act(client: TestClient, id: string, action: string, body: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
  return client.post(`/api/v1/cases/${id}/actions/${action}`, body);
}

export async function actOk(client: TestClient, id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await act(client, id, action, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

/** Moves the test clock to an instant (forwards or backwards). */
export function setClock(t: TestApp, instant: string): void {
  t.clock.advanceMinutes((Date.parse(instant) - t.clock.now().getTime()) / 60_000);
}

export async function countRows(t: TestApp) {
  const db = t.deps.dbh.db;
  const n = async (table: 'cases' | 'case_events' | 'case_materials' | 'case_idempotency' | 'audit_log' | 'case_sequences') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { cases: await n('cases'), events: await n('case_events'), materials: await n('case_materials'), idem: await n('case_idempotency'), audit: await n('audit_log'), seq: await n('case_sequences') };
}

/**
 * A test app with the cases catalog and these staff signed in, in order. They sign in at the test
 * clock's start (2026-11-27), so their sessions stay valid while tests move the clock back.
 */
export async function caseTestApp<const N extends readonly string[]>(usernames: N): Promise<{ t: TestApp; staff: { [K in keyof N]: TestClient } }> {
  const t = await createTestApp();
  await seedCaseCatalog(t);
  const staff: TestClient[] = [];
  for (const username of usernames) staff.push(await new TestClient(t.app).loginStaff(username));
  return { t, staff: staff as { [K in keyof N]: TestClient } };
}

/** 10:00 China time on a date. */
export const chinaTenAm = (date: string) => `${date}T02:00:00.000Z`;

/** The roster records made for helpers in a test app: staff id → record id. */
const rostered = new WeakMap<TestApp, Map<string, string>>();

/**
 * 代办's precondition (the assistance module's 代办授权): the helper on the roster for the village
 * (once per app), a help request for `name` there — assigned to them, accepted — and the person's
 * consent by SMS code (the demo deployment's code in the answer). Returns the help request's id,
 * the `helpRequestId` of an application with intakeChannel assist.
 */
export async function consentFor(t: TestApp, helper: TestClient, name = '王桂兰', villageCode = MENGZHUANG): Promise<string> {
  const me = (await helper.get('/api/v1/me')).json() as { id: string; name: string };
  const records = rostered.get(t) ?? new Map<string, string>();
  rostered.set(t, records);
  const admin = await new TestClient(t.app).loginStaff('admin');
  if (!records.has(me.id)) {
    const res = await admin.post('/api/v1/helper-records', {
      name: me.name, type: 'community_worker', phone: '13905379999', townCode: villageCode.slice(0, 9), areaCodes: [villageCode], staffId: me.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    records.set(me.id, (res.json() as { id: string }).id);
  }
  const made = await helper.post('/api/v1/help-requests', { channel: 'phone', name, phone: '13800000003', address: '孟庄社区幸福路 12 号', villageCode, need: '请帮办员代为申请' });
  expect(made.statusCode, made.body).toBe(201);
  let { id, version, helperId } = made.json() as { id: string; version: number; helperId: string | null };
  if (helperId !== records.get(me.id)) {
    // dispatch chose another helper of the village: the coordinator gives it to this one
    const assigned = await admin.post(`/api/v1/help-requests/${id}/assign`, { helperId: records.get(me.id), version });
    expect(assigned.statusCode, assigned.body).toBe(200);
    ({ id, version, helperId } = assigned.json() as { id: string; version: number; helperId: string });
  }
  const accepted = await helper.post(`/api/v1/help-requests/${id}/accept`, { version });
  expect(accepted.statusCode, accepted.body).toBe(200);
  const sent = await helper.post(`/api/v1/help-requests/${id}/authorisation/sms`, {});
  expect(sent.statusCode, sent.body).toBe(200);
  const confirmed = await helper.post(`/api/v1/help-requests/${id}/authorisation/sms/confirm`, { code: (sent.json() as { demoCode: string }).demoCode });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return id;
}

/**
 * The demo cases as a demo server has them: seedDemoCases' twelve, then (the roster seeded) the
 * helper's 代办 for 王桂兰 from a help request with her consent, forwarded to 钢山街道 and waiting
 * for acceptance there (seed/assisted-case.ts).
 */
export async function seedAllDemoCases(t: TestApp): Promise<void> {
  await seedDemoCases(t.deps);
  await seedDemoHelpers(t.deps, t.services.catalog.publicCatalog, async (username) => (await t.services.staff.forSignIn(username))?.id ?? null);
  expect(await seedDemoAssistedCase(t.deps, t.services)).toBe(true);
}
