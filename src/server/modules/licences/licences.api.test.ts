/**
 * 电子证照 over HTTP (issue 15): the citizen's wallet (the demo library's licences mirrored, and
 * those the platform issues when a case whose result is a licence is approved), 亮证 codes and
 * their verification (once, for five minutes, while the licence is valid), revoking a licence the
 * platform issued, the staff's list, and a licence standing in for a material (用证记录, the
 * staff's view of it on the case).
 *
 * The main app has DemoLicenceLibrary (张秀英: 居民身份证 and 居民户口簿; 李建国: 居民身份证, 结婚证 and,
 * as legal representative, his shop's 营业执照; 王桂兰: 居民身份证, 残疾人证, 社会保障卡). A second app
 * has a library whose answers the tests change: down, a licence no longer listed, one past its
 * valid-until day. The test clock starts Friday 2026-11-27 10:00 China time and only moves forwards.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetSessions } from '../../platform/sessions.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { makeItem } from '../catalog/fixtures.js';
import { actOk, act, GANGSHAN, onlineBody, QIANQUAN, seedCaseCatalog, submitOk, TOWN_ITEM, uploadId, windowBody } from '../cases/fixtures.js';
import { decodeCode, publicKeyFromRaw } from './codes.js';
import { DemoLicenceLibrary, type ExternalLicence, type LicenceLibrary } from './sources.js';

interface Summary {
  id: string; type: string; number: string; holderName: string; holderKind: 'person' | 'org'; issuer: string;
  issuedOn: string; validFrom: string; validUntil: string | null; status: 'valid' | 'expired' | 'revoked'; statusLabel: string; source: string; sourceLabel: string;
}
interface Wallet { items: Summary[]; sources: { name: string; label: string; ok: boolean; message: string | null }[]; idNumberOnFile: boolean }
interface Use { kind: 'case' | 'verify'; at: string; licenceId: string; licenceType: string; caseNo: string | null; itemName: string | null; materialName: string | null; by: string; shown: string[] }
interface Detail extends Summary {
  holderIdMasked: string; fields: { key: string; label: string; value: string }[]; caseNo: string | null; itemName: string | null;
  revokedAt: string | null; revokedReason: string | null; disclosable: { key: string; label: string }[]; uses: Use[];
}
interface Shown { token: string; expiresAt: string; verifyUrl: string; qrSvg: string; shown: string[] }
interface Verification {
  valid: boolean; reason?: string; message: string; checkedAt: string;
  licence?: { type: string; holderMasked: string; number: string; issuer: string; validUntil: string | null; issuedOn: string; status: string; holderName?: string; fields: { label: string; value: string }[]; shownAt: string };
}
interface Issued extends Summary { holderIdMasked: string; caseId: string | null; caseNo: string | null; itemName: string | null; issuerRegionCode: string | null; revokedAt: string | null; revokedReason: string | null; canRevoke: boolean }

const ZHANG_ID = '370883195603124223';
const WANG_ID = '370883194811204522';
/** 老年人优待证（办理）: its result is a licence (办理结果 of type 证照); one material, the application form. */
const YOUDAI_ITEM = '37200000400001';
const YOUDAI_LICENCE = '山东省老年人优待证';
const youdaiItem = () => makeItem({
  baseCode: '372000004000', handlingSeq: '01', name: '老年人优待证', handlingName: '办理', keywords: ['优待证'],
  results: [{ name: YOUDAI_LICENCE, type: '证照' }, { name: '办理结果告知书', type: '其他' }],
  materials: [{ id: 'm1', name: '申请书', necessity: 'required', kind: 'original', form: 'paper', source: 'applicant' }],
});

