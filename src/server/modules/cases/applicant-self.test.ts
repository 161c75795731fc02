/**
 * Issue 10, 2.9 and 2.12: a citizen's online application is their own — the platform's signed
 * SMS go only to the phone they signed in with — a citizen account has a daily allowance, and the
 * channel recorded on the case is the server's finding, not a header the client chose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { onlineBody, seedCaseCatalog, uploadId } from './fixtures.js';

let t: TestApp;
let citizen: TestClient; // 李建国, 13800000002, a complete profile
let fileId: string;
beforeAll(async () => {
  t = await createTestApp({ config: { citizenApplicationsPerDay: 3 } });
  await seedCaseCatalog(t);
  citizen = await new TestClient(t.app).loginCitizen('13800000002');
  fileId = await uploadId(t, citizen);
});
afterAll(async () => {
  await t.close();
});

const smsTo = async (phoneSuffix: string) => {
  const rows = await t.deps.dbh.db.selectFrom('sms_outbox').select(['phone_masked']).execute();
  return rows.filter((r) => r.phone_masked.endsWith(phoneSuffix)).length;
};

describe('a citizen applies only as themselves', () => {
  it('refuses another person\'s phone or name as the applicant: 403 APPLICANT_NOT_SELF, no case, no SMS', async () => {
    const before = await t.deps.dbh.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const stranger = { name: '王桂兰', idNumber: '370883194811204522', phone: '13912345678', address: '' };
    const otherPhone = await citizen.post('/api/v1/cases', onlineBody(fileId, { applicant: stranger }));
    expect(otherPhone.statusCode, otherPhone.body).toBe(403);
    expect(otherPhone.json().error.code).toBe('APPLICANT_NOT_SELF');
    expect(otherPhone.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['applicant.phone', 'applicant.name', 'applicant.idNumber']));
    const ownPhoneOtherName = await citizen.post('/api/v1/cases', onlineBody(fileId, { applicant: { ...stranger, phone: '13800000002' } }));
    expect(ownPhoneOtherName.statusCode).toBe(403);
    const after = await t.deps.dbh.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await smsTo('5678')).toBe(0);
  });

  it('accepts the applicant when it is the citizen themselves, and the SMS goes to their own phone', async () => {
    const self = { name: '李建国', idNumber: '370883198807151016', phone: '13800000002', address: '邹城市钢山街道' };
    const res = await citizen.post('/api/v1/cases', onlineBody(fileId, { applicant: self }));
    expect(res.statusCode, res.body).toBe(201);
  });

  it('records the channel from the request itself; a client header cannot make it a kiosk or a window', async () => {
    const res = await citizen.request('POST', '/api/v1/cases', onlineBody(fileId), { 'x-bianmin-channel': 'kiosk' });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.deps.dbh.db.selectFrom('cases').select('channel').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.channel).toBe('pc');
    const audit = await t.deps.dbh.db.selectFrom('audit_log').select('channel').where('entity_id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(audit.channel).toBe('pc');
  });

  it('stops a citizen account at its daily allowance with 429 DAILY_APPLICATION_LIMIT (3 here: two above, one now)', async () => {
    expect((await citizen.post('/api/v1/cases', onlineBody(fileId))).statusCode).toBe(201);
    const over = await citizen.post('/api/v1/cases', onlineBody(fileId));
    expect(over.statusCode, over.body).toBe(429);
    expect(over.json().error).toMatchObject({ code: 'DAILY_APPLICATION_LIMIT', details: { limit: 3 } });
    // The next China day the allowance is back.
    t.clock.advanceMinutes(24 * 60);
    expect((await citizen.post('/api/v1/cases', onlineBody(fileId))).statusCode).toBe(201);
  });
});
