/**
 * A venue's photos through the API: an administrator of the venue's place uploads a JPG, PNG or
 * WebP (by its bytes) with a description of what it shows, orders and re-describes them, removes
 * one — each change from the version read (409 when stale, nothing written), bumping it and audited
 * with the file and its description. The public venue page shows them in order with their
 * descriptions; anyone may read a photo while it is on an open venue, nobody once it is removed or
 * the venue is closed (its administrators still see a closed venue's). Bad input — not an image, too
 * large, a ninth photo, no description, another town's venue, a list that is not the venue's — is a
 * clear error with no file row left behind.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, untouchedState, type TestApp } from '../../testing.js';
import { VENUE_PHOTOS } from '../../../shared/venues.js';
import { bodyOf, pngImage } from './fixtures.js';
import { seedDemoVenues } from './index.js';

let t: TestApp;
let city: TestClient;
let gangshan: TestClient;
let clerk: TestClient;
let anon: TestClient;
const GANGSHAN = '370883001';
const QIANQUAN = '370883002';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface PhotoList {
  version: number;
  photos: { fileId: string; url: string; alt: string; width: number; height: number; mime: string; size: number }[];
}

/** A multipart body: the text fields, then the file (or the file first). */
function multipart(fields: Record<string, string | number>, file: { name: string; data: Buffer } | null, fileFirst = false) {
  const boundary = '----bianminVenuePhotoBoundary';
  const fieldParts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const fileParts = file
    ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.data, Buffer.from('\r\n')]
    : [];
  const body = Buffer.concat([...(fileFirst ? [...fileParts, ...fieldParts] : [...fieldParts, ...fileParts]), Buffer.from(`--${boundary}--\r\n`)]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(client: TestClient, venueId: string, fields: Record<string, string | number>, file: { name: string; data: Buffer } | null = { name: '大厅.png', data: pngImage(64, 48) }, fileFirst = false): Promise<LightMyRequestResponse> {
  const { body, contentType } = multipart(fields, file, fileFirst);
  return client.request('POST', `/api/v1/venue-records/${venueId}/photos`, body, { 'content-type': contentType });
}

const versionOf = async (id: string) => (await t.deps.dbh.db.selectFrom('venues').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
const venueRow = (id: string) => t.deps.dbh.db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const audits = (id: string) =>
  t.deps.dbh.db.selectFrom('audit_log').select(['action', 'summary']).where('entity_type', '=', 'venue').where('entity_id', '=', id).orderBy('seq').execute();
/** The files table, the audit chain's head and the venue row: what a refused request must leave as it was. */
const untouched = async (id: string) => `${await untouchedState(t, ['files'])}|${JSON.stringify(await venueRow(id))}`;

/** Uploads one photo as the town's administrator, from the venue's current version. */
async function added(venueId: string, alt: string, data = pngImage(64, 48)): Promise<PhotoList> {
  const res = await upload(gangshan, venueId, { alt, version: await versionOf(venueId) }, { name: 'photo.png', data });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemoVenues(t.deps, t.services.catalog.publicCatalog)).toBeGreaterThan(700);
  city = await new TestClient(t.app).loginStaff('admin');
  gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  anon = new TestClient(t.app);
});
afterAll(() => t.close());

