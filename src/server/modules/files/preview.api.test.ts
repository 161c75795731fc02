/**
 * 预览 (issue 12 §4): staff look at a case's PDF and image materials on the case page, without
 * downloading them. `GET /files/:id?inline=1` sends a PDF, JPEG or PNG inline with headers that let
 * the site's own pages frame it and nobody else's; access is the download's (another town's clerk
 * still gets 404), other types stay attachments, and without `inline=1` nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { onlineBody, PDF, seedCaseCatalog, signInCast, submitOk, upload } from '../cases/fixtures.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
/** A zip whose first entry is OFD.xml: what the upload check takes for OFD. */
const OFD = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('OFD.xml<ofd:OFD/>')]);

let t: TestApp;
let cast: Awaited<ReturnType<typeof signInCast>>;
let caseId: string;
const files = {} as Record<'pdf' | 'png' | 'ofd', string>;

beforeAll(async () => {
  t = await createTestApp();
  await seedCaseCatalog(t);
  cast = await signInCast(t);
  const up = async (name: string, data: Buffer) => {
    const res = await upload(t, cast.citizen, name, data);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  files.pdf = await up('申请书.pdf', PDF);
  files.png = await up('身份证正面.png', PNG);
  files.ofd = await up('电子证明.ofd', OFD);
  ({ id: caseId } = await submitOk(cast.citizen, onlineBody(files.pdf, {
    materials: [{ materialId: 'm1', source: 'upload', fileId: files.pdf }, { materialId: 'm2', source: 'upload', fileId: files.png }],
  })));
});
afterAll(async () => {
  await t.close();
});

function expectFramedBySiteOnly(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-disposition']).toMatch(/^inline; filename\*=UTF-8''/);
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("frame-ancestors 'self'");
  expect(csp).not.toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toMatch(/script-src/);
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['cache-control']).toBe('private, no-store');
}

function expectAttachmentNeverFramed(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-disposition']).toMatch(/^attachment; /);
  expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  expect(res.headers['x-frame-options']).toBe('DENY');
}

describe('previewing a material', () => {
  it('the case page learns each material file\'s type and name', async () => {
    const detail = (await cast.clerk.get(`/api/v1/cases/${caseId}`)).json();
    const byId = Object.fromEntries(detail.materials.map((m: { materialId: string }) => [m.materialId, m]));
    expect(byId.m1).toMatchObject({ fileId: files.pdf, file: { name: '申请书.pdf', mime: 'application/pdf', size: PDF.length } });
    expect(byId.m2).toMatchObject({ fileId: files.png, file: { name: '身份证正面.png', mime: 'image/png' } });
  });

  it('a PDF and an image are sent inline, to be framed by the site\'s own pages only', async () => {
    const pdf = await cast.clerk.get(`/api/v1/files/${files.pdf}?inline=1`);
    expectFramedBySiteOnly(pdf);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.equals(PDF)).toBe(true);
    const png = await cast.clerk.get(`/api/v1/files/${files.png}?inline=1`);
    expectFramedBySiteOnly(png);
    expect(png.headers['content-type']).toBe('image/png');
    // the applicant previews their own too
    expectFramedBySiteOnly(await cast.citizen.get(`/api/v1/files/${files.pdf}?inline=1`));
  });

  it('without inline=1, and for other types, a file stays an attachment nothing may frame', async () => {
    expectAttachmentNeverFramed(await cast.clerk.get(`/api/v1/files/${files.pdf}`));
    const ofd = await cast.citizen.get(`/api/v1/files/${files.ofd}?inline=1`);
    expectAttachmentNeverFramed(ofd);
    expect(ofd.headers['cross-origin-resource-policy']).not.toBe('same-origin');
    expect((await cast.clerk.get(`/api/v1/files/${files.pdf}?inline=yes`)).statusCode).toBe(400);
    // the site's own pages keep refusing every frame
    const page = await cast.clerk.get('/api/health');
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('access is the download\'s: another town\'s clerk gets 404, an anonymous caller 401', async () => {
    expect((await cast.qianquan.get(`/api/v1/files/${files.pdf}?inline=1`)).statusCode).toBe(404);
    expect((await cast.other.get(`/api/v1/files/${files.png}?inline=1`)).statusCode).toBe(404);
    expect((await new TestClient(t.app).get(`/api/v1/files/${files.pdf}?inline=1`)).statusCode).toBe(401);
    // the OFD belongs to no case: only its uploader reads it
    expect((await cast.clerk.get(`/api/v1/files/${files.ofd}?inline=1`)).statusCode).toBe(404);
  });
});
