/**
 * The first-page preload links (src/server/platform/first-page.ts): every address in FIRST_PAGES
 * is the route of that module in src/web/routes.tsx, index.html names exactly the files the page
 * loads beyond the entry's, and the guide's data is preloaded at the URL the guide page fetches.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { matchPath } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { FIRST_PAGES, firstPageHtml, guideDataUrl, mapListDataUrl, VENUE_PAGE_SIZE, type ViteManifest } from '../../src/server/platform/first-page.js';
import { catalogQueries } from '../../src/web/api/catalog.js';
import { VENUE_PAGE_SIZE as WEB_VENUE_PAGE_SIZE, venueQueries } from '../../src/web/api/venues.js';

const routesSource = readFileSync(path.join(import.meta.dirname, '../../src/web/routes.tsx'), 'utf8');

/** The portal's page routes as routes.tsx writes them: `{ path: 'items/:code', ...page(() => import('./portal/…js')) }`. */
const portalRoutes = [...routesSource.matchAll(/\{ (?:index: true|path: '([^']+)'), \.\.\.page\(\(\) => import\('\.\/([^']+)\.js'\)\) \}/g)]
  .map((m) => ({ path: `/${m[1] ?? ''}`, module: `${m[2]}.tsx` }))
  .filter((r) => r.module.startsWith('portal/'));

describe('first-page preload links', () => {
  it('names, for each address, the module routes.tsx loads there', () => {
    expect(portalRoutes.length).toBeGreaterThan(5);
    for (const page of FIRST_PAGES) {
      const route = portalRoutes.find((r) => r.module === page.module);
      expect(route, `${page.module} is a portal route in routes.tsx`).toBeDefined();
      expect(matchPath({ path: route!.path, end: true }, page.example), `${page.example} matches ${route!.path}`).not.toBeNull();
      expect(page.path.test(page.example)).toBe(true);
      // No other page route claims the example address (e.g. /items is not /items/:code).
      for (const other of portalRoutes.filter((r) => r.module !== page.module && r.path !== '/*')) {
        expect(matchPath({ path: other.path, end: true }, page.example), `${page.example} is not ${other.path}`).toBeNull();
      }
    }
  });

  const manifest: ViteManifest = {
    'index.html': { file: 'assets/index-A.js', isEntry: true, imports: ['_runtime.js'], css: ['assets/index-A.css'] },
    '_runtime.js': { file: 'assets/runtime-R.js' },
    '_shared.js': { file: 'assets/shared-S.js', imports: ['_runtime.js'], css: ['assets/shared-S.css'] },
    'portal/catalog/GuidePage.tsx': { file: 'assets/GuidePage-G.js', imports: ['_runtime.js', 'index.html', '_shared.js'], css: ['assets/GuidePage-G.css'] },
    'portal/HomePage.tsx': { file: 'assets/HomePage-H.js', imports: ['index.html'] },
  };
  const index = '<!doctype html>\n<html>\n  <head>\n    <script type="module" crossorigin src="/assets/index-A.js"></script>\n  </head>\n  <body></body>\n</html>\n';
  const html = firstPageHtml(index, manifest);

  it("adds the page's chunk, its imports and their CSS, not the entry's files", () => {
    const guide = html('/items/37050100100001?region=370883001');
    expect(guide).toContain('<link rel="modulepreload" crossorigin href="/assets/GuidePage-G.js">');
    expect(guide).toContain('<link rel="modulepreload" crossorigin href="/assets/shared-S.js">');
    expect(guide).toContain('<link rel="preload" as="style" crossorigin href="/assets/GuidePage-G.css">');
    expect(guide).toContain('<link rel="preload" as="style" crossorigin href="/assets/shared-S.css">');
    expect(guide).not.toContain('runtime-R.js');
    expect(guide).not.toContain('href="/assets/index-A');
    expect(guide.indexOf('GuidePage-G.js')).toBeLessThan(guide.indexOf('</head>'));
    expect(html('/')).toContain('href="/assets/HomePage-H.js"');
  });

  it("preloads a guide's data as the guide page asks for it", async () => {
    const guide = html('/items/37050100100001?region=370883001');
    expect(guide).toContain('<link rel="preload" as="fetch" crossorigin href="/api/v1/items/37050100100001?region=370883001">');
    expect(html('/items/37050100100001?region=bad')).toContain('href="/api/v1/items/37050100100001">');
    expect(html('/items/%22%3E%3Cscript%3E')).not.toContain('as="fetch"');
    expect(html('/')).not.toContain('as="fetch"');

    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    });
    try {
      for (const [code, region] of [['37050100100001', '370883001'], ['37050100100001', undefined]] as const) {
        const queryFn = catalogQueries.guide(code, region).queryFn as (ctx: { signal: AbortSignal }) => Promise<unknown>;
        await queryFn({ signal: new AbortController().signal });
      }
    } finally {
      vi.unstubAllGlobals();
    }
    expect(fetched).toEqual([
      guideDataUrl('/items/37050100100001', new URLSearchParams('region=370883001')),
      guideDataUrl('/items/37050100100001', new URLSearchParams()),
    ]);
  });

  it("preloads the bare map page's list at the URL the map page fetches, and nothing when filters are in the address", async () => {
    expect(VENUE_PAGE_SIZE).toBe(WEB_VENUE_PAGE_SIZE);
    expect(mapListDataUrl('/map', new URLSearchParams('group=centre'))).toBeUndefined();
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    });
    try {
      const queryFn = venueQueries.list({ openNow: false, accessible: false }, 1).queryFn as (ctx: { signal: AbortSignal }) => Promise<unknown>;
      await queryFn({ signal: new AbortController().signal });
    } finally {
      vi.unstubAllGlobals();
    }
    expect(fetched).toEqual([mapListDataUrl('/map', new URLSearchParams())]);
  });

  it('answers the plain index.html elsewhere, and without a manifest', () => {
    expect(html('/workbench/cases')).toBe(index);
    expect(html('/items/1/extra')).toBe(index);
    expect(html('/regions/370883001')).toBe(index); // RegionPage is not in this manifest
    expect(firstPageHtml(index, undefined)('/')).toBe(index);
  });
});
