/** Valid catalog rows for tests: a factory with sensible defaults and overrides. */
import { catalogItemSchema, type CatalogItem, type CatalogItemInput } from '../../../shared/catalog-item.js';
import type { Deps } from '../../deps.js';
import { iso, newId } from '../../platform/ids.js';
import { listProfileSchema } from './schemas.js';
import { bumpCatalogRevision, insertItems } from './repo.js';

/**
 * The least a catalog row can be: its required fields, filled in for 城乡居民最低生活保障 (新办).
 * makeItem adds the rest of a full row; the Excel tests' minimal rows start from it too.
 */
export function requiredItemFields(): CatalogItemInput {
  return {
    baseCode: '372000001000',
    handlingSeq: '01',
    name: '城乡居民最低生活保障',
    type: '20',
    exerciseLevel: '5',
    powerSource: '2',
    legalBasis: '《社会救助暂行办法》第九条',
    implementingBody: '{townGov}',
    implementingBodyNature: '1',
    department: '邹城市民政局',
    legalLimit: { value: 30, unit: 'workday' },
    promisedLimit: { value: 20, unit: 'workday' },
    caseType: '2',
    conditions: '共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定。',
    fees: { charged: false, items: [] },
    audience: ['1'],
    channels: ['1', '3'],
    visits: 1,
  };
}

export function makeItem(overrides: Partial<CatalogItemInput> = {}): CatalogItem {
  return catalogItemSchema.parse({
    ...requiredItemFields(),
    handlingName: '新办',
    handlingOrg: '{town}社会事务办公室',
    steps: [{ name: '受理' }, { name: '审核' }, { name: '决定' }, { name: '办结' }, { name: '送达' }],
    themes: ['社会救助'],
    visitsReason: '需入户调查并核验原件',
    onlineDepth: ['1', '2'],
    onlineUrl: 'https://www.shandong.gov.cn/',
    mobile: true,
    consultPhone: '0537-5211234',
    complaintPhone: '0537-12345',
    keywords: ['低保'],
    materials: [
      { id: 'm1', name: '申请书', necessity: 'required', kind: 'original', form: 'paper', source: 'applicant', blankFormFileId: null },
      { id: 'm2', name: '居民身份证', necessity: 'required', kind: 'original', form: 'paper', source: 'government', licenceType: '居民身份证' },
    ],
    ...overrides,
  });
}


/**
 * A small published catalog for API tests: version 1 with `items`, adopted and published by
 * the given regions (profile filled in unless listed in `withoutPhone`).
 */
export async function seedTestCatalog(deps: Deps, level: 'town' | 'village', items: CatalogItem[], regionCodes: string[], withoutPhone: string[] = []) {
  const now = iso(deps.clock.now());
  const catalogId = newId();
  const versionId = newId();
  await deps.dbh.db.transaction().execute(async (tx) => {
    await tx.insertInto('catalogs').values({ id: catalogId, region_code: '370883', level, name: level === 'town' ? '测试镇级指导目录' : '测试村级指导目录', demonstration: 1, created_at: now }).execute();
    await tx.insertInto('catalog_versions').values({
      id: versionId, catalog_id: catalogId, version_no: 1, status: 'published', based_on_id: null, item_count: items.length, note: '',
      created_at: now, created_by: null, updated_at: now, submitted_at: now, submitted_by: null, published_at: now, published_by: null, effective_date: now.slice(0, 10),
    }).execute();
    await insertItems(tx, versionId, items);
    for (const code of regionCodes) {
      const profile = JSON.stringify(listProfileSchema.parse({
        location: `${code} 服务中心`, hours: '工作日 8:30—17:30', consultPhone: withoutPhone.includes(code) ? '' : '0537-5300001', complaintPhone: '0537-12345',
        defaultHandlingMode: level === 'village' ? 'village_collect_town_decide' : 'town_direct',
      }));
      await tx.insertInto('impl_lists').values({ region_code: code, catalog_id: catalogId, profile_draft: profile, profile_published: profile, revision: 1, dirty: 0, updated_at: now, published_at: now, published_by: null }).execute();
    }
    await bumpCatalogRevision(tx, now);
  });
  return { catalogId, versionId };
}