describe('uploading', () => {
  it('a PNG with its description: on the record and the public page in order, readable by anyone, version bumped, audited', async () => {
    const venue = `town-${GANGSHAN}`;
    const before = await versionOf(venue);
    const png = pngImage(120, 90);
    const res = await upload(gangshan, venue, { alt: ' 一楼办事大厅，左侧为综合受理窗口 ', version: before }, { name: 'IMG_0001.png', data: png });
    expect(res.statusCode, res.body).toBe(201);
    const list: PhotoList = res.json();
    expect(list.version).toBe(before + 1);
    expect(list.photos).toEqual([expect.objectContaining({ alt: '一楼办事大厅，左侧为综合受理窗口', width: 120, height: 90, mime: 'image/png', size: png.length })]);
    const photo = list.photos[0]!;
    expect(photo.url).toBe(`/api/v1/files/${photo.fileId}`);

    // the description goes with the file it names, and the text field may come after the file
    const second = await upload(gangshan, venue, { alt: '门前的无障碍坡道', version: list.version }, { name: 'ramp.png', data: pngImage(40, 60) }, true);
    expect(second.statusCode, second.body).toBe(201);
    const both: PhotoList = second.json();
    expect(both.photos.map((p) => p.alt)).toEqual(['一楼办事大厅，左侧为综合受理窗口', '门前的无障碍坡道']);

    const record = (await gangshan.get(`/api/v1/venue-records/${venue}`)).json();
    expect(record.version).toBe(before + 2);
    expect(record.photos).toEqual(both.photos);
    const detail = (await anon.get(`/api/v1/venues/${venue}`)).json();
    expect(detail.photos).toEqual(both.photos.map((p) => ({ url: p.url, alt: p.alt, width: p.width, height: p.height })));

    const read = await anon.get(photo.url);
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('image/png');
    expect(read.headers['cache-control']).toBe('public, max-age=300');
    expect(read.rawPayload.equals(png)).toBe(true);

    const rows = await audits(venue);
    expect(rows.map((a) => a.action)).toEqual(['venue.photo_add', 'venue.photo_add']);
    expect(JSON.parse(rows[0]!.summary)).toMatchObject({ fileId: photo.fileId, alt: '一楼办事大厅，左侧为综合受理窗口', mime: 'image/png', width: 120, height: 90, count: 1 });
    const file = await t.deps.dbh.db.selectFrom('files').selectAll().where('id', '=', photo.fileId).executeTakeFirstOrThrow();
    expect(file).toMatchObject({ kind: 'upload', public: 0, mime: 'image/png', name: '一楼办事大厅，左侧为综合受理窗口.png' });
    expect(JSON.parse(file.meta)).toEqual({ purpose: 'venue-photo', venueId: venue });
  });

  it('refuses what is no image — by its bytes, whatever its name — and writes nothing', async () => {
    const venue = `bank-${GANGSHAN}`;
    const before = await untouched(venue);
    const version = await versionOf(venue);
    for (const [name, data] of [['门头.png', PDF], ['大厅.jpg', Buffer.from('not an image at all')], ['残缺.png', pngImage(10, 10).subarray(0, 16)]] as const) {
      const res = await upload(gangshan, venue, { alt: '网点门头', version }, { name, data });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', message: '照片只能是 JPG、PNG 或 WebP 图片（按文件内容判断，而非文件名）' });
    }
    const missing = await upload(gangshan, venue, { alt: '网点门头', version }, null);
    expect([missing.statusCode, missing.json().error.code]).toEqual([400, 'FILE_MISSING']);
    expect(await untouched(venue)).toBe(before);
  });

  it('a photo over 8 MB is 413 with the limit in words; one wider than the limit is 400', async () => {
    const venue = `bank-${GANGSHAN}`;
    const before = await untouched(venue);
    const big = Buffer.concat([pngImage(8, 8), Buffer.alloc(VENUE_PHOTOS.maxBytes)]);
    const res = await upload(gangshan, venue, { alt: '网点门头', version: await versionOf(venue) }, { name: 'big.png', data: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', message: '照片不能超过 8 MB，请缩小后再上传' });
    // a header claiming 20000 pixels across (nothing is decoded, so a tiny file can say so)
    const wide = pngImage(4, 4);
    wide.writeUInt32BE(20_000, 16);
    const tooWide = await upload(gangshan, venue, { alt: '网点门头', version: await versionOf(venue) }, { name: 'wide.png', data: wide });
    expect([tooWide.statusCode, tooWide.json().error.code]).toEqual([400, 'IMAGE_TOO_LARGE']);
    expect(await untouched(venue)).toBe(before);
  });

  it.each([
    ['no description', {}, /请填写照片说明/],
    ['a description of one character', { alt: '门' }, /2 到 60 个字/],
    ['only spaces', { alt: '    ' }, /2 到 60 个字/],
    ['a description over 60 characters', { alt: '很'.repeat(61) }, /不超过 60 字/],
    ['a description on two lines', { alt: '门头\n大厅' }, /一行/],
  ])('%s: 400 naming the field alt, nothing written', async (_name, fields, message) => {
    const venue = `hospital-${GANGSHAN}`;
    const before = await untouched(venue);
    const res = await upload(gangshan, venue, { ...fields, version: await versionOf(venue) });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details).toEqual([{ field: 'alt', message: expect.stringMatching(message) }]);
    expect(await untouched(venue)).toBe(before);
  });

  it('at most 8 photos: the ninth is 409 TOO_MANY_PHOTOS and leaves no file row', async () => {
    const venue = `post-${GANGSHAN}`;
    for (let i = 1; i <= VENUE_PHOTOS.max; i++) await added(venue, `邮政网点第 ${i} 张照片`);
    const before = await untouched(venue);
    const res = await upload(gangshan, venue, { alt: '第九张照片', version: await versionOf(venue) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'TOO_MANY_PHOTOS', message: expect.stringContaining('最多 8 张') });
    expect(await untouched(venue)).toBe(before);
    expect((await anon.get(`/api/v1/venues/${venue}`)).json().photos).toHaveLength(8);
  });
});

describe('from the version read', () => {
  it('a stale version is 409 VENUE_CHANGED for an upload, a reorder and a removal; nothing written', async () => {
    // a village station of the town (its items are its 实施清单: a save checks none)
    const venue = (await t.deps.dbh.db.selectFrom('venues').select('id').where('region_code', 'like', `${GANGSHAN}%`).where('kind', '=', 'village_station').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    const first = await added(venue, '服务站服务台');
    // someone else saves the venue meanwhile
    const record = (await city.get(`/api/v1/venue-records/${venue}`)).json();
    expect((await city.put(`/api/v1/venue-records/${venue}`, bodyOf(record, { phone: '0537-5204444' }))).statusCode).toBe(200);
    const before = await untouched(venue);
    const stale = first.version;
    const sent = [
      await upload(gangshan, venue, { alt: '服务站入口', version: stale }),
      await gangshan.put(`/api/v1/venue-records/${venue}/photos`, { version: stale, photos: [{ fileId: first.photos[0]!.fileId, alt: '改过的说明' }] }),
      await gangshan.delete(`/api/v1/venue-records/${venue}/photos/${first.photos[0]!.fileId}?version=${stale}`),
    ];
    for (const res of sent) expect([res.statusCode, res.json().error.code], res.body).toEqual([409, 'VENUE_CHANGED']);
    expect(await untouched(venue)).toBe(before);
    // no version at all is a 400, not a guess
    const none = await upload(gangshan, venue, { alt: '服务站入口' });
    expect([none.statusCode, none.json().error.details[0].field]).toEqual([400, 'version']);
    expect((await gangshan.delete(`/api/v1/venue-records/${venue}/photos/${first.photos[0]!.fileId}`)).statusCode).toBe(400);
    expect(await untouched(venue)).toBe(before);
  });

  it('a form opened before a photo was added cannot overwrite the venue without reloading (the version moved)', async () => {
    const venue = `town-${QIANQUAN}`;
    const record = (await city.get(`/api/v1/venue-records/${venue}`)).json();
    const res = await upload(city, venue, { alt: '千泉街道为民服务中心外景', version: record.version });
    expect(res.statusCode, res.body).toBe(201);
    const save = await city.put(`/api/v1/venue-records/${venue}`, bodyOf(record, { phone: '0537-5205555' }));
    expect([save.statusCode, save.json().error.code]).toEqual([409, 'VENUE_CHANGED']);
    // with the version the upload answered, the same save goes through and keeps the photo
    const saved = await city.put(`/api/v1/venue-records/${venue}`, bodyOf(record, { phone: '0537-5205555', version: res.json().version }));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().photos.map((p: { alt: string }) => p.alt)).toEqual(['千泉街道为民服务中心外景']);
  });
});

describe('ordering, describing, removing', () => {
  it('a new order and a corrected description in one PUT: exactly the venue\'s photos, each once; audited with what changed', async () => {
    // a village station of the town
    const venueId = (await t.deps.dbh.db.selectFrom('venues').select('id').where('region_code', 'like', `${GANGSHAN}%`).where('kind', '=', 'village_station').orderBy('id').executeTakeFirstOrThrow()).id;
    await added(venueId, '服务站外景');
    await added(venueId, '服务站办事窗口');
    const three = await added(venueId, '便民服务站的休息区');
    const [a, b, c] = three.photos.map((p) => p.fileId) as [string, string, string];

    const wrongSets = [
      [{ fileId: a, alt: '外景' }, { fileId: b, alt: '窗口' }],
      [{ fileId: a, alt: '外景' }, { fileId: b, alt: '窗口' }, { fileId: a, alt: '又是外景' }],
      [{ fileId: a, alt: '外景' }, { fileId: b, alt: '窗口' }, { fileId: '01900000-0000-7000-8000-000000000000', alt: '别处的照片' }],
    ];
    const before = await untouched(venueId);
    for (const photos of wrongSets) {
      const res = await gangshan.put(`/api/v1/venue-records/${venueId}/photos`, { version: three.version, photos });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'photos' }] });
    }
    const badAlt = await gangshan.put(`/api/v1/venue-records/${venueId}/photos`, { version: three.version, photos: [{ fileId: c, alt: '' }, { fileId: a, alt: '外景' }, { fileId: b, alt: '窗口' }] });
    expect([badAlt.statusCode, badAlt.json().error.details[0].field]).toEqual([400, 'photos.0.alt']);
    expect(await untouched(venueId)).toBe(before);

    // the same list again: nothing to change, no new version, nothing audited
    const same = await gangshan.put(`/api/v1/venue-records/${venueId}/photos`, { version: three.version, photos: three.photos.map((p) => ({ fileId: p.fileId, alt: p.alt })) });
    expect([same.statusCode, same.json().version]).toEqual([200, three.version]);
    expect(await untouched(venueId)).toBe(before);

    const res = await gangshan.put(`/api/v1/venue-records/${venueId}/photos`, {
      version: three.version, photos: [{ fileId: c, alt: '休息区，备有老花镜和饮水机' }, { fileId: a, alt: '服务站外景' }, { fileId: b, alt: '服务站办事窗口' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(three.version + 1);
    expect((await anon.get(`/api/v1/venues/${venueId}`)).json().photos.map((p: { alt: string }) => p.alt)).toEqual(['休息区，备有老花镜和饮水机', '服务站外景', '服务站办事窗口']);
    const arranged = (await audits(venueId)).at(-1)!;
    expect(arranged.action).toBe('venue.photo_arrange');
    expect(JSON.parse(arranged.summary)).toEqual({ order: [c, a, b], alts: [{ fileId: c, from: '便民服务站的休息区', to: '休息区，备有老花镜和饮水机' }] });

    // removing one: gone from the page, and nobody outside can read it any more
    const removed = await gangshan.delete(`/api/v1/venue-records/${venueId}/photos/${a}?version=${res.json().version}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().photos.map((p: { fileId: string }) => p.fileId)).toEqual([c, b]);
    expect((await anon.get(`/api/v1/venues/${venueId}`)).json().photos).toHaveLength(2);
    expect((await anon.get(`/api/v1/files/${a}`)).statusCode).toBe(404);
    expect((await city.get(`/api/v1/files/${a}`)).statusCode).toBe(404);
    const again = await gangshan.delete(`/api/v1/venue-records/${venueId}/photos/${a}?version=${removed.json().version}`);
    expect([again.statusCode, again.json().error.code]).toEqual([404, 'PHOTO_NOT_FOUND']);
    const last = (await audits(venueId)).at(-1)!;
    expect([last.action, JSON.parse(last.summary)]).toEqual(['venue.photo_remove', { fileId: a, alt: '服务站外景', count: 2 }]);
  });
});

describe('who reads a photo', () => {
  it('anyone while the venue is open; once it is closed only its administrators (and 404 for the rest); again when reopened', async () => {
    const venueId = `self_service-${GANGSHAN}`;
    const { photos: [photo] } = await added(venueId, '自助服务区的终端机');
    const url = photo!.url;
    expect((await anon.get(url)).statusCode).toBe(200);
    expect((await clerk.get(url)).statusCode).toBe(200);

    const record = (await gangshan.get(`/api/v1/venue-records/${venueId}`)).json();
    expect((await gangshan.put(`/api/v1/venue-records/${venueId}`, bodyOf(record, { active: false }))).statusCode).toBe(200);
    expect((await anon.get(`/api/v1/venues/${venueId}`)).statusCode).toBe(404);
    expect((await anon.get(url)).statusCode).toBe(404);
    expect((await clerk.get(url)).statusCode).toBe(404);
    const asAdmin = await city.get(url);
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.headers['cache-control']).toBe('private, no-store');
    expect((await gangshan.get(`${url}?inline=1`)).headers['content-disposition']).toMatch(/^inline; /);
    // and the closed venue's photos are still kept in the workbench
    const closed = (await gangshan.get(`/api/v1/venue-records/${venueId}`)).json();
    expect(closed.photos.map((p: { fileId: string }) => p.fileId)).toEqual([photo!.fileId]);
    expect((await gangshan.put(`/api/v1/venue-records/${venueId}`, bodyOf(closed, { active: true }))).statusCode).toBe(200);
    expect((await anon.get(url)).statusCode).toBe(200);
    // other files keep their rules: an unknown one is still 404, a private one still asks for a sign-in
    expect((await anon.get('/api/v1/files/01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('scope', () => {
  it("another town's venue is not found for every photo route; a clerk is 403; nothing written", async () => {
    const theirs = `town-${QIANQUAN}`;
    const record = (await city.get(`/api/v1/venue-records/${theirs}`)).json();
    const fileId = record.photos[0]?.fileId ?? '01900000-0000-7000-8000-000000000000';
    const before = await untouched(theirs);
    const sent = [
      await upload(gangshan, theirs, { alt: '越权上传', version: record.version }),
      await gangshan.put(`/api/v1/venue-records/${theirs}/photos`, { version: record.version, photos: [] }),
      await gangshan.delete(`/api/v1/venue-records/${theirs}/photos/${fileId}?version=${record.version}`),
    ];
    for (const res of sent) expect([res.statusCode, res.json().error.code], res.body).toEqual([404, 'VENUE_NOT_FOUND']);
    const unknown = await upload(gangshan, 'no-such-venue', { alt: '不存在的网点', version: 1 });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'VENUE_NOT_FOUND']);
    const byClerk = await upload(clerk, `town-${GANGSHAN}`, { alt: '窗口人员上传', version: 1 });
    expect(byClerk.statusCode).toBe(403);
    expect((await upload(anon, `town-${GANGSHAN}`, { alt: '未登录上传', version: 1 })).statusCode).toBe(401);
    expect(await untouched(theirs)).toBe(before);
    // the other town's photo, like any on an open venue, is public all the same
    if (record.photos[0]) expect((await gangshan.get(record.photos[0].url)).statusCode).toBe(200);
  });
});
