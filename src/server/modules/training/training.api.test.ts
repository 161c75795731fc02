/**
 * 培训记录 over HTTP: recording a session (and what bad input gets), participants from the
 * organiser's subtree and without an account (the phone encrypted and masked; nobody twice),
 * attendance and 学时 with versions, materials checked by their bytes, a person's record and 我的培训
 * with their yearly 学时, the year figures, the Excel exports, the audit trail. Scope: a town admin
 * sees and changes only their town's sessions and people; the city all; a clerk only their own record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';

let t: TestApp;
let city: TestClient, townAdmin: TestClient, clerk: TestClient, qianquanClerk: TestClient;
const ids: Record<string, string> = {};

const GANGSHAN = '370883001';

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-training-test-${process.pid}`, staffIdleMinutes: 100_000 } });
  city = await new TestClient(t.app).loginStaff('admin');
  townAdmin = await new TestClient(t.app).loginStaff('gangshan.admin');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  qianquanClerk = await new TestClient(t.app).loginStaff('qianquan.clerk');
  for (const u of ['gangshan.clerk', 'gangshan.approver', 'qianquan.clerk', 'mengzhuang.helper', 'city.clerk']) {
    ids[u] = (await t.services.staff.forSignIn(u))!.id;
  }
});
afterAll(async () => {
  await t.close();
});

const session = (over: Record<string, unknown> = {}) => ({
  topic: '帮办代办员业务培训', startOn: '2026-11-20', hours: 2, trainer: '孔令军', trainerUnit: '钢山街道便民服务中心', place: '钢山街道便民服务中心二楼会议室',
  form: 'lecture', regionCode: GANGSHAN, summary: '代办事项的材料要求和上门代办流程', status: 'held', ...over,
});

async function created(client: TestClient, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/training/sessions', session(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function audits(action: string, entityId: string) {
  return t.deps.dbh.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity_id', '=', entityId).execute();
}

function multipart(file: { name: string; data: Buffer }) {
  const boundary = '----bianminTrainingBoundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('recording a session', () => {
  it('is created by the town admin for their town, audited', async () => {
    const s = await created(townAdmin, { endOn: '2026-11-21', hours: 6.5 });
    expect(s).toMatchObject({
      topic: '帮办代办员业务培训', startOn: '2026-11-20', endOn: '2026-11-21', hours: 6.5, formLabel: '集中授课', regionName: '钢山街道', status: 'held', statusLabel: '已举办',
      participants: 0, participantList: [], materials: [], version: 1,
    });
    expect(await audits('training.create', s.id)).toHaveLength(1);
    // a one-day session's end date is its start date: stored as none
    expect((await created(townAdmin, { endOn: '2026-11-20' })).endOn).toBeNull();
  });

  it('refuses bad input with a code and writes nothing', async () => {
    const before = Number((await t.deps.dbh.db.selectFrom('training_sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    for (const [over, code, field] of [
      [{ hours: 0 }, 'VALIDATION_FAILED', 'hours'],
      [{ hours: 0.3 }, 'VALIDATION_FAILED', 'hours'],
      [{ hours: -1 }, 'VALIDATION_FAILED', 'hours'],
      [{ form: 'party' }, 'VALIDATION_FAILED', 'form'],
      [{ startOn: '2026-02-30' }, 'VALIDATION_FAILED', 'startOn'],
      [{ topic: '' }, 'VALIDATION_FAILED', 'topic'],
      [{ endOn: '2026-11-19' }, 'TRAINING_END_BEFORE_START', 'endOn'],
      [{ regionCode: '370883001004' }, 'TRAINING_ORGANISER_LEVEL', 'regionCode'],
    ] as const) {
      const res = await townAdmin.post('/api/v1/training/sessions', session(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(JSON.stringify(res.json().error.details ?? [])).toContain(field);
    }
    // another town's or the city's sessions are not the town admin's to record
    const other = await townAdmin.post('/api/v1/training/sessions', session({ regionCode: '370883002' }));
    expect(other.statusCode).toBe(403);
    expect((await townAdmin.post('/api/v1/training/sessions', session({ regionCode: '370883' }))).statusCode).toBe(403);
    expect(Number((await t.deps.dbh.db.selectFrom('training_sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
  });

  it('is corrected with its version; changed 学时 follow to those credited in full', async () => {
    const s = await created(townAdmin, { hours: 2 });
    const added = (await townAdmin.post(`/api/v1/training/sessions/${s.id}/participants`, { staffIds: [ids['gangshan.clerk'], ids['gangshan.approver']] })).json().session;
    const approver = added.participantList.find((p: { staffId: string }) => p.staffId === ids['gangshan.approver']);
    expect((await townAdmin.put(`/api/v1/training/sessions/${s.id}/participants/${approver.id}`, { attendance: 'attended', hours: 1, version: approver.version })).statusCode).toBe(200);
    const res = await townAdmin.put(`/api/v1/training/sessions/${s.id}`, { ...session({ hours: 3, topic: '帮办代办员业务培训（修订）' }), version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ hours: 3, topic: '帮办代办员业务培训（修订）', version: 2 });
    const hours = Object.fromEntries(res.json().participantList.map((p: { staffId: string; hours: number }) => [p.staffId, p.hours]));
    expect(hours).toEqual({ [ids['gangshan.clerk']!]: 3, [ids['gangshan.approver']!]: 1 });
    const stale = await townAdmin.put(`/api/v1/training/sessions/${s.id}`, { ...session(), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('TRAINING_SESSION_CHANGED');
    expect(await audits('training.update', s.id)).toHaveLength(1);
  });
});

describe('participants', () => {
  it('are added in bulk from the organiser subtree and without accounts; nobody twice; phones encrypted and masked', async () => {
    const s = await created(townAdmin);
    const picks = (await townAdmin.get(`/api/v1/training/candidates?regionCode=${GANGSHAN}&q=gangshan`)).json().items.map((a: { username: string }) => a.username);
    expect(picks).toEqual(expect.arrayContaining(['gangshan.clerk', 'gangshan.approver', 'gangshan.admin']));
    expect(picks).not.toContain('qianquan.clerk');
    expect((await townAdmin.get('/api/v1/training/candidates?regionCode=370883002')).statusCode).toBe(403);

    const res = await townAdmin.post(`/api/v1/training/sessions/${s.id}/participants`, {
      staffIds: [ids['gangshan.clerk'], ids['mengzhuang.helper']], externals: [{ name: '张海燕', unit: '钢山街道北关社区居委会', phone: '137 0537 0111' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ added: 3, alreadyListed: [] });
    const ext = body.session.participantList.find((p: { kind: string }) => p.kind === 'external');
    expect(ext).toMatchObject({ name: '张海燕', unit: '钢山街道北关社区居委会', phoneMasked: '137****0111', attendance: 'attended', hours: 2, staffId: null });
    const clerkRow = body.session.participantList.find((p: { staffId: string }) => p.staffId === ids['gangshan.clerk']);
    expect(clerkRow).toMatchObject({ kind: 'staff', name: '孟晓燕', username: 'gangshan.clerk', unit: '钢山街道' });
    const stored = await t.deps.dbh.db.selectFrom('training_participants').selectAll().where('session_id', '=', s.id).execute();
    expect(JSON.stringify(stored)).not.toContain('13705370111');
    expect(JSON.stringify((await townAdmin.get(`/api/v1/training/sessions/${s.id}`)).json())).not.toContain('13705370111');

    // the same people again: left as they were, named
    const again = await townAdmin.post(`/api/v1/training/sessions/${s.id}/participants`, {
      staffIds: [ids['gangshan.clerk'], ids['gangshan.clerk']], externals: [{ name: '张海燕', unit: '钢山街道北关社区居委会' }, { name: '李红梅', unit: '钢山街道西关社区居委会' }],
    });
    expect(again.json()).toMatchObject({ added: 1, alreadyListed: ['孟晓燕', '张海燕'] });
    expect(again.json().session.participants).toBe(4);
    expect(await audits('training.participants_add', s.id)).toHaveLength(2);
  });

  it('refuses an account outside the organiser subtree (nothing added), and nothing at all', async () => {
    const s = await created(townAdmin);
    for (const staffIds of [[ids['gangshan.clerk'], ids['qianquan.clerk']], [ids['city.clerk']], ['no-such-account']]) {
      const res = await townAdmin.post(`/api/v1/training/sessions/${s.id}/participants`, { staffIds });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('TRAINING_PARTICIPANT_OUT_OF_SCOPE');
    }
    const empty = await townAdmin.post(`/api/v1/training/sessions/${s.id}/participants`, { staffIds: [], externals: [] });
    expect(empty.statusCode).toBe(400);
    const badPhone = await townAdmin.post(`/api/v1/training/sessions/${s.id}/participants`, { externals: [{ name: '王成刚', unit: '铁山社区', phone: '12345' }] });
    expect(badPhone.statusCode).toBe(400);
    expect((await townAdmin.get(`/api/v1/training/sessions/${s.id}`)).json().participants).toBe(0);
    // the city's session takes anyone in the county
    const citySession = await created(city, { regionCode: '370883', topic: '政务服务“好差评”工作培训' });
    const ok = await city.post(`/api/v1/training/sessions/${citySession.id}/participants`, { staffIds: [ids['qianquan.clerk'], ids['gangshan.clerk'], ids['city.clerk']] });
    expect(ok.json().added).toBe(3);
  });

  it('get attendance, 学时 and assessment with their version', async () => {
    const s = await created(townAdmin, { hours: 3 });
    const list = (await townAdmin.post(`/api/v1/training/sessions/${s.id}/participants`, {
      staffIds: [ids['gangshan.clerk']], externals: [{ name: '王成刚', unit: '钢山街道铁山社区居委会' }],
    })).json().session.participantList;
    const [p, ext] = list;
    const url = (id: string) => `/api/v1/training/sessions/${s.id}/participants/${id}`;
    const res = await townAdmin.put(url(p.id), { attendance: 'attended', hours: 2.5, assessment: 'passed', score: 92, version: p.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().participantList[0]).toMatchObject({ hours: 2.5, assessment: 'passed', assessmentLabel: '合格', score: 92, version: 2 });
    const stale = await townAdmin.put(url(p.id), { attendance: 'absent', version: p.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('TRAINING_PARTICIPANT_CHANGED');
    const over = await townAdmin.put(url(p.id), { attendance: 'attended', hours: 3.5, version: 2 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.code).toBe('TRAINING_HOURS_OVER_SESSION');
    expect((await townAdmin.put(url(p.id), { attendance: 'attended', hours: 0.7, version: 2 })).statusCode).toBe(400);
    const leave = await townAdmin.put(url(ext.id), { attendance: 'leave', hours: 3, assessment: 'passed', version: ext.version });
    expect(leave.json().participantList[1]).toMatchObject({ attendance: 'leave', attendanceLabel: '请假', hours: 0, assessment: null });
    expect(await audits('training.attendance', s.id)).toHaveLength(2);
    const removed = await townAdmin.delete(url(ext.id));
    expect(removed.json().participants).toBe(1);
    expect(await audits('training.participant_remove', s.id)).toHaveLength(1);
  });
});

describe('records and figures', () => {
  it('total a person\'s 学时 per year (held sessions attended only), for their admins and in 我的培训', async () => {
    const approver = ids['gangshan.approver']!;
    const before = (await townAdmin.get(`/api/v1/training/people/${approver}`)).json();
    const mk = async (client: TestClient, over: Record<string, unknown>, attendance = 'attended') => {
      const s = await created(client, over);
      const [p] = (await client.post(`/api/v1/training/sessions/${s.id}/participants`, { staffIds: [approver] })).json().session.participantList;
      if (attendance !== 'attended') await client.put(`/api/v1/training/sessions/${s.id}/participants/${p.id}`, { attendance, version: p.version });
      return s;
    };
    await mk(townAdmin, { startOn: '2025-06-10', hours: 4, topic: '“网上办、掌上办”操作指导' });
    await mk(city, { startOn: '2025-09-01', hours: 1.5, regionCode: '370883', form: 'online', topic: '电子证照应用培训' });
    await mk(city, { startOn: '2026-03-15', hours: 8, regionCode: '370883', topic: '“一件事”主题集成办理培训' });
    await mk(townAdmin, { startOn: '2026-04-01', hours: 2, topic: '缺席的培训' }, 'absent');
    await mk(townAdmin, { startOn: '2026-12-20', hours: 3, status: 'planned', topic: '计划中的培训' });
    const r = (await townAdmin.get(`/api/v1/training/people/${approver}`)).json();
    const year = (y: number, list: { year: number; hours: number; sessions: number }[]) => list.find((x) => x.year === y) ?? { hours: 0, sessions: 0 };
    expect(year(2025, r.years)).toEqual({ year: 2025, sessions: 2, hours: 5.5 });
    expect(year(2026, r.years).hours - year(2026, before.years).hours).toBe(8);
    expect(r.totalHours - before.totalHours).toBe(13.5);
    expect(r.person).toMatchObject({ name: '曾庆海', username: 'gangshan.approver', regionName: '钢山街道' });
    expect(r.sessions.map((s: { topic: string }) => s.topic)).toEqual(expect.arrayContaining(['计划中的培训', '缺席的培训']));
    expect(r.sessions[0]).toMatchObject({ topic: '计划中的培训', statusLabel: '计划中' });

    // the approver sees the same as 我的培训; a clerk has no other's record
    const approverClient = await new TestClient(t.app).loginStaff('gangshan.approver');
    expect((await approverClient.get('/api/v1/me/training')).json()).toEqual(r);
    expect((await clerk.get(`/api/v1/training/people/${approver}`)).statusCode).toBe(403);
    // another town's person is not the town admin's; the city reads everyone's
    expect((await townAdmin.get(`/api/v1/training/people/${ids['qianquan.clerk']}`)).statusCode).toBe(404);
    expect((await city.get(`/api/v1/training/people/${ids['qianquan.clerk']}`)).statusCode).toBe(200);
    const xlsx = await city.get(`/api/v1/training/people/${approver}/record.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('my training is every staff member\'s own', async () => {
    const mine = await qianquanClerk.get('/api/v1/me/training');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().person.username).toBe('qianquan.clerk');
    expect(mine.json().sessions.some((s: { topic: string }) => s.topic === '政务服务“好差评”工作培训')).toBe(true);
    const citizen = await new TestClient(t.app).loginCitizen('13800000001');
    expect((await citizen.get('/api/v1/me/training')).statusCode).toBe(403);
  });

  it('a year\'s figures per organiser: people trained once, 学时 credited', async () => {
    const sum = (await city.get('/api/v1/training/summary?year=2025')).json();
    expect(sum).toMatchObject({ year: 2025, regionName: '邹城市' });
    const byPlace = Object.fromEntries(sum.rows.map((r: { regionName: string }) => [r.regionName, r]));
    expect(byPlace['钢山街道']).toMatchObject({ sessions: 1, held: 1, hours: 4, people: 1, personHours: 4 });
    expect(byPlace['邹城市']).toMatchObject({ sessions: 1, held: 1, hours: 1.5, people: 1, personHours: 1.5 });
    expect(sum.totals).toMatchObject({ sessions: 2, people: 1, personHours: 5.5 });
    const town = (await townAdmin.get('/api/v1/training/summary?year=2025')).json();
    expect(town.regionName).toBe('钢山街道');
    expect(town.rows.map((r: { regionName: string }) => r.regionName)).toEqual(['钢山街道']);
  });
});

describe('scope', () => {
  it('a town admin lists and opens only their town\'s sessions; the city all; a clerk none', async () => {
    const citySession = await created(city, { regionCode: '370883', topic: '镇街便民服务中心窗口业务培训', startOn: '2026-10-10' });
    const townSession = await created(townAdmin, { topic: '适老化服务礼仪', startOn: '2026-10-11', form: 'site_visit' });
    const townList = (await townAdmin.get('/api/v1/training/sessions?year=2026&pageSize=100')).json();
    expect(townList.items.every((s: { regionCode: string }) => s.regionCode === GANGSHAN)).toBe(true);
    expect(townList.items.map((s: { id: string }) => s.id)).toContain(townSession.id);
    expect((await townAdmin.get(`/api/v1/training/sessions/${citySession.id}`)).statusCode).toBe(404);
    expect((await townAdmin.put(`/api/v1/training/sessions/${citySession.id}`, { ...session({ regionCode: '370883' }), version: 1 })).statusCode).toBe(404);
    expect((await townAdmin.post(`/api/v1/training/sessions/${citySession.id}/participants`, { staffIds: [ids['gangshan.clerk']] })).statusCode).toBe(404);
    const cityList = (await city.get('/api/v1/training/sessions?year=2026&pageSize=100')).json();
    expect(cityList.items.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([citySession.id, townSession.id]));
    const filtered = (await city.get(`/api/v1/training/sessions?region=${GANGSHAN}&form=site_visit&q=${encodeURIComponent('适老化')}`)).json();
    expect(filtered.items.map((s: { id: string }) => s.id)).toEqual([townSession.id]);
    expect((await city.get('/api/v1/training/sessions?from=2026-10-10&to=2026-10-10')).json().items.map((s: { id: string }) => s.id)).toEqual([citySession.id]);
    expect((await clerk.get('/api/v1/training/sessions')).statusCode).toBe(403);
    const xlsx = await townAdmin.get('/api/v1/training/sessions.xlsx?year=2026');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('attachment');
  });
});

describe('materials', () => {
  it('are checked by their bytes, read by the session\'s managers only', async () => {
    const s = await created(townAdmin);
    const upload = (client: TestClient, file: { name: string; data: Buffer }) => {
      const { body, contentType } = multipart(file);
      return client.request('POST', `/api/v1/training/sessions/${s.id}/materials`, body, { 'content-type': contentType });
    };
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const res = await upload(townAdmin, { name: '帮办代办培训课件.pdf', data: pdf });
    expect(res.statusCode, res.body).toBe(201);
    const [m] = res.json().materials;
    expect(m).toMatchObject({ name: '帮办代办培训课件.pdf', mime: 'application/pdf', url: `/api/v1/files/${m.fileId}` });
    const fake = await upload(townAdmin, { name: '课件.pdf', data: Buffer.from('MZ not a pdf at all') });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('TRAINING_MATERIAL_TYPE');
    expect((await city.get(m.url)).statusCode).toBe(200);
    expect((await clerk.get(m.url)).statusCode).not.toBe(200);
    expect(await audits('training.material_upload', s.id)).toHaveLength(1);
    const removed = await townAdmin.delete(`/api/v1/training/sessions/${s.id}/materials/${m.fileId}`);
    expect(removed.json().materials).toEqual([]);
    expect((await city.get(m.url)).statusCode).not.toBe(200);
  });
});

describe('教学案例 (published 典型案例 a session cites)', () => {
  const practiceBody = (title: string) => ({
    title, regionCode: GANGSHAN, summary: '钢山街道的经验做法，供各镇街学习借鉴，写明做法和成效。',
    body: '钢山街道为民服务中心设立帮办代办窗口，组建由社区网格员和志愿者组成的帮办代办队伍。\n今年以来累计上门服务 326 人次，群众满意率 100%，经验可在各镇街推广。',
  });
  async function practice(title: string, steps: ('submit' | 'publish' | 'training')[]) {
    let r = await city.post('/api/v1/practice-records', practiceBody(title));
    expect(r.statusCode, r.body).toBe(201);
    let p = r.json();
    for (const step of steps) {
      r = step === 'training'
        ? await city.put(`/api/v1/practice-records/${p.id}/training`, { version: p.version, training: true })
        : await city.post(`/api/v1/practice-records/${p.id}/${step}`, { version: p.version });
      expect(r.statusCode, r.body).toBe(200);
      p = r.json();
    }
    return p as { id: string; version: number };
  }

  it('are picked from published practices (recommended first), cited on the session\'s version, removed; audited; withdrawn ones show as 已撤下', async () => {
    const plain = await practice('窗口无否决权机制的做法', ['submit', 'publish']);
    const recommended = await practice('帮办代办上门服务的经验', ['submit', 'publish', 'training']);
    const draft = await practice('尚未报送的案例草稿', []);

    const choices = (await townAdmin.get('/api/v1/training/case-choices')).json().items as { id: string; recommended: boolean; title: string }[];
    expect(choices.map((c) => c.id)).not.toContain(draft.id);
    const ri = choices.findIndex((c) => c.id === recommended.id);
    const pi = choices.findIndex((c) => c.id === plain.id);
    expect(ri).toBeGreaterThanOrEqual(0);
    expect(pi).toBeGreaterThan(ri);
    expect(choices[ri]).toMatchObject({ recommended: true, title: '帮办代办上门服务的经验' });
    expect((await townAdmin.get('/api/v1/training/case-choices?q=无否决权')).json().items.map((c: { id: string }) => c.id)).toEqual([plain.id]);

    const s = await created(townAdmin);
    const first = await townAdmin.post(`/api/v1/training/sessions/${s.id}/cases`, { practiceId: recommended.id, version: s.version });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      version: s.version + 1,
      cases: [{ practiceId: recommended.id, title: '帮办代办上门服务的经验', regionName: '钢山街道', published: true, recommended: true, statusLabel: '已发布', url: `/practices/${recommended.id}` }],
    });
    // a stale version: 409, nothing written
    const stale = await townAdmin.post(`/api/v1/training/sessions/${s.id}/cases`, { practiceId: plain.id, version: s.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('TRAINING_SESSION_CHANGED');
    // an unpublished or unknown practice: 400 with a stable code
    for (const practiceId of [draft.id, '00000000-0000-4000-8000-000000000000']) {
      const bad = await townAdmin.post(`/api/v1/training/sessions/${s.id}/cases`, { practiceId, version: s.version + 1 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('TRAINING_CASE_NOT_PUBLISHED');
    }
    expect((await townAdmin.post(`/api/v1/training/sessions/${s.id}/cases`, { practiceId: 'not-a-uuid', version: s.version + 1 })).json().error.code).toBe('VALIDATION_FAILED');
    const second = (await townAdmin.post(`/api/v1/training/sessions/${s.id}/cases`, { practiceId: plain.id, version: s.version + 1 })).json();
    expect(second.cases.map((c: { practiceId: string }) => c.practiceId)).toEqual([recommended.id, plain.id]);
    // citing one already cited changes nothing
    expect((await townAdmin.post(`/api/v1/training/sessions/${s.id}/cases`, { practiceId: plain.id, version: second.version })).json().version).toBe(second.version);

    // the practice's page counts the sessions citing it
    expect((await city.get(`/api/v1/practice-records/${plain.id}`)).json().trainingSessions).toBe(1);

    // withdrawn later: still listed, as 已撤下, without a link
    const current = (await city.get(`/api/v1/practice-records/${plain.id}`)).json();
    expect((await city.post(`/api/v1/practice-records/${plain.id}/withdraw`, { version: current.version, reason: '数据需要重新核实' })).statusCode).toBe(200);
    const after = (await townAdmin.get(`/api/v1/training/sessions/${s.id}`)).json();
    expect(after.cases[1]).toMatchObject({ practiceId: plain.id, published: false, recommended: false, statusLabel: '已撤下', url: null });
    // and can no longer be cited by another session
    const other = await created(townAdmin);
    expect((await townAdmin.post(`/api/v1/training/sessions/${other.id}/cases`, { practiceId: plain.id, version: other.version })).json().error.code).toBe('TRAINING_CASE_NOT_PUBLISHED');

    // removed on the version read; one not cited is 404
    expect((await townAdmin.request('DELETE', `/api/v1/training/sessions/${s.id}/cases/${plain.id}?version=${second.version - 1}`)).statusCode).toBe(409);
    const removed = await townAdmin.request('DELETE', `/api/v1/training/sessions/${s.id}/cases/${plain.id}?version=${second.version}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().cases.map((c: { practiceId: string }) => c.practiceId)).toEqual([recommended.id]);
    const again = await townAdmin.request('DELETE', `/api/v1/training/sessions/${s.id}/cases/${plain.id}?version=${removed.json().version}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('TRAINING_CASE_NOT_FOUND');

    expect(await audits('training.case_add', s.id)).toHaveLength(2);
    const [gone] = await audits('training.case_remove', s.id);
    expect(JSON.parse(gone!.summary)).toMatchObject({ practiceId: plain.id, practice: '窗口无否决权机制的做法' });
    // a person's record does not list them
    expect(JSON.stringify((await clerk.get('/api/v1/me/training')).json())).not.toContain('practice');
  });

  it('belong to the session\'s managers: another town\'s admin gets 404, a clerk 403', async () => {
    const p = await practice('一窗通办改革的做法', ['submit', 'publish']);
    const s = await created(city, { regionCode: '370883' });
    expect((await townAdmin.post(`/api/v1/training/sessions/${s.id}/cases`, { practiceId: p.id, version: s.version })).statusCode).toBe(404);
    expect((await clerk.post(`/api/v1/training/sessions/${s.id}/cases`, { practiceId: p.id, version: s.version })).statusCode).toBe(403);
    expect((await clerk.get('/api/v1/training/case-choices')).statusCode).toBe(403);
    const cited = await city.post(`/api/v1/training/sessions/${s.id}/cases`, { practiceId: p.id, version: s.version });
    expect(cited.statusCode, cited.body).toBe(200);
    expect((await townAdmin.request('DELETE', `/api/v1/training/sessions/${s.id}/cases/${p.id}?version=${cited.json().version}`)).statusCode).toBe(404);
  });
});
