import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_MAGIC } from '../../platform/crypto.js';
import { insertFileRow } from '../../platform/files.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { makeItem, seedTestCatalog } from '../catalog/fixtures.js';

let t: TestApp;
let city: TestClient;
let dataDir: string;
beforeAll(async () => {
  dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'bm-files-')), 'data');
  t = await createTestApp({ config: { dataDir } });
  city = await new TestClient(t.app).loginStaff('admin');
});
afterAll(async () => {
  await t.close();
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

function multipart(fileName: string, data: Buffer) {
  const boundary = '----bianminTestBoundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(client: TestClient, fileName: string, data: Buffer) {
  const { body, contentType } = multipart(fileName, data);
  const cookies = client['cookies'] as Map<string, string>;
  return t.app.inject({
    method: 'POST', url: '/api/v1/admin/files', payload: body,
    headers: { 'content-type': contentType, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.get('bm_csrf') ?? '' },
  });
}

describe('catalog attachments', () => {
  it('stores a real PDF and serves it back', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const res = await upload(city, '最低生活保障申请表.pdf', pdf);
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ name: '最低生活保障申请表.pdf', mime: 'application/pdf', size: pdf.length });
    const back = await city.get(file.url);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(pdf)).toBe(true);
    expect(back.headers['content-disposition']).toContain(encodeURIComponent('最低生活保障申请表.pdf'));
  });

  it('refuses an EXE named .pdf, an oversize file, a clerk and an anonymous caller', async () => {
    const exe = await upload(city, 'form.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00'));
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const big = await upload(city, 'big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    const clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
    expect((await upload(clerk, 'a.pdf', Buffer.from('%PDF-1.4\n'))).statusCode).toBe(403);
    expect((await upload(new TestClient(t.app), 'a.pdf', Buffer.from('%PDF-1.4\n'))).statusCode).toBe(401);
    const count = await t.deps.dbh.db.selectFrom('files').select('id').execute();
    expect(count).toHaveLength(1);
  });

  it('404s an unknown file and 400s a malformed id', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/files/01900000-0000-7000-8000-000000000000' })).json().error.code).toBe('FILE_NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/files/nope' })).statusCode).toBe(400);
  });
});

const mode = (p: string) => statSync(p).mode & 0o777;
const storedPath = (key: string) => path.join(dataDir, 'files', key.slice(0, 2), key.slice(2, 4), key);
const storageKeyOf = async (id: string) => (await t.deps.dbh.db.selectFrom('files').select('storage_key').where('id', '=', id).executeTakeFirstOrThrow()).storage_key!;

describe('stored files at rest', () => {
  it('keeps an upload encrypted on disk and serves the original bytes', async () => {
    const marker = 'BIANMIN-PLAINTEXT-MARKER-370883195603124223';
    // Several 64 KiB records and a short last one.
    const pdf = Buffer.concat([Buffer.from(`%PDF-1.4\n% ${marker}\n`), Buffer.alloc(200_000, `${marker}\n`), Buffer.from('%%EOF\n')]);
    const res = await upload(city, '申请书.pdf', pdf);
    expect(res.statusCode).toBe(201);
    const file = storedPath(await storageKeyOf(res.json().id));
    const onDisk = readFileSync(file);
    expect(onDisk.includes(marker)).toBe(false);
    expect(onDisk.includes('%PDF')).toBe(false);
    expect(onDisk.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)).toBe(true);
    const back = await city.get(res.json().url);
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-length']).toBe(String(pdf.length));
    expect(back.rawPayload.equals(pdf)).toBe(true);
  });

  it('stores an upload with mode 0600 in folders of mode 0700', async () => {
    const res = await upload(city, '样表.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    expect(res.statusCode).toBe(201);
    const file = storedPath(await storageKeyOf(res.json().id));
    expect(mode(file)).toBe(0o600);
    for (const dir of [dataDir, path.join(dataDir, 'files'), path.dirname(path.dirname(file)), path.dirname(file)]) expect(mode(dir)).toBe(0o700);
  });

  it('still serves a file stored in plain text before encryption', async () => {
    const legacy = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(150_000, 'legacy material\n'), Buffer.from('%%EOF\n')]);
    const key = createHash('sha256').update(legacy).digest('hex');
    mkdirSync(path.dirname(storedPath(key)), { recursive: true });
    writeFileSync(storedPath(key), legacy);
    // A catalog attachment as stored by earlier versions: kind upload, public, no purpose.
    const id = await insertFileRow(t.deps.dbh.db, t.deps.clock, { name: '旧表格.pdf', mime: 'application/pdf', size: legacy.length, sha256: key, storageKey: key, kind: 'upload', isPublic: true });
    const back = await city.get(`/api/v1/files/${id}`);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(legacy)).toBe(true);
  });
});

