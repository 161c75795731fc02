/**
 * 好差评 over HTTP: the rating window in working days, once per case, a 差评's reasons, every
 * channel's credentials (session, link, terminal, phone), and the follow-up: visit, rectify,
 * re-rate once, appeal and review, the escalation of a missed limit, the SMS invitation. Scope:
 * a town's staff see and follow up only their town's ratings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { actOk, chinaTenAm, GANGSHAN, onlineBody, QIANQUAN, seedCaseCatalog, setClock, signInCast, submitOk, windowBody } from '../cases/fixtures.js';
import { seedDemoVenues } from '../venues/index.js';

let t: TestApp;
let citizen: TestClient, other: TestClient, clerk: TestClient, qianquan: TestClient, approver: TestClient, townAdmin: TestClient, city: TestClient;
let fileId: string;
let qianquanAdmin: TestClient;

beforeAll(async () => {
  // Everyone signs in at the last instant the tests reach, with no idle limit, so their sessions
  // hold while the tests move the clock back and forth between 2026-11-27 and 2026-12-07.
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-ratings-test-${process.pid}`, staffIdleMinutes: 100_000, citizenIdleMinutes: 100_000 } });
  setClock(t, chinaTenAm('2026-12-08'));
  await seedCaseCatalog(t);
  ({ citizen, other, clerk, qianquan, approver, townAdmin, city, fileId } = await signInCast(t));
  qianquanAdmin = await new TestClient(t.app).loginStaff('qianquan.admin').catch(() => null as unknown as TestClient);
});
afterAll(async () => {
  await t.close();
});

/** A citizen's online case at 钢山街道, taken to 已办结（准予） on a China date (10:00). */
async function handledOnline(on = '2026-11-27'): Promise<{ id: string; caseNo: string }> {
  setClock(t, chinaTenAm(on));
  const c = await submitOk(citizen, onlineBody(fileId));
  await actOk(clerk, c.id, 'accept');
  await actOk(approver, c.id, 'approve', { opinion: '经审查，符合条件' });
  await actOk(approver, c.id, 'approve', { opinion: '准予', resultNote: '低保证编号 DB2026-0001' });
  return c;
}

const rate = (client: TestClient, body: Record<string, unknown>, headers: Record<string, string> = {}) => client.request('POST', '/api/v1/ratings', body, headers);

