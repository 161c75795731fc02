/**
 * The helper's records over HTTP (issue 14 §3–§5), with an in-memory roster (h-mz-1 = 刘桂芝,
 * mengzhuang.helper, covers 孟庄社区; h-bg-2 = mengzhuang.helper2 covers 北关社区, so every request
 * here goes to 刘桂芝 and the other helper is "another helper"):
 * - photos: images only (by their bytes), by the assigned helper after accepting; the same
 *   clientRef again gives the same photo; a record names unattached photos of its request once;
 *   read by the helper and the request's coordinators only;
 * - offline records: the same clientRef again records nothing (even on a stale version); `at` is
 *   when it happened (not in the future, not before the request); accepting again changes nothing;
 * - 代办授权: the SMS code (masked phone, resend once a minute, 5 wrong tries, 10 minutes, used once)
 *   and the signed 委托书's photo, each audited with the person as `onBehalfOf`.
 * The test clock starts Friday 2026-11-27 10:00 China time; tests move it forwards only.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetSessions } from '../../platform/sessions.js';
import { createTestApp, TestClient, untouchedState, type TestApp } from '../../testing.js';
import { pngImage } from '../venues/fixtures.js';
import { FakeHelpers, fakeItems } from './fixtures.js';
import { helpRequestDetail, type HelpRequestDetail } from './schemas.js';

const GANGSHAN = '370883001';
const MENGZHUANG = '370883001004';
const BEIGUAN = '370883001005';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let t: TestApp;
const roster = new FakeHelpers();
let citizen: TestClient;
let helper: TestClient;
let otherHelper: TestClient;
let coordinator: TestClient;
let anonymous: TestClient;

const db = () => t.deps.dbh.db;
const staffId = async (username: string) => (await db().selectFrom('staff_users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const url = (id: string, action = '') => `/api/v1/help-requests/${id}${action ? `/${action}` : ''}`;

function problem(res: LightMyRequestResponse) {
  const error = res.json().error as { code: string; message: string; details?: unknown };
  return { status: res.statusCode, code: error.code, message: error.message, fields: Array.isArray(error.details) ? (error.details as { field: string }[]).map((d) => d.field) : [] };
}

async function detail(client: TestClient, id: string): Promise<HelpRequestDetail> {
  const res = await client.get(url(id));
  expect(res.statusCode, res.body).toBe(200);
  return helpRequestDetail.parse(res.json());
}

async function ok(res: Promise<LightMyRequestResponse>): Promise<HelpRequestDetail> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return helpRequestDetail.parse(r.json());
}

/** A request the citizen asks for 王桂兰 at 孟庄社区: dispatched to 刘桂芝, and accepted by her unless `accept` is false. */
async function request(accept = true): Promise<HelpRequestDetail> {
  const res = await citizen.post('/api/v1/help-requests', {
    forSelf: false, name: '王桂兰', phone: '13800000003', address: '孟庄社区幸福路 12 号', villageCode: MENGZHUANG, need: '想办高龄津贴，腿脚不便',
  });
  expect(res.statusCode, res.body).toBe(201);
  const made = helpRequestDetail.parse(res.json());
  expect(made.helperId).toBe('h-mz-1');
  return accept ? ok(helper.post(url(made.id, 'accept'), { version: made.version })) : made;
}