async function okJson<T>(res: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

function problem(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  const error = res.json().error as { code: string; message: string; details?: unknown };
  return { status: res.statusCode, code: error.code, message: error.message, details: error.details };
}

const walletOf = (c: TestClient) => okJson<Wallet>(c.get('/api/v1/me/licences'));
const detailOf = (c: TestClient, id: string) => okJson<Detail>(c.get(`/api/v1/me/licences/${id}`));
const usesOf = async (c: TestClient) => (await okJson<{ items: Use[] }>(c.get('/api/v1/me/licence-uses'))).items;
const show = (c: TestClient, id: string, fields: string[] = []) => c.post(`/api/v1/me/licences/${id}/show`, { fields });
const showOk = (c: TestClient, id: string, fields: string[] = []) => okJson<Shown>(show(c, id, fields));
const ofType = (w: Wallet, type: string) => {
  const found = w.items.find((i) => i.type === type);
  expect(found, `${type} in ${w.items.map((i) => i.type).join(', ')}`).toBeDefined();
  return found!;
};

/** Changes a code's payload, keeping its signature (what a forger would do). */
function tamper(token: string, change: (p: Record<string, unknown>) => Record<string, unknown>): string {
  const [prefix, body, signature] = token.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `${prefix}.${Buffer.from(JSON.stringify(change(payload))).toString('base64url')}.${signature}`;
}

/** Moves the test clock on; everyone here kept using the app meanwhile, so their sessions are not idle. */
async function advanceSeconds(app: TestApp, seconds: number): Promise<void> {
  app.clock.advanceMinutes(seconds / 60);
  await app.deps.dbh.db.updateTable('sessions').set({ last_seen_at: app.clock.now().toISOString() }).execute();
  forgetSessions();
}

async function auditRows(app: TestApp, action: string, entityId?: string) {
  let q = app.deps.dbh.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (entityId) q = q.where('entity_id', '=', entityId);
  return q.orderBy('seq').execute();
}

// ───────────────────────── the main app: the demo library ─────────────────────────

describe('with the demo licence library', () => {
  let t: TestApp;
  let zhang: TestClient, li: TestClient, wang: TestClient, nobody: TestClient, anon: TestClient;
  let clerk: TestClient, approver: TestClient, qianquan: TestClient, qianquanApprover: TestClient, townAdmin: TestClient;
  let zhangFile: string;

  const verify = (token: string) => okJson<Verification>(anon.get(`/api/v1/licences/verify?token=${encodeURIComponent(token)}`));
  const licenceCount = async (caseId: string) => Number((await t.deps.dbh.db.selectFrom('licences').select((eb) => eb.fn.countAll().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp({ services: { licenceLibraries: [new DemoLicenceLibrary()] } });
    await seedCaseCatalog(t, { townItems: [youdaiItem()] });
    const staff = (username: string) => new TestClient(t.app).loginStaff(username);
    clerk = await staff('gangshan.clerk');
    approver = await staff('gangshan.approver');
    qianquan = await staff('qianquan.clerk');
    townAdmin = await staff('gangshan.admin');
    const admin = await staff('admin');
    await okJson(admin.post('/api/v1/admin/users', {
      username: 'qianquan.approver', name: '颜审批', password: 'Demo@2026', homeRegionCode: QIANQUAN, grants: [{ role: 'approver', regionCode: QIANQUAN }],
    }), 201);
    qianquanApprover = await staff('qianquan.approver');
    zhang = await new TestClient(t.app).loginCitizen('13800000001');
    li = await new TestClient(t.app).loginCitizen('13800000002');
    wang = await new TestClient(t.app).loginCitizen('13800000003');
    // a new phone: an account without a name or ID number on file
    nobody = await new TestClient(t.app).loginCitizen('13900000099');
    anon = new TestClient(t.app);
    zhangFile = await uploadId(t, zhang);
  });
  afterAll(() => t.close());

  describe('the wallet', () => {
    it('张秀英 sees her 居民身份证 (number masked in the list, in full in the detail) and 居民户口簿, from the demo library', async () => {
      const w = await walletOf(zhang);
      expect(w.sources).toEqual([{ name: 'demo', label: '演示证照库', ok: true, message: null }]);
      expect(w.idNumberOnFile).toBe(true);
      expect(w.items.map((i) => i.type)).toEqual(['居民身份证', '居民户口簿']);
      const card = ofType(w, '居民身份证');
      expect(card).toMatchObject({
        number: '3708**********4223', holderName: '张秀英', holderKind: 'person', issuer: '邹城市公安局', issuedOn: '2016-03-18', validFrom: '2016-03-18',
        validUntil: null, status: 'valid', statusLabel: '有效', source: 'demo', sourceLabel: '演示证照库',
      });
      // a 户口簿's number is not the person's ID number: shown as it is
      expect(ofType(w, '居民户口簿')).toMatchObject({ number: '370883001004-0317', status: 'valid', source: 'demo' });
      expect(JSON.stringify(w)).not.toContain(ZHANG_ID);

      const d = await detailOf(zhang, card.id);
      expect(d).toMatchObject({ id: card.id, number: ZHANG_ID, holderIdMasked: '3708**********4223', caseNo: null, itemName: null, revokedAt: null, uses: [] });
      expect(d.fields).toEqual([
        { key: 'sex', label: '性别', value: '女' }, { key: 'ethnicity', label: '民族', value: '汉' },
        { key: 'birthDate', label: '出生', value: '1956年3月12日' }, { key: 'address', label: '住址', value: '山东省邹城市钢山街道孟庄社区' },
      ]);
      expect(d.disclosable.map((f) => f.key)).toEqual(['holderName', 'number', 'sex', 'ethnicity', 'birthDate', 'address']);
    });

    it('李建国 sees his own licences and, as its legal representative, his shop\'s 营业执照', async () => {
      const w = await walletOf(li);
      expect(w.sources).toEqual([{ name: 'demo', label: '演示证照库', ok: true, message: null }]);
      expect(w.items.map((i) => i.type).sort()).toEqual(['营业执照', '居民身份证', '结婚证'].sort());
      expect(ofType(w, '居民身份证')).toMatchObject({ number: '3708**********1016', holderName: '李建国', holderKind: 'person' });
      expect(ofType(w, '营业执照')).toMatchObject({
        holderKind: 'org', holderName: '邹城市建国便利店', number: '92370883MA3C5K8L2Y', issuer: '邹城市市场监督管理局', status: 'valid', source: 'demo',
      });
      // nobody else's: 张秀英's licences are not in his wallet, nor his in hers
      expect(w.items.some((i) => i.holderName === '张秀英')).toBe(false);
      expect((await walletOf(zhang)).items.some((i) => i.holderName !== '张秀英')).toBe(false);
      // the shop's licence is his to show
      const shop = ofType(w, '营业执照');
      expect((await detailOf(li, shop.id)).holderIdMasked).toBe('9237**********8L2Y');
      expect((await show(li, shop.id, ['legalRep'])).statusCode).toBe(200);
    });

    it('a citizen with no ID number on file has an empty wallet and no uses', async () => {
      expect(await walletOf(nobody)).toEqual({ items: [], sources: [], idNumberOnFile: false });
      expect(await usesOf(nobody)).toEqual([]);
    });

    it('anonymous: 401; staff: 403 (the wallet is the citizen\'s)', async () => {
      for (const path of ['/api/v1/me/licences', '/api/v1/me/licence-uses']) {
        expect((await anon.get(path)).statusCode).toBe(401);
        expect((await clerk.get(path)).statusCode).toBe(403);
        expect((await approver.get(path)).statusCode).toBe(403);
      }
      const card = ofType(await walletOf(zhang), '居民身份证');
      expect((await anon.get(`/api/v1/me/licences/${card.id}`)).statusCode).toBe(401);
      expect((await clerk.get(`/api/v1/me/licences/${card.id}`)).statusCode).toBe(403);
      expect((await clerk.post(`/api/v1/me/licences/${card.id}/show`, { fields: [] })).statusCode).toBe(403);
    });

    it('only the holder: another citizen asking for her licence gets 404 LICENCE_NOT_FOUND (detail and show)', async () => {
      const card = ofType(await walletOf(zhang), '居民身份证');
      expect(problem(await li.get(`/api/v1/me/licences/${card.id}`))).toMatchObject({ status: 404, code: 'LICENCE_NOT_FOUND' });
      expect(problem(await show(li, card.id, ['number']))).toMatchObject({ status: 404, code: 'LICENCE_NOT_FOUND' });
      expect(problem(await nobody.get(`/api/v1/me/licences/${card.id}`))).toMatchObject({ status: 404, code: 'LICENCE_NOT_FOUND' });
      expect(problem(await show(nobody, card.id))).toMatchObject({ status: 404, code: 'LICENCE_NOT_FOUND' });
      // the same answer as for an id that does not exist at all
      expect(problem(await zhang.get('/api/v1/me/licences/no-such-licence'))).toMatchObject({ status: 404, code: 'LICENCE_NOT_FOUND' });
      expect((await zhang.get('/api/v1/me/licences/bad%20id!')).statusCode).toBe(400);
    });
  });

  describe('亮证 and verification', () => {
    let cardId: string;
    beforeAll(async () => {
      cardId = ofType(await walletOf(zhang), '居民身份证').id;
    });

    it('a code showing the full name verifies once: valid, the name, the number masked, only what was chosen', async () => {
      const code = await showOk(zhang, cardId, ['holderName']);
      expect(code.shown).toEqual(['持证人姓名（完整）']);
      expect(Date.parse(code.expiresAt) - t.clock.now().getTime()).toBe(300_000);
      expect(code.verifyUrl).toContain(`/verify?token=${encodeURIComponent(code.token)}`);
      expect(code.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
      expect(code.token).not.toContain(ZHANG_ID);

      const v = await verify(code.token);
      expect(v).toMatchObject({ valid: true, message: expect.any(String), checkedAt: expect.any(String) });
      expect(v.reason).toBeUndefined();
      expect(v.licence).toEqual({
        type: '居民身份证', holderMasked: '张**', number: '3708**********4223', issuer: '邹城市公安局', validUntil: null, issuedOn: '2016-03-18', status: 'valid',
        holderName: '张秀英', fields: [], shownAt: t.clock.now().toISOString(),
      });
      // a second check of the same code is a replay
      expect(await verify(code.token)).toMatchObject({ valid: false, reason: 'replayed' });
      expect((await verify(code.token)).licence).toBeUndefined();
      // the holder sees that it was checked, and what was shown
      const uses = (await detailOf(zhang, cardId)).uses;
      expect(uses).toEqual([expect.objectContaining({ kind: 'verify', licenceId: cardId, licenceType: '居民身份证', by: '亮证后被扫码核验', shown: ['持证人姓名（完整）'], caseNo: null })]);
    });

    it('one code checked by several at once (the checks are recorded together): exactly one is valid, the others are replays', async () => {
      const code = await showOk(zhang, cardId, []);
      const other = await showOk(zhang, cardId, []);
      const results = await Promise.all([...Array.from({ length: 6 }, () => verify(code.token)), verify(other.token)]);
      expect(results.slice(0, 6).filter((r) => r.valid)).toHaveLength(1);
      expect(results.slice(0, 6).filter((r) => !r.valid).map((r) => r.reason)).toEqual(Array(5).fill('replayed'));
      expect(results[6]).toMatchObject({ valid: true });
    });

    it('the full number only when chosen (then no name); the type\'s own fields as chosen', async () => {
      const numberOnly = await verify((await showOk(zhang, cardId, ['number'])).token);
      expect(numberOnly).toMatchObject({ valid: true, licence: { number: ZHANG_ID, holderMasked: '张**', fields: [] } });
      expect(numberOnly.licence).not.toHaveProperty('holderName');

      const withFields = await showOk(zhang, cardId, ['address', 'sex']);
      expect(withFields.shown).toEqual(['性别', '住址']);
      const v = await verify(withFields.token);
      expect(v.licence).toMatchObject({ number: '3708**********4223', fields: [{ label: '性别', value: '女' }, { label: '住址', value: '山东省邹城市钢山街道孟庄社区' }] });
      expect(v.licence).not.toHaveProperty('holderName');
      // nothing chosen: only what every verifier sees
      expect((await verify((await showOk(zhang, cardId)).token)).licence).toMatchObject({ number: '3708**********4223', fields: [] });
    });

    it('a field the licence does not have is 400 VALIDATION_FAILED; so is a body not as described', async () => {
      expect(problem(await show(zhang, cardId, ['holderName', 'spouse']))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(problem(await show(zhang, cardId, ['nonsense']))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect((await zhang.post(`/api/v1/me/licences/${cardId}/show`, { fields: 'number' })).statusCode).toBe(400);
      expect((await zhang.post(`/api/v1/me/licences/${cardId}/show`, { fields: [], extra: 1 })).statusCode).toBe(400);
    });

    it('a tampered code is bad_signature; garbage is malformed; no token is 400; after 5 minutes a code is expired', async () => {
      const code = await showOk(zhang, cardId, ['number']);
      expect(await verify(tamper(code.token, (p) => ({ ...p, hn: '王桂兰' })))).toMatchObject({ valid: false, reason: 'bad_signature' });
      expect(await verify(tamper(code.token, (p) => ({ ...p, exp: (p.exp as number) + 86_400 })))).toMatchObject({ valid: false, reason: 'bad_signature' });
      expect(await verify(tamper(code.token, (p) => ({ ...p, kid: 'k-unknown' })))).toMatchObject({ valid: false, reason: 'unknown_key' });
      for (const garbage of ['garbage', 'BML1.abc', `${code.token}.more`, 'BML2.a.b']) {
        const v = await verify(garbage);
        expect(v, garbage).toMatchObject({ valid: false, reason: 'malformed' });
        expect(v.licence).toBeUndefined();
      }
      expect(problem(await anon.get('/api/v1/licences/verify'))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect((await anon.get('/api/v1/licences/verify?token=')).statusCode).toBe(400);
      // the tampered tries did not use the code up
      const late = await showOk(zhang, cardId);
      expect(await verify(code.token)).toMatchObject({ valid: true });
      await advanceSeconds(t, 301);
      expect(await verify(late.token)).toMatchObject({ valid: false, reason: 'expired' });
      // and a tampered, late code is still called tampered
      expect(await verify(tamper(late.token, (p) => ({ ...p, hm: '李**' })))).toMatchObject({ valid: false, reason: 'bad_signature' });
    });

    it('the platform keeps each code\'s digest until it expires: a code it has no record of is checked by its signature; expired records are cleared by a later 亮证', async () => {
      const codes = () => t.deps.dbh.db.selectFrom('licence_codes').selectAll();
      const kept = await showOk(zhang, cardId);
      const nonce = (JSON.parse(Buffer.from(kept.token.split('.')[1]!, 'base64url').toString('utf8')) as { n: string }).n;
      const row = await codes().where('nonce', '=', nonce).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ licence_id: cardId, expires_at: kept.expiresAt });
      expect(row.digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // no record (say, shown before an upgrade): the signature decides, and the code is still accepted once
      const unrecorded = await showOk(zhang, cardId);
      await t.deps.dbh.db.deleteFrom('licence_codes').where('digest', '!=', row.digest).execute();
      expect(await verify(unrecorded.token)).toMatchObject({ valid: true });
      expect(await verify(unrecorded.token)).toMatchObject({ valid: false, reason: 'replayed' });
      // a record does not vouch for a changed code with the same nonce
      expect(await verify(tamper(kept.token, (p) => ({ ...p, f: [['住址', '别处']] })))).toMatchObject({ valid: false, reason: 'bad_signature' });
      expect(await verify(kept.token)).toMatchObject({ valid: true });
      await advanceSeconds(t, 301);
      await showOk(zhang, cardId);
      expect(await codes().where('nonce', '=', nonce).executeTakeFirst()).toBeUndefined();
      expect(await codes().execute()).toHaveLength(1);
    });

    it('the public keys check a code offline', async () => {
      const keys = await okJson<{ algorithm: string; keys: { kid: string; publicKey: string; jwk: { x: string; kid: string }; retiredAt: string | null }[] }>(anon.get('/api/v1/licences/keys'));
      expect(keys.algorithm).toBe('Ed25519');
      expect(keys.keys).toHaveLength(1);
      const [key] = keys.keys;
      expect(key!.jwk).toMatchObject({ x: key!.publicKey, kid: key!.kid });
      const code = await showOk(zhang, cardId, ['holderName']);
      const offline = decodeCode(code.token, (kid) => (kid === key!.kid ? publicKeyFromRaw(key!.publicKey) : undefined), Math.floor(t.clock.now().getTime() / 1000));
      expect(offline).toMatchObject({ ok: true, payload: { lid: cardId, hn: '张秀英', t: '居民身份证' } });
    });
  });

  describe('licences the platform issues when a case is approved', () => {
    let caseId: string, caseNo: string, licenceId: string;
    let token: string;

    it('approving 张秀英\'s case issues the item\'s licence once, to her: source platform, the case number, the implementing body as issuer, audited', async () => {
      ({ id: caseId, caseNo } = await submitOk(zhang, onlineBody(zhangFile, { itemCode: YOUDAI_ITEM, materials: [{ materialId: 'm1', source: 'upload', fileId: zhangFile }] })));
      await actOk(clerk, caseId, 'accept');
      await actOk(approver, caseId, 'approve');
      expect(await licenceCount(caseId)).toBe(0);
      expect((await walletOf(zhang)).items.some((i) => i.type === YOUDAI_LICENCE)).toBe(false);
      await actOk(approver, caseId, 'approve');
      expect(await licenceCount(caseId)).toBe(1);

      const guide = await t.services.catalog.publicCatalog.guide(YOUDAI_ITEM, GANGSHAN);
      expect(guide.implementingBody).not.toContain('{');
      const w = await walletOf(zhang);
      const issued = ofType(w, YOUDAI_LICENCE);
      licenceId = issued.id;
      expect(issued).toMatchObject({
        holderName: '张秀英', holderKind: 'person', issuer: guide.implementingBody, issuedOn: '2026-11-27', validFrom: '2026-11-27', validUntil: null,
        status: 'valid', source: 'platform', sourceLabel: '本平台办结签发', number: caseNo,
      });
      // the 其他 result is no licence
      expect(w.items.filter((i) => i.source === 'platform')).toHaveLength(1);
      const d = await detailOf(zhang, licenceId);
      expect(d).toMatchObject({ caseNo, itemName: '老年人优待证（办理）', holderIdMasked: '3708**********4223', fields: [] });

      const audit = await auditRows(t, 'licence.issue', licenceId);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ entity_type: 'licence', region_code: GANGSHAN, actor_kind: 'staff' });
      expect(JSON.parse(audit[0]!.summary)).toMatchObject({ type: YOUDAI_LICENCE, caseNo, holder: '张**' });
      expect(audit[0]!.summary).not.toContain('张秀英');

      // no second licence: approving again is refused, delivering issues nothing
      expect(problem(await act(approver, caseId, 'approve'))).toMatchObject({ status: 409, code: 'CASE_WRONG_STATE' });
      await actOk(clerk, caseId, 'deliver', { method: 'pickup' });
      expect(await licenceCount(caseId)).toBe(1);
      expect(await auditRows(t, 'licence.issue')).toHaveLength(1);
    });

    it('a case taken in at the window issues its licence to the applicant (王桂兰); a denied case issues none', async () => {
      const body = windowBody({ itemCode: YOUDAI_ITEM, materials: [{ materialId: 'm1', source: 'paper', checkedOriginal: true, copies: 1 }] });
      const { id, caseNo: no } = await submitOk(clerk, body);
      await actOk(clerk, id, 'accept');
      await actOk(approver, id, 'approve');
      await actOk(approver, id, 'approve');
      expect(await licenceCount(id)).toBe(1);
      expect(ofType(await walletOf(wang), YOUDAI_LICENCE)).toMatchObject({ holderName: '王桂兰', number: no, source: 'platform', status: 'valid' });
      // 张秀英's wallet still has only hers
      expect((await walletOf(zhang)).items.filter((i) => i.type === YOUDAI_LICENCE).map((i) => i.id)).toEqual([licenceId]);

      const denied = await submitOk(clerk, body);
      await actOk(clerk, denied.id, 'accept');
      await actOk(approver, denied.id, 'approve');
      await actOk(approver, denied.id, 'deny', { reason: '不符合办理条件' });
      expect(await licenceCount(denied.id)).toBe(0);
    });

    it('GET /licences: 钢山街道\'s approver and clerk see what was issued there, only the approver may revoke; 千泉街道\'s clerk sees none', async () => {
      const asApprover = await okJson<{ total: number; items: Issued[] }>(approver.get('/api/v1/licences'));
      expect(asApprover.total).toBe(2);
      const mine = asApprover.items.find((i) => i.id === licenceId);
      expect(mine).toMatchObject({ caseId, caseNo, number: caseNo, holderName: '张秀英', holderIdMasked: '3708**********4223', issuerRegionCode: GANGSHAN, status: 'valid', canRevoke: true });
      // mirrored licences (the demo library's) are not the platform's to list
      expect(asApprover.items.every((i) => i.source === 'platform')).toBe(true);

      const asClerk = await okJson<{ total: number; items: Issued[] }>(clerk.get('/api/v1/licences'));
      expect(asClerk.items.map((i) => i.id).sort()).toEqual(asApprover.items.map((i) => i.id).sort());
      expect(asClerk.items.every((i) => i.canRevoke === false)).toBe(true);
      expect(await okJson(townAdmin.get('/api/v1/licences'))).toMatchObject({ total: 2 });

      expect(await okJson(qianquan.get('/api/v1/licences'))).toEqual({ total: 0, items: [] });
      expect(await okJson(qianquanApprover.get('/api/v1/licences'))).toEqual({ total: 0, items: [] });
      // asking for another town's licences by region gives nothing either
      expect(await okJson(qianquan.get(`/api/v1/licences?region=${GANGSHAN}`))).toEqual({ total: 0, items: [] });

      // searching: by holder name, by case number; status filter
      expect((await okJson<{ items: Issued[] }>(approver.get(`/api/v1/licences?q=${encodeURIComponent('张秀英')}`))).items.map((i) => i.id)).toEqual([licenceId]);
      expect((await okJson<{ items: Issued[] }>(approver.get(`/api/v1/licences?q=${caseNo}`))).items.map((i) => i.id)).toEqual([licenceId]);
      expect(await okJson(approver.get('/api/v1/licences?status=revoked'))).toEqual({ total: 0, items: [] });

      expect((await anon.get('/api/v1/licences')).statusCode).toBe(401);
      expect((await zhang.get('/api/v1/licences')).statusCode).toBe(403);
    });

    it('revoking: the window clerk is refused by the gate (403), another town\'s approver does not find it (404), a mirrored licence is not the platform\'s (404)', async () => {
      token = (await showOk(zhang, licenceId, ['holderName'])).token;
      const reason = { reason: '持证人已迁出本市' };
      expect(problem(await clerk.post(`/api/v1/licences/${licenceId}/revoke`, reason))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(problem(await townAdmin.post(`/api/v1/licences/${licenceId}/revoke`, reason))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      // 千泉街道's approver may decide cases, but not 钢山街道's: the licence is not in their area at all
      expect(problem(await qianquanApprover.post(`/api/v1/licences/${licenceId}/revoke`, reason))).toMatchObject({ status: 404, code: 'LICENCE_NOT_FOUND' });
      const mirrored = ofType(await walletOf(zhang), '居民身份证');
      expect(problem(await approver.post(`/api/v1/licences/${mirrored.id}/revoke`, reason))).toMatchObject({ status: 404, code: 'LICENCE_NOT_FOUND' });
      expect((await zhang.post(`/api/v1/licences/${licenceId}/revoke`, reason)).statusCode).toBe(403);
      expect((await anon.post(`/api/v1/licences/${licenceId}/revoke`, reason)).statusCode).toBe(401);
      // a reason is needed
      expect(problem(await approver.post(`/api/v1/licences/${licenceId}/revoke`, { reason: '' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect((await approver.post(`/api/v1/licences/${licenceId}/revoke`, {})).statusCode).toBe(400);
      // nothing of that changed the licence
      expect(ofType(await walletOf(zhang), YOUDAI_LICENCE).status).toBe('valid');
      expect(await auditRows(t, 'licence.revoke')).toEqual([]);
    });

    it('the approver revokes it: the earlier code is revoked, 亮证 is 409, the wallet says 已注销; revoking again is 409', async () => {
      const revoked = await okJson<Issued>(approver.post(`/api/v1/licences/${licenceId}/revoke`, { reason: '持证人已迁出本市' }));
      expect(revoked).toMatchObject({ id: licenceId, status: 'revoked', statusLabel: '已注销', revokedReason: '持证人已迁出本市', canRevoke: false });
      expect(revoked.revokedAt).toBe(t.clock.now().toISOString());
      const audit = await auditRows(t, 'licence.revoke', licenceId);
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.summary)).toMatchObject({ caseNo, reason: '持证人已迁出本市' });

      expect(await verify(token)).toMatchObject({ valid: false, reason: 'revoked' });
      expect(problem(await show(zhang, licenceId))).toMatchObject({ status: 409, code: 'LICENCE_NOT_VALID' });
      expect(ofType(await walletOf(zhang), YOUDAI_LICENCE)).toMatchObject({ id: licenceId, status: 'revoked', statusLabel: '已注销' });
      expect(await detailOf(zhang, licenceId)).toMatchObject({ status: 'revoked', revokedReason: '持证人已迁出本市' });
      expect((await okJson<{ items: Issued[] }>(approver.get('/api/v1/licences?status=revoked'))).items.map((i) => i.id)).toEqual([licenceId]);

      expect(problem(await approver.post(`/api/v1/licences/${licenceId}/revoke`, { reason: '再次注销' }))).toMatchObject({ status: 409, code: 'LICENCE_NOT_VALID' });
      expect(await auditRows(t, 'licence.revoke')).toHaveLength(1);
    });
  });

  describe('a licence in place of a material (reuse), end to end', () => {
    let caseId: string, caseNo: string, cardId: string;

    it('张秀英 applies online with her 居民身份证 from the wallet and no file: 201, the case names the licence', async () => {
      cardId = ofType(await walletOf(zhang), '居民身份证').id;
      const matches = await okJson(zhang.get(`/api/v1/cases/licence-matches?item=${TOWN_ITEM}&region=${GANGSHAN}`));
      expect(matches).toEqual({ items: [{ materialId: 'm2', licenceType: '居民身份证', available: true }] });
      // someone with none on file has nothing available
      expect(await okJson(nobody.get(`/api/v1/cases/licence-matches?item=${TOWN_ITEM}&region=${GANGSHAN}`))).toEqual({ items: [{ materialId: 'm2', licenceType: '居民身份证', available: false }] });

      ({ id: caseId, caseNo } = await submitOk(zhang, onlineBody(zhangFile, { materials: [{ materialId: 'm1', source: 'upload', fileId: zhangFile }, { materialId: 'm2', source: 'licence' }] })));
      const detail = await okJson<{ materials: { materialId: string; source: string; licenceRef: string | null; fileId: string | null }[] }>(zhang.get(`/api/v1/cases/${caseId}`));
      expect(detail.materials.find((m) => m.materialId === 'm2')).toMatchObject({ source: 'licence', licenceRef: cardId, fileId: null });
    });

    // An online case's channel is pc | mobile | kiosk (cases/service.ts): all of them are 本人网上申请.
    it('her 用证记录 lists the case: the material, and that she used it applying online herself', async () => {
      const uses = (await usesOf(zhang)).filter((u) => u.kind === 'case');
      expect(uses).toEqual([{
        kind: 'case', at: expect.any(String), licenceId: cardId, licenceType: '居民身份证', caseNo, itemName: '城乡居民最低生活保障（新办）',
        materialName: '居民身份证', by: '本人网上申请', shown: [],
      }]);
      expect((await detailOf(zhang, cardId)).uses.filter((u) => u.kind === 'case').map((u) => u.caseNo)).toEqual([caseNo]);
    });

    it('the clerk of 钢山街道 sees the licence the case used (audited); 千泉街道\'s clerk does not; a licence the case did not use is 404', async () => {
      const before = (await auditRows(t, 'licence.view', cardId)).length;
      const seen = await okJson<Detail>(clerk.get(`/api/v1/cases/${caseId}/licences/${cardId}`));
      expect(seen).toMatchObject({ id: cardId, type: '居民身份证', number: ZHANG_ID, holderName: '张秀英', status: 'valid' });
      expect(seen.uses.map((u) => [u.kind, u.caseNo])).toEqual([['case', caseNo]]);
      const audit = await auditRows(t, 'licence.view', cardId);
      expect(audit).toHaveLength(before + 1);
      expect(audit.at(-1)).toMatchObject({ actor_kind: 'staff', entity_type: 'licence' });
      expect(audit.at(-1)!.actor_name).toContain('gangshan.clerk');
      expect(JSON.parse(audit.at(-1)!.summary)).toMatchObject({ caseNo, number: '3708**********4223' });
      expect(audit.at(-1)!.summary).not.toContain(ZHANG_ID);

      expect(problem(await qianquan.get(`/api/v1/cases/${caseId}/licences/${cardId}`))).toMatchObject({ status: 404 });
      const hukou = ofType(await walletOf(zhang), '居民户口簿');
      expect(problem(await clerk.get(`/api/v1/cases/${caseId}/licences/${hukou.id}`))).toMatchObject({ status: 404, code: 'LICENCE_NOT_FOUND' });
      expect((await zhang.get(`/api/v1/cases/${caseId}/licences/${cardId}`)).statusCode).toBe(403);
      expect((await anon.get(`/api/v1/cases/${caseId}/licences/${cardId}`)).statusCode).toBe(401);
      expect((await auditRows(t, 'licence.view', cardId)).length).toBe(before + 1);
    });

    it('a citizen naming someone else as applicant cannot use that person\'s licence; nothing is recorded', async () => {
      const usesBefore = await t.deps.dbh.db.selectFrom('licence_uses').selectAll().execute();
      const res = await zhang.post('/api/v1/cases', onlineBody(zhangFile, {
        applicant: { name: '王桂兰', idNumber: WANG_ID, phone: '13800000001' },
        materials: [{ materialId: 'm1', source: 'upload', fileId: zhangFile }, { materialId: 'm2', source: 'licence' }],
      }));
      expect(problem(res)).toMatchObject({ status: 403, code: 'APPLICANT_NOT_SELF', message: '网上申请只能以本人名义提交；为他人办理请到窗口或联系帮办代办员' });
      expect(await t.deps.dbh.db.selectFrom('licence_uses').selectAll().execute()).toEqual(usesBefore);
    });

    it('at the window, the clerk takes in 王桂兰\'s application with her 居民身份证 from the library: accepted, the use recorded as 窗口收件', async () => {
      const { id, caseNo: no } = await submitOk(clerk, windowBody({
        materials: [{ materialId: 'm1', source: 'paper', checkedOriginal: true, copies: 1 }, { materialId: 'm2', source: 'licence' }],
      }));
      const wangCard = ofType(await walletOf(wang), '居民身份证');
      expect(wangCard.number).toBe('3708**********4522');
      const detail = await okJson<{ materials: { materialId: string; source: string; licenceRef: string | null }[] }>(clerk.get(`/api/v1/cases/${id}`));
      expect(detail.materials.find((m) => m.materialId === 'm2')).toMatchObject({ source: 'licence', licenceRef: wangCard.id });
      await actOk(clerk, id, 'accept');

      const uses = (await usesOf(wang)).filter((u) => u.kind === 'case' && u.caseNo === no);
      expect(uses).toHaveLength(1);
      expect(uses[0]).toMatchObject({ licenceId: wangCard.id, materialName: '居民身份证', itemName: '城乡居民最低生活保障（新办）' });
      expect(uses[0]!.by).toBe('钢山街道窗口收件');
      // her uses are hers: 张秀英's list does not have this case
      expect((await usesOf(zhang)).some((u) => u.caseNo === no)).toBe(false);
    });
  });
});

// ───────────────────────── a library the tests switch ─────────────────────────

/** A licence library whose answers the tests change: what it lists, and whether it answers at all. */
class SwitchableLibrary implements LicenceLibrary {
  readonly name = 'province' as const;
  down = false;
  calls = 0;
  licences: ExternalLicence[] = [];
  async licencesOf(person: { idNumber: string; name: string }): Promise<ExternalLicence[]> {
    this.calls += 1;
    if (this.down) throw new Error('connect ECONNREFUSED 10.0.0.8:443');
    return this.licences.filter((l) => l.holderId === person.idNumber || l.legalRepId === person.idNumber);
  }
}

const wangLicence = (over: Partial<ExternalLicence> & Pick<ExternalLicence, 'sourceRef' | 'type' | 'number'>): ExternalLicence => ({
  holderKind: 'person', holderName: '王桂兰', holderId: WANG_ID, issuer: '邹城市民政局', issuedOn: '2020-01-10', validFrom: '2020-01-10', validUntil: null,
  revoked: false, fields: {}, ...over,
});

describe('with a licence library that fails, forgets or lets licences run out', () => {
  /** 老年人优待证 runs out the day before the test clock's day (2026-11-27). */
  const library = new SwitchableLibrary();
  const DISABILITY = wangLicence({ sourceRef: 'p-dis', type: '残疾人证', number: '37088319481120452243', issuer: '邹城市残疾人联合会', fields: { category: '肢体残疾', grade: '三级' } });
  const ELDER = wangLicence({ sourceRef: 'p-old', type: '老年人优待证', number: 'YD3708830001', validUntil: '2026-11-26', fields: { birthDate: '1948年11月20日' } });
  const SSCARD = wangLicence({ sourceRef: 'p-ss', type: '社会保障卡', number: 'S37088300219', issuer: '济宁市人力资源和社会保障局', validUntil: '2028-03-01', fields: { bank: '中国农业银行' } });
  /** an item with two licence-linked materials: 老年人优待证 and 残疾人证 */
  const SUBSIDY_ITEM = '37200000500001';

  let t: TestApp;
  let wang: TestClient, nobody: TestClient, anon: TestClient;
  let file: string;
  const verify = (token: string) => okJson<Verification>(anon.get(`/api/v1/licences/verify?token=${encodeURIComponent(token)}`));
  const matches = () => okJson<{ items: { materialId: string; available: boolean }[] }>(wang.get(`/api/v1/cases/licence-matches?item=${SUBSIDY_ITEM}&region=${GANGSHAN}`));

  beforeAll(async () => {
    library.licences = [DISABILITY, ELDER, SSCARD];
    t = await createTestApp({ services: { licenceLibraries: [library] } });
    await seedCaseCatalog(t, {
      townItems: [makeItem({
        baseCode: '372000005000', handlingSeq: '01', name: '困难残疾人生活补贴', handlingName: '申领', keywords: ['残疾人补贴'],
        materials: [
          { id: 'm1', name: '申请书', necessity: 'required', kind: 'original', form: 'paper', source: 'applicant' },
          { id: 'm2', name: '老年人优待证', necessity: 'optional', kind: 'original', form: 'paper', source: 'government', licenceType: '老年人优待证' },
          { id: 'm3', name: '残疾人证', necessity: 'optional', kind: 'original', form: 'paper', source: 'government', licenceType: '残疾人证' },
        ],
      })],
    });
    wang = await new TestClient(t.app).loginCitizen('13800000003');
    nobody = await new TestClient(t.app).loginCitizen('13900000098');
    anon = new TestClient(t.app);
    file = await uploadId(t, wang);
  });
  afterAll(() => t.close());

  it('the wallet mirrors the library\'s answer; a licence past its valid-until day is 已过期: no 亮证, not offered for reuse', async () => {
    const w = await walletOf(wang);
    expect(w.sources).toEqual([{ name: 'province', label: '山东省电子证照库', ok: true, message: null }]);
    expect(w.items.map((i) => i.type).sort()).toEqual(['老年人优待证', '残疾人证', '社会保障卡'].sort());
    expect(ofType(w, '残疾人证')).toMatchObject({ status: 'valid', source: 'province', sourceLabel: '山东省电子证照库', number: '37088319481120452243' });
    const elder = ofType(w, '老年人优待证');
    expect(elder).toMatchObject({ status: 'expired', statusLabel: '已过期', validUntil: '2026-11-26' });
    expect(problem(await show(wang, elder.id))).toMatchObject({ status: 409, code: 'LICENCE_NOT_VALID' });
    expect(await matches()).toEqual({ items: [{ materialId: 'm2', licenceType: '老年人优待证', available: false }, { materialId: 'm3', licenceType: '残疾人证', available: true }] });
    const refused = await wang.post('/api/v1/cases', onlineBody(file, {
      itemCode: SUBSIDY_ITEM, formData: {}, materials: [{ materialId: 'm1', source: 'upload', fileId: file }, { materialId: 'm2', source: 'licence' }],
    }));
    expect(problem(refused)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [{ field: 'materials.1.source', message: '未在证照库中找到申请人的「老年人优待证」，请上传材料' }] });
  });

  it('a citizen with no ID number on file: empty wallet, the library not asked', async () => {
    const calls = library.calls;
    expect(await walletOf(nobody)).toEqual({ items: [], sources: [], idNumberOnFile: false });
    expect(library.calls).toBe(calls);
  });

  it('a library that does not answer: the wallet shows what it last saw and says the library is unavailable', async () => {
    const before = await walletOf(wang);
    const card = ofType(before, '社会保障卡');
    const early = await showOk(wang, card.id, ['bank']);
    library.down = true;
    try {
      const w = await walletOf(wang);
      expect(w.sources).toEqual([{ name: 'province', label: '山东省电子证照库', ok: false, message: expect.stringContaining('暂时无法访问') }]);
      expect(w.items).toEqual(before.items);
      // what was mirrored still works: the detail, 亮证 and verification
      expect((await detailOf(wang, card.id)).fields).toEqual([{ key: 'bank', label: '发卡银行', value: '中国农业银行' }]);
      expect(await verify(early.token)).toMatchObject({ valid: true, licence: { type: '社会保障卡', fields: [{ label: '发卡银行', value: '中国农业银行' }] } });
      expect((await show(wang, card.id)).statusCode).toBe(200);
    } finally {
      library.down = false;
    }
    expect((await walletOf(wang)).sources).toEqual([{ name: 'province', label: '山东省电子证照库', ok: true, message: null }]);
  });

  it('a licence the library stops listing shows revoked at once (codes shown before it too); listed again, it is valid again', async () => {
    const dis = ofType(await walletOf(wang), '残疾人证');
    const early = await showOk(wang, dis.id, ['grade']);
    library.licences = [ELDER, SSCARD];
    const w = await walletOf(wang);
    expect(ofType(w, '残疾人证')).toMatchObject({ id: dis.id, status: 'revoked', statusLabel: '已注销' });
    expect(await detailOf(wang, dis.id)).toMatchObject({ revokedReason: '证照库中已无此证照' });
    expect(problem(await show(wang, dis.id))).toMatchObject({ status: 409, code: 'LICENCE_NOT_VALID' });
    expect(await verify(early.token)).toMatchObject({ valid: false, reason: 'revoked' });
    expect((await matches()).items.find((m) => m.materialId === 'm3')).toEqual({ materialId: 'm3', licenceType: '残疾人证', available: false });
    // the others are as they were
    expect(ofType(w, '社会保障卡').status).toBe('valid');

    library.licences = [DISABILITY, ELDER, SSCARD];
    expect(ofType(await walletOf(wang), '残疾人证')).toMatchObject({ id: dis.id, status: 'valid' });
  });

  it('a licence the library lists as revoked is revoked; one whose validity ran out since a code was shown fails verification as licence_expired', async () => {
    const card = ofType(await walletOf(wang), '社会保障卡');
    const early = await showOk(wang, card.id);
    library.licences = [{ ...DISABILITY, revoked: true }, ELDER, { ...SSCARD, validUntil: '2026-11-20' }];
    const w = await walletOf(wang);
    expect(ofType(w, '残疾人证')).toMatchObject({ status: 'revoked' });
    expect(await detailOf(wang, ofType(w, '残疾人证').id)).toMatchObject({ revokedReason: '发证机关已注销' });
    expect(ofType(w, '社会保障卡')).toMatchObject({ id: card.id, status: 'expired', validUntil: '2026-11-20' });
    expect(await verify(early.token)).toMatchObject({ valid: false, reason: 'licence_expired' });
    library.licences = [DISABILITY, ELDER, SSCARD];
  });
});
