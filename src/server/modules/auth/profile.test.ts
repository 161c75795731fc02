/**
 * Issue 12 §1: real-name identity. A citizen who signs in with a new phone fills in 实名信息 (name,
 * ID number, address) under GET/PUT /me/profile; the verifier decides verified / declared / refused;
 * online applications are made in the profile's name and refused without one. Runs on both engines.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/index.js';
import { migrateToLatest, migrateUpTo } from '../../db/migrate.js';
import { createPgSchema, createTestApp, TestClient, testEngine, type TestApp } from '../../testing.js';
import { idNumberCheckChar } from '../../../shared/validators.js';
import { onlineBody, seedCaseCatalog, submitOk, uploadId, windowBody } from '../cases/fixtures.js';
import { DEMO_MISMATCH_NAME, DEMO_REAL_NAME_SOURCE, type RealNameCheck, type RealNameVerifier } from './index.js';

/** A valid GB 11643 number from its first 17 digits. */
const idNumber = (first17: string) => first17 + idNumberCheckChar(first17);
/** One whose check character is X (sent in lower case, stored upper case). */
const ID_WITH_X = '37088319900101106X';
const LI_JIANGUO_ID = '370883198807151016'; // a demo citizen's, bound to 13800000002

/** A citizen signed in from an address of their own (profile changes are limited per address). */
let nextHost = 1;
const citizenClient = (t: TestApp, phone: string) => new TestClient(t.app, { remoteAddress: `192.0.2.${nextHost++}` }).loginCitizen(phone);

const profileOf = async (t: TestApp, phone: string) =>
  t.deps.dbh.db.selectFrom('citizens').selectAll().where('phone_hash', '=', t.deps.protector.lookupHash(phone)).executeTakeFirstOrThrow();
const auditHead = async (t: TestApp) => t.deps.dbh.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
const profileEvents = async (t: TestApp, citizenId: string) =>
  t.deps.dbh.db.selectFrom('audit_log').selectAll().where('action', '=', 'citizen.profile_update').where('entity_id', '=', citizenId).orderBy('seq').execute();

/** A verifier a test steers: the demo's answer, after `during` ran (a concurrent request, a failure). */
class SteeredVerifier implements RealNameVerifier {
  during: (() => Promise<void>) | null = null;
  answer: RealNameCheck = { outcome: 'verified', source: '测试核验' };
  async verify(): Promise<RealNameCheck> {
    const during = this.during;
    this.during = null;
    if (during) await during();
    return this.answer;
  }
}