function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const boundary = '----bianminHelpPhotoBoundary';
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const body = Buffer.concat([
    ...parts,
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function send(client: TestClient, path: string, fields: Record<string, string> = {}, file = { name: 'photo.png', data: pngImage(40, 30) }) {
  const { body, contentType } = multipart(fields, file);
  return client.request('POST', path, body, { 'content-type': contentType });
}

const uploadPhoto = (client: TestClient, id: string, fields: Record<string, string> = {}, file?: { name: string; data: Buffer }) => send(client, url(id, 'photos'), fields, file);

async function photoId(id: string, fields: Record<string, string> = {}): Promise<string> {
  const res = await uploadPhoto(helper, id, fields);
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

const audits = (id: string) =>
  db().selectFrom('audit_log').select(['action', 'actor_kind', 'on_behalf_of', 'summary']).where('entity_id', '=', id).orderBy('seq').execute();
const eventRows = (id: string) => db().selectFrom('help_request_events').selectAll().where('request_id', '=', id).orderBy('seq').execute();

/** Moves the test clock on; the people here kept using the app meanwhile, so their sessions are not idle. */
async function advance(minutes: number): Promise<void> {
  t.clock.advanceMinutes(minutes);
  await db().updateTable('sessions').set({ last_seen_at: t.clock.now().toISOString() }).execute();
  forgetSessions();
}

/** A code other than `code`. */
const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

beforeAll(async () => {
  t = await createTestApp({ services: { assistance: { helpers: roster, items: fakeItems({}) } } });
  const city = await new TestClient(t.app).loginStaff('admin');
  const made = await city.post('/api/v1/admin/users', {
    username: 'mengzhuang.helper2', name: '孙立新', password: 'Demo@2026', homeRegionCode: MENGZHUANG, grants: [{ role: 'helper', regionCode: MENGZHUANG }],
  });
  expect(made.statusCode, made.body).toBe(201);
  roster.add({ helperId: 'h-mz-1', staffId: await staffId('mengzhuang.helper'), name: '刘桂芝', townCode: GANGSHAN, areas: [MENGZHUANG] });
  roster.add({ helperId: 'h-bg-2', staffId: await staffId('mengzhuang.helper2'), name: '孙立新', townCode: GANGSHAN, areas: [BEIGUAN] });
  citizen = await new TestClient(t.app).loginCitizen('13800000001');
  helper = await new TestClient(t.app).loginStaff('mengzhuang.helper');
  otherHelper = await new TestClient(t.app).loginStaff('mengzhuang.helper2');
  coordinator = await new TestClient(t.app).loginStaff('gangshan.admin');
  anonymous = new TestClient(t.app);
});
afterAll(() => t.close());

describe('photos', () => {
  it('only the assigned helper uploads, after accepting; a file that is not an image is refused with nothing stored', async () => {
    const r = await request(false);
    expect(problem(await uploadPhoto(helper, r.id))).toMatchObject({ status: 409, code: 'HELP_REQUEST_WRONG_STATUS' });
    await ok(helper.post(url(r.id, 'accept'), {}));
    expect(problem(await uploadPhoto(otherHelper, r.id))).toMatchObject({ status: 404, code: 'HELP_REQUEST_NOT_FOUND' });
    expect((await uploadPhoto(citizen, r.id)).statusCode).toBe(403);

    const before = await untouchedState(t, ['files', 'help_request_photos', 'help_request_events']);
    expect(problem(await uploadPhoto(helper, r.id, {}, { name: '走访.pdf', data: PDF }))).toMatchObject({ status: 400, code: 'FILE_TYPE_NOT_ALLOWED' });
    // judged by the bytes, not the name
    expect(problem(await uploadPhoto(helper, r.id, {}, { name: '走访.png', data: Buffer.from('not a picture at all') }))).toMatchObject({ status: 400, code: 'FILE_TYPE_NOT_ALLOWED' });
    expect(problem(await uploadPhoto(helper, r.id, { clientRef: 'bad ref' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: ['clientRef'] });
    expect(await untouchedState(t, ['files', 'help_request_photos', 'help_request_events'])).toBe(before);
    expect(await db().selectFrom('help_request_photos').select('id').where('request_id', '=', r.id).execute()).toEqual([]);
  });

  it('the same clientRef twice gives the same photo, 201 then 200, stored once and audited once', async () => {
    const r = await request();
    const first = await uploadPhoto(helper, r.id, { clientRef: 'device-7:photo-0001' });
    expect(first.statusCode, first.body).toBe(201);
    const photo = first.json() as { id: string; url: string };
    expect(photo.url).toBe(`/api/v1/files/${photo.id}`);
    const again = await uploadPhoto(helper, r.id, { clientRef: 'device-7:photo-0001' }, { name: 'photo.png', data: pngImage(40, 30, [200, 40, 40]) });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(photo);
    const rows = await db().selectFrom('help_request_photos').selectAll().where('request_id', '=', r.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: photo.id, purpose: 'visit', event_seq: null, client_ref: 'device-7:photo-0001' });
    const file = await db().selectFrom('files').selectAll().where('id', '=', photo.id).executeTakeFirstOrThrow();
    expect(file).toMatchObject({ mime: 'image/png', kind: 'upload' });
    expect(JSON.parse(file.meta)).toMatchObject({ purpose: 'help-photo', requestId: r.id });
    const uploads = (await audits(r.id)).filter((a) => a.action === 'help_request.photo_upload');
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ actor_kind: 'staff', on_behalf_of: '求助人 王**' });
    expect(JSON.parse(uploads[0]!.summary)).toMatchObject({ requestNo: r.requestNo, fileId: photo.id, mime: 'image/png' });
    // another clientRef is another photo
    expect(await photoId(r.id, { clientRef: 'device-7:photo-0002' })).not.toBe(photo.id);
  });

  it('a record lists the photos it names; naming them again, or another request\'s, is 409 with nothing written', async () => {
    const r = await request();
    const [p1, p2, p3] = [await photoId(r.id), await photoId(r.id), await photoId(r.id)];
    const contacted = await ok(helper.post(url(r.id, 'contact'), { method: 'visit', note: '上门核实情况', photoIds: [p1, p2] }));
    const contact = contacted.events.find((e) => e.action === 'contact' && !e.internal)!;
    expect(contact.photos.map((p) => p.id).sort()).toEqual([p1, p2].sort());
    expect(contact.photos.every((p) => p.url === `/api/v1/files/${p.id}`)).toBe(true);
    // only the first row of a record carries them
    expect(contacted.events.filter((e) => e.photos.length > 0)).toHaveLength(1);
    expect((await audits(r.id)).at(-1)).toMatchObject({ action: 'help_request.contact', on_behalf_of: '求助人 王**' });
    expect(JSON.parse((await audits(r.id)).at(-1)!.summary)).toMatchObject({ photos: 2 });

    const other = await request();
    const theirs = await photoId(other.id);
    const before = await untouchedState(t, ['help_request_events', 'help_request_photos', 'files']);
    for (const photoIds of [[p1], [p3, p2], [theirs], ['no-such-photo']]) {
      const res = await helper.post(url(r.id, 'progress'), { note: '再次走访', photoIds });
      expect(problem(res), JSON.stringify(photoIds)).toMatchObject({ status: 409, code: 'HELP_PHOTOS_UNAVAILABLE' });
    }
    expect(await untouchedState(t, ['help_request_events', 'help_request_photos', 'files'])).toBe(before);
    expect((await detail(helper, r.id)).version).toBe(contacted.version);
    // p3 was not taken by the refused record: a visit names it
    const visited = await ok(helper.post(url(r.id, 'progress'), { note: '第二次上门，老人已备齐材料', visit: true, photoIds: [p3] }));
    expect(visited.events.at(-1)).toMatchObject({ action: 'visit', actionLabel: '上门走访', internal: false });
    expect(visited.events.at(-1)!.photos.map((p) => p.id)).toEqual([p3]);

    // the citizen follows the visits without the pictures of the home
    const seen = await detail(citizen, r.id);
    expect(seen.events.map((e) => e.action)).toEqual(['submit', 'assign', 'accept', 'contact', 'visit']);
    expect(seen.events.every((e) => e.photos.length === 0)).toBe(true);

    // once the request is over, no more photos
    await ok(helper.post(url(r.id, 'complete'), { note: '已办好' }));
    expect(problem(await uploadPhoto(helper, r.id))).toMatchObject({ status: 409, code: 'HELP_REQUEST_WRONG_STATUS' });
  });

  it('the helper who took it and the coordinators read a photo; the citizen, another helper and the public do not', async () => {
    const r = await request();
    const p = await photoId(r.id);
    await ok(helper.post(url(r.id, 'contact'), { method: 'visit', note: '上门', photoIds: [p] }));
    const png = await helper.get(`/api/v1/files/${p}`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['cache-control']).toBe('private, no-store');
    expect((await coordinator.get(`/api/v1/files/${p}`)).statusCode).toBe(200);
    for (const [who, client] of [['citizen', citizen], ['other helper', otherHelper]] as const) {
      const res = await client.get(`/api/v1/files/${p}`);
      expect(problem(res), who).toMatchObject({ status: 404, code: 'FILE_NOT_FOUND' });
    }
    expect((await anonymous.get(`/api/v1/files/${p}`)).statusCode).toBe(401);

    // the window clerk who typed a request in follows it, but not the pictures of the person's home
    const clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
    const typed = await clerk.post('/api/v1/help-requests', { channel: 'phone', name: '王桂兰', phone: '13800000003', address: '孟庄社区幸福路 12 号', villageCode: MENGZHUANG, need: '电话求助' });
    expect(typed.statusCode, typed.body).toBe(201);
    const phoned = helpRequestDetail.parse(typed.json());
    await ok(helper.post(url(phoned.id, 'accept'), {}));
    const q = await photoId(phoned.id);
    expect((await clerk.get(url(phoned.id))).statusCode).toBe(200);
    expect(problem(await clerk.get(`/api/v1/files/${q}`))).toMatchObject({ status: 404, code: 'FILE_NOT_FOUND' });
  });
});

describe('offline records', () => {
  it('a progress note sent twice with the same clientRef is recorded once, 200 both times, even on a stale version', async () => {
    const r = await request();
    const record = { note: '材料已收齐', clientRef: 'device-7:rec-0001', version: r.version };
    const first = await ok(helper.post(url(r.id, 'progress'), record));
    expect(first.version).toBe(r.version + 1);
    // the connection came back: the queued record goes again, on the version it was written on
    const again = await ok(helper.post(url(r.id, 'progress'), record));
    expect(again.version).toBe(first.version);
    expect(again.events).toEqual(first.events);
    const rows = (await eventRows(r.id)).filter((e) => e.action === 'progress');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ client_ref: 'device-7:rec-0001', note: '材料已收齐' });
    expect((await audits(r.id)).filter((a) => a.action === 'help_request.progress')).toHaveLength(1);
    // another record on that stale version is still refused
    expect(problem(await helper.post(url(r.id, 'progress'), { ...record, clientRef: 'device-7:rec-0002' }))).toMatchObject({ status: 409, code: 'HELP_REQUEST_CHANGED' });
  });

  it('`at` may be neither in the future nor before the request, with nothing written', async () => {
    const r = await request();
    const before = await untouchedState(t, ['help_request_events']);
    const future = new Date(t.clock.now().getTime() + 10 * 60_000).toISOString();
    const early = new Date(new Date(r.createdAt).getTime() - 60_000).toISOString();
    for (const at of [future, early]) {
      expect(problem(await helper.post(url(r.id, 'progress'), { note: '走访', at })), at).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: ['at'] });
      expect(problem(await helper.post(url(r.id, 'contact'), { method: 'visit', note: '走访', at })), at).toMatchObject({ status: 400, fields: ['at'] });
    }
    expect(problem(await helper.post(url(r.id, 'progress'), { note: '走访', at: '昨天下午' }))).toMatchObject({ status: 400, fields: ['at'] });
    expect(await untouchedState(t, ['help_request_events'])).toBe(before);
    expect((await detail(helper, r.id)).version).toBe(r.version);
  });

  it('a contact recorded without signal counts from when it happened', async () => {
    const r = await request();
    const created = new Date(r.createdAt).getTime();
    await advance(45);
    // written on the phone 10 minutes after the request (China time), sent 45 minutes after
    const happened = new Date(created + 10 * 60_000);
    const chinaTime = new Date(happened.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    const done = await ok(helper.post(url(r.id, 'contact'), { method: 'visit', note: '上门核实', at: chinaTime, clientRef: 'device-7:rec-0100' }));
    expect(done.contactedAt).toBe(happened.toISOString());
    const events = done.events.filter((e) => e.action === 'contact');
    expect(events[0]).toMatchObject({ occurredAt: happened.toISOString(), at: t.clock.now().toISOString() });
    // the record's time is on its first row only
    expect(events[1]!.occurredAt).toBeNull();
    expect(JSON.parse((await audits(r.id)).at(-1)!.summary)).toMatchObject({ occurredAt: happened.toISOString() });
    // a record without `at` happened when it came in
    const progressed = await ok(helper.post(url(r.id, 'progress'), { note: '已预约窗口' }));
    expect(progressed.events.at(-1)!.occurredAt).toBeNull();
  });

  it('accepting again answers 200 with the request as it is: no second event, no second audit entry', async () => {
    const r = await request(false);
    const first = await ok(helper.post(url(r.id, 'accept'), { version: r.version }));
    const again = await ok(helper.post(url(r.id, 'accept'), { version: r.version }));
    expect(again).toMatchObject({ status: 'accepted', version: first.version, acceptedAt: first.acceptedAt });
    expect(again.events.filter((e) => e.action === 'accept')).toHaveLength(1);
    expect((await audits(r.id)).filter((a) => a.action === 'help_request.accept')).toHaveLength(1);
    // another helper's accept is still not found
    expect(problem(await otherHelper.post(url(r.id, 'accept'), {}))).toMatchObject({ status: 404, code: 'HELP_REQUEST_NOT_FOUND' });
  });

  it('a home visit after the first contact is a visit the citizen sees', async () => {
    const r = await request();
    await ok(helper.post(url(r.id, 'contact'), { method: 'phone', note: '电话联系' }));
    const visited = await ok(helper.post(url(r.id, 'progress'), { note: '上门帮老人填表', visit: true }));
    expect(visited.status).toBe('contacted');
    expect(visited.events.at(-1)).toMatchObject({ action: 'visit', actionLabel: '上门走访', note: '上门帮老人填表', internal: false });
    expect((await detail(citizen, r.id)).events.at(-1)).toMatchObject({ action: 'visit', note: '上门帮老人填表' });
    expect((await audits(r.id)).at(-1)).toMatchObject({ action: 'help_request.visit', on_behalf_of: '求助人 王**' });
  });
});

