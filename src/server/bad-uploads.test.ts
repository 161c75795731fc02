/**
 * Every route that reads a multipart body, fed broken multipart: each answers 400 with a stable
 * code, never 500, and nothing is written. A new upload route only needs a line in `uploadRoutes`.
 */
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from './platform/http.js';
import { appWithAdminAndCitizen, untouchedState, type TestApp, type TestClient } from './testing.js';

let t: TestApp, admin: TestClient, citizen: TestClient;
beforeAll(async () => {
  ({ t, admin, citizen } = await appWithAdminAndCitizen('13800000001'));
});
afterAll(async () => {
  await t.close();
});

interface UploadRoute {
  name: string;
  url: string;
  /** who may upload there */
  as: () => TestClient;
  /** what a well-formed upload of a text file gets, when the route asks something else before judging the file */
  past?: string;
}

const uploadRoutes: UploadRoute[] = [
  { name: 'catalog attachment', url: '/api/v1/admin/files', as: () => admin },
  // parsing comes before the version is looked up, so any well-formed id will do
  { name: 'catalog workbook import', url: '/api/v1/admin/catalog-versions/01900000-0000-7000-8000-000000000000/import', as: () => admin },
  { name: 'implementation list import', url: '/api/v1/admin/impl-lists/import', as: () => admin },
  { name: 'application material', url: '/api/v1/cases/uploads', as: () => citizen },
  // the venue is looked up after the body is read, so an unknown one will do (and is what a good body is told)
  { name: 'venue photo', url: '/api/v1/venue-records/no-such-venue/photos', as: () => admin, past: 'VENUE_NOT_FOUND' },
  // 典型案例 likewise: the practice is looked up after the body is read
  { name: 'practice photo', url: '/api/v1/practice-records/01900000-0000-7000-8000-000000000000/photos', as: () => admin, past: 'PRACTICE_NOT_FOUND' },
  // 培训资料 likewise: the session is looked up after the body is read
  { name: 'training material', url: '/api/v1/training/sessions/01900000-0000-7000-8000-000000000000/materials', as: () => admin, past: 'TRAINING_SESSION_NOT_FOUND' },
];

const B = '----bianminBadUpload';
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
const part = (headers: string, content: string) => `--${B}\r\n${headers}\r\n\r\n${content}\r\n`;
const end = `--${B}--\r\n`;
const withBoundary = `multipart/form-data; boundary=${B}`;

interface BadBody {
  name: string;
  contentType: string;
  body: string;
  /** 400 unless given */
  status?: number;
  code: 'FILE_MISSING' | 'MULTIPART_INVALID' | 'TOO_MANY_PARTS';
}

const badBodies: BadBody[] = [
  { name: 'a text field and no file', contentType: withBoundary, body: part('Content-Disposition: form-data; name="note"', '你好') + end, code: 'FILE_MISSING' },
  // busboy takes an octet-stream part for a file even without a file name
  { name: 'a file part without a file name', contentType: withBoundary, body: part('Content-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream', PDF) + end, code: 'FILE_MISSING' },
  // what a browser sends for a file input left empty
  { name: 'an empty file input', contentType: withBoundary, body: part('Content-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream', '') + end, code: 'FILE_MISSING' },
  { name: 'a body cut off inside the file', contentType: withBoundary, body: part('Content-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf', PDF).slice(0, -20), code: 'MULTIPART_INVALID' },
  { name: 'a body cut off inside the part headers', contentType: withBoundary, body: `--${B}\r\nContent-Disposition: form-data; na`, code: 'MULTIPART_INVALID' },
  { name: 'a body that never mentions its boundary', contentType: withBoundary, body: 'hello, this is not multipart', code: 'MULTIPART_INVALID' },
  { name: 'multipart without a boundary', contentType: 'multipart/form-data', body: part('Content-Disposition: form-data; name="file"; filename="a.pdf"', PDF) + end, code: 'MULTIPART_INVALID' },
  { name: 'an empty boundary', contentType: 'multipart/form-data; boundary=', body: part('Content-Disposition: form-data; name="file"; filename="a.pdf"', PDF) + end, code: 'MULTIPART_INVALID' },
  { name: 'a boundary too long to search for', contentType: `multipart/form-data; boundary=${'x'.repeat(300)}`, body: `--${'x'.repeat(300)}\r\n`, code: 'MULTIPART_INVALID' },
  { name: 'a JSON field that is not JSON', contentType: withBoundary, body: part('Content-Disposition: form-data; name="meta"\r\nContent-Type: application/json', '{"a":') + end, code: 'MULTIPART_INVALID' },
  { name: 'a field named __proto__', contentType: withBoundary, body: part('Content-Disposition: form-data; name="__proto__"', 'x') + end, code: 'MULTIPART_INVALID' },
  {
    name: 'more fields than allowed', contentType: withBoundary, status: 413, code: 'TOO_MANY_PARTS',
    body: Array.from({ length: 12 }, (_, i) => part(`Content-Disposition: form-data; name="f${i}"`, 'x')).join('') + end,
  },
];

function send(client: TestClient, url: string, contentType: string, body: string) {
  return client.request('POST', url, Buffer.from(body), { 'content-type': contentType });
}

const snapshot = () => untouchedState(t, ['files']);

describe.each(uploadRoutes)('broken multipart to $name', (route) => {
  it.each(badBodies)('$name → $code, nothing written', async (bad) => {
    const before = await snapshot();
    const res = await send(route.as(), route.url, bad.contentType, bad.body);
    expect(res.statusCode, res.body).toBe(bad.status ?? 400);
    const { error } = res.json();
    expect(error.code).toBe(bad.code);
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(res.body).not.toMatch(/busboy|multipart data|boundary|stack/i);
    expect(await snapshot()).toBe(before);
  });

  it('a well-formed upload gets past parsing (the route judges the file itself)', async () => {
    const res = await send(route.as(), route.url, withBoundary, part('Content-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain', 'not a pdf') + end);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(route.past ? [route.past] : ['FILE_TYPE_NOT_ALLOWED', 'WORKBOOK_INVALID']).toContain(res.json().error.code);
  });
});

describe('a route that reads multipart without readSingleFile', () => {
  it('still never answers 500: the error handler maps the parser\'s own errors', async () => {
    const app = Fastify({ logger: false });
    await app.register(multipart, { limits: { files: 1, fields: 10 } });
    installErrorHandling(app);
    app.post('/raw', async (request) => {
      const file = await request.file();
      return { size: file ? (await file.toBuffer()).length : 0 };
    });
    try {
      for (const bad of badBodies) {
        const res = await app.inject({ method: 'POST', url: '/raw', headers: { 'content-type': bad.contentType }, payload: Buffer.from(bad.body) });
        expect(res.statusCode, `${bad.name}: ${res.body}`).toBeLessThan(500);
        // an empty boundary only shows up as "no parts" to the parser; readSingleFile checks it up front
        if (bad.code !== 'FILE_MISSING' && bad.name !== 'an empty boundary') {
          expect(res.statusCode, bad.name).toBe(bad.status ?? 400);
          expect(res.json().error.code, bad.name).toBe(bad.code);
        }
      }
    } finally {
      await app.close();
    }
  });
});
