/**
 * A full disk during an upload (application materials, catalog attachments) and during speech
 * synthesis: the request answers 507 STORAGE_FULL in Chinese, no files row points at missing
 * bytes, no temporary file is left behind, and the next request after space is freed succeeds.
 *
 * The disk fills without root and without a small file system: node:fs's createWriteStream is
 * swapped (for files under this test's DATA_DIR only) for the real stream that takes `room` bytes
 * and then fails each write with ENOSPC, as a full disk does. The app's modules import
 * createWriteStream by name, so the swap is published to them with syncBuiltinESMExports().
 */
import fs, { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../testing.js';

const realCreateWriteStream = fs.createWriteStream;

/** From now until the returned function runs, streams opened under `dir` hold `room` bytes, then fail with ENOSPC. */
function diskFullUnder(dir: string, room: number): () => void {
  const full = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  fs.createWriteStream = ((file: fs.PathLike, opts?: Parameters<typeof fs.createWriteStream>[1]) => {
    const stream = realCreateWriteStream(file, opts);
    if (!String(file).startsWith(dir)) return stream;
    let written = 0;
    const write = stream._write.bind(stream);
    const writev = stream._writev?.bind(stream);
    stream._write = (chunk: Buffer, encoding: BufferEncoding, done: (err?: Error | null) => void) => {
      written += chunk.length;
      if (written > room) done(full());
      else write(chunk, encoding, done);
    };
    if (writev) {
      stream._writev = (chunks: { chunk: Buffer; encoding: BufferEncoding }[], done: (err?: Error | null) => void) => {
        written += chunks.reduce((n, c) => n + c.chunk.length, 0);
        if (written > room) done(full());
        else writev(chunks, done);
      };
    }
    return stream;
  }) as typeof fs.createWriteStream;
  syncBuiltinESMExports();
  return () => {
    fs.createWriteStream = realCreateWriteStream;
    syncBuiltinESMExports();
  };
}

/** Every file under `dir` (recursively), by relative name. */
const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : []);

function multipart(fileName: string, data: Buffer) {
  const boundary = '----bianminDiskFull';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, contentType: `multipart/form-data; boundary=${boundary}` };
}

let t: TestApp;
let root: string;
let dataDir: string;
let restore: (() => void) | null = null;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bm-disk-full-'));
  dataDir = path.join(root, 'data');
  t = await createTestApp({ config: { dataDir } });
}, 60_000);
afterEach(() => {
  restore?.();
  restore = null;
});
afterAll(async () => {
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

async function upload(client: TestClient, url: string, fileName: string, data: Buffer) {
  const { payload, contentType } = multipart(fileName, data);
  const cookies = client['cookies'] as Map<string, string>;
  return t.app.inject({
    method: 'POST', url, payload,
    headers: { 'content-type': contentType, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.get('bm_csrf') ?? '' },
  });
}

const fileRows = async () => Number((await t.deps.dbh.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

// A PDF of 300 kB: several writes of the encrypted stream, so the disk fills in the middle of it.
const pdf = (tag: string) => Buffer.concat([Buffer.from(`%PDF-1.4\n% ${tag}\n`), Buffer.alloc(300 * 1024, 0x20), Buffer.from('\ntrailer<<>>\n%%EOF\n')]);

describe.each([
  { name: 'an application material (POST /cases/uploads)', url: '/api/v1/cases/uploads', user: 'gangshan.clerk' },
  { name: 'a catalog attachment (POST /admin/files)', url: '/api/v1/admin/files', user: 'admin' },
])('a full disk during the upload of $name', ({ url, user }) => {
  it('answers 507 STORAGE_FULL, stores no row and leaves no file; the next upload after space is freed is stored', async () => {
    const client = await new TestClient(t.app).loginStaff(user);
    const filesDir = path.join(dataDir, 'files');
    const before = { rows: await fileRows(), files: filesUnder(filesDir) };
    restore = diskFullUnder(dataDir, 64 * 1024);
    const res = await upload(client, url, '申请表.pdf', pdf(`${url} full`));
    expect(res.statusCode, res.body).toBe(507);
    expect(res.json().error).toEqual({ code: 'STORAGE_FULL', message: expect.stringMatching(/存储空间已满/) });
    expect(await fileRows()).toBe(before.rows);
    expect(filesUnder(filesDir)).toEqual(before.files);

    restore();
    restore = null;
    const again = await upload(client, url, '申请表.pdf', pdf(`${url} freed`));
    expect(again.statusCode, again.body).toBe(201);
    expect(await fileRows()).toBe(before.rows + 1);
    expect(filesUnder(filesDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const back = await client.get(`/api/v1/files/${again.json().id}`);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(pdf(`${url} freed`))).toBe(true);
  });
});

/** Synthesis needs both programs; CI installs them (.ci/run), elsewhere this test is skipped. */
const canSpeak = existsSync(process.env.ESPEAK_PATH ?? '/usr/bin/espeak-ng') && existsSync(process.env.LAME_PATH ?? '/usr/bin/lame');

describe.runIf(canSpeak)('a full disk during speech synthesis (needs espeak-ng and lame)', () => {
  it('answers 507 STORAGE_FULL and leaves no partial audio; after space is freed the same text is spoken', async () => {
    const speechDir = path.join(dataDir, 'speech');
    const text = '高龄津贴申领，请携带居民身份证和户口簿，到钢山街道便民服务中心窗口办理。';
    const speak = () => t.app.inject({ method: 'POST', url: '/api/v1/speech', payload: { text, rate: 'normal' }, remoteAddress: '192.0.2.77' });
    restore = diskFullUnder(speechDir, 2 * 1024);
    const res = await speak();
    expect(res.statusCode, res.body).toBe(507);
    expect(res.json().error.code).toBe('STORAGE_FULL');
    expect(res.json().error.message).toMatch(/存储空间已满/);
    expect(filesUnder(speechDir)).toEqual([]);

    restore();
    restore = null;
    const again = await speak();
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().cached).toBe(false);
    const audio = await t.app.inject({ method: 'GET', url: again.json().url });
    expect(audio.statusCode).toBe(200);
    expect(audio.rawPayload.length).toBeGreaterThan(1000);
    expect(filesUnder(speechDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});
