// Scenarios of the service catalog issue: search over a generated 10,000-row catalog, guide
// fetch, and importing a 5,000-row workbook.
// Data set: the demonstration town catalog (358 rows, under their own codes, so the other modules'
// scenarios — the cases module applies for a demo item — still find them) grown to 10,000 rows by
// repeating its real items under new codes, published as version 2 — so searches meet ~28 times
// the demo's matches, a harder case than a real county catalog with 10,000 distinct names.
import { IMPORT_TRANSACTION_MS, withTransactionDeadline } from '../../../src/server/db/guard.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { exportCatalogWorkbook } from '../../../src/server/modules/catalog/excel.js';
import { bumpCatalogRevision, insertItems } from '../../../src/server/modules/catalog/repo.js';
import { newId } from '../../../src/server/platform/ids.js';
import { catalogItemSchema, type CatalogItem } from '../../../src/shared/catalog-item.js';
import type { BenchModule } from '../types.js';

const ROWS = 10_000;
const IMPORT_ROWS = 5_000;

function demoTownRows(): CatalogItem[] {
  const file = path.resolve(import.meta.dirname, '../../../reference-data/catalog/town-guidance.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { items: unknown[] };
  return raw.items.map((i) => catalogItemSchema.parse(i));
}

/** The demo rows, then copies of them under new valid 基本编码 (37 + type + 5-digit 主项 + 000) up to n rows. */
function generatedRows(n: number): CatalogItem[] {
  const demo = demoTownRows();
  const taken = new Set(demo.map((row) => row.baseCode));
  const copies: CatalogItem[] = [];
  for (let i = 0; demo.length + copies.length < n; i++) {
    const row = demo[i % demo.length]!;
    const baseCode = `37${row.type}${String(i).padStart(5, '0')}000`;
    if (!taken.has(baseCode)) copies.push({ ...row, baseCode, handlingSeq: '01' });
  }
  return [...demo, ...copies];
}

const QUERIES = [
  'dibao', 'db', '低保', '最低生活保障', '生孩子', 'shengyu', 'sydj', '残疾证', 'canjiren', '退休', '养老金', 'yanglao',
  '宅基地', 'zhaijidi', '盖房子', '个体工商户', '开店', 'gtgsh', '临时救助', 'lsjz', '高龄津贴', 'gaoling', '社保卡',
  '医保', '异地就医', '失业', '法律援助', '调解', '特困', '优待证', '居住证', '耕地', '补贴', '登记', '变更', '注销',
];
const SEARCH_PATHS = [
  ...QUERIES.map((q) => `/api/v1/items?q=${encodeURIComponent(q)}`),
  ...QUERIES.slice(0, 12).map((q) => `/api/v1/items?q=${encodeURIComponent(q)}&region=370883001`),
  '/api/v1/items?quick=zeroVisit', '/api/v1/items?audience=business', '/api/v1/items?theme=%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9',
  '/api/v1/items?q=dibao&page=2', '/api/v1/items?level=town&page=5',
];

let guideCode = '';

export const catalog: BenchModule = {
  name: 'catalog',
  async generateData(ctx) {
    const h = await ctx.openDb();
    const { db } = h;
    const town = await db.selectFrom('catalogs').select('id').where('level', '=', 'town').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const versionId = newId();
    const rows = generatedRows(ROWS);
    await withTransactionDeadline(IMPORT_TRANSACTION_MS, () => db.transaction().execute(async (tx) => {
      await tx.updateTable('catalog_versions').set({ status: 'superseded' }).where('catalog_id', '=', town.id).where('status', '=', 'published').execute();
      await tx.insertInto('catalog_versions').values({
        id: versionId, catalog_id: town.id, version_no: 2, status: 'published', based_on_id: null, item_count: rows.length, note: 'bench: 10,000 generated rows',
        created_at: now, created_by: null, updated_at: now, submitted_at: now, submitted_by: null, published_at: now, published_by: null, effective_date: now.slice(0, 10),
      }).execute();
      await insertItems(tx, versionId, rows);
      await bumpCatalogRevision(tx, now);
    }));
    guideCode = rows[0].baseCode + rows[0].handlingSeq;
    ctx.log(`  catalog: published ${rows.length} town rows as version 2`);
  },
  scenarios: [
    {
      name: 'catalog search, 10,000 rows (query mix)',
      description:
        `GET /api/v1/items over ${ROWS} published rows: ${SEARCH_PATHS.length} different searches (Chinese, pinyin, initials, ` +
        'synonyms, region, filters, pages) cycled by every connection. Repeats are served from the LRU result cache, as in production.',
      method: 'GET',
      path: SEARCH_PATHS[0],
      paths: SEARCH_PATHS,
      connections: 50,
      target: { minRatio: 0.3, maxP99Ms: 15 },
    },
    {
      name: 'catalog search, uncached (unique pages)',
      description:
        'The same search with a different page number each request, so no result comes from the cache: the cost of a cold query ' +
        'on 10,000 rows. No target (informational).',
      method: 'GET',
      path: '/api/v1/items?q=shengyu&page=1',
      paths: Array.from({ length: 2000 }, (_, i) => `/api/v1/items?q=${encodeURIComponent(QUERIES[i % QUERIES.length])}&page=${1 + Math.floor(i / QUERIES.length)}&pageSize=5`),
      connections: 50,
    },
    {
      name: 'guide fetch',
      description: 'GET /api/v1/items/{code}?region=370883001: one item\'s full guide with 钢山街道\'s local details.',
      method: 'GET',
      path: '/api/v1/items/PLACEHOLDER?region=370883001',
      async setup() {
        return { path: `/api/v1/items/${guideCode}?region=370883001` };
      },
      connections: 50,
      target: { minRatio: 0.4 },
    },
  ],
  tasks: [
    {
      name: `import a ${IMPORT_ROWS.toLocaleString('en')}-row workbook`,
      description: 'POST /api/v1/admin/catalog-versions/{draft}/import: upload, parse, validate every row, replace the draft, audit.',
      targetMs: 10_000,
      async run(ctx) {
        const headers = await ctx.staffSession('admin');
        const catalogs = (await ctx.request('GET', '/api/v1/admin/catalogs', { headers })).json as { items: { id: string; level: string }[] };
        const town = catalogs.items.find((c) => c.level === 'town')!;
        const draft = await ctx.request('POST', `/api/v1/admin/catalogs/${town.id}/versions`, { headers, body: { note: 'bench import' } });
        if (draft.status !== 201) throw new Error(`creating a draft answered ${draft.status}: ${draft.text.slice(0, 200)}`);
        const versionId = (draft.json as { id: string }).id;
        const workbook = await exportCatalogWorkbook(generatedRows(IMPORT_ROWS), { title: 'bench', level: 'town' });
        const boundary = '----bianminBench';
        const body = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
          workbook, Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        const t0 = performance.now();
        const res = await fetch(`${ctx.baseUrl}/api/v1/admin/catalog-versions/${versionId}/import`, {
          method: 'POST', body, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`import answered ${res.status}: ${text.slice(0, 300)}`);
        return { ms: performance.now() - t0, note: `${(workbook.length / 2 ** 20).toFixed(1)} MiB workbook; upload to response` };
      },
    },
  ],
};
