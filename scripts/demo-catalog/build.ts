/**
 * Writes the demonstration guidance catalogs:
 *   reference-data/catalog/town-guidance.json     (358 rows, 乡镇（街道）)
 *   reference-data/catalog/village-guidance.json  (62 rows, 村（社区）)
 *
 * Run: npx tsx scripts/demo-catalog/build.ts
 * A file whose items did not change keeps its generatedAt date, so rebuilding is idempotent.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalogs, type CatalogFile } from './catalog.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.join(root, 'reference-data', 'catalog');

const today = new Date().toISOString().slice(0, 10);
const built = buildCatalogs(today);
mkdirSync(dir, { recursive: true });

for (const [file, catalog] of [['town-guidance.json', built.town], ['village-guidance.json', built.village]] as [string, CatalogFile][]) {
  const target = path.join(dir, file);
  let out = catalog;
  if (existsSync(target)) {
    const old = JSON.parse(readFileSync(target, 'utf8')) as CatalogFile;
    const same = JSON.stringify(old.items) === JSON.stringify(catalog.items) && JSON.stringify({ ...old.meta, generatedAt: '' }) === JSON.stringify({ ...catalog.meta, generatedAt: '' });
    if (same) out = { ...catalog, meta: { ...catalog.meta, generatedAt: old.meta.generatedAt } };
  }
  writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
  const departments = new Map<string, number>();
  for (const i of out.items) departments.set(i.department, (departments.get(i.department) ?? 0) + 1);
  console.log(`${file}: ${out.items.length} rows (${out.meta.generatedAt})`);
  for (const [d, n] of [...departments].sort((a, b) => b[1] - a[1])) console.log(`  ${d} ${n}`);
}
