/**
 * Self-service terminals (issue 13 §2): a kiosk's heartbeat with its own token, the status the
 * map and the administrators' board show from it, token reissue, maintenance and its log, scope —
 * and the bad input the issue names: forged tokens and floods get clear errors, nothing stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, untouchedState, type TestApp } from '../../testing.js';
import { seedDemoVenues } from './index.js';
import { HEARTBEATS_PER_IP_PER_MINUTE, HEARTBEATS_PER_TERMINAL_PER_MINUTE } from './terminals.js';

let t: TestApp;
let city: TestClient;
let gangshan: TestClient;
let clerk: TestClient;
let anon: TestClient;
const GANGSHAN = '370883001';
/** 钢山街道为民服务中心's 大厅自助终端 */
const HALL = `town-${GANGSHAN}-t1`;
/** the 钢山街道 bank's terminal */
const BANK = `bank-${GANGSHAN}-t1`;
/** the 24-hour area's terminal in 钢山街道 */
const SELF = `self_service-${GANGSHAN}-t1`;
/** 千泉街道's centre: another town */
const QIANQUAN_HALL = 'town-370883002-t1';

const heartbeat = (id: string, auth: string | null, body: unknown = { status: 'ok' }, remoteAddress?: string) =>
  t.app.inject({
    method: 'POST', url: `/api/v1/terminals/${id}/heartbeat`, payload: body as object,
    headers: auth === null ? {} : { authorization: auth }, ...(remoteAddress ? { remoteAddress } : {}),
  });
const issue = async (id: string, by: TestClient = city): Promise<string> => {
  const res = await by.post(`/api/v1/terminals/${id}/token`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token;
};
/** Everything of a terminal a heartbeat or an administrator could change. */
const terminalRow = (id: string) =>
  t.deps.dbh.db.selectFrom('venue_terminals')
    .select(['last_seen_at', 'reported_status', 'reported_at', 'reported_version', 'token_hash', 'in_service', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
const events = async (id: string) => (await city.get(`/api/v1/terminals/${id}/events?pageSize=100`)).json();
const detailTerminal = async (venueId: string, terminalId: string) =>
  ((await anon.get(`/api/v1/venues/${venueId}`)).json().terminals as { id: string; status: string; lastSeenAt: string | null }[]).find((x) => x.id === terminalId)!;
const boardItem = async (id: string, query = '') =>
  ((await city.get(`/api/v1/terminals?pageSize=100${query}`)).json().items as { id: string }[]).find((x) => x.id === id) as Record<string, unknown> | undefined;

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemoVenues(t.deps, t.services.catalog.publicCatalog)).toBeGreaterThan(700);
  city = await new TestClient(t.app).loginStaff('admin');
  gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  anon = new TestClient(t.app);
});
afterAll(() => t.close());