describe('rating a case', () => {
  it('is refused before the case is handled, taken within 5 working days after, once', async () => {
    setClock(t, chinaTenAm('2026-11-27'));
    const open = await submitOk(citizen, onlineBody(fileId));
    const early = await rate(citizen, { caseNo: open.caseNo, level: 5, channel: 'pc' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CASE_NOT_HANDLED');
    expect((await citizen.get(`/api/v1/ratings/case?caseNo=${open.caseNo}`)).json()).toMatchObject({ state: 'not_handled', mode: 'online' });

    // handled on Friday 2026-11-27: five working days after is Friday 2026-12-04
    const c = await handledOnline('2026-11-27');
    setClock(t, chinaTenAm('2026-12-04'));
    const state = (await citizen.get(`/api/v1/ratings/case?caseNo=${c.caseNo}`)).json();
    expect(state).toMatchObject({ state: 'open', until: '2026-12-04', itemName: '城乡居民最低生活保障（新办）', handlingPlace: '钢山街道', linkChannel: null });
    expect(state.dimensions.map((d: { label: string }) => d.label)).toEqual(['整体满意度', '办事效率', '办事指南精确度', '办事便捷度', '平台操作性']);
    const ok = await rate(citizen, { caseNo: c.caseNo, level: 5, channel: 'mobile', tags: ['办事快'], dimensions: { efficiency: 4 } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ round: 1, level: 'very_satisfied', levelLabel: '非常满意', score: 5, bad: false, followUp: null });
    const again = await rate(citizen, { caseNo: c.caseNo, level: 1, channel: 'pc', text: '再评一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('RATING_ALREADY_GIVEN');
    const after = (await citizen.get(`/api/v1/ratings/case?caseNo=${c.caseNo}`)).json();
    expect(after.state).toBe('rated');
    expect(after.ratings[0]).toMatchObject({ level: 'very_satisfied', dimensions: [{ key: 'overall', level: 'very_satisfied' }, { key: 'efficiency', level: 'satisfied', label: '办事效率' }] });

    const late = await handledOnline('2026-11-27');
    setClock(t, chinaTenAm('2026-12-07'));
    const tooLate = await rate(citizen, { caseNo: late.caseNo, level: 4, channel: 'pc' });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().error).toMatchObject({ code: 'RATING_WINDOW_CLOSED', message: expect.stringContaining('2026-12-04') });
  });

  it('a 差评 needs a reason or words; a dimension of the other mode, a bad level or a wrong channel is a clear 400', async () => {
    const c = await handledOnline('2026-11-27');
    const bare = await rate(citizen, { caseNo: c.caseNo, level: 2, channel: 'pc' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error).toMatchObject({ code: 'RATING_REASON_REQUIRED', details: [{ field: 'tags' }] });
    expect((await rate(citizen, { caseNo: c.caseNo, level: 1, channel: 'pc', tags: ['其他'] })).json().error.code).toBe('RATING_REASON_REQUIRED');
    expect((await rate(citizen, { caseNo: c.caseNo, level: 2, channel: 'pc', tags: ['办事快'], text: '很慢' })).statusCode).toBe(400);
    expect((await rate(citizen, { caseNo: c.caseNo, level: 6, channel: 'pc' })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await rate(citizen, { caseNo: c.caseNo, level: 5, channel: 'fax' })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await rate(citizen, { caseNo: c.caseNo, level: 5, channel: 'tablet' })).json().error.code).toBe('RATING_CHANNEL_MISMATCH');
    const dim = await rate(citizen, { caseNo: c.caseNo, level: 5, channel: 'pc', dimensions: { attitude: 5 } });
    expect(dim.statusCode).toBe(400);
    expect(dim.json().error.details[0].field).toBe('dimensions.attitude');
    expect(await t.deps.dbh.db.selectFrom('ratings').select('id').where('case_id', '=', c.id).execute()).toEqual([]);
  });

  it('nobody rates a case that is not theirs: another citizen and an anonymous caller get 404 and 401', async () => {
    const c = await handledOnline('2026-11-27');
    expect((await rate(other, { caseNo: c.caseNo, level: 5, channel: 'pc' })).statusCode).toBe(404);
    expect((await rate(new TestClient(t.app), { caseNo: c.caseNo, level: 5, channel: 'pc' })).statusCode).toBe(401);
    expect((await rate(new TestClient(t.app), { caseNo: c.caseNo, level: 5, channel: 'sms', token: 'x'.repeat(24) })).statusCode).toBe(404);
    // a clerk is not the city's 好差评 office
    expect((await rate(clerk, { caseNo: c.caseNo, level: 5, channel: 'phone' })).statusCode).toBe(403);
    expect((await rate(city, { caseNo: c.caseNo, level: 4, channel: 'phone' })).statusCode).toBe(201);
  });

  it('the window QR link rates on site without signing in, with the link channel only', async () => {
    setClock(t, chinaTenAm('2026-11-30'));
    const walkIn = await submitOk(clerk, { ...windowBody(), intakeChannel: 'window' });
    await actOk(clerk, walkIn.id, 'accept');
    expect((await clerk.post('/api/v1/ratings/links', { caseId: walkIn.id })).json().error.code).toBe('CASE_NOT_HANDLED');
    await actOk(approver, walkIn.id, 'approve', { opinion: '符合' });
    await actOk(approver, walkIn.id, 'approve', { opinion: '准予' });
    expect((await qianquan.post('/api/v1/ratings/links', { caseId: walkIn.id })).statusCode).toBe(404);
    const link = await clerk.post('/api/v1/ratings/links', { caseId: walkIn.id });
    expect(link.statusCode, link.body).toBe(201);
    expect(link.json()).toMatchObject({ caseNo: walkIn.caseNo, url: expect.stringMatching(/\/rate\?t=[A-Za-z0-9_-]{24}$/), qrSvg: expect.stringContaining('<svg') });
    const token = new URL(link.json().url).searchParams.get('t')!;
    const anon = new TestClient(t.app);
    const state = (await anon.get(`/api/v1/ratings/case?token=${token}`)).json();
    expect(state).toMatchObject({ caseNo: walkIn.caseNo, mode: 'onsite', state: 'open', linkChannel: 'window_qr' });
    expect(state.dimensions.map((d: { label: string }) => d.label)).toEqual(['整体满意度', '服务效率', '服务水平', '服务态度']);
    expect(JSON.stringify(state)).not.toContain('王桂兰');
    expect((await rate(anon, { caseNo: walkIn.caseNo, level: 5, channel: 'sms', token })).json().error.code).toBe('RATING_CHANNEL_MISMATCH');
    const done = await rate(anon, { caseNo: walkIn.caseNo, level: 5, channel: 'window_qr', token, dimensions: { attitude: 5 } });
    expect(done.statusCode, done.body).toBe(201);
    const row = await t.deps.dbh.db.selectFrom('ratings').selectAll().where('case_id', '=', walkIn.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'window_qr', rater_kind: 'link', named: 1, mode: 'onsite' });
    expect(await t.deps.dbh.db.selectFrom('rating_links').select('token_hash').where('token_hash', '=', token).execute()).toEqual([]);
  });

  it('a hall tablet rates the cases of its own hall with its bearer token', async () => {
    await seedDemoVenues(t.deps, t.services.catalog.publicCatalog);
    const terminal = await t.deps.dbh.db.selectFrom('venue_terminals').innerJoin('venues', 'venues.id', 'venue_terminals.venue_id')
      .select(['venue_terminals.id', 'venues.region_code']).where('venues.region_code', '=', GANGSHAN).executeTakeFirstOrThrow();
    const token = (await city.post(`/api/v1/terminals/${terminal.id}/token`, {})).json().token as string;
    const c = await handledOnline('2026-11-30');
    const kiosk = new TestClient(t.app);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await rate(kiosk, { caseNo: c.caseNo, level: 5, channel: 'tablet', terminalId: terminal.id })).json().error.code).toBe('TERMINAL_UNAUTHORIZED');
    expect((await rate(kiosk, { caseNo: c.caseNo, level: 5, channel: 'tablet', terminalId: terminal.id }, { authorization: `Bearer ${'y'.repeat(43)}` })).statusCode).toBe(401);
    const ok = await rate(kiosk, { caseNo: c.caseNo, level: 4, channel: 'tablet', terminalId: terminal.id }, bearer);
    expect(ok.statusCode, ok.body).toBe(201);
    setClock(t, chinaTenAm('2026-11-30'));
    const elsewhere = await submitOk(qianquan, { ...windowBody({ regionCode: QIANQUAN }), intakeChannel: 'window' });
    expect((await rate(kiosk, { caseNo: elsewhere.caseNo, level: 5, channel: 'tablet', terminalId: terminal.id }, bearer)).statusCode).toBe(403);
  });
});

describe('a 差评 followed up', () => {
  it('visit → rectify → the rater re-rates once → closed; the aggregate follows', async () => {
    const c = await handledOnline('2026-12-01');
    setClock(t, chinaTenAm('2026-12-02'));
    const bad = await rate(citizen, { caseNo: c.caseNo, level: 2, channel: 'pc', tags: ['办理时间长'], text: '等了很久' });
    expect(bad.statusCode, bad.body).toBe(201);
    // rated Wednesday 2026-12-02: visit by Thursday 12-03, rectify within 5 working days by Wednesday 12-09
    expect(bad.json()).toMatchObject({ bad: true, followUp: { handlingPlace: '钢山街道', visitDueOn: '2026-12-03', rectifyDueOn: '2026-12-09' } });
    const id = bad.json().id as string;
    const message = await t.deps.dbh.db.selectFrom('messages').selectAll().where('event', '=', 'rating.bad').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(message.body).toContain(c.caseNo);

    const list = (await townAdmin.get('/api/v1/rating-followups')).json();
    expect(list.items.map((i: { ratingId: string }) => i.ratingId)).toContain(id);
    expect((await qianquan.get('/api/v1/rating-followups')).statusCode).toBe(403);
    expect((await clerk.get(`/api/v1/rating-followups/${id}`)).statusCode).toBe(403);

    let f = (await townAdmin.get(`/api/v1/rating-followups/${id}`)).json();
    expect(f).toMatchObject({ status: 'visiting', statusLabel: '待回访', overdue: null, actions: ['visit', 'appeal'] });
    expect((await townAdmin.post(`/api/v1/rating-followups/${id}/rectify`, { measures: '已经整改完毕', version: f.version })).json().error.code).toBe('FOLLOW_UP_WRONG_STATUS');
    f = (await townAdmin.post(`/api/v1/rating-followups/${id}/visit`, { method: 'phone', note: '电话联系申请人，了解到审核等待时间长', version: f.version })).json();
    expect(f).toMatchObject({ status: 'rectifying', visit: { methodLabel: '电话回访' } });
    expect((await townAdmin.post(`/api/v1/rating-followups/${id}/visit`, { method: 'phone', note: '再次回访', version: f.version - 1 })).json().error.code).toBe('FOLLOW_UP_CHANGED');
    setClock(t, chinaTenAm('2026-12-04'));
    f = (await townAdmin.post(`/api/v1/rating-followups/${id}/rectify`, { measures: '低保审核改为每周两次集中审核，已向申请人说明', version: f.version })).json();
    expect(f).toMatchObject({ status: 'rectified', rerateUntil: '2026-12-11' });

    const state = (await citizen.get(`/api/v1/ratings/case?caseNo=${c.caseNo}`)).json();
    expect(state).toMatchObject({ state: 'rerate', until: '2026-12-11', followUp: { status: 'rectified', rectification: expect.stringContaining('集中审核') } });
    const rerate = await rate(citizen, { caseNo: c.caseNo, level: 4, channel: 'mobile' });
    expect(rerate.statusCode, rerate.body).toBe(201);
    expect(rerate.json()).toMatchObject({ round: 2, level: 'satisfied', followUp: null });
    expect((await rate(citizen, { caseNo: c.caseNo, level: 5, channel: 'mobile' })).json().error.code).toBe('RATING_ALREADY_GIVEN');
    f = (await townAdmin.get(`/api/v1/rating-followups/${id}`)).json();
    expect(f).toMatchObject({ status: 'closed', rating: { counted: false }, rerating: { level: 'satisfied', counted: true } });

    const daily = await t.deps.dbh.db.selectFrom('rating_daily').selectAll().execute();
    const raw = await t.deps.dbh.db.selectFrom('ratings').select(['rated_on', 'handling_region_code', 'channel', 'level']).where('counted', '=', 1).execute();
    const key = (r: { rated_on?: string; day?: string; handling_region_code?: string; region_code?: string; channel: string; level: string }) =>
      [r.rated_on ?? r.day, r.handling_region_code ?? r.region_code, r.channel, r.level].join('|');
    const counts = new Map<string, number>();
    for (const r of raw) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    const aggregated = new Map(daily.filter((d) => d.n !== 0).map((d) => [key(d), Number(d.n)]));
    expect(aggregated).toEqual(counts);
  });

  it('an appeal goes to the city; upheld, the rating stops counting', async () => {
    const c = await handledOnline('2026-12-01');
    setClock(t, chinaTenAm('2026-12-02'));
    const id = (await rate(citizen, { caseNo: c.caseNo, level: 1, channel: 'pc', text: '工作人员辱骂我（与事实不符）' })).json().id as string;
    let f = (await townAdmin.get(`/api/v1/rating-followups/${id}`)).json();
    f = (await townAdmin.post(`/api/v1/rating-followups/${id}/appeal`, { reason: '窗口录像显示工作人员全程文明服务，评价与事实不符', version: f.version })).json();
    expect(f.status).toBe('appealing');
    expect((await townAdmin.post(`/api/v1/rating-followups/${id}/review`, { decision: 'upheld', note: '同意', version: f.version })).statusCode).toBe(403);
    const reviewed = await city.post(`/api/v1/rating-followups/${id}/review`, { decision: 'upheld', note: '经查看录像，申诉成立', version: f.version });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({ status: 'voided', rating: { counted: false }, review: { decision: 'upheld' } });
  });

  it('a missed visit or rectification is reported to the city once; a rectified one closes when its re-rating time is over', async () => {
    const c = await handledOnline('2026-12-01');
    setClock(t, chinaTenAm('2026-12-02'));
    const id = (await rate(citizen, { caseNo: c.caseNo, level: 2, channel: 'pc', tags: ['多次跑腿'] })).json().id as string;
    setClock(t, chinaTenAm('2026-12-04'));
    expect((await townAdmin.get(`/api/v1/rating-followups/${id}`)).json().overdue).toBe('visit');
    expect((await townAdmin.get('/api/v1/rating-followups?overdue=true')).json().items.map((i: { ratingId: string }) => i.ratingId)).toContain(id);
    const first = await t.services.ratingFollowUps.escalateOverdue(t.clock.now());
    expect(first.visit).toBeGreaterThanOrEqual(1);
    const again = await t.services.ratingFollowUps.escalateOverdue(t.clock.now());
    expect(again.visit).toBe(0);
    const told = await t.deps.dbh.db.selectFrom('messages').select('body').where('event', '=', 'rating.overdue_visit').execute();
    expect(told.some((m) => m.body.includes(c.caseNo))).toBe(true);
    expect((await townAdmin.get(`/api/v1/rating-followups/${id}`)).json().escalated).toBe(true);

    let f = (await townAdmin.get(`/api/v1/rating-followups/${id}`)).json();
    f = (await townAdmin.post(`/api/v1/rating-followups/${id}/visit`, { method: 'visit', note: '上门回访', version: f.version })).json();
    f = (await townAdmin.post(`/api/v1/rating-followups/${id}/rectify`, { measures: '材料改为一次告知并提供邮寄', version: f.version })).json();
    expect(f.rerateUntil).toBe('2026-12-11');
    setClock(t, chinaTenAm('2026-12-14'));
    expect((await t.services.ratingFollowUps.escalateOverdue(t.clock.now())).closed).toBeGreaterThanOrEqual(1);
    const row = await t.deps.dbh.db.selectFrom('rating_followups').select('status').where('rating_id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('closed');
  });
});

describe('the SMS invitation', () => {
  it('goes once to a case handled 3 days ago and still unrated, with a link that rates it', async () => {
    const c = await handledOnline('2026-12-01');
    const rated = await handledOnline('2026-12-01');
    setClock(t, chinaTenAm('2026-12-01'));
    await rate(citizen, { caseNo: rated.caseNo, level: 5, channel: 'pc' });
    setClock(t, '2026-12-04T03:00:00.000Z');
    await t.services.ratingInvitations.inviteDue(t.clock.now());
    expect((await t.services.ratingInvitations.inviteDue(t.clock.now())).invited).toBe(0);
    const invited = await t.deps.dbh.db.selectFrom('rating_invitations').select('case_id').execute();
    expect(invited.map((r) => r.case_id)).toContain(c.id);
    expect(invited.map((r) => r.case_id)).not.toContain(rated.id);
    const sms = await t.deps.dbh.db.selectFrom('sms_outbox').selectAll().where('template', '=', 'rating.invite').execute();
    const bodies = sms.map((s) => t.deps.protector.decrypt(s.body_enc));
    const body = bodies.find((b) => b.includes('城乡居民最低生活保障'))!;
    const token = /\/rate\?t=([A-Za-z0-9_-]+)/.exec(body)![1]!;
    const anon = new TestClient(t.app);
    const state = (await anon.get(`/api/v1/ratings/case?token=${token}`)).json();
    expect(state).toMatchObject({ state: 'open', linkChannel: 'sms' });
    expect((await rate(anon, { caseNo: state.caseNo, level: 5, channel: 'sms', token })).statusCode).toBe(201);
  });

  it("says the city's «邀请评价» template (rating.invite): its SMS words, and a site message to an applicant with an account", async () => {
    const c = await handledOnline('2026-12-02');
    const saved = await city.request('PUT', '/api/v1/notification-templates/rating.invite/sms', { title: '', body: '{申请人}您好，请为{办理地点}办理的{事项名称}打分（{评价截止日期}前）：{评价网址}', enabled: true });
    expect(saved.statusCode, saved.body).toBe(200);
    try {
      setClock(t, '2026-12-05T03:00:00.000Z');
      await t.services.ratingInvitations.inviteDue(t.clock.now());
      const sms = await t.deps.dbh.db.selectFrom('sms_outbox').selectAll().where('template', '=', 'rating.invite').execute();
      const body = sms.map((s) => t.deps.protector.decrypt(s.body_enc)).find((b) => b.includes('请为钢山街道办理的'));
      expect(body).toMatch(/^【邹城市政务服务】.+您好，请为钢山街道办理的城乡居民最低生活保障.*打分（2026年12月\d+日前）：.+\/rate\?t=[A-Za-z0-9_-]+$/);
      const messages = (await citizen.get('/api/v1/me/messages')).json() as { items: { event: string; title: string; caseNo: string | null }[] };
      expect(messages.items.find((m) => m.event === 'rating.invite' && m.caseNo === c.caseNo)).toMatchObject({ title: expect.stringContaining('请评价：') });
    } finally {
      expect((await city.request('DELETE', '/api/v1/notification-templates/rating.invite/sms')).statusCode).toBe(200);
    }
  });
});

describe('scope', () => {
  it('a town administrator lists only their town’s ratings; the city sees all', async () => {
    const mine = (await townAdmin.get('/api/v1/ratings?pageSize=100')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((i: { handlingPlace: string }) => i.handlingPlace === '钢山街道')).toBe(true);
    if (qianquanAdmin) expect((await qianquanAdmin.get('/api/v1/ratings?pageSize=100')).json().items.every((i: { handlingPlace: string }) => i.handlingPlace !== '钢山街道')).toBe(true);
    expect((await city.get('/api/v1/ratings?pageSize=100')).json().total).toBeGreaterThanOrEqual(mine.total);
    expect((await townAdmin.get(`/api/v1/ratings?region=${QIANQUAN}`)).json().total).toBe(0);
    expect((await clerk.get('/api/v1/ratings')).statusCode).toBe(403);
    expect((await citizen.get('/api/v1/ratings')).statusCode).toBe(403);
  });
});