describe('代办授权 by SMS code', () => {
  const sendCode = (id: string) => helper.post(url(id, 'authorisation/sms'), {});
  const confirm = (client: TestClient, id: string, code: string) => client.post(url(id, 'authorisation/sms/confirm'), { code });
  async function codeSent(id: string): Promise<{ sentTo: string; expiresAt: string; demoCode: string }> {
    const res = await sendCode(id);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it('texts a code to the person\'s phone: masked in the answer, the code in demoCode; once a minute', async () => {
    const r = await request();
    const sent = await codeSent(r.id);
    expect(sent).toEqual({ sentTo: '138****0003', expiresAt: new Date(t.clock.now().getTime() + 10 * 60_000).toISOString(), demoCode: expect.stringMatching(/^\d{6}$/) });
    const sms = await db().selectFrom('sms_outbox').selectAll().where('template', '=', 'assist_consent_code').orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(sms.phone_masked).toBe('138****0003');
    expect(t.deps.protector.decrypt(sms.phone_enc)).toBe('13800000003');
    expect(t.deps.protector.decrypt(sms.body_enc)).toContain(sent.demoCode);
    // the code is kept hashed
    const row = await db().selectFrom('help_authorisations').selectAll().where('request_id', '=', r.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ method: 'sms', confirmed_at: null, attempts: 0 });
    expect(row.code_hash).not.toContain(sent.demoCode);

    const tooSoon = await sendCode(r.id);
    expect(problem(tooSoon)).toMatchObject({ status: 429, code: 'SMS_TOO_FREQUENT' });
    expect(tooSoon.json().error.details).toEqual({ retryAfterSeconds: 60 });
    await advance(1);
    const next = await codeSent(r.id);
    // the new code replaces the old one
    if (next.demoCode !== sent.demoCode) expect(problem(await confirm(helper, r.id, sent.demoCode))).toMatchObject({ status: 400, code: 'AUTHORISATION_CODE_WRONG' });
    await ok(confirm(helper, r.id, next.demoCode));
  });

  it('a wrong code says how many tries are left; after five the code is locked, even the right one', async () => {
    const r = await request();
    const { demoCode } = await codeSent(r.id);
    for (const left of [4, 3, 2, 1]) {
      const res = await confirm(helper, r.id, wrongCode(demoCode));
      expect(problem(res)).toMatchObject({ status: 400, code: 'AUTHORISATION_CODE_WRONG', fields: ['code'] });
      expect(problem(res).message).toContain(`还可以再输 ${left} 次`);
    }
    expect(problem(await confirm(helper, r.id, wrongCode(demoCode)))).toMatchObject({ status: 400, code: 'AUTHORISATION_CODE_WRONG', message: '验证码不正确，请重新发送' });
    expect(problem(await confirm(helper, r.id, demoCode))).toMatchObject({ status: 409, code: 'AUTHORISATION_CODE_LOCKED' });
    const seen = await detail(helper, r.id);
    expect(seen.authorisation).toBeNull();
    expect(seen.events.some((e) => e.action === 'authorise')).toBe(false);
    // a new code starts again
    await advance(1);
    const next = await codeSent(r.id);
    expect((await ok(confirm(helper, r.id, next.demoCode))).authorisation).toMatchObject({ method: 'sms' });
  });

  it('a code expires 10 minutes after it was sent', async () => {
    const r = await request();
    const { demoCode } = await codeSent(r.id);
    await advance(10);
    expect(problem(await confirm(helper, r.id, demoCode))).toMatchObject({ status: 409, code: 'AUTHORISATION_CODE_EXPIRED' });
    expect((await detail(helper, r.id)).authorisation).toBeNull();
  });

  it('the right code is the person\'s consent: in force for 30 days, told to them; the same code again is 409', async () => {
    const r = await request();
    const { demoCode } = await codeSent(r.id);
    expect((await detail(helper, r.id)).can).toMatchObject({ authorise: true, applyOnBehalf: false });
    const now = t.clock.now();
    const done = await ok(confirm(helper, r.id, demoCode));
    expect(done.authorisation).toMatchObject({
      method: 'sms', methodLabel: expect.any(String), at: now.toISOString(), validUntil: new Date(now.getTime() + 30 * 24 * 3600_000).toISOString(),
      caseId: null, caseNo: null, letterUrl: null,
    });
    expect(done.can).toMatchObject({ authorise: true, applyOnBehalf: true });
    expect(done.version).toBe(r.version + 1);
    expect(done.events.at(-1)).toMatchObject({ action: 'authorise', internal: false });
    const seen = await detail(citizen, r.id);
    expect(seen.events.at(-1)).toMatchObject({ action: 'authorise', note: expect.stringContaining('短信验证码') });
    expect(seen.authorisation).toMatchObject({ method: 'sms', letterUrl: null });
    expect(seen.can).toMatchObject({ authorise: false, applyOnBehalf: false });

    expect(problem(await confirm(helper, r.id, demoCode))).toMatchObject({ status: 409, code: 'AUTHORISATION_CODE_USED' });
    expect((await detail(helper, r.id)).events.filter((e) => e.action === 'authorise')).toHaveLength(1);
  });

  it('only the assigned helper, after accepting: another helper is 404, before accepting 409, with nothing written', async () => {
    const r = await request(false);
    const before = await untouchedState(t, ['help_authorisations', 'help_request_events', 'sms_outbox', 'files', 'help_request_photos']);
    expect(problem(await sendCode(r.id))).toMatchObject({ status: 409, code: 'HELP_REQUEST_WRONG_STATUS' });
    expect(problem(await confirm(helper, r.id, '123456'))).toMatchObject({ status: 409, code: 'HELP_REQUEST_WRONG_STATUS' });
    expect(problem(await send(helper, url(r.id, 'authorisation/letter')))).toMatchObject({ status: 409, code: 'HELP_REQUEST_WRONG_STATUS' });
    await ok(helper.post(url(r.id, 'accept'), {}));
    const afterAccept = await untouchedState(t, ['help_authorisations', 'help_request_events', 'sms_outbox', 'files', 'help_request_photos']);
    expect(afterAccept).not.toBe(before);
    expect(problem(await otherHelper.post(url(r.id, 'authorisation/sms'), {}))).toMatchObject({ status: 404, code: 'HELP_REQUEST_NOT_FOUND' });
    expect(problem(await confirm(otherHelper, r.id, '123456'))).toMatchObject({ status: 404, code: 'HELP_REQUEST_NOT_FOUND' });
    expect(problem(await send(otherHelper, url(r.id, 'authorisation/letter')))).toMatchObject({ status: 404, code: 'HELP_REQUEST_NOT_FOUND' });
    // the coordinator does not act for the helper, nor does the citizen
    expect((await coordinator.post(url(r.id, 'authorisation/sms'), {})).statusCode).toBe(403);
    expect((await citizen.post(url(r.id, 'authorisation/sms'), {})).statusCode).toBe(403);
    // no code sent yet
    expect(problem(await confirm(helper, r.id, '123456'))).toMatchObject({ status: 409, code: 'AUTHORISATION_CODE_MISSING' });
    expect(await untouchedState(t, ['help_authorisations', 'help_request_events', 'sms_outbox', 'files', 'help_request_photos'])).toBe(afterAccept);
  });
});

