/**
 * Venue standardisation (issue 13 item 5) through the API: the default checklist, drafts, scores
 * and levels (must-haves included), finalising and its immutability, the checklist version an
 * assessment keeps when a new one is published, photos (images only, readable by whoever may see
 * the assessment), scope (a town administrator and another town's venues), history order, the
 * overview's counts, and the bad input the issue names — each refused with nothing written.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../platform/calendar.js';
import { createTestApp, TestClient, untouchedState, type TestApp } from '../../testing.js';
import { assessedVenues } from '../../services.js';
import { seedDemoVenues } from '../venues/index.js';
import { seedDemoAssessments } from './index.js';

let t: TestApp;
let city: TestClient;
let gangshan: TestClient;
let qianquan: TestClient;
let clerk: TestClient;
let anon: TestClient;
const GANGSHAN = '370883001';
const QIANQUAN = '370883002';
const CENTRE = `town-${GANGSHAN}`;
const QIANQUAN_CENTRE = `town-${QIANQUAN}`;
/** 钢山街道's village stations (filled in beforeAll) */
let stations: string[] = [];
let qianquanStation = '';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface Item { code: string; title: string; points: number }
interface View {
  id: string;
  version: number;
  status: string;
  assessedOn: string;
  venueId: string;
  checklist: { id: string; version: number; sections: { items: Item[] }[]; thresholds: Record<string, { percent: number; mustHave: string[] }> };
  result: { total: number; max: number; percent: number; level: string; unscored: string[] };
  photos: { fileId: string; url: string }[];
  scores: Record<string, { points: number; note: string }>;
}

const itemsOf = (v: View): Item[] => v.checklist.sections.flatMap((s) => s.items);
/** Every item full, then `less` points off the named items. */
const scoresOf = (v: View, less: Record<string, number> = {}) =>
  Object.fromEntries(itemsOf(v).map((i) => [i.code, { points: i.points - (less[i.code] ?? 0), note: less[i.code] ? '扣分说明' : '' }]));
const daysAgo = (n: number) => chinaDate(new Date(t.clock.now().getTime() - n * 86_400_000));

