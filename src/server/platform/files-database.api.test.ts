/**
 * FILE_STORE=database through the API, on the test engine (SQLite, or PostgreSQL with TEST_DB):
 * a citizen's application material and a catalog attachment larger than one row are uploaded,
 * downloaded byte for byte, kept in file_blobs (encrypted) and not in DATA_DIR/files.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload } from '../modules/cases/fixtures.js';
import { createTestApp, TestClient, testEngine, type TestApp } from '../testing.js';
import { FILE_MAGIC } from './crypto.js';
import { DatabaseFileStore, DEFAULT_BLOB_CHUNK_BYTES } from './files-database.js';

let t: TestApp;
let dataDir: string;
beforeAll(async () => {
  dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'bm-dbfiles-')), 'data');
  t = await createTestApp({ config: { dataDir, fileStore: 'database' } });
});
afterAll(async () => {
  await t?.close();
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

const storageKeyOf = async (fileId: string) =>
  (await t.deps.dbh.db.selectFrom('files').select('storage_key').where('id', '=', fileId).executeTakeFirstOrThrow()).storage_key!;

describe(`FILE_STORE=database (${testEngine()})`, () => {
  it('is the store the composition root built', () => {
    expect(t.deps.files).toBeInstanceOf(DatabaseFileStore);
  });

  it('stores an uploaded material in the database and serves it back to its owner', async () => {
    const citizen = await new TestClient(t.app).loginCitizen('13800000002');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(1_300_000), Buffer.from('\n%%EOF\n')]);
    const res = await upload(t, citizen, '户口本.pdf', pdf);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const down = await citizen.get(`/api/v1/files/${id}`);
    expect(down.statusCode, down.body.slice(0, 200)).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);

    const key = await storageKeyOf(id);
    const rows = await t.deps.dbh.db.selectFrom('file_blobs').select(['seq', 'bytes']).where('storage_key', '=', key).orderBy('seq').execute();
    expect(rows.length).toBe(Math.ceil((pdf.length + 40 + 16 * Math.ceil(pdf.length / 65_536)) / DEFAULT_BLOB_CHUNK_BYTES));
    // encrypted at rest, as on disk
    expect(Buffer.from(rows[0]!.bytes).subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)).toBe(true);
    expect(Buffer.concat(rows.map((r) => Buffer.from(r.bytes))).includes(pdf.subarray(9, 100))).toBe(false);
    // nothing on the local disk
    const filesDir = path.join(dataDir, 'files');
    expect(existsSync(filesDir) ? readdirSync(filesDir, { recursive: true }).filter((e) => !String(e).startsWith('.')) : []).toEqual([]);
  });

  it('stores a catalog attachment and serves it; another app on the same database reads it too', async () => {
    const admin = await new TestClient(t.app).loginStaff('admin');
    const doc = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(20_000), Buffer.from('\n%%EOF\n')]);
    const { body, contentType } = multipart('申请表.pdf', doc);
    const cookies = admin['cookies'] as Map<string, string>;
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/admin/files', payload: body,
      headers: { 'content-type': contentType, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.get('bm_csrf') ?? '' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const down = await admin.get(`/api/v1/files/${id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(doc)).toBe(true);
    // a second machine: its own store object over the same database and key
    const other = new DatabaseFileStore(t.deps.dbh.db, t.deps.protector);
    expect((await other.get(await storageKeyOf(id))).equals(doc)).toBe(true);
  });
});
