// npm run size: what the portal's first page (/) downloads, from the last `npm run build:web` —
// the entry chunk with everything it imports, the home page's chunk with its imports, and their
// CSS — as sent compressed (brotli, which every supported browser accepts) and as gzip.
// The budget is issue 12's: the first page's JavaScript at most 120 kB compressed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { root } from './build-state.mjs';

const BUDGET_JS_BYTES = 120 * 1000;
const web = path.join(root, 'dist', 'web');
const manifestFile = path.join(web, '.vite', 'manifest.json');
if (!existsSync(manifestFile)) {
  console.error('dist/web/.vite/manifest.json is missing: run npm run build:web first');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));

const files = new Set();
const visit = (key, seen = new Set()) => {
  if (seen.has(key)) return;
  seen.add(key);
  const chunk = manifest[key];
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) visit(imported, seen);
};
visit(Object.keys(manifest).find((k) => manifest[k].isEntry));
visit(Object.keys(manifest).find((k) => k.endsWith('portal/HomePage.tsx')));

const sizeOf = (file, suffix) => {
  const p = path.join(web, file + suffix);
  return existsSync(p) ? statSync(p).size : statSync(path.join(web, file)).size;
};
const totals = { js: { raw: 0, br: 0, gz: 0 }, css: { raw: 0, br: 0, gz: 0 } };
for (const file of files) {
  const t = file.endsWith('.css') ? totals.css : totals.js;
  t.raw += sizeOf(file, '');
  t.br += sizeOf(file, '.br');
  t.gz += sizeOf(file, '.gz');
}
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
console.log(`first page (/): ${files.size} files`);
for (const [kind, t] of Object.entries(totals)) console.log(`  ${kind.padEnd(3)} ${kB(t.raw).padStart(9)} raw  ${kB(t.br).padStart(9)} brotli  ${kB(t.gz).padStart(9)} gzip`);
const ok = totals.js.br <= BUDGET_JS_BYTES;
console.log(`  JavaScript as sent (brotli) ${kB(totals.js.br)} of the ${kB(BUDGET_JS_BYTES)} budget: ${ok ? 'within' : 'OVER'}`);
process.exit(ok ? 0 : 1);