function multipart(fileName: string, data: Buffer) {
  const boundary = '----bianminVenueBoundary';
  return {
    body: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
const upload = (client: TestClient, id: string, fileName: string, data: Buffer): Promise<LightMyRequestResponse> => {
  const { body, contentType } = multipart(fileName, data);
  const cookies = client['cookies'] as Map<string, string>;
  return t.app.inject({
    method: 'POST', url: `/api/v1/venue-standards/assessments/${id}/photos`, payload: body,
    headers: { 'content-type': contentType, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.get('bm_csrf') ?? '' },
  });
};

async function start(client: TestClient, venueId: string, body: Record<string, unknown> = {}): Promise<View> {
  const res = await client.post(`/api/v1/venue-standards/venues/${venueId}/assessments`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function save(client: TestClient, v: View, scores: Record<string, unknown>, more: Record<string, unknown> = {}): Promise<View> {
  const res = await client.put(`/api/v1/venue-standards/assessments/${v.id}`, { version: v.version, assessedOn: v.assessedOn, scores, summary: '', ...more });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function finalise(client: TestClient, v: View): Promise<View> {
  const res = await client.post(`/api/v1/venue-standards/assessments/${v.id}/finalise`, { version: v.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
/** Start, score and finalise in one go. */
async function assess(client: TestClient, venueId: string, less: Record<string, number> = {}, assessedOn?: string): Promise<View> {
  const draft = await start(client, venueId, assessedOn ? { assessedOn } : {});
  return finalise(client, await save(client, draft, scoresOf(draft, less)));
}
const auditOf = (entityId: string) =>
  t.deps.dbh.db.selectFrom('audit_log').select(['action', 'summary']).where('entity_id', '=', entityId).orderBy('seq').execute();
const TABLES = ['venue_assessments', 'assessment_checklists', 'files'] as const;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoVenues(t.deps, t.services.catalog.publicCatalog);
  city = await new TestClient(t.app).loginStaff('admin');
  gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  anon = new TestClient(t.app);
  const made = await city.post('/api/v1/admin/users', {
    username: 'qianquan.admin', name: '颜景山', password: 'Qianquan#2026ok', homeRegionCode: QIANQUAN, grants: [{ role: 'town_admin', regionCode: QIANQUAN }],
  });
  expect(made.statusCode, made.body).toBe(201);
  qianquan = await new TestClient(t.app).loginStaff('qianquan.admin', 'Qianquan#2026ok');
  stations = ((await t.deps.regions.childrenOf(GANGSHAN)) ?? []).map((r) => `village-${r.code}`);
  qianquanStation = `village-${(await t.deps.regions.childrenOf(QIANQUAN))![0]!.code}`;
  expect(stations.length).toBeGreaterThan(12);
});
afterAll(() => t.close());

describe('the default checklist', () => {
  it('is the project\'s default: 100 points in 8 sections, 基础型 60 / 标准型 80 / 标杆型 90 with must-haves, current for both kinds', async () => {
    const res = await gangshan.get('/api/v1/venue-standards/checklists/current?kind=village_station');
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ id: 'default-v1', version: 1, maxPoints: 100, appliesTo: ['town_centre', 'village_station'], currentFor: ['town_centre', 'village_station'] });
    expect(c.sections.map((s: { title: string }) => s.title)).toEqual(['标识标牌', '功能分区', '窗口设备', '便民设施', '应急预案', '事项进驻', '网上服务', '制度落实']);
    const titles = c.sections.flatMap((s: { items: { title: string }[] }) => s.items.map((i) => i.title));
    for (const t of ['咨询引导区', '综合受理区', '帮办代办区', '自助服务区', '政务公开区', '休息等候区', '志愿服务区', '电话', '电脑', '高拍仪', '打印机', '座椅', '饮水机', '急救箱', '文具', '老花镜', '轮椅', '首问负责', '一次告知', '窗口无否决权', '好差评']) {
      expect(titles).toContain(t);
    }
    expect([c.thresholds.basic.percent, c.thresholds.standard.percent, c.thresholds.benchmark.percent]).toEqual([60, 80, 90]);
    expect(c.thresholds.basic.mustHave.length).toBeGreaterThan(0);
    expect(c.note).toContain('未找到山东省公开发布的评估细则');
    const list = (await city.get('/api/v1/venue-standards/checklists')).json();
    expect(list.items.map((x: { version: number }) => x.version)).toEqual([1]);
  });

  it('only venue administrators read it; window staff get 403, the anonymous 401', async () => {
    expect((await clerk.get('/api/v1/venue-standards/checklists/current')).statusCode).toBe(403);
    expect((await anon.get('/api/v1/venue-standards/checklists/current')).statusCode).toBe(401);
    expect((await gangshan.get('/api/v1/venue-standards/checklists/nope')).json().error.code).toBe('CHECKLIST_NOT_FOUND');
  });
});

describe('an assessment from draft to final', () => {
  it('a town administrator assesses a station of their town: the running total, the level, then final and audited', async () => {
    const draft = await start(gangshan, stations[0]!);
    expect(draft).toMatchObject({ status: 'draft', version: 1, assessedOn: daysAgo(0), venueId: stations[0], checklist: { id: 'default-v1' }, photos: [] });
    expect(draft.result).toMatchObject({ total: 0, max: 100, level: 'below' });
    expect(draft.result.unscored.length).toBe(itemsOf(draft).length);

    // 6 points off what no level requires: 94, every must-have in place → 标杆型 so far
    const saved = await save(gangshan, draft, scoresOf(draft, { 'signage.door': 2, 'convenience.water': 2, 'zones.volunteer': 2 }), { summary: '整体较好', assessedOn: daysAgo(3) });
    expect(saved).toMatchObject({ version: 2, assessedOn: daysAgo(3), status: 'draft', result: { total: 94, percent: 94, level: 'benchmark', unscored: [] } });
    expect(saved.scores['signage.door']).toEqual({ points: 2, note: '扣分说明' });

    const final = await finalise(gangshan, saved);
    expect(final).toMatchObject({ status: 'final', version: 3, result: { total: 94, max: 100, percent: 94, level: 'benchmark' } });
    expect((await auditOf(draft.id)).map((a) => a.action)).toEqual(['venue_assessment.start', 'venue_assessment.save', 'venue_assessment.finalise']);
    const row = await t.deps.dbh.db.selectFrom('venue_assessments').selectAll().where('id', '=', draft.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'final', total: 94, max_points: 100, level: 'benchmark', region_code: stations[0]!.slice('village-'.length) });
    expect(row.finalised_at).toBe(t.clock.now().toISOString());
  });

  it('levels: the percent of each level, and must-haves that hold a high total back', async () => {
    // 15 off items nobody requires: 85 → 标准型
    expect((await assess(gangshan, stations[1]!, { 'signage.door': 4, 'zones.public': 4, 'zones.waiting': 4, 'convenience.seats': 2, 'convenience.glasses': 1 })).result.level).toBe('standard');
    // 96, but 自助服务区 (a 标杆型 must-have) is short by 4: 标准型
    expect((await assess(gangshan, stations[2]!, { 'zones.self': 4 })).result).toMatchObject({ total: 96, level: 'standard' });
    // 96, but 好差评 (from 标准型 up) is short: 基础型
    expect((await assess(gangshan, stations[3]!, { 'rules.rating': 1, 'signage.board': 3 })).result).toMatchObject({ total: 96, level: 'basic' });
    // 97, but 首问负责 (needed from 基础型 up) is short: below every level
    expect((await assess(gangshan, stations[4]!, { 'rules.first_contact': 3 })).result).toMatchObject({ total: 97, level: 'below' });
    // 59.5: below; 60: 基础型
    const sixty = { 'signage.door': 4, 'signage.guide': 3, 'signage.board': 3, 'zones.self': 4, 'zones.public': 4, 'zones.waiting': 4, 'zones.volunteer': 4, 'equipment.scanner': 3, 'convenience.seats': 2, 'convenience.water': 2, 'online.assist': 4, 'emergency.drill': 2, 'items.guides': 1 };
    expect((await assess(gangshan, stations[5]!, { ...sixty, 'items.guides': 1.5 })).result).toMatchObject({ total: 59.5, level: 'below' });
    expect((await assess(gangshan, stations[6]!, sixty)).result).toMatchObject({ total: 60, percent: 60, level: 'basic' });
  });

  it('a final assessment never changes: saving, finalising again, photos and deleting it get 409 ASSESSMENT_FINAL', async () => {
    const final = await assess(gangshan, stations[7]!);
    const before = await untouchedState(t, TABLES);
    const tries = [
      await gangshan.put(`/api/v1/venue-standards/assessments/${final.id}`, { version: final.version, assessedOn: final.assessedOn, scores: {}, summary: '改' }),
      await gangshan.post(`/api/v1/venue-standards/assessments/${final.id}/finalise`, { version: final.version }),
      await gangshan.delete(`/api/v1/venue-standards/assessments/${final.id}`),
      await upload(gangshan, final.id, '照片.png', PNG),
    ];
    for (const res of tries) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('ASSESSMENT_FINAL');
    }
    expect(await untouchedState(t, TABLES)).toBe(before);
  });
});

describe('bad input', () => {
  it('unknown venue 404, a bank is not assessed 400, one draft per venue 409, dates in the future 400', async () => {
    const before = await untouchedState(t, TABLES);
    const unknown = await gangshan.post('/api/v1/venue-standards/venues/village-999/assessments', {});
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'VENUE_NOT_FOUND']);
    const bank = await gangshan.post(`/api/v1/venue-standards/venues/bank-${GANGSHAN}/assessments`, {});
    expect([bank.statusCode, bank.json().error.code]).toEqual([400, 'VENUE_NOT_ASSESSED']);
    const future = await gangshan.post(`/api/v1/venue-standards/venues/${stations[8]}/assessments`, { assessedOn: daysAgo(-1) });
    expect([future.statusCode, future.json().error.code, future.json().error.details[0].field]).toEqual([400, 'VALIDATION_FAILED', 'assessedOn']);
    const bogus = await gangshan.post(`/api/v1/venue-standards/venues/${stations[8]}/assessments`, { assessedOn: '2026-02-30' });
    expect(bogus.statusCode).toBe(400);
    expect(await untouchedState(t, TABLES)).toBe(before);

    const draft = await start(gangshan, stations[8]!);
    const again = await city.post(`/api/v1/venue-standards/venues/${stations[8]}/assessments`, {});
    expect([again.statusCode, again.json().error.code, again.json().error.details.assessmentId]).toEqual([409, 'ASSESSMENT_DRAFT_EXISTS', draft.id]);
  });

  it('scores: an unknown item, over its points, below 0, not a half step — all named at once, nothing saved', async () => {
    const draft = ((await gangshan.get(`/api/v1/venue-standards/venues/${stations[8]}`)).json()).draft;
    const view: View = (await gangshan.get(`/api/v1/venue-standards/assessments/${draft.id}`)).json();
    const before = await untouchedState(t, TABLES);
    const res = await gangshan.put(`/api/v1/venue-standards/assessments/${view.id}`, {
      version: view.version, assessedOn: view.assessedOn, summary: '',
      scores: { 'no.such': { points: 1 }, 'signage.door': { points: 5 }, 'signage.guide': { points: -1 }, 'signage.board': { points: 1.3 }, 'zones.intake': { points: 4 } },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['scores.no.such', 'scores.signage.door.points', 'scores.signage.guide.points', 'scores.signage.board.points']);
    expect(res.json().error.details[1].message).toBe('「门头标识」的得分应在 0 到 4 分之间');
    const shape = await gangshan.put(`/api/v1/venue-standards/assessments/${view.id}`, { version: view.version, assessedOn: view.assessedOn, scores: { 'zones.intake': { points: '4' } }, extra: 1 });
    expect(shape.statusCode).toBe(400);
    expect(await untouchedState(t, TABLES)).toBe(before);
  });

  it('a stale version 409 ASSESSMENT_STATE_CHANGED; finalising with items unscored 400 ASSESSMENT_INCOMPLETE naming them', async () => {
    const draft = ((await gangshan.get(`/api/v1/venue-standards/venues/${stations[8]}`)).json()).draft;
    let view: View = (await gangshan.get(`/api/v1/venue-standards/assessments/${draft.id}`)).json();
    view = await save(gangshan, view, { 'zones.intake': { points: 4, note: '' } });
    const stale = await city.put(`/api/v1/venue-standards/assessments/${view.id}`, { version: view.version - 1, assessedOn: view.assessedOn, scores: {}, summary: '' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'ASSESSMENT_STATE_CHANGED']);
    const before = await untouchedState(t, TABLES);
    const early = await gangshan.post(`/api/v1/venue-standards/assessments/${view.id}/finalise`, { version: view.version });
    expect([early.statusCode, early.json().error.code]).toEqual([400, 'ASSESSMENT_INCOMPLETE']);
    expect(early.json().error.details).toHaveLength(itemsOf(view).length - 1);
    expect(early.json().error.details[0]).toEqual({ field: 'scores.signage.door', message: '「门头标识」还没有评分' });
    expect(await untouchedState(t, TABLES)).toBe(before);
    // given up: the draft goes, audited; the venue may be assessed again
    const gone = await gangshan.delete(`/api/v1/venue-standards/assessments/${view.id}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect((await gangshan.get(`/api/v1/venue-standards/assessments/${view.id}`)).statusCode).toBe(404);
    expect((await auditOf(view.id)).map((a) => a.action).at(-1)).toBe('venue_assessment.discard');
  });
});

describe('photos', () => {
  it('images only (by content); each photo attached and audited; readable by those who may see the assessment', async () => {
    const draft = await start(gangshan, stations[9]!);
    const before = await untouchedState(t, TABLES);
    for (const [name, data] of [['现场.pdf', PDF], ['伪装.png', Buffer.from('not an image at all')]] as const) {
      const res = await upload(gangshan, draft.id, name, data);
      expect(res.statusCode, res.body).toBe(415);
      expect(res.json().error).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', message: '现场照片只能是 JPG 或 PNG 图片（按文件内容判断，而非文件名）' });
    }
    expect(await untouchedState(t, TABLES)).toBe(before);

    const res = await upload(gangshan, draft.id, '门头.png', PNG);
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json();
    expect(photo).toMatchObject({ name: '门头.png', mime: 'image/png', size: PNG.length, url: `/api/v1/files/${photo.fileId}` });
    const second = (await upload(gangshan, draft.id, '大厅.png', PNG)).json();
    let view: View = (await gangshan.get(`/api/v1/venue-standards/assessments/${draft.id}`)).json();
    expect(view.photos.map((p) => p.fileId)).toEqual([photo.fileId, second.fileId]);
    // the version of the scores is untouched by photos: the open form can still save
    view = await save(gangshan, view, scoresOf(view));

    // the city sees it too; another town's administrator and a clerk do not
    expect((await city.get(photo.url)).statusCode).toBe(200);
    expect((await gangshan.get(`${photo.url}?inline=1`)).headers['content-type']).toBe('image/png');
    expect((await qianquan.get(photo.url)).statusCode).toBe(404);
    expect((await clerk.get(photo.url)).statusCode).toBe(404);

    const removed = await gangshan.delete(`/api/v1/venue-standards/assessments/${draft.id}/photos/${second.fileId}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await city.get(second.url)).statusCode).toBe(404);
    expect((await gangshan.delete(`/api/v1/venue-standards/assessments/${draft.id}/photos/${second.fileId}`)).json().error.code).toBe('PHOTO_NOT_FOUND');
    const final = await finalise(gangshan, view);
    expect(final.photos.map((p) => p.fileId)).toEqual([photo.fileId]);
    expect((await auditOf(draft.id)).map((a) => a.action)).toEqual([
      'venue_assessment.start', 'venue_assessment.photo_add', 'venue_assessment.photo_add', 'venue_assessment.save', 'venue_assessment.photo_remove', 'venue_assessment.finalise',
    ]);
  });
});

