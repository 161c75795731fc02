/**
 * Catalog seed data. Search synonyms are reference data (loaded into any empty database);
 * the demonstration guidance catalogs and every Zoucheng town's and village's adopted list are
 * demo data (SEED_DEMO only). Blank forms are registered as generated files.
 */
import { IMPORT_TRANSACTION_MS, withTransactionDeadline } from '../../db/guard.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config.js';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/index.js';
import { recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/calendar.js';
import { systemContext } from '../../platform/context.js';
import { insertFileRow, XLSX_MIME } from '../../platform/files.js';
import { iso, newId } from '../../platform/ids.js';
import { catalogItemSchema, displayName, rowCode, type CatalogItem } from '../../../shared/catalog-item.js';
import { diffCatalogs, noticeBody } from './diff.js';
import { listProfileSchema, type ListProfile } from './schemas.js';
import { bumpCatalogRevision, insertItems } from './repo.js';

const dataFile = (name: string) => path.join(projectRoot(), 'reference-data', 'catalog', name);

interface CatalogFile {
  meta: { level: 'town' | 'village'; name: string; demonstration?: boolean };
  items: unknown[];
}

export function loadCatalogFile(name: string): { meta: CatalogFile['meta']; items: CatalogItem[] } {
  const raw = JSON.parse(readFileSync(dataFile(name), 'utf8')) as CatalogFile;
  return { meta: raw.meta, items: raw.items.map((i) => catalogItemSchema.parse(i)) };
}

export async function ensureSynonyms(deps: Deps): Promise<number> {
  const { db } = deps.dbh;
  if (await db.selectFrom('search_synonyms').select('id').limit(1).executeTakeFirst()) return 0;
  const { items } = JSON.parse(readFileSync(dataFile('synonyms.json'), 'utf8')) as { items: { term: string; targets: string[] }[] };
  const now = iso(deps.clock.now());
  await db.insertInto('search_synonyms').values(items.map((s) => ({ id: newId(), term: s.term, targets: JSON.stringify(s.targets), created_at: now, updated_at: now }))).execute();
  return items.length;
}

/** Demo phone numbers: a fixed, plausible 0537 number per region (marked as demo in the catalog meta). */
const demoPhone = (code: string, prefix: string) => `0537-${prefix}${code.slice(-5).padStart(5, '0').slice(-5)}`.slice(0, 12);

function townProfile(code: string, shortName: string): ListProfile {
  return listProfileSchema.parse({
    location: `${shortName}为民服务中心一楼综合受理区`,
    hours: '周一至周五 上午 8:30—12:00，下午 13:30—17:30（法定节假日除外；夏季下午 14:00—18:00）',
    consultPhone: demoPhone(code, '53'),
    complaintPhone: '0537-12345',
    window: '综合受理窗口（1—6 号）',
    staffContact: '',
    defaultHandlingMode: 'town_direct',
  });
}

function villageProfile(code: string, shortName: string, index: number): ListProfile {
  // Every tenth village has not yet entered its station phone: the admin list flags it.
  const hasPhone = index % 10 !== 7;
  return listProfileSchema.parse({
    location: `${shortName}党群服务中心便民服务站`,
    hours: '周一至周五 上午 8:30—12:00，下午 14:00—17:30',
    consultPhone: hasPhone ? demoPhone(code, '55') : '',
    complaintPhone: '0537-12345',
    window: '便民服务站代办窗口',
    staffContact: '',
    defaultHandlingMode: 'village_collect_town_decide',
  });
}

/**
 * An item whose 实施主体 is a city body (出生医学证明签发, 出生登记, 生育医疗费用报销) is only collected
 * at the town: each town's list says 镇受理、市办结, so its cases go on to the city to be decided.
 */
function cityDecidedOverrides(regionCode: string, items: readonly CatalogItem[]) {
  const override = JSON.stringify({ handlingMode: 'town_collect_city_decide' });
  return items.filter((i) => !i.implementingBody.includes('{'))
    .map((i) => ({ region_code: regionCode, row_code: rowCode(i), draft: override, published: override }));
}

async function registerBlankForms(tx: Tx, deps: Deps, items: CatalogItem[]): Promise<CatalogItem[]> {
  const out: CatalogItem[] = [];
  for (const item of items) {
    const materials = [];
    for (const m of item.materials) {
      let { blankFormFileId, sampleFileId } = m;
      if (blankFormFileId === 'demo:blank') {
        blankFormFileId = await insertFileRow(tx, deps.clock, { name: `${m.name}（空白表格）.xlsx`, mime: XLSX_MIME, size: 0, sha256: null, storageKey: null, kind: 'blank-form', meta: { title: m.name, itemName: displayName(item), variant: 'blank' }, isPublic: true });
      }
      if (sampleFileId === 'demo:sample') {
        sampleFileId = await insertFileRow(tx, deps.clock, { name: `${m.name}（示例样表）.xlsx`, mime: XLSX_MIME, size: 0, sha256: null, storageKey: null, kind: 'blank-form', meta: { title: m.name, itemName: displayName(item), variant: 'sample' }, isPublic: true });
      }
      materials.push({ ...m, blankFormFileId, sampleFileId });
    }
    out.push({ ...item, materials });
  }
  return out;
}

/** The demonstration catalogs, published as version 1, adopted and published by every town and village. */
export async function seedDemoCatalog(deps: Deps): Promise<void> {
  if (!existsSync(dataFile('town-guidance.json')) || !existsSync(dataFile('village-guidance.json'))) {
    deps.log.warn('demonstration catalog files are missing under reference-data/catalog; no catalog seeded');
    return;
  }
  const { db } = deps.dbh;
  const root = (await deps.regions.childrenOf(null))?.[0];
  if (!root) throw new Error('no region tree loaded');
  const now = iso(deps.clock.now());
  const effectiveDate = chinaDate(new Date(now));
  const towns = (await deps.regions.childrenOf(root.code)) ?? [];
  await withTransactionDeadline(IMPORT_TRANSACTION_MS, () => db.transaction().execute(async (tx) => {
    for (const file of ['town-guidance.json', 'village-guidance.json']) {
      const { meta, items: raw } = loadCatalogFile(file);
      const items = await registerBlankForms(tx, deps, raw);
      const catalogId = newId();
      const versionId = newId();
      await tx.insertInto('catalogs').values({ id: catalogId, region_code: root.code, level: meta.level, name: meta.name, demonstration: meta.demonstration ? 1 : 0, created_at: now }).execute();
      await tx.insertInto('catalog_versions').values({
        id: versionId, catalog_id: catalogId, version_no: 1, status: 'published', based_on_id: null, item_count: items.length, note: '演示目录首次发布',
        created_at: now, created_by: null, updated_at: now, submitted_at: now, submitted_by: null, published_at: now, published_by: null, effective_date: effectiveDate,
      }).execute();
      await insertItems(tx, versionId, items);
      const diff = diffCatalogs(new Map(), new Map(items.map((i) => [rowCode(i), i])));
      await tx.insertInto('catalog_notices').values({
        id: newId(), catalog_id: catalogId, version_id: versionId, region_code: root.code, title: `关于发布《${meta.name}》的公示`,
        body: noticeBody(meta.name, 1, effectiveDate, diff), diff: JSON.stringify(diff), effective_date: effectiveDate, published_at: now,
      }).execute();
      await recordAudit(tx, systemContext, { action: 'catalog.version.publish', entityType: 'catalog_version', entityId: versionId, regionCode: root.code, summary: { demo: true, rows: items.length } }, deps.clock);

      const lists = [];
      if (meta.level === 'town') {
        for (const t of towns) lists.push({ code: t.code, profile: townProfile(t.code, t.shortName) });
      } else {
        let i = 0;
        for (const t of towns) for (const v of (await deps.regions.childrenOf(t.code)) ?? []) lists.push({ code: v.code, profile: villageProfile(v.code, v.shortName, i++) });
      }
      const rows = lists.map((l) => ({
        region_code: l.code, catalog_id: catalogId, profile_draft: JSON.stringify(l.profile), profile_published: JSON.stringify(l.profile),
        revision: 1, dirty: 0, updated_at: now, published_at: now, published_by: null,
      }));
      for (let i = 0; i < rows.length; i += 100) await tx.insertInto('impl_lists').values(rows.slice(i, i + 100)).execute();
      if (meta.level === 'town') {
        const overrides = lists.flatMap((l) => cityDecidedOverrides(l.code, items));
        for (let i = 0; i < overrides.length; i += 100) await tx.insertInto('impl_item_overrides').values(overrides.slice(i, i + 100)).execute();
      }
    }
    // 孟庄社区 names its helper as the contact (helpers' work phones are public by design).
    const mengzhuang = await tx.selectFrom('impl_lists').select('profile_draft').where('region_code', '=', '370883001004').executeTakeFirst();
    if (mengzhuang) {
      const profile = { ...JSON.parse(mengzhuang.profile_draft), staffContact: '刘桂芝（帮办代办员）13905370006' };
      await tx.updateTable('impl_lists').set({ profile_draft: JSON.stringify(profile), profile_published: JSON.stringify(profile) }).where('region_code', '=', '370883001004').execute();
    }
    await bumpCatalogRevision(tx, now);
  }));
}
