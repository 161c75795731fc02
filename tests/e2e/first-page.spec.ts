import { expect, test, type Response } from '@playwright/test';

/**
 * The portal's first page as a phone downloads it: scripts and styles come precompressed (brotli
 * for a browser that accepts it, long-cached because their names carry a hash), and the
 * JavaScript stays within issue 12's budget of 120 kB compressed. `npm run size` prints the same
 * sum from the build's manifest.
 */
const BUDGET_JS_BYTES = 120 * 1000;

test('the home page loads compressed, long-cached assets within the JavaScript budget', async ({ page }) => {
  const assets: Response[] = [];
  page.on('response', (response) => {
    if (/^\/assets\/.+\.(js|css)$/.test(new URL(response.url()).pathname)) assets.push(response);
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect(assets.length).toBeGreaterThan(0);
  for (const response of assets) {
    const headers = response.headers();
    const name = new URL(response.url()).pathname;
    // Files under 512 bytes are not worth compressing (vite.config.ts threshold) and go as they are.
    if ((await response.body()).length >= 512) expect(headers['content-encoding'], name).toBe('br');
    expect(headers['cache-control'], name).toContain('immutable');
  }
  const jsBytes = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e): e is PerformanceResourceTiming => e instanceof PerformanceResourceTiming && new URL(e.name).pathname.endsWith('.js'))
      .reduce((sum, e) => sum + e.encodedBodySize, 0),
  );
  console.log(`first page JavaScript as sent: ${(jsBytes / 1000).toFixed(1)} kB`);
  expect(jsBytes).toBeGreaterThan(0);
  expect(jsBytes).toBeLessThanOrEqual(BUDGET_JS_BYTES);
});
