/**
 * index.html for the address a person arrives at, naming that page's code (issue 12 §5).
 *
 * The web app loads each page's chunk lazily (src/web/routes.tsx): on a first visit the browser
 * would fetch the entry chunk, run it, and only then ask for the page's chunk, its imports and its
 * CSS: a second round trip before anything of the page can show (about half a second on a slow 4G
 * phone). For the public pages people arrive at from outside (a shared link, a QR code, a search
 * engine), the index.html sent for the address names them in <link rel="modulepreload"> and
 * <link rel="preload" as="style">, so they download together with the entry chunk. Nothing runs
 * earlier or in another order: the router still imports the chunk, which is then in the cache.
 *
 * A 办事指南's heading and text come from its API answer, which the page would request only once
 * its code has run: that request is named too (<link rel="preload" as="fetch">, the URL exactly as
 * src/web/api/catalog.ts asks for it, so the page's fetch takes the preloaded answer).
 *
 * Keep FIRST_PAGES in step with routes.tsx (tests/unit/first-page.test.ts checks it).
 */

/** Vite's build manifest (dist/web/.vite/manifest.json), the parts used here. */
export interface ViteManifest {
  [key: string]: { file: string; isEntry?: boolean; imports?: string[]; css?: string[] };
}

/** What the web app accepts as a region code (src/web/api/catalog.ts REGION_CODE). */
const REGION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;
const ITEM_CODE = /^[0-9A-Za-z_-]{1,40}$/;

/** GET /api/v1/items/{code}[?region=] as the guide page sends it (catalogQueries.guide). */
export function guideDataUrl(pathname: string, search: URLSearchParams): string | undefined {
  const code = /^\/items\/([^/]+)\/?$/.exec(pathname)?.[1];
  if (!code || !ITEM_CODE.test(code)) return undefined;
  const region = search.get('region');
  return `/api/v1/items/${code}${region && REGION_CODE.test(region) ? `?region=${region}` : ''}`;
}

/**
 * GET /api/v1/venues as the map page first asks it (venueQueries.list, no filter, page 1): only for
 * the bare /map address; with filters in the address the page asks something else.
 */
export function mapListDataUrl(_pathname: string, search: URLSearchParams): string | undefined {
  return search.size === 0 ? `/api/v1/venues?page=1&pageSize=${VENUE_PAGE_SIZE}` : undefined;
}
/** The map page's list page size (src/web/api/venues.ts VENUE_PAGE_SIZE; the test checks they agree). */
export const VENUE_PAGE_SIZE = 20;

interface FirstPage {
  path: RegExp;
  /** The page's module: its key in the manifest. */
  module: string;
  /** An address of the page (the test checks it against routes.tsx). */
  example: string;
  /** The API requests the page's first content waits for. */
  data?: (pathname: string, search: URLSearchParams) => string | undefined;
}

export const FIRST_PAGES: readonly FirstPage[] = [
  { path: /^\/$/, module: 'portal/HomePage.tsx', example: '/' },
  { path: /^\/items\/?$/, module: 'portal/catalog/SearchPage.tsx', example: '/items' },
  { path: /^\/items\/[^/]+\/?$/, module: 'portal/catalog/GuidePage.tsx', example: '/items/37050100100001', data: guideDataUrl },
  { path: /^\/regions\/[^/]+\/?$/, module: 'portal/RegionPage.tsx', example: '/regions/370883001' },
  { path: /^\/notices\/?$/, module: 'portal/catalog/NoticesPage.tsx', example: '/notices' },
  { path: /^\/notices\/[^/]+\/?$/, module: 'portal/catalog/NoticePage.tsx', example: '/notices/1' },
  { path: /^\/track\/?$/, module: 'portal/cases/TrackPage.tsx', example: '/track' },
  { path: /^\/accessibility\/?$/, module: 'portal/AccessibilityPage.tsx', example: '/accessibility' },
  { path: /^\/help\/?$/, module: 'portal/HelpPage.tsx', example: '/help' },
  { path: /^\/map\/?$/, module: 'portal/map/MapPage.tsx', example: '/map', data: mapListDataUrl },
  { path: /^\/venues\/[^/]+\/?$/, module: 'portal/map/VenuePage.tsx', example: '/venues/v-1' },
];

/** The files a manifest chunk loads: itself, its static imports (transitively) and their CSS. */
function chunkFiles(manifest: ViteManifest, key: string, js = new Set<string>(), css = new Set<string>(), seen = new Set<string>()) {
  if (seen.has(key) || !manifest[key]) return { js, css };
  seen.add(key);
  const chunk = manifest[key];
  js.add(chunk.file);
  for (const c of chunk.css ?? []) css.add(c);
  for (const i of chunk.imports ?? []) chunkFiles(manifest, i, js, css, seen);
  return { js, css };
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * index.html with each first page's preload links (before </head>); answers the plain index.html
 * for any other address. Files the entry already loads are not repeated.
 */
export function firstPageHtml(indexHtml: string, manifest: ViteManifest | undefined): (url: string) => string {
  if (!manifest || !indexHtml.includes('</head>')) return () => indexHtml;
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const entry = entryKey ? chunkFiles(manifest, entryKey) : { js: new Set<string>(), css: new Set<string>() };
  const variants = new Map<string, string>();
  for (const { module } of FIRST_PAGES) {
    if (!manifest[module]) continue;
    const { js, css } = chunkFiles(manifest, module);
    // Vite's loader adds these with crossorigin (CORS mode): the preloads must match to be reused.
    const links = [
      ...[...js].filter((f) => !entry.js.has(f)).map((f) => `<link rel="modulepreload" crossorigin href="/${escapeAttr(f)}">`),
      ...[...css].filter((f) => !entry.css.has(f)).map((f) => `<link rel="preload" as="style" crossorigin href="/${escapeAttr(f)}">`),
    ];
    variants.set(module, indexHtml.replace('</head>', `  ${links.join('\n    ')}\n  </head>`));
  }
  return (url) => {
    const [pathname, query = ''] = url.split('?', 2) as [string, string?];
    const page = FIRST_PAGES.find((p) => p.path.test(pathname));
    const html = page && variants.get(page.module);
    if (!page || !html) return indexHtml;
    const data = page.data?.(pathname, new URLSearchParams(query));
    // crossorigin: the same CORS mode and credentials (same-origin) as the page's fetch.
    return data ? html.replace('</head>', `  <link rel="preload" as="fetch" crossorigin href="${escapeAttr(data)}">\n  </head>`) : html;
  };
}
