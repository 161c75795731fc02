/**
 * 典型案例 over HTTP: a town administrator writes a practice of their town (title, place, summary,
 * plain-text body, the catalog items concerned, tags, photos) and submits it; the city returns it
 * with reasons (the town sees them), the town fixes and resubmits, the city publishes it, recommends
 * it for training and withdraws it. The portal lists and shows only published ones (by town and
 * tag, newest first) and their photos are public only while published. Bad input (an unknown item,
 * a summary or body out of bounds, a place out of scope, a stale version, a wrong status) is a
 * clear error with nothing written; every step is audited. Scope: a town administrator sees and
 * changes only their town's practices; a window clerk has no access.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, untouchedState, type TestApp } from '../../testing.js';
import { chinaTenAm, GANGSHAN, INSTANT_ITEM, MENGZHUANG, QIANQUAN, seedCaseCatalog, setClock, TOWN_ITEM } from '../cases/fixtures.js';
import { pngImage } from '../venues/fixtures.js';

let t: TestApp;
let city: TestClient, town: TestClient, clerk: TestClient, anon: TestClient;

const BODY = [
  '钢山街道为民服务中心设立帮办代办窗口，组建由社区网格员和志愿者组成的帮办代办队伍，为辖区老年人、残疾人提供全程帮办。',
  '对行动不便的群众，帮办代办员预约上门，现场核验材料、拍照上传，办结后将证件送到家中。',
  '今年以来累计上门服务 326 人次，群众满意率 100%。',
].join('\n');

const practice = (over: Record<string, unknown> = {}) => ({
  title: '帮办代办+上门服务，让老年人办事不出门',
  regionCode: GANGSHAN,
  summary: '钢山街道组建帮办代办队伍，为行动不便的老年人预约上门办理高龄津贴等事项，办结后送证到家。',
  body: BODY,
  itemCodes: [INSTANT_ITEM],
  tags: ['帮办代办', '上门服务', '适老化'],
  ...over,
});

const audits = (id: string) =>
  t.deps.dbh.db.selectFrom('audit_log').select(['action', 'summary', 'region_code']).where('entity_type', '=', 'practice').where('entity_id', '=', id).orderBy('seq').execute();

async function created(client: TestClient, over: Record<string, unknown> = {}): Promise<{ id: string; version: number; status: string }> {
  const res = await client.post('/api/v1/practice-records', practice(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function ok(res: Promise<LightMyRequestResponse>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

function multipart(fields: Record<string, string | number>, file: { name: string; data: Buffer }) {
  const boundary = '----bianminPracticePhotoBoundary';
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const body = Buffer.concat([
    ...parts,
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.data, Buffer.from('\r\n'),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const upload = (client: TestClient, id: string, fields: Record<string, string | number>, data: Buffer = pngImage(64, 48)) => {
  const { body, contentType } = multipart(fields, { name: 'photo.png', data });
  return client.request('POST', `/api/v1/practice-records/${id}/photos`, body, { 'content-type': contentType });
};

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-practices-test-${process.pid}`, staffIdleMinutes: 100_000 } });
  // Everyone signs in at the last instant the tests reach, with no idle limit, so their sessions
  // hold while the tests move the clock between 2026-11-27 and 2026-12-03.
  setClock(t, chinaTenAm('2026-12-03'));
  await seedCaseCatalog(t);
  city = await new TestClient(t.app).loginStaff('admin');
  town = await new TestClient(t.app).loginStaff('gangshan.admin');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  anon = new TestClient(t.app);
  setClock(t, chinaTenAm('2026-11-27'));
});
afterAll(() => t.close());

describe('the journey', () => {
  it('create → submit → return with reasons → fix and resubmit → publish → training → withdraw, each step audited', async () => {
    const draft = await created(town);
    expect(draft).toMatchObject({
      status: 'draft', statusLabel: '草稿', regionName: '钢山街道', version: 1, items: [{ code: INSTANT_ITEM, name: '高龄津贴（申领）' }],
      tags: ['帮办代办', '上门服务', '适老化'], actions: ['edit', 'submit'], photos: [],
    });
    // not on the portal while a draft
    expect((await anon.get(`/api/v1/practices/${draft.id}`)).statusCode).toBe(404);

    const submitted = await ok(town.post(`/api/v1/practice-records/${draft.id}/submit`, { version: 1 }));
    expect(submitted).toMatchObject({ status: 'submitted', version: 2, actions: [] });
    // the city's queue
    const queue = await ok(city.get('/api/v1/practice-records?status=submitted'));
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(draft.id);
    expect((await ok(city.get(`/api/v1/practice-records/${draft.id}`))).actions).toEqual(['return', 'publish']);

    // the town cannot change what waits for the city; the city returns it with its reasons
    const locked = await town.put(`/api/v1/practice-records/${draft.id}`, { ...practice({ title: '改一下标题再说' }), version: 2 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('PRACTICE_WRONG_STATUS');
    const noReason = await city.post(`/api/v1/practice-records/${draft.id}/return`, { version: 2, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const returned = await ok(city.post(`/api/v1/practice-records/${draft.id}/return`, { version: 2, reason: '请补充服务人次的统计口径和群众评价' }));
    expect(returned).toMatchObject({ status: 'returned', returnReason: '请补充服务人次的统计口径和群众评价' });

    // the town sees the reasons in its list and on the record
    const mine = await ok(town.get('/api/v1/practice-records'));
    expect(mine.items.find((i: { id: string }) => i.id === draft.id)).toMatchObject({ status: 'returned', returnReason: '请补充服务人次的统计口径和群众评价' });
    const record = await ok(town.get(`/api/v1/practice-records/${draft.id}`));
    expect(record.history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'return']);
    expect(record.history[2]).toMatchObject({ actionLabel: '退回', note: '请补充服务人次的统计口径和群众评价', by: expect.any(String) });

    const fixed = await ok(town.put(`/api/v1/practice-records/${draft.id}`, { ...practice({ body: `${BODY}\n服务人次按帮办代办台账统计，回访满意率 100%。` }), version: returned.version }));
    expect(fixed.version).toBe(returned.version + 1);
    const again = await ok(town.post(`/api/v1/practice-records/${draft.id}/submit`, { version: fixed.version }));
    expect(again.status).toBe('submitted');

    setClock(t, chinaTenAm('2026-11-30'));
    const published = await ok(city.post(`/api/v1/practice-records/${draft.id}/publish`, { version: again.version }));
    expect(published).toMatchObject({ status: 'published', publishedAt: '2026-11-30T02:00:00.000Z', actions: ['withdraw', 'training'] });
    const page = await ok(anon.get(`/api/v1/practices/${draft.id}`));
    expect(page).toMatchObject({ title: practice().title, regionName: '钢山街道', townCode: GANGSHAN, training: false, items: [{ code: INSTANT_ITEM }] });
    expect(page.paragraphs).toHaveLength(4);
    expect(page.paragraphs[3]).toContain('回访满意率');

    const trained = await ok(city.put(`/api/v1/practice-records/${draft.id}/training`, { version: published.version, training: true }));
    expect(trained.training).toBe(true);
    expect((await ok(anon.get(`/api/v1/practices/${draft.id}`))).training).toBe(true);
    // the town may not review
    expect((await town.post(`/api/v1/practice-records/${draft.id}/withdraw`, { version: trained.version, reason: '自己撤下试试' })).statusCode).toBe(403);

    const withdrawn = await ok(city.post(`/api/v1/practice-records/${draft.id}/withdraw`, { version: trained.version, reason: '数据需重新核实' }));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawReason: '数据需重新核实', training: false });
    expect((await anon.get(`/api/v1/practices/${draft.id}`)).statusCode).toBe(404);
    // the town can fix it and submit it again
    expect((await ok(town.get(`/api/v1/practice-records/${draft.id}`))).actions).toEqual(['edit', 'submit']);

    const rows = await audits(draft.id);
    expect(rows.map((r) => r.action)).toEqual([
      'practice.create', 'practice.submit', 'practice.return', 'practice.edit', 'practice.resubmit', 'practice.publish', 'practice.training', 'practice.withdraw',
    ]);
    expect(rows.every((r) => r.region_code === GANGSHAN)).toBe(true);
    expect(JSON.parse(rows[2]!.summary)).toMatchObject({ from: 'submitted', to: 'returned', reason: '请补充服务人次的统计口径和群众评价' });
  });

  it('a stale version is 409 with nothing written; a step from the wrong status is 409', async () => {
    const p = await created(town);
    const first = await ok(town.put(`/api/v1/practice-records/${p.id}`, { ...practice({ title: '第一次修改的标题' }), version: 1 }));
    expect(first.version).toBe(2);
    const before = await untouchedState(t, ['practices', 'practice_events']);
    const stale = await town.put(`/api/v1/practice-records/${p.id}`, { ...practice({ title: '第二个人的修改' }), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('PRACTICE_CHANGED');
    expect((await town.post(`/api/v1/practice-records/${p.id}/submit`, { version: 1 })).json().error.code).toBe('PRACTICE_CHANGED');
    const early = await city.post(`/api/v1/practice-records/${p.id}/publish`, { version: 2 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'PRACTICE_WRONG_STATUS', message: expect.stringContaining('草稿') });
    expect(await untouchedState(t, ['practices', 'practice_events'])).toBe(before);
    // an unchanged save writes nothing
    const same = await ok(town.put(`/api/v1/practice-records/${p.id}`, { ...practice({ title: '第一次修改的标题' }), version: 2 }));
    expect(same.version).toBe(2);
  });
});

describe('the place hears the city', () => {
  it('a return, a publication and a withdrawal are site messages to the town\'s administrators (practice.submit nearest the place), written with the step', async () => {
    const p = await created(town, { title: '村级代办点延伸服务，群众就近办', regionCode: MENGZHUANG });
    const messages = async () => (await ok(town.get('/api/v1/me/messages'))).items.filter((m: { body: string }) => m.body.includes('村级代办点延伸服务'));
    expect(await messages()).toHaveLength(0);
    const submitted = await ok(town.post(`/api/v1/practice-records/${p.id}/submit`, { version: p.version }));
    const returned = await ok(city.post(`/api/v1/practice-records/${p.id}/return`, { version: submitted.version, reason: '请补充代办点的服务时间和人员安排' }));
    const [told] = await messages();
    expect(told).toMatchObject({ event: 'practice.returned', title: '典型案例被退回：村级代办点延伸服务，群众就近办', caseId: null, readAt: null });
    expect(told.body).toContain('请补充代办点的服务时间和人员安排');
    expect(told.body).toContain('孟庄社区');
    // the reviewer is not told of their own decision; a clerk of the town holds no practice.submit
    expect((await ok(city.get('/api/v1/me/messages'))).items.some((m: { event: string }) => m.event.startsWith('practice.'))).toBe(false);
    expect((await ok(clerk.get('/api/v1/me/messages'))).items.some((m: { event: string }) => m.event.startsWith('practice.'))).toBe(false);

    const again = await ok(town.post(`/api/v1/practice-records/${p.id}/submit`, { version: returned.version }));
    const published = await ok(city.post(`/api/v1/practice-records/${p.id}/publish`, { version: again.version }));
    await ok(city.post(`/api/v1/practice-records/${p.id}/withdraw`, { version: published.version, reason: '照片涉及群众肖像，需处理后再发布' }));
    expect((await messages()).map((m: { event: string }) => m.event).sort()).toEqual(['practice.published', 'practice.returned', 'practice.withdrawn']);

    // a step refused (stale version) tells nobody
    const before = (await messages()).length;
    expect((await city.post(`/api/v1/practice-records/${p.id}/publish`, { version: again.version })).statusCode).toBe(409);
    expect(await messages()).toHaveLength(before);
  });
});

describe('bad input', () => {
  it('an unknown item, a summary over 200 characters, a short body, an unknown tag, a county-level place: clear 400s, nothing written', async () => {
    const before = await untouchedState(t, ['practices', 'practice_events']);
    const unknown = await town.post('/api/v1/practice-records', practice({ itemCodes: [TOWN_ITEM, '37200000900001'] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'PRACTICE_ITEM_UNKNOWN', message: expect.stringContaining('37200000900001'), details: [{ field: 'itemCodes.1' }] });
    const badCode = await town.post('/api/v1/practice-records', practice({ itemCodes: ['abc'] }));
    expect(badCode.statusCode).toBe(400);
    const long = await town.post('/api/v1/practice-records', practice({ summary: '摘'.repeat(201) }));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details).toEqual([{ field: 'summary', message: expect.stringContaining('200') }]);
    const short = await town.post('/api/v1/practice-records', practice({ body: '做得很好。' }));
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details).toEqual([{ field: 'body', message: expect.stringContaining('正文') }]);
    expect((await town.post('/api/v1/practice-records', practice({ tags: ['优秀'] }))).statusCode).toBe(400);
    expect((await town.post('/api/v1/practice-records', practice({ title: '标题\n两行' }))).statusCode).toBe(400);
    const county = await city.post('/api/v1/practice-records', practice({ regionCode: '370883' }));
    expect(county.statusCode).toBe(400);
    expect(county.json().error.details).toEqual([{ field: 'regionCode', message: expect.stringContaining('镇（街道）或村（社区）') }]);
    const twice = await town.post('/api/v1/practice-records', practice({ itemCodes: [TOWN_ITEM, TOWN_ITEM] }));
    expect(twice.statusCode).toBe(400);
    expect(await untouchedState(t, ['practices', 'practice_events'])).toBe(before);
  });

  it('markup in the body is kept as text, never as HTML', async () => {
    const p = await created(town, { body: `${BODY}\n<script>alert(1)</script><b>加粗</b>` });
    const record = await ok(town.get(`/api/v1/practice-records/${p.id}`));
    expect(record.body).toContain('<script>alert(1)</script>');
    // the contract carries plain strings: the pages render them as text (React escapes them)
    expect(typeof record.body).toBe('string');
  });
});

describe('scope', () => {
  it('a town administrator writes and sees only their town (a village of it included); the city sees all; a clerk has no access', async () => {
    const village = await created(town, { regionCode: MENGZHUANG, title: '孟庄社区便民服务站「家门口办」' });
    expect((await ok(town.get(`/api/v1/practice-records/${village.id}`))).regionName).toBe('钢山街道孟庄社区');
    const other = await town.post('/api/v1/practice-records', practice({ regionCode: QIANQUAN }));
    expect(other.statusCode).toBe(403);
    const qianquan = await created(city, { regionCode: QIANQUAN, title: '千泉街道适老化服务窗口' });
    expect((await town.get(`/api/v1/practice-records/${qianquan.id}`)).statusCode).toBe(404);
    expect((await town.put(`/api/v1/practice-records/${qianquan.id}`, { ...practice({ regionCode: GANGSHAN }), version: 1 })).statusCode).toBe(404);
    expect((await town.post(`/api/v1/practice-records/${qianquan.id}/submit`, { version: 1 })).statusCode).toBe(404);
    const mine = await ok(town.get('/api/v1/practice-records?pageSize=100'));
    expect(mine.items.every((i: { regionCode: string }) => i.regionCode.startsWith(GANGSHAN))).toBe(true);
    expect(mine.items.some((i: { id: string }) => i.id === village.id)).toBe(true);
    const all = await ok(city.get('/api/v1/practice-records?pageSize=100'));
    expect(all.items.some((i: { id: string }) => i.id === qianquan.id)).toBe(true);
    expect((await ok(city.get(`/api/v1/practice-records?region=${QIANQUAN}`))).items.every((i: { regionCode: string }) => i.regionCode.startsWith(QIANQUAN))).toBe(true);
    expect((await clerk.get('/api/v1/practice-records')).statusCode).toBe(403);
    expect((await anon.get('/api/v1/practice-records')).statusCode).toBe(401);
    // the town cannot move its practice to another town
    expect((await town.put(`/api/v1/practice-records/${village.id}`, { ...practice({ regionCode: QIANQUAN }), version: 1 })).statusCode).toBe(403);
  });
});

describe('the portal', () => {
  it('lists only published practices, newest first, by town and tag, paginated, with a cacheable answer', async () => {
    const publish = async (over: Record<string, unknown>, on: string) => {
      setClock(t, chinaTenAm(on));
      const p = await created(city, over);
      await ok(city.post(`/api/v1/practice-records/${p.id}/submit`, { version: 1 }));
      return ok(city.post(`/api/v1/practice-records/${p.id}/publish`, { version: 2 }));
    };
    const a = await publish({ regionCode: QIANQUAN, title: '千泉街道开设适老化服务专窗', tags: ['适老化', '综合窗口'] }, '2026-12-01');
    const b = await publish({ regionCode: MENGZHUANG, title: '孟庄社区便民服务站家门口办', tags: ['家门口办', '便民服务站'] }, '2026-12-02');
    const hidden = await created(city, { title: '尚未报送的草稿案例' });

    const list = await ok(anon.get('/api/v1/practices?pageSize=50'));
    const ids = list.items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(ids).not.toContain(hidden.id);
    expect(list.items.every((i: { publishedAt: string }) => !!i.publishedAt)).toBe(true);
    expect(list.towns).toEqual(expect.arrayContaining([{ code: QIANQUAN, name: '千泉街道', count: 1 }]));

    const byTown = await ok(anon.get(`/api/v1/practices?town=${GANGSHAN}`));
    expect(byTown.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    expect(byTown.items[0]).toMatchObject({ regionName: '钢山街道孟庄社区', townName: '钢山街道', cover: null });
    const byTag = await ok(anon.get(`/api/v1/practices?tag=${encodeURIComponent('适老化')}`));
    expect(byTag.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const paged = await ok(anon.get('/api/v1/practices?pageSize=1&page=2'));
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(list.total);
    expect((await anon.get('/api/v1/practices?tag=nope')).statusCode).toBe(400);
    expect((await anon.get('/api/v1/practices/not-an-id')).statusCode).toBe(400);

    const res = await anon.get('/api/v1/practices');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const etag = String(res.headers.etag);
    const again = await anon.request('GET', '/api/v1/practices', undefined, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
  });
});

describe('photos', () => {
  it('up to 6 images by their bytes, each with a description; readable by the public only while published', async () => {
    setClock(t, chinaTenAm('2026-12-03'));
    const p = await created(town);
    const bad = await upload(town, p.id, { alt: '一张假照片', version: 1 }, Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const noAlt = await upload(town, p.id, { alt: '图', version: 1 });
    expect(noAlt.statusCode).toBe(400);
    const added = await ok(upload(town, p.id, { alt: '帮办代办员上门为老人办理高龄津贴', version: 1 }), 201);
    expect(added).toMatchObject({ version: 2, photos: [{ alt: '帮办代办员上门为老人办理高龄津贴', width: 64, height: 48 }] });
    const fileId: string = added.photos[0].fileId;
    const stale = await upload(town, p.id, { alt: '第二张照片', version: 1 });
    expect(stale.statusCode).toBe(409);

    // a draft's photo: its staff read it, the public and other towns do not
    expect((await anon.get(`/api/v1/files/${fileId}`)).statusCode).toBe(404);
    expect((await city.get(`/api/v1/files/${fileId}`)).statusCode).toBe(200);
    expect((await clerk.get(`/api/v1/files/${fileId}`)).statusCode).toBe(404);

    let version = 2;
    for (let i = 2; i <= 6; i++) version = (await ok(upload(town, p.id, { alt: `第 ${i} 张照片`, version }), 201)).version;
    const seventh = await upload(town, p.id, { alt: '第七张照片', version });
    expect(seventh.statusCode).toBe(409);
    expect(seventh.json().error.code).toBe('TOO_MANY_PHOTOS');

    const record = await ok(town.get(`/api/v1/practice-records/${p.id}`));
    const order = [...record.photos].reverse().map((ph: { fileId: string; alt: string }) => ({ fileId: ph.fileId, alt: ph.alt }));
    const arranged = await ok(town.put(`/api/v1/practice-records/${p.id}/photos`, { version, photos: order }));
    expect(arranged.photos[5].fileId).toBe(fileId);
    const removed = await ok(town.delete(`/api/v1/practice-records/${p.id}/photos/${arranged.photos[0].fileId}?version=${arranged.version}`));
    expect(removed.photos).toHaveLength(5);

    await ok(town.post(`/api/v1/practice-records/${p.id}/submit`, { version: removed.version }));
    const published = await ok(city.post(`/api/v1/practice-records/${p.id}/publish`, { version: removed.version + 1 }));
    // the town cannot change photos of what the public reads
    expect((await upload(town, p.id, { alt: '发布后再加一张', version: published.version })).statusCode).toBe(409);
    const file = await anon.get(`/api/v1/files/${fileId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('image/png');
    const listed = await ok(anon.get(`/api/v1/practices?town=${GANGSHAN}`));
    expect(listed.items.find((i: { id: string }) => i.id === p.id).cover).toMatchObject({ alt: '第 5 张照片' });
    expect((await ok(anon.get(`/api/v1/practices/${p.id}`))).photos).toHaveLength(5);

    await ok(city.post(`/api/v1/practice-records/${p.id}/withdraw`, { version: published.version, reason: '照片涉及群众肖像，需重新征得同意' }));
    expect((await anon.get(`/api/v1/files/${fileId}`)).statusCode).toBe(404);
    expect((await town.get(`/api/v1/files/${fileId}`)).statusCode).toBe(200);

    const actions = (await audits(p.id)).map((r) => r.action);
    expect(actions.filter((a) => a === 'practice.photo_add')).toHaveLength(6);
    expect(actions).toContain('practice.photo_arrange');
    expect(actions).toContain('practice.photo_remove');
  });
});
