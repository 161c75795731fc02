/**
 * Links the server prints (the guide QR code) come from PUBLIC_URL only: no query parameter or
 * request header can make an official QR code point at another site.
 */
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeItem, seedTestCatalog } from './modules/catalog/fixtures.js';
import { publicLink } from './platform/public-url.js';
import { createTestApp, type TestApp } from './testing.js';

// with a path prefix: the links must keep it
const PUBLIC_URL = 'https://zwfw.zoucheng.gov.cn/bianmin';
const ITEM = '37200000100001';
const GANGSHAN = '370883001';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { publicUrl: PUBLIC_URL } });
  await seedTestCatalog(t.deps, 'town', [makeItem()], [GANGSHAN]);
});
afterAll(async () => {
  await t.close();
});

/** The SVG the route must answer for `target` (the route's QR options). */
const qrOf = (target: string) => QRCode.toString(target, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });

const qr = (query: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/api/v1/items/${ITEM}/qr.svg${query}`, headers });

describe('the guide QR code', () => {
  it('encodes the guide under PUBLIC_URL, with and without a region', async () => {
    const town = await qr(`?region=${GANGSHAN}`);
    expect(town.statusCode, town.body).toBe(200);
    expect(town.headers['content-type']).toContain('image/svg+xml');
    expect(town.body).toBe(await qrOf(`${PUBLIC_URL}/items/${ITEM}?region=${GANGSHAN}`));
    const plain = await qr('');
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.body).toBe(await qrOf(`${PUBLIC_URL}/items/${ITEM}`));
  });

  it.each([
    ['javascript:alert(1)'],
    ['https://evil.example'],
    ['data:text/html,<script>alert(1)</script>'],
    ['not a url'],
  ])('ignores origin=%s (older pages still send one): not a 500, and the code still points at PUBLIC_URL', async (origin) => {
    const res = await qr(`?${new URLSearchParams({ region: GANGSHAN, origin }).toString()}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toBe(await qrOf(`${PUBLIC_URL}/items/${ITEM}?region=${GANGSHAN}`));
  });

  it('ignores the Host and X-Forwarded-Host headers', async () => {
    const res = await qr(`?region=${GANGSHAN}`, { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toBe(await qrOf(`${PUBLIC_URL}/items/${ITEM}?region=${GANGSHAN}`));
  });
});

describe('publicLink', () => {
  it('appends a path of ours to PUBLIC_URL, keeping its prefix', () => {
    expect(publicLink('https://zwfw.zoucheng.gov.cn/', '/track?caseNo=1')).toBe('https://zwfw.zoucheng.gov.cn/track?caseNo=1');
    expect(publicLink(PUBLIC_URL, '/items/1')).toBe(`${PUBLIC_URL}/items/1`);
  });

  it('refuses anything that is not a path on the site', () => {
    for (const path of ['javascript:alert(1)', 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'items/1', '']) {
      expect(() => publicLink(PUBLIC_URL, path), path).toThrow();
    }
  });
});