describe('代办授权 by a signed 委托书', () => {
  const letter = (client: TestClient, id: string, file?: { name: string; data: Buffer }) => send(client, url(id, 'authorisation/letter'), {}, file);

  it('a file that is not an image is refused with nothing written; a photo is the consent, its picture for staff only', async () => {
    const r = await request();
    const tables = ['files', 'help_request_photos', 'help_authorisations', 'help_request_events'] as const;
    const before = await untouchedState(t, tables);
    expect(problem(await letter(helper, r.id, { name: '委托书.pdf', data: PDF }))).toMatchObject({ status: 400, code: 'FILE_TYPE_NOT_ALLOWED' });
    expect(await untouchedState(t, tables)).toBe(before);

    const done = await ok(letter(helper, r.id, { name: '委托书.png', data: pngImage(60, 80, [230, 230, 230]) }));
    expect(done.authorisation).toMatchObject({ method: 'letter', caseId: null, letterUrl: expect.stringMatching(/^\/api\/v1\/files\/[0-9a-f-]{36}$/) });
    expect(done.can.applyOnBehalf).toBe(true);
    const authorise = done.events.at(-1)!;
    expect(authorise).toMatchObject({ action: 'authorise', internal: false });
    // the letter is kept with the consent, not shown as a visit photo
    expect(authorise.photos).toEqual([]);
    const fileUrl = done.authorisation!.letterUrl!;
    const photo = await db().selectFrom('help_request_photos').selectAll().where('request_id', '=', r.id).executeTakeFirstOrThrow();
    expect(photo).toMatchObject({ id: fileUrl.split('/').at(-1), purpose: 'letter', event_seq: authorise.seq });

    expect((await coordinator.get(fileUrl)).statusCode).toBe(200);
    expect((await helper.get(fileUrl)).statusCode).toBe(200);
    expect((await citizen.get(fileUrl)).statusCode).toBe(404);
    expect((await otherHelper.get(fileUrl)).statusCode).toBe(404);
    const seen = await detail(citizen, r.id);
    expect(seen.authorisation).toMatchObject({ method: 'letter', letterUrl: null });
    expect(seen.events.at(-1)).toMatchObject({ action: 'authorise', note: expect.stringContaining('委托书') });
    // the letter's photo is no visit photo a record could name
    expect(problem(await helper.post(url(r.id, 'progress'), { note: '走访', photoIds: [photo.id] }))).toMatchObject({ status: 409, code: 'HELP_PHOTOS_UNAVAILABLE' });
  });
});