describe('the real-name profile (demo verifier)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a new phone starts with no profile: GET /me/profile and /me say so', async () => {
    const c = await citizenClient(t, '13912340001');
    const profile = await c.get('/api/v1/me/profile');
    expect(profile.statusCode, profile.body).toBe(200);
    expect(profile.json()).toEqual({ name: null, idNumberMasked: null, address: null, realName: { status: 'none', source: null, at: null }, complete: false });
    expect((await c.get('/api/v1/me')).json()).toMatchObject({ name: '用户0001', realName: { status: 'none', complete: false } });
  });

  it('PUT stores a verified profile (ID number normalised to upper-case X), and /me takes the name', async () => {
    const c = await citizenClient(t, '13912340002');
    const res = await c.put('/api/v1/me/profile', { name: ' 孟凡星 ', idNumber: ` ${ID_WITH_X.toLowerCase()} `, address: ' 邹城市钢山街道建设路 18 号 ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      name: '孟凡星', idNumberMasked: '3708**********106X', address: '邹城市钢山街道建设路 18 号',
      realName: { status: 'verified', source: DEMO_REAL_NAME_SOURCE, at: t.clock.now().toISOString() }, complete: true,
    });
    expect((await c.get('/api/v1/me/profile')).json()).toEqual(res.json());
    const me = (await c.get('/api/v1/me')).json();
    expect(me).toMatchObject({ name: '孟凡星', realName: { status: 'verified', complete: true } });
    const row = await profileOf(t, '13912340002');
    expect(t.deps.protector.decrypt(row.id_number_enc!)).toBe(ID_WITH_X);
    expect(row.id_number_hash).toBe(t.deps.protector.lookupHash(ID_WITH_X));
  });

  it('stores the ID number and the address encrypted, and audits them masked only', async () => {
    const c = await citizenClient(t, '13912340003');
    const id = idNumber('37088319850505123');
    const address = '邹城市千泉街道平阳寺路 99 号';
    expect((await c.put('/api/v1/me/profile', { name: '刘洋', idNumber: id, address })).statusCode).toBe(200);
    const row = await profileOf(t, '13912340003');
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(id);
    expect(raw).not.toContain(id.slice(6, 14)); // not even the birth date
    expect(raw).not.toContain('平阳寺路');
    expect(t.deps.protector.decrypt(row.address_enc!)).toBe(address);
    const [event] = await profileEvents(t, row.id);
    expect(event).toBeDefined();
    expect(event!.entity_type).toBe('citizen');
    expect(JSON.parse(event!.summary)).toEqual({ name: '刘*', idNumber: '3708**********' + id.slice(14), changed: ['name', 'idNumber', 'address'], realName: 'verified', source: DEMO_REAL_NAME_SOURCE });
    expect(event!.summary).not.toContain(id);
    expect(event!.summary).not.toContain('平阳寺路');
  });

  it('refuses bad input with 400 VALIDATION_FAILED naming the fields; nothing is stored', async () => {
    const c = await citizenClient(t, '13912340004');
    const before = await auditHead(t);
    const fieldsOf = (res: { json(): { error: { details: { field: string; message: string }[] } } }) => res.json().error.details;
    const badChecksum = await c.put('/api/v1/me/profile', { name: '赵丽', idNumber: '370883198807151017' });
    expect(badChecksum.statusCode).toBe(400);
    expect(badChecksum.json().error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(badChecksum)).toEqual([{ field: 'idNumber', message: '身份证号码不正确（请核对校验位）' }]);
    const emptyName = await c.put('/api/v1/me/profile', { name: '  ', idNumber: LI_JIANGUO_ID });
    expect(emptyName.statusCode).toBe(400);
    expect(new Set(fieldsOf(emptyName).map((d) => d.field))).toEqual(new Set(['name']));
    expect(fieldsOf(emptyName)[0]!.message).toBe('请输入姓名');
    const both = await c.put('/api/v1/me/profile', { name: '', idNumber: '' });
    expect(new Set(fieldsOf(both).map((d) => d.field))).toEqual(new Set(['idNumber', 'name']));
    const longAddress = await c.put('/api/v1/me/profile', { name: '赵丽', idNumber: idNumber('37088319700101002'), address: '路'.repeat(201) });
    expect(fieldsOf(longAddress).map((d) => d.field)).toEqual(['address']);
    const unknown = await c.put('/api/v1/me/profile', { name: '赵丽', idNumber: idNumber('37088319700101002'), realNameStatus: 'verified' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    expect(await auditHead(t)).toEqual(before);
    expect((await profileOf(t, '13912340004')).id_number_enc).toBeNull();
  });

  it('staff cannot use it: 403 (the gate); anonymous 401', async () => {
    const clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
    expect((await clerk.get('/api/v1/me/profile')).statusCode).toBe(403);
    expect((await clerk.put('/api/v1/me/profile', { name: '孟晓燕', idNumber: LI_JIANGUO_ID })).statusCode).toBe(403);
    expect((await new TestClient(t.app).get('/api/v1/me/profile')).statusCode).toBe(401);
    // staff's /me carries no real-name block
    expect((await clerk.get('/api/v1/me')).json().realName).toBeUndefined();
  });

  it('a verified name and ID number are locked (409 REAL_NAME_LOCKED); the address may change', async () => {
    const c = await citizenClient(t, '13912340005');
    const id = idNumber('37088319660606555');
    expect((await c.put('/api/v1/me/profile', { name: '周建华', idNumber: id })).json().realName.status).toBe('verified');
    for (const change of [{ name: '周建新', idNumber: id }, { name: '周建华', idNumber: idNumber('37088319660606556') }]) {
      const res = await c.put('/api/v1/me/profile', change);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'REAL_NAME_LOCKED', message: '已通过实名核验，姓名和身份证号码不能修改；如需更正，请到政务服务中心窗口办理' });
    }
    t.clock.advanceMinutes(5);
    const moved = await c.put('/api/v1/me/profile', { name: '周建华', idNumber: id, address: '邹城市太平镇' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ name: '周建华', address: '邹城市太平镇', realName: { status: 'verified', source: DEMO_REAL_NAME_SOURCE } });
    // the verification's time stays the verification's
    expect(moved.json().realName.at).not.toBe(t.clock.now().toISOString());
    const cleared = await c.put('/api/v1/me/profile', { name: '周建华', idNumber: id, address: '' });
    expect(cleared.json().address).toBeNull();
    // The page shows the number only masked: once verified, the address alone may be sent.
    const addressOnly = await c.put('/api/v1/me/profile', { address: '邹城市钢山街道' });
    expect(addressOnly.statusCode, addressOnly.body).toBe(200);
    expect(addressOnly.json()).toMatchObject({ name: '周建华', address: '邹城市钢山街道', realName: { status: 'verified' } });
    const row = await profileOf(t, '13912340005');
    expect(t.deps.protector.decrypt(row.id_number_enc!)).toBe(id);
    expect((await profileEvents(t, row.id)).map((e) => JSON.parse(e.summary).changed)).toEqual([['name', 'idNumber'], ['address'], ['address'], ['address']]);
  });

  it('until verified, a save needs both the name and the ID number (400 naming what is missing)', async () => {
    const c = await citizenClient(t, '13912340015');
    const res = await c.put('/api/v1/me/profile', { address: '邹城市太平镇' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'name' }, { field: 'idNumber' }] });
    const half = await c.put('/api/v1/me/profile', { name: '周建国' });
    expect(half.json().error.details).toEqual([{ field: 'idNumber', message: '请输入身份证号码' }]);
    expect((await profileOf(t, '13912340015')).address_enc).toBeNull();
  });

  it('an ID number bound to another account: 409 ID_NUMBER_IN_USE, nothing stored', async () => {
    const c = await citizenClient(t, '13912340006');
    const before = await auditHead(t);
    const res = await c.put('/api/v1/me/profile', { name: '李建国', idNumber: LI_JIANGUO_ID });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ID_NUMBER_IN_USE', message: '该身份证号码已绑定其他手机号。如需更换手机号，请到政务服务中心窗口办理' });
    expect(await auditHead(t)).toEqual(before);
    const row = await profileOf(t, '13912340006');
    expect([row.name, row.id_number_hash, row.real_name_status]).toEqual([null, null, 'none']);
  });

  it('a name and ID number that do not belong together: 422 REAL_NAME_MISMATCH, nothing stored', async () => {
    const c = await citizenClient(t, '13912340007');
    const before = await auditHead(t);
    const res = await c.put('/api/v1/me/profile', { name: DEMO_MISMATCH_NAME, idNumber: idNumber('37088319800808808'), address: '邹城市' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'REAL_NAME_MISMATCH', message: '姓名与身份证号码不一致，请核对后重新填写' });
    expect(await auditHead(t)).toEqual(before);
    const row = await profileOf(t, '13912340007');
    expect([row.name, row.id_number_enc, row.id_number_hash, row.address_enc, row.real_name_status]).toEqual([null, null, null, null, 'none']);
  });

  it('limits profile changes per client address (10 a minute): 429 RATE_LIMITED', async () => {
    const c = await citizenClient(t, '13912340008');
    const body = { name: '钱多', idNumber: idNumber('37088319910203040') };
    for (let i = 0; i < 10; i++) expect((await c.put('/api/v1/me/profile', body)).statusCode).toBe(200);
    const over = await c.put('/api/v1/me/profile', body);
    expect(over.statusCode).toBe(429);
    expect(over.json().error.code).toBe('RATE_LIMITED');
    // another address is not held up
    expect((await (await citizenClient(t, '13912340009')).put('/api/v1/me/profile', { name: '钱少', idNumber: idNumber('37088319910203041') })).statusCode).toBe(200);
  });
});