describe('catalog attachments before and after publication', () => {
  it('serves an uploaded blank form only to catalog managers until a published guide links to it', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% 临时救助申请表\n%%EOF\n');
    const uploaded = await upload(city, '临时救助申请表.pdf', pdf);
    expect(uploaded.statusCode).toBe(201);
    const { id, url } = uploaded.json();
    const anonymous = () => t.app.inject({ method: 'GET', url });
    const gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
    const clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');

    expect((await anonymous()).statusCode).toBe(404);
    expect((await clerk.get(url)).statusCode).toBe(404);
    const asAdmin = await city.get(url);
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.rawPayload.equals(pdf)).toBe(true);
    expect(asAdmin.headers['cache-control']).toBe('private, no-store');
    expect((await gangshan.get(url)).statusCode).toBe(200);

    // A draft that links to it does not publish it; the published version does.
    const { catalogId } = await seedTestCatalog(t.deps, 'town', [makeItem()], ['370883001']);
    const draft = await city.post(`/api/v1/admin/catalogs/${catalogId}/versions`, { note: '附空白表格' });
    expect(draft.statusCode).toBe(201);
    const v2 = draft.json().id;
    const withForm = makeItem({
      materials: [{ id: 'm1', name: '申请书', necessity: 'required', kind: 'original', form: 'paper', source: 'applicant', blankFormFileId: id }],
    });
    expect((await city.request('PUT', `/api/v1/admin/catalog-versions/${v2}/items/37200000100001`, withForm)).statusCode).toBe(200);
    expect((await anonymous()).statusCode).toBe(404);
    expect((await city.post(`/api/v1/admin/catalog-versions/${v2}/submit`)).statusCode).toBe(200);
    expect((await anonymous()).statusCode).toBe(404);
    expect((await city.post(`/api/v1/admin/catalog-versions/${v2}/publish`, { effectiveDate: '2027-01-01' })).statusCode).toBe(200);

    const published = await anonymous();
    expect(published.statusCode).toBe(200);
    expect(published.rawPayload.equals(pdf)).toBe(true);
    expect(published.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('never makes an application material public, even when a published guide names it', async () => {
    const citizen = await new TestClient(t.app).loginCitizen('13800000077');
    const { body, contentType } = multipart('身份证.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    const cookies = citizen['cookies'] as Map<string, string>;
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/cases/uploads', payload: body,
      headers: { 'content-type': contentType, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.get('bm_csrf') ?? '' },
    });
    expect(res.statusCode).toBe(201);
    const material = res.json().id;
    await seedTestCatalog(t.deps, 'village', [makeItem({
      baseCode: '372000099000', exerciseLevel: '6', implementingBody: '{village}',
      materials: [{ id: 'm1', name: '申请书', necessity: 'required', kind: 'original', form: 'paper', source: 'applicant', blankFormFileId: material }],
    })], ['370883001004']);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${material}` })).statusCode).toBe(401);
    expect((await citizen.get(`/api/v1/files/${material}`)).statusCode).toBe(200);
  });
});