describe('audit', () => {
  it('every step is audited with the helper as the actor and the person, masked, on whose behalf', async () => {
    const r = await request();
    await photoId(r.id);
    const sendRes = await helper.post(url(r.id, 'authorisation/sms'), {});
    const { demoCode } = sendRes.json() as { demoCode: string };
    await ok(helper.post(url(r.id, 'authorisation/sms/confirm'), { code: demoCode }));
    await ok(send(helper, url(r.id, 'authorisation/letter')));
    const entries = await audits(r.id);
    expect(entries.map((a) => a.action)).toEqual([
      'help_request.create', 'help_request.accept', 'help_request.photo_upload', 'help_request.consent_code', 'help_request.authorise', 'help_request.authorise',
    ]);
    for (const a of entries.slice(1)) expect(a, a.action).toMatchObject({ actor_kind: 'staff', on_behalf_of: '求助人 王**' });
    expect(entries.slice(4).map((a) => JSON.parse(a.summary).method)).toEqual(['sms', 'letter']);
    expect(JSON.parse(entries[3]!.summary)).toMatchObject({ requestNo: r.requestNo, phone: '138****0003' });
    // neither the code nor the full phone nor the name is in the log (ids left out: a 6-digit run may occur in one)
    const all = JSON.stringify(entries).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '');
    expect(all).not.toContain(demoCode);
    expect(all).not.toContain('13800000003');
    expect(all).not.toContain('王桂兰');
  });
});