describe('at the same time', () => {
  it('two saves from one version: one wins, the other 409 ASSESSMENT_STATE_CHANGED; two finalises: one 409 ASSESSMENT_FINAL', async () => {
    const draft = await start(gangshan, stations[11]!);
    const body = (less: Record<string, number>) => ({ version: draft.version, assessedOn: draft.assessedOn, scores: scoresOf(draft, less), summary: '' });
    const saves = await Promise.all([gangshan.put(`/api/v1/venue-standards/assessments/${draft.id}`, body({})), city.put(`/api/v1/venue-standards/assessments/${draft.id}`, body({ 'signage.door': 1 }))]);
    expect(saves.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(saves.find((r) => r.statusCode === 409)!.json().error.code).toBe('ASSESSMENT_STATE_CHANGED');
    const saved: View = saves.find((r) => r.statusCode === 200)!.json();
    const finals = await Promise.all([0, 1].map(() => gangshan.post(`/api/v1/venue-standards/assessments/${draft.id}/finalise`, { version: saved.version })));
    expect(finals.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(['ASSESSMENT_FINAL', 'ASSESSMENT_STATE_CHANGED']).toContain(finals.find((r) => r.statusCode === 409)!.json().error.code);
    expect((await auditOf(draft.id)).map((a) => a.action)).toEqual(['venue_assessment.start', 'venue_assessment.save', 'venue_assessment.finalise']);
  });

  it('photos sent together all arrive (the list is changed again on top of the other upload)', async () => {
    const draft = await start(gangshan, stations[12]!);
    const sent = await Promise.all(['一.png', '二.png', '三.png'].map((name) => upload(gangshan, draft.id, name, PNG)));
    expect(sent.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const view: View = (await gangshan.get(`/api/v1/venue-standards/assessments/${draft.id}`)).json();
    expect(view.photos.map((p) => p.fileId).sort()).toEqual(sent.map((r) => r.json().fileId).sort());
  });
});

describe('scope', () => {
  it('a town administrator cannot see or assess another town\'s venues; that town\'s administrator and the city can', async () => {
    const before = await untouchedState(t, TABLES);
    for (const venue of [QIANQUAN_CENTRE, qianquanStation]) {
      const res = await gangshan.post(`/api/v1/venue-standards/venues/${venue}/assessments`, {});
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'VENUE_NOT_FOUND']);
      expect((await gangshan.get(`/api/v1/venue-standards/venues/${venue}`)).statusCode).toBe(404);
    }
    expect(await untouchedState(t, TABLES)).toBe(before);
    const theirs = await assess(qianquan, qianquanStation);
    for (const [method, url] of [['GET', `/api/v1/venue-standards/assessments/${theirs.id}`], ['PUT', `/api/v1/venue-standards/assessments/${theirs.id}`], ['DELETE', `/api/v1/venue-standards/assessments/${theirs.id}`]] as const) {
      const res = await gangshan.request(method, url, method === 'PUT' ? { version: 1, assessedOn: daysAgo(0), scores: {} } : undefined);
      expect([res.statusCode, res.json().error.code], `${method} ${url}`).toEqual([404, 'ASSESSMENT_NOT_FOUND']);
    }
    expect((await city.get(`/api/v1/venue-standards/assessments/${theirs.id}`)).statusCode).toBe(200);
    // the city's office assesses town centres anywhere
    expect((await assess(city, QIANQUAN_CENTRE, { 'signage.door': 4, 'zones.volunteer': 4, 'zones.public': 4, 'convenience.seats': 2 })).result.level).toBe('standard');
    // window staff have no venue.manage at all
    expect((await clerk.get('/api/v1/venue-standards/overview')).statusCode).toBe(403);
  });

  it('only the city administrator publishes a checklist', async () => {
    const current = (await city.get('/api/v1/venue-standards/checklists/current')).json();
    const body = { name: '镇级评估细则', appliesTo: ['town_centre'], sections: current.sections, thresholds: current.thresholds };
    const before = await untouchedState(t, TABLES);
    const res = await gangshan.post('/api/v1/venue-standards/checklists', body);
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect(await untouchedState(t, TABLES)).toBe(before);
  });
});

describe('history and the overview', () => {
  it('a venue\'s history: newest visit first (an older visit entered later stays behind), the draft apart', async () => {
    const venue = stations[10]!;
    const a = await assess(gangshan, venue, { 'rules.rating': 3 }, daysAgo(200)); // 基础型
    const b = await assess(gangshan, venue, {}, daysAgo(10)); // 标杆型
    t.clock.advanceMinutes(5);
    const c = await assess(gangshan, venue, { 'zones.self': 4 }, daysAgo(100)); // 标准型, entered last for an earlier visit
    const draft = await start(gangshan, venue);
    const standing = (await gangshan.get(`/api/v1/venue-standards/venues/${venue}`)).json();
    expect(standing.venue).toMatchObject({ id: venue, kind: 'village_station', kindLabel: '村（社区）便民服务站' });
    expect(standing.history.map((h: { id: string }) => h.id)).toEqual([b.id, c.id, a.id]);
    expect(standing.history.map((h: { level: string }) => h.level)).toEqual(['benchmark', 'standard', 'basic']);
    expect(standing.draft).toMatchObject({ id: draft.id, status: 'draft', level: null });
    // the overview: its latest visit's level, and the assessment under way
    const row = (await gangshan.get(`/api/v1/venue-standards/overview?q=${encodeURIComponent(standing.venue.name)}`)).json().items[0];
    expect(row).toMatchObject({ venueId: venue, level: 'benchmark', assessmentId: b.id, assessedOn: daysAgo(10), total: 100, draftId: draft.id });
  });

  it('counts per level per town, in the caller\'s scope; filters by town, level and kind', async () => {
    const mine = (await gangshan.get('/api/v1/venue-standards/overview?pageSize=100')).json();
    expect(mine.towns.map((x: { regionCode: string }) => x.regionCode)).toEqual([GANGSHAN]);
    expect(mine.items.every((x: { townCode: string }) => x.townCode === GANGSHAN)).toBe(true);
    // 钢山街道: its centre and every station, none assessed but those above
    expect(mine.totals.total).toBe(stations.length + 1);
    const expected = { benchmark: 0, standard: 0, basic: 0, below: 0, none: 0 };
    const rows = await t.deps.dbh.db.selectFrom('venue_assessments').select(['venue_id', 'level', 'assessed_on', 'finalised_at']).where('status', '=', 'final').where('region_code', 'like', `${GANGSHAN}%`).execute();
    const latest = new Map<string, { level: string; key: string }>();
    for (const r of rows) {
      const key = `${r.assessed_on}${r.finalised_at}`;
      if (!latest.has(r.venue_id) || latest.get(r.venue_id)!.key < key) latest.set(r.venue_id, { level: r.level!, key });
    }
    for (const l of latest.values()) expected[l.level as keyof typeof expected]++;
    expected.none = stations.length + 1 - latest.size;
    expect(mine.totals).toEqual({ ...expected, total: stations.length + 1 });
    expect(mine.towns[0].counts).toEqual(mine.totals);
    expect(expected.benchmark).toBeGreaterThan(0);
    expect(expected.none).toBeGreaterThan(0);

    const benchmark = (await gangshan.get('/api/v1/venue-standards/overview?level=benchmark&pageSize=100')).json();
    expect(benchmark.total).toBe(expected.benchmark);
    expect(benchmark.totals).toEqual(mine.totals);
    expect(benchmark.items.every((x: { level: string }) => x.level === 'benchmark')).toBe(true);
    const none = (await gangshan.get('/api/v1/venue-standards/overview?level=none&pageSize=100')).json();
    expect(none.items.every((x: { level: string; assessedOn: null }) => x.level === 'none' && x.assessedOn === null)).toBe(true);
    const centres = (await gangshan.get('/api/v1/venue-standards/overview?kind=town_centre')).json();
    expect(centres.items.map((x: { venueId: string }) => x.venueId)).toEqual([CENTRE]);

    // the city: every town, and a town's filter
    const all = (await city.get('/api/v1/venue-standards/overview?pageSize=20')).json();
    expect(all.towns.length).toBeGreaterThan(10);
    expect(all.towns.find((x: { regionCode: string }) => x.regionCode === GANGSHAN).counts).toEqual(mine.totals);
    expect(all.towns.find((x: { regionCode: string }) => x.regionCode === QIANQUAN).counts).toMatchObject({ standard: 1 });
    expect(all.items[0]).toMatchObject({ venueId: CENTRE, kind: 'town_centre', townName: '钢山街道' });
    const qq = (await city.get(`/api/v1/venue-standards/overview?town=${QIANQUAN}&pageSize=100`)).json();
    expect(qq.towns.map((x: { regionCode: string }) => x.regionCode)).toEqual([QIANQUAN]);
    // the gangshan administrator asking for another town: nothing of it
    expect((await gangshan.get(`/api/v1/venue-standards/overview?town=${QIANQUAN}`)).json()).toMatchObject({ total: 0, towns: [] });
    const village = await city.get(`/api/v1/venue-standards/overview?town=${stations[0]!.slice('village-'.length)}`);
    expect([village.statusCode, village.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('the public answer: the level a venue reached, nothing for one not assessed', async () => {
    const res = await anon.get(`/api/v1/venue-standards/levels?venue=${stations[0]},${stations[3]},${stations[4]},${CENTRE}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      { venueId: stations[0], level: 'benchmark', levelLabel: '标杆型', assessedOn: daysAgo(3) },
      { venueId: stations[3], level: 'basic', levelLabel: '基础型', assessedOn: daysAgo(0) },
    ]);
    expect((await anon.get('/api/v1/venue-standards/levels?venue=')).statusCode).toBe(400);
  });
});

describe('a new checklist version', () => {
  it('is validated whole: codes, points, rising thresholds, must-haves — nothing written on refusal', async () => {
    const current = (await city.get('/api/v1/venue-standards/checklists/current')).json();
    const before = await untouchedState(t, TABLES);
    const sections = structuredClone(current.sections);
    sections[0].items[1].code = sections[0].items[0].code;
    sections[1].items[0].points = 0;
    const res = await city.post('/api/v1/venue-standards/checklists', {
      name: '有问题的版本', appliesTo: ['town_centre'], sections,
      thresholds: { ...current.thresholds, standard: { ...current.thresholds.standard, percent: 55 }, benchmark: { ...current.thresholds.benchmark, mustHave: ['no.such'] } },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const fields = res.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['sections.0.items.1.code', 'sections.1.items.0.points', 'thresholds.standard.percent', 'thresholds.benchmark.mustHave']));
    expect(await untouchedState(t, TABLES)).toBe(before);
  });

  it('applies to assessments begun after it; a draft begun before keeps its version, and so does every final one', async () => {
    const older = await start(gangshan, CENTRE);
    const current = (await city.get('/api/v1/venue-standards/checklists/current')).json();
    const sections = structuredClone(current.sections);
    sections.push({ code: 'smart', title: '智慧服务', items: [{ code: 'smart.queue', title: '智能排队', criteria: '可线上取号、查看排队', points: 10 }] });
    const res = await city.post('/api/v1/venue-standards/checklists', {
      name: '镇级评估细则（2027 版）', appliesTo: ['town_centre'], sections, thresholds: current.thresholds, note: '增加智慧服务',
    });
    expect(res.statusCode, res.body).toBe(201);
    const v2 = res.json();
    expect(v2).toMatchObject({ version: 2, maxPoints: 110, appliesTo: ['town_centre'], currentFor: ['town_centre'], createdByName: '周文华' });
    expect((await auditOf(v2.id)).map((a) => a.action)).toEqual(['venue_standard.checklist_publish']);
    // stations keep version 1, which stays current for them
    expect((await city.get('/api/v1/venue-standards/checklists/current?kind=village_station')).json()).toMatchObject({ version: 1, currentFor: ['village_station'] });
    expect((await city.get('/api/v1/venue-standards/checklists')).json().items.map((c: { version: number; currentFor: string[] }) => [c.version, c.currentFor])).toEqual([[2, ['town_centre']], [1, ['village_station']]]);

    // the draft begun before: still version 1, finalised against it (the new item is not asked)
    const view: View = (await gangshan.get(`/api/v1/venue-standards/assessments/${older.id}`)).json();
    expect(view.checklist).toMatchObject({ id: 'default-v1', version: 1 });
    const final = await finalise(gangshan, await save(gangshan, view, scoresOf(view)));
    expect(final.result).toMatchObject({ total: 100, max: 100, level: 'benchmark' });
    // an assessment begun now: version 2, out of 110
    const newer = await start(city, QIANQUAN_CENTRE);
    expect(newer.checklist).toMatchObject({ id: v2.id, version: 2 });
    expect(newer.result.max).toBe(110);
    // the venue page names the checklist a new one would use, and its history keeps each one's version
    const standing = (await city.get(`/api/v1/venue-standards/venues/${QIANQUAN_CENTRE}`)).json();
    expect(standing.checklist.version).toBe(2);
    expect(standing.history[0]).toMatchObject({ checklistVersion: 1, max: 100 });
    expect(standing.draft).toMatchObject({ checklistVersion: 2 });
    // a final assessment reads the same as before the new version
    const old = (await city.get(`/api/v1/venue-standards/assessments/${standing.history[0].id}`)).json();
    expect(old).toMatchObject({ checklist: { version: 1, currentFor: ['village_station'] }, result: { max: 100, level: 'standard' } });
  });
});

describe('the demo seed', () => {
  it('most centres assessed (a few 标杆型, most 标准型, one or two 基础型), a sample of stations, one centre twice; not again', async () => {
    const fresh = await createTestApp();
    try {
      await seedDemoVenues(fresh.deps, fresh.services.catalog.publicCatalog);
      const n = await seedDemoAssessments(fresh.deps, assessedVenues(fresh.services.venueBriefs));
      expect(n).toBeGreaterThan(50);
      const rows = await fresh.deps.dbh.db.selectFrom('venue_assessments').select(['venue_id', 'venue_kind', 'level', 'assessed_on', 'status']).execute();
      expect(rows.every((r) => r.status === 'final' && r.assessed_on <= chinaDate(fresh.clock.now()))).toBe(true);
      const centres = rows.filter((r) => r.venue_kind === 'town_centre');
      const centreIds = new Set(centres.map((r) => r.venue_id));
      expect(centreIds.size).toBeGreaterThanOrEqual(12);
      expect(centreIds.size).toBeLessThan(16);
      const count = (level: string) => centres.filter((r) => r.level === level).length;
      expect(count('benchmark')).toBeGreaterThanOrEqual(2);
      expect(count('standard')).toBeGreaterThan(count('benchmark'));
      expect(count('basic')).toBeGreaterThanOrEqual(1);
      expect(rows.filter((r) => r.venue_id === CENTRE).map((r) => r.level).sort()).toEqual(['basic', 'standard']);
      const stationsDone = rows.filter((r) => r.venue_kind === 'village_station');
      expect(stationsDone.length).toBeGreaterThan(30);
      expect(new Set(stationsDone.map((r) => r.level)).size).toBeGreaterThanOrEqual(3);
      expect(await seedDemoAssessments(fresh.deps, assessedVenues(fresh.services.venueBriefs))).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
