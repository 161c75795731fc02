/**
 * The build step of 帮办工作台's offline support (vite.config.ts): writes, at the root of the web
 * build, the workspace's web manifest (/helper.webmanifest), its icons (/helper-icon-192.png,
 * /helper-icon-512.png) and its service worker (/helper-sw.js, from sw.js) with the list of files
 * to keep on the phone.
 *
 * That list is what the workspace needs and nothing else: the entry chunk, the chunks of
 * src/web/helper (its layout and pages, loaded lazily by routes.tsx), every chunk they import and
 * their stylesheets — read from the build's own module graph, since the files have hashed names.
 * The rest of the site (the workbench's antd, the map) never goes onto a helper's phone.
 *
 * Why not vite-plugin-pwa (2.0.0, which supports Vite 8): its Workbox build brings ~220 packages
 * (Babel, Rollup, Terser) into the project, and its glob-based precache cannot tell which hashed
 * chunks /helper needs without this same walk over the graph. The worker is ~80 lines (sw.js).
 *
 * Serving (src/server/app.ts): files outside /assets/ are sent with `cache-control: no-cache`, so
 * the browser checks /helper-sw.js on every visit and a new build's worker replaces the old one;
 * .js is sent as JavaScript and .webmanifest as application/manifest+json.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** The web manifest (the brief's name, scope and colours; start_url inside the scope, as the spec requires). */
export const HELPER_MANIFEST = {
  name: '便民·帮办工作台',
  short_name: '帮办工作台',
  description: '邹城市帮办代办员的手机工作台：接单、联系群众、上门走访和记录办理情况，没有信号时也能记录，有信号时自动上传。',
  lang: 'zh-CN',
  dir: 'ltr',
  id: '/helper/',
  start_url: '/helper/',
  scope: '/helper/',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#f5f7fa',
  theme_color: '#0958d9',
  icons: [
    { src: '/helper-icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/helper-icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    // the picture is full-bleed with its disc inside the safe zone: it also serves as a maskable icon
    { src: '/helper-icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
} as const;

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}
interface AssetLike {
  type: 'asset';
  fileName: string;
}

/** The files of the build the workspace needs (the entry, src/web/helper's chunks, what they import, their CSS), as site paths. */
export function helperFiles(bundle: Record<string, ChunkLike | AssetLike>): string[] {
  const files = new Set<string>();
  const visit = (fileName: string) => {
    if (files.has(fileName)) return;
    files.add(fileName);
    const out = bundle[fileName];
    if (out?.type !== 'chunk') return;
    for (const imported of out.imports) visit(imported);
    for (const css of out.viteMetadata?.importedCss ?? []) files.add(css);
    for (const asset of out.viteMetadata?.importedAssets ?? []) files.add(asset);
  };
  for (const out of Object.values(bundle)) {
    if (out.type !== 'chunk') continue;
    if (out.isEntry || (out.facadeModuleId !== null && /[\\/]src[\\/]web[\\/]helper[\\/]/.test(out.facadeModuleId))) visit(out.fileName);
  }
  return [...files].sort().map((f) => `/${f}`);
}

/** `dir`: this folder (sw.js and icons/), passed in by vite.config.ts. */
export function helperPwa(dir: string): Plugin {
  return {
    name: 'bianmin-helper-pwa',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const assets = helperFiles(bundle as unknown as Record<string, ChunkLike | AssetLike>);
      const icons = [192, 512].map((size) => ({ fileName: `helper-icon-${size}.png`, source: readFileSync(path.join(dir, 'icons', `icon-${size}.png`)) }));
      for (const icon of icons) this.emitFile({ type: 'asset', ...icon });
      const manifest = JSON.stringify(HELPER_MANIFEST, null, 2);
      this.emitFile({ type: 'asset', fileName: 'helper.webmanifest', source: manifest });
      const files = ['/helper.webmanifest', ...icons.map((i) => `/${i.fileName}`)];
      const worker = readFileSync(path.join(dir, 'sw.js'), 'utf8');
      const hash = createHash('sha256').update(JSON.stringify(assets)).update(manifest).update(worker);
      for (const icon of icons) hash.update(icon.source);
      const list = { version: hash.digest('hex').slice(0, 16), assets, files };
      if (!worker.includes('self.__HELPER_MANIFEST__')) throw new Error('helper-pwa: sw.js lost its self.__HELPER_MANIFEST__ placeholder');
      this.emitFile({ type: 'asset', fileName: 'helper-sw.js', source: worker.replace('self.__HELPER_MANIFEST__', JSON.stringify(list)) });
    },
  };
}