describe('no identity source connected (REAL_NAME_VERIFIER=none)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { realNameVerifier: 'none' } });
    await seedCaseCatalog(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores the profile as declared (本人申报、未核验), which may still be corrected, and cases record it as declared', async () => {
    const c = await citizenClient(t, '13912340011');
    const first = await c.put('/api/v1/me/profile', { name: '吴梅', idNumber: idNumber('37088319750303030') });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ name: '吴梅', realName: { status: 'declared', source: null, at: t.clock.now().toISOString() }, complete: true });
    const fixed = await c.put('/api/v1/me/profile', { name: '吴玫', idNumber: idNumber('37088319750303031') });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ name: '吴玫', realName: { status: 'declared' } });
    expect((await c.get('/api/v1/me')).json().realName).toEqual({ status: 'declared', complete: true });

    const { id } = await submitOk(c, onlineBody(await uploadId(t, c)));
    const clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
    expect((await clerk.get(`/api/v1/cases/${id}`)).json()).toMatchObject({ applicantName: '吴玫', applicantRealName: 'declared' });
  });
});

describe('the write and its audit entry are one transaction', () => {
  let t: TestApp;
  const verifier = new SteeredVerifier();
  beforeAll(async () => {
    t = await createTestApp({ services: { realName: verifier } });
  });
  afterEach(() => {
    verifier.during = null;
  });
  afterAll(async () => {
    await t.close();
  });

  it('when the audit entry cannot be written, the profile is not changed', async () => {
    const c = await citizenClient(t, '13912340021');
    const head = await auditHead(t);
    // A row in the place the next entry takes: its insert fails inside the transaction.
    const blocker = { ...(await t.deps.dbh.db.selectFrom('audit_log').selectAll().where('seq', '=', head.seq).executeTakeFirstOrThrow()), seq: head.seq + 1 };
    await t.deps.dbh.db.insertInto('audit_log').values(blocker).execute();
    try {
      const res = await c.put('/api/v1/me/profile', { name: '郑和', idNumber: idNumber('37088319600101001') });
      expect(res.statusCode).toBe(500);
      const row = await profileOf(t, '13912340021');
      expect([row.name, row.id_number_hash, row.real_name_status]).toEqual([null, null, 'none']);
      expect(await auditHead(t)).toEqual(head);
    } finally {
      await t.deps.dbh.db.deleteFrom('audit_log').where('seq', '=', head.seq + 1).execute();
    }
    const again = await c.put('/api/v1/me/profile', { name: '郑和', idNumber: idNumber('37088319600101001') });
    expect(again.statusCode, again.body).toBe(200);
    expect(await profileEvents(t, (await profileOf(t, '13912340021')).id)).toHaveLength(1);
  });

  it('when the write is refused after its audit entry (the ID number taken meanwhile), the entry rolls back too', async () => {
    const c = await citizenClient(t, '13912340022');
    const rival = await citizenClient(t, '13912340023');
    const contested = idNumber('37088319600202002');
    const rivalId = (await profileOf(t, '13912340023')).id;
    // While this request waits for the verifier, another account binds the same number.
    verifier.during = async () => {
      await t.deps.dbh.db.updateTable('citizens').set({ name: '王争', id_number_enc: t.deps.protector.encrypt(contested), id_number_hash: t.deps.protector.lookupHash(contested), real_name_status: 'declared' })
        .where('id', '=', rivalId).execute();
    };
    const head = await auditHead(t);
    const res = await c.put('/api/v1/me/profile', { name: '钱争', idNumber: contested });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('ID_NUMBER_IN_USE');
    expect(await auditHead(t)).toEqual(head);
    expect((await profileOf(t, '13912340022')).id_number_hash).toBeNull();
    expect(rival).toBeDefined();
  });

  it('a verification that lands meanwhile (another tab) is not undone: the write is tried again and refused as locked', async () => {
    const c = await citizenClient(t, '13912340024');
    const citizenId = (await profileOf(t, '13912340024')).id;
    const mine = idNumber('37088319600303003');
    verifier.during = async () => {
      await t.deps.dbh.db.updateTable('citizens').set({ name: '孙甲', id_number_enc: t.deps.protector.encrypt(mine), id_number_hash: t.deps.protector.lookupHash(mine), real_name_status: 'verified', real_name_source: '测试核验' })
        .where('id', '=', citizenId).execute();
    };
    const head = await auditHead(t);
    const res = await c.put('/api/v1/me/profile', { name: '孙乙', idNumber: mine });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('REAL_NAME_LOCKED');
    expect(await auditHead(t)).toEqual(head);
    expect((await profileOf(t, '13912340024')).name).toBe('孙甲');
  });

  it('a verifier that fails counts as no answer: the profile is stored as declared', async () => {
    const c = await citizenClient(t, '13912340025');
    verifier.during = async () => {
      throw new Error('identity service timed out');
    };
    const res = await c.put('/api/v1/me/profile', { name: '冯安', idNumber: idNumber('37088319600404004') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().realName).toMatchObject({ status: 'declared', source: null });
  });
});

describe('a new phone, from SMS sign-in to an online application', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedCaseCatalog(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is refused with 409 PROFILE_INCOMPLETE until the profile is filled in, then applies under the verified profile', async () => {
    const c = new TestClient(t.app);
    const phone = '13912340031';
    const sent = await c.post('/api/v1/auth/citizen/sms-code', { phone });
    expect(sent.statusCode).toBe(200);
    const login = await c.post('/api/v1/auth/citizen/login', { phone, code: sent.json().demoCode });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json()).toMatchObject({ name: '用户0031', realName: { status: 'none', complete: false } });
    const fileId = await uploadId(t, c);

    const before = await t.deps.dbh.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const early = await c.post('/api/v1/cases', onlineBody(fileId));
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error).toEqual({
      code: 'PROFILE_INCOMPLETE', message: '请先完善实名信息（姓名、身份证号码）后再提交申请',
      details: [{ field: 'name', message: '缺少姓名' }, { field: 'idNumber', message: '缺少身份证号码' }],
    });
    // The request body no longer fills the gap.
    const id = idNumber('37088319880808088');
    const viaBody = await c.post('/api/v1/cases', onlineBody(fileId, { applicant: { name: '陈新', idNumber: id, phone, address: '' } }));
    expect(viaBody.statusCode, viaBody.body).toBe(409);
    expect(viaBody.json().error.code).toBe('PROFILE_INCOMPLETE');
    const after = await t.deps.dbh.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const profile = await c.put('/api/v1/me/profile', { name: '陈新', idNumber: id, address: '邹城市钢山街道岗山路 1 号' });
    expect(profile.statusCode, profile.body).toBe(200);
    expect((await c.get('/api/v1/me')).json()).toMatchObject({ name: '陈新', realName: { status: 'verified', complete: true } });

    const { id: caseId } = await submitOk(c, onlineBody(fileId));
    const row = await t.deps.dbh.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ applicant_name: '陈新', applicant_real_name: 'verified', address: '邹城市钢山街道岗山路 1 号', applicant_id_hash: t.deps.protector.lookupHash(id) });
    const clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
    const detail = await clerk.get(`/api/v1/cases/${caseId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ applicantName: '陈新', applicantIdMasked: '3708**********' + id.slice(14), applicantRealName: 'verified' });

    // Someone else's name in the body is still refused as not self.
    const other = await c.post('/api/v1/cases', onlineBody(fileId, { applicant: { name: '王桂兰', idNumber: '370883194811204522', phone, address: '' } }));
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('APPLICANT_NOT_SELF');

    // A window intake records nothing about real-name status.
    const { id: walkIn } = await submitOk(clerk, windowBody());
    expect((await clerk.get(`/api/v1/cases/${walkIn}`)).json().applicantRealName).toBeNull();
  });
});

describe('migration 0011', () => {
  it('adds the real-name columns: accounts with a name and an ID number become declared, the others none; cases get applicant_real_name', async () => {
    const databaseUrl = testEngine() === 'postgres' ? (await createPgSchema(process.env.TEST_DATABASE_URL!)).url : undefined;
    const dbh = openDatabase({ databaseUrl, dataDir: '/tmp/bianmin-test-unused', sqliteFile: ':memory:' });
    try {
      await migrateUpTo(dbh, '0010_sign_in_failures');
      const at = '2026-01-01T00:00:00.000Z';
      const citizen = (id: string, name: string | null, idNumberEnc: string | null) => ({
        id, name, phone_enc: `enc-${id}`, phone_hash: `hash-${id}`, id_number_enc: idNumberEnc, id_number_hash: idNumberEnc ? `id-${id}` : null,
        elder_mode: null, created_at: at, updated_at: at, last_login_at: null,
      });
      await dbh.db.insertInto('citizens').values([citizen('a', '张三', 'v1.x'), citizen('b', null, null), citizen('c', '李四', null)]).execute();

      expect(await migrateToLatest(dbh)).toContain('0011_real_name');
      const rows = await dbh.db.selectFrom('citizens').select(['id', 'real_name_status', 'real_name_source', 'real_name_at', 'address_enc']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'a', real_name_status: 'declared', real_name_source: null, real_name_at: null, address_enc: null },
        { id: 'b', real_name_status: 'none', real_name_source: null, real_name_at: null, address_enc: null },
        { id: 'c', real_name_status: 'none', real_name_source: null, real_name_at: null, address_enc: null },
      ]);
      // a new account left to the default is none
      await dbh.db.insertInto('citizens').values(citizen('d', null, null)).execute();
      expect((await dbh.db.selectFrom('citizens').select('real_name_status').where('id', '=', 'd').executeTakeFirstOrThrow()).real_name_status).toBe('none');
      expect(await dbh.db.selectFrom('cases').select('applicant_real_name').execute()).toEqual([]);
    } finally {
      await dbh.close();
    }
  });
});

describe('REAL_NAME_VERIFIER', () => {
  it('defaults to demo in demo mode and to none otherwise; demo is refused outside demo mode', () => {
    expect(loadConfig({}).realNameVerifier).toBe('demo');
    expect(loadConfig({ REAL_NAME_VERIFIER: 'none' }).realNameVerifier).toBe('none');
    expect(loadConfig({ DEMO_MODE: 'false' }).realNameVerifier).toBe('none');
    expect(loadConfig({ SEED_DEMO: 'false' }).realNameVerifier).toBe('none');
    expect(() => loadConfig({ DEMO_MODE: 'false', REAL_NAME_VERIFIER: 'demo' })).toThrow(/REAL_NAME_VERIFIER/);
    expect(() => loadConfig({ REAL_NAME_VERIFIER: 'gongan' })).toThrow(/REAL_NAME_VERIFIER/);
  });
});