describe('heartbeat', () => {
  it('a kiosk reporting with its token is online on the venue page and the board; silent for 11 minutes, offline', async () => {
    const before = await terminalRow(HALL);
    const res = await city.post(`/api/v1/terminals/${HALL}/token`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { token, heartbeatPath } = res.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(heartbeatPath).toBe(`/api/v1/terminals/${HALL}/heartbeat`);
    // only the hash is kept
    expect((await terminalRow(HALL)).token_hash).toBe(createHash('sha256').update(token).digest('hex'));

    expect(await detailTerminal(`town-${GANGSHAN}`, HALL)).toMatchObject({ status: 'offline', lastSeenAt: null });
    const beat = await heartbeat(HALL, `Bearer ${token}`, { status: 'ok', version: '2.3.1' });
    expect(beat.statusCode, beat.body).toBe(200);
    expect(beat.json()).toEqual({ ok: true, serverTime: t.clock.now().toISOString() });
    expect(await detailTerminal(`town-${GANGSHAN}`, HALL)).toMatchObject({ status: 'online', lastSeenAt: t.clock.now().toISOString() });
    expect(await boardItem(HALL, '&status=online')).toMatchObject({ status: 'online', reportedStatus: 'ok', reportedVersion: '2.3.1', hasToken: true, venueName: '钢山街道为民服务中心', regionName: '钢山街道' });
    // a plain ok report is not logged; nor does it touch updated_at (the map's snapshot would reload)
    expect((await events(HALL)).items.map((e: { kind: string }) => e.kind)).toEqual(['token_issued']);
    expect((await terminalRow(HALL)).updated_at).toBe(before.updated_at);

    t.clock.advanceMinutes(11);
    expect((await detailTerminal(`town-${GANGSHAN}`, HALL)).status).toBe('offline');
    expect(await boardItem(HALL, '&status=offline')).toMatchObject({ status: 'offline', reportedStatus: 'ok' });
    expect(await boardItem(HALL, '&status=online')).toBeUndefined();
    // and back
    expect((await heartbeat(HALL, `Bearer ${token}`)).statusCode).toBe(200);
    expect((await detailTerminal(`town-${GANGSHAN}`, HALL)).status).toBe('online');
  });

  it('a change of what the kiosk says is logged (with its note); the same word again is not', async () => {
    t.clock.advanceMinutes(1);
    const token = await issue(SELF);
    expect((await heartbeat(SELF, `Bearer ${token}`, { status: 'ok' })).statusCode).toBe(200);
    const changedAt = t.clock.now().toISOString();
    expect((await heartbeat(SELF, `Bearer ${token}`, { status: 'printer_error', note: '打印机卡纸' })).statusCode).toBe(200);
    t.clock.advanceMinutes(1);
    expect((await heartbeat(SELF, `Bearer ${token}`, { status: 'printer_error' })).statusCode).toBe(200);
    expect(await boardItem(SELF)).toMatchObject({ status: 'online', reportedStatus: 'printer_error', reportedAt: changedAt, lastSeenAt: t.clock.now().toISOString() });
    // problems come before the terminals that are fine
    const board = (await city.get(`/api/v1/terminals?region=${GANGSHAN}&status=online`)).json();
    expect(board.items[0].id).toBe(SELF);
    expect((await heartbeat(SELF, `Bearer ${token}`, { status: 'ok' })).statusCode).toBe(200);
    const log = (await events(SELF)).items;
    expect(log.map((e: { kind: string; statusFrom: string | null; statusTo: string | null }) => [e.kind, e.statusFrom, e.statusTo])).toEqual([
      ['heartbeat_status', 'printer_error', 'ok'],
      ['heartbeat_status', 'ok', 'printer_error'],
      ['token_issued', null, null],
    ]);
    expect(log[1]).toMatchObject({ note: '打印机卡纸', byName: null });
    expect(log[2].byName).toBe('周文华(admin)');
  });

  it('a forged token, another terminal\'s, none, or an unknown terminal: 401 TERMINAL_UNAUTHORIZED, nothing stored', async () => {
    t.clock.advanceMinutes(1);
    const hallToken = await issue(HALL);
    const bankToken = await issue(BANK);
    const state = await untouchedState(t, ['terminal_events', 'venue_terminals']);
    const rows = JSON.stringify(await Promise.all([HALL, BANK, 'county-24h-t2'].map(terminalRow)));
    const forged = randomBytes(32).toString('base64url');
    for (const [id, auth] of [
      [HALL, `Bearer ${forged}`],
      [HALL, `Bearer ${bankToken}`],
      [HALL, `Bearer ${hallToken.slice(0, -1)}${hallToken.endsWith('A') ? 'B' : 'A'}`],
      [HALL, null],
      [HALL, `Basic ${hallToken}`],
      [HALL, 'Bearer '],
      [HALL, `Bearer ${hallToken} extra`],
      ['no-such-terminal', `Bearer ${hallToken}`],
      // a terminal with no token issued yet
      ['county-24h-t2', `Bearer ${forged}`],
    ] as const) {
      const res = await heartbeat(id, auth, { status: 'paper_out' });
      expect(res.statusCode, `${id} ${auth}`).toBe(401);
      expect(res.json().error.code).toBe('TERMINAL_UNAUTHORIZED');
      expect(res.json().error.message).toMatch(/终端/);
    }
    expect(await untouchedState(t, ['terminal_events', 'venue_terminals'])).toBe(state);
    expect(JSON.stringify(await Promise.all([HALL, BANK, 'county-24h-t2'].map(terminalRow)))).toBe(rows);
  });

  it('bad reports with the right token: 400 naming the field, nothing stored', async () => {
    const token = await issue(HALL);
    const state = await untouchedState(t, ['terminal_events', 'venue_terminals']);
    const row = JSON.stringify(await terminalRow(HALL));
    for (const [body, field] of [
      [{ status: 'exploded' }, 'status'],
      [{}, 'status'],
      [{ status: 'ok', version: 'v'.repeat(41) }, 'version'],
      [{ status: 'ok', version: '版本一' }, 'version'],
      [{ status: 'ok', note: 'x'.repeat(201) }, 'note'],
      [{ status: 'ok', extra: 1 }, ''],
    ] as const) {
      const res = await heartbeat(HALL, `Bearer ${token}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.json().error.details)).toContain(field);
    }
    const huge = await heartbeat(HALL, `Bearer ${token}`, { status: 'ok', note: 'x'.repeat(5000) });
    expect(huge.statusCode).toBe(413);
    expect(await untouchedState(t, ['terminal_events', 'venue_terminals'])).toBe(state);
    expect(JSON.stringify(await terminalRow(HALL))).toBe(row);
  });

  it('a flood from one terminal: 429 after its allowance, nothing stored; the next minute it reports again', async () => {
    t.clock.advanceMinutes(1);
    const token = await issue(BANK);
    // from the start of a minute of the app's clock, so the allowance is one whole window
    t.clock.advanceMinutes((60_000 - (t.clock.now().getTime() % 60_000)) / 60_000);
    for (let i = 0; i < HEARTBEATS_PER_TERMINAL_PER_MINUTE; i++) expect((await heartbeat(BANK, `Bearer ${token}`)).statusCode).toBe(200);
    const state = await untouchedState(t, ['terminal_events', 'venue_terminals']);
    const row = JSON.stringify(await terminalRow(BANK));
    const limited = await heartbeat(BANK, `Bearer ${token}`, { status: 'paper_low', version: '9.9' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/心跳上报过于频繁/), details: { retryAfterSeconds: 60 } });
    expect(await untouchedState(t, ['terminal_events', 'venue_terminals'])).toBe(state);
    expect(JSON.stringify(await terminalRow(BANK))).toBe(row);
    // other terminals are not held back
    expect((await heartbeat(HALL, `Bearer ${await issue(HALL)}`)).statusCode).toBe(200);
    t.clock.advanceMinutes(1);
    expect((await heartbeat(BANK, `Bearer ${token}`, { status: 'paper_low' })).statusCode).toBe(200);
    expect((await terminalRow(BANK)).reported_status).toBe('paper_low');
  });

  it('a flood of forged tokens from one address: limited per address, and a real kiosk elsewhere is not held back', async () => {
    const forged = `Bearer ${randomBytes(32).toString('base64url')}`;
    for (let i = 0; i < HEARTBEATS_PER_IP_PER_MINUTE; i++) expect((await heartbeat(HALL, forged, { status: 'ok' }, '203.0.113.9')).statusCode).toBe(401);
    const limited = await heartbeat(HALL, forged, { status: 'ok' }, '203.0.113.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    t.clock.advanceMinutes(1);
    expect((await heartbeat(HALL, `Bearer ${await issue(HALL)}`, { status: 'ok' }, '203.0.113.10')).statusCode).toBe(200);
  });
});

describe('tokens and maintenance', () => {
  it('a new token: the old one stops working at once; audited without the token', async () => {
    t.clock.advanceMinutes(1);
    const first = await issue(HALL);
    expect((await heartbeat(HALL, `Bearer ${first}`)).statusCode).toBe(200);
    const second = await issue(HALL);
    expect(second).not.toBe(first);
    expect((await heartbeat(HALL, `Bearer ${first}`)).statusCode).toBe(401);
    expect((await heartbeat(HALL, `Bearer ${second}`)).statusCode).toBe(200);
    const audit = await t.deps.dbh.db.selectFrom('audit_log').selectAll().where('action', '=', 'terminal.token').where('entity_id', '=', HALL).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_name: '周文华(admin)', region_code: GANGSHAN, entity_type: 'venue_terminal' });
    expect(JSON.parse(audit.summary)).toEqual({ terminal: '大厅自助终端', venue: '钢山街道为民服务中心', replaced: true });
    expect(audit.summary).not.toContain(second);
  });

  it('maintenance: shown on the venue page and the board, logged with its reason and audited; heartbeats still recorded', async () => {
    t.clock.advanceMinutes(1);
    const token = await issue(HALL);
    const before = await terminalRow(HALL);
    const noReason = await city.post(`/api/v1/terminals/${HALL}/maintenance`, { inService: false, note: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details).toEqual([{ field: 'note', message: '请填写停用维护的原因' }]);
    expect((await city.post(`/api/v1/terminals/${HALL}/maintenance`, { inService: 'no' })).statusCode).toBe(400);

    const off = await gangshan.post(`/api/v1/terminals/${HALL}/maintenance`, { inService: false, note: '更换打印机' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ id: HALL, status: 'maintenance', inService: false });
    expect((await detailTerminal(`town-${GANGSHAN}`, HALL)).status).toBe('maintenance');
    expect(await boardItem(HALL, '&status=maintenance')).toMatchObject({ status: 'maintenance' });
    const again = await gangshan.post(`/api/v1/terminals/${HALL}/maintenance`, { inService: false, note: '更换打印机' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TERMINAL_STATE_UNCHANGED');

    // under maintenance, the kiosk's reports are still kept
    expect((await heartbeat(HALL, `Bearer ${token}`, { status: 'printer_error' })).statusCode).toBe(200);
    expect(await boardItem(HALL)).toMatchObject({ status: 'maintenance', reportedStatus: 'printer_error' });

    const on = await gangshan.post(`/api/v1/terminals/${HALL}/maintenance`, { inService: true, note: '已更换' });
    expect(on.json()).toMatchObject({ status: 'online', inService: true });
    expect((await detailTerminal(`town-${GANGSHAN}`, HALL)).status).toBe('online');

    const log = (await events(HALL)).items;
    expect(log.slice(0, 3).map((e: { kind: string; note: string; byName: string | null }) => [e.kind, e.note, e.byName])).toEqual([
      ['maintenance_end', '已更换', '孔令军(gangshan.admin)'],
      ['heartbeat_status', '', null],
      ['maintenance_start', '更换打印机', '孔令军(gangshan.admin)'],
    ]);
    const audits = await t.deps.dbh.db.selectFrom('audit_log').select(['action', 'summary']).where('entity_id', '=', HALL).where('action', 'in', ['terminal.maintenance', 'terminal.resume']).orderBy('seq').execute();
    expect(audits.map((a) => [a.action, JSON.parse(a.summary).note])).toEqual([['terminal.maintenance', '更换打印机'], ['terminal.resume', '已更换']]);
    // the map's snapshot is not reloaded for it: what it holds of terminals did not change
    expect((await terminalRow(HALL)).updated_at).toBe(before.updated_at);
  });

  it('the log pages, newest first', async () => {
    const page1 = (await city.get(`/api/v1/terminals/${HALL}/events?pageSize=2`)).json();
    const page2 = (await city.get(`/api/v1/terminals/${HALL}/events?pageSize=2&page=2`)).json();
    expect(page1.total).toBeGreaterThan(4);
    expect(page1.items).toHaveLength(2);
    expect(page1.items[1].at >= page2.items[0].at).toBe(true);
    expect(page2.items.some((e: { id: string }) => page1.items.some((f: { id: string }) => f.id === e.id))).toBe(false);
  });
});

describe('the status board and its scope', () => {
  it('a town admin sees only their town\'s terminals; another town\'s is not found, and nothing is written', async () => {
    const mine = (await gangshan.get('/api/v1/terminals?pageSize=100')).json();
    expect(mine.total).toBe(3);
    expect(mine.items.map((x: { id: string }) => x.id).sort()).toEqual([BANK, SELF, HALL].sort());
    expect(mine.counts.online + mine.counts.offline + mine.counts.maintenance).toBe(3);
    const all = (await city.get('/api/v1/terminals?pageSize=100')).json();
    expect(all.total).toBeGreaterThan(30);
    expect(all.counts.offline).toBeGreaterThan(20);
    const offline = (await city.get('/api/v1/terminals?status=offline&pageSize=5')).json();
    expect(offline.total).toBe(all.counts.offline);
    expect(offline.items.every((x: { status: string }) => x.status === 'offline')).toBe(true);
    // a region outside the grant: nothing, not an error
    expect((await gangshan.get('/api/v1/terminals?region=370883002')).json()).toMatchObject({ total: 0, items: [] });
    expect((await city.get('/api/v1/terminals?region=370883002')).json().items.map((x: { id: string }) => x.id)).toContain(QIANQUAN_HALL);

    const state = await untouchedState(t, ['terminal_events', 'venue_terminals']);
    const row = JSON.stringify(await terminalRow(QIANQUAN_HALL));
    for (const [method, url, body] of [
      ['GET', `/api/v1/terminals/${QIANQUAN_HALL}/events`, undefined],
      ['POST', `/api/v1/terminals/${QIANQUAN_HALL}/token`, {}],
      ['POST', `/api/v1/terminals/${QIANQUAN_HALL}/maintenance`, { inService: false, note: '越权' }],
      ['GET', '/api/v1/terminals/no-such-terminal/events', undefined],
    ] as const) {
      const res = await gangshan.request(method, url, body);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('TERMINAL_NOT_FOUND');
    }
    expect(await untouchedState(t, ['terminal_events', 'venue_terminals'])).toBe(state);
    expect(JSON.stringify(await terminalRow(QIANQUAN_HALL))).toBe(row);
  });

  it('a clerk and the public may not use the board; bad filters are a 400 naming the field', async () => {
    expect((await clerk.get('/api/v1/terminals')).statusCode).toBe(403);
    expect((await clerk.post(`/api/v1/terminals/${HALL}/token`)).statusCode).toBe(403);
    expect((await anon.get('/api/v1/terminals')).statusCode).toBe(401);
    for (const [url, field] of [
      ['/api/v1/terminals?status=broken', 'status'],
      ['/api/v1/terminals?region=370883999', 'region'],
      ['/api/v1/terminals?pageSize=1000', 'pageSize'],
      [`/api/v1/terminals/${'x'.repeat(61)}/events`, 'id'],
    ] as const) {
      const res = await city.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(JSON.stringify(res.json().error.details), url).toContain(field);
    }
  });
});
