import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';

let t: TestApp;
let city: TestClient;
beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-files-test-${process.pid}` } });
  city = await new TestClient(t.app).loginStaff('admin');
});
afterAll(async () => {
  await t.close();
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
    const back = await t.app.inject({ method: 'GET', url: file.url });
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
