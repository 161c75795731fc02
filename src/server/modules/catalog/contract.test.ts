/**
 * The response schemas in schemas.ts describe exactly what the services produce. fastify-type-provider-zod
 * serializes through the schema and a zod object drops keys it does not know, so a field missing from
 * a schema would silently vanish from the answer; the search and guide answers are cached JSON text
 * the schema never sees. These checks fail `npm run typecheck` when a service's value and its
 * schema differ in any field, optionality or nullability, and the tests below check real answers.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { createTestApp, type TestApp } from '../../testing.js';
import { makeItem, seedTestCatalog } from './fixtures.js';
import type { ImplementationLists } from './lists.js';
import type { PublicCatalog } from './public.js';
import {
  catalogImportResult, catalogList, catalogVersionView, guideView, implImportResult, implListDetail, implLists, lintReport, noticeDetail, noticeList,
  publishResult, searchResult, synonymList, synonymView, versionDiff, versionItemDetail, versionItems,
} from './schemas.js';
import type { CatalogService } from './service.js';
import type { SynonymService } from './synonyms.js';

type Out<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

describe('response schemas match the services (compile time)', () => {
  it('public answers', () => {
    expectTypeOf<Out<PublicCatalog['search']>>().toEqualTypeOf<z.infer<typeof searchResult>>();
    expectTypeOf<Out<PublicCatalog['guide']>>().toEqualTypeOf<z.infer<typeof guideView>>();
    expectTypeOf<Out<PublicCatalog['notices']>>().toEqualTypeOf<z.infer<typeof noticeList>>();
    expectTypeOf<Out<PublicCatalog['notice']>>().toEqualTypeOf<z.infer<typeof noticeDetail>>();
  });

  it('guidance catalogs', () => {
    expectTypeOf<Out<CatalogService['listCatalogs']>>().toEqualTypeOf<z.infer<typeof catalogList>>();
    expectTypeOf<Out<CatalogService['createDraft']>>().toEqualTypeOf<z.infer<typeof catalogVersionView>>();
    expectTypeOf<Out<CatalogService['submit']>>().toEqualTypeOf<z.infer<typeof catalogVersionView>>();
    expectTypeOf<Out<CatalogService['returnToDraft']>>().toEqualTypeOf<z.infer<typeof catalogVersionView>>();
    expectTypeOf<Out<CatalogService['versionItems']>>().toEqualTypeOf<z.infer<typeof versionItems>>();
    expectTypeOf<Out<CatalogService['versionItem']>>().toEqualTypeOf<z.infer<typeof versionItemDetail>>();
    expectTypeOf<Out<CatalogService['saveItem']>>().toEqualTypeOf<z.infer<typeof versionItemDetail>>();
    expectTypeOf<Out<CatalogService['publish']>>().toEqualTypeOf<z.infer<typeof publishResult>>();
    expectTypeOf<Out<CatalogService['diff']>>().toEqualTypeOf<z.infer<typeof versionDiff>>();
    expectTypeOf<Out<CatalogService['lint']>>().toEqualTypeOf<z.infer<typeof lintReport>>();
    // POST …/import answers { version: replaceItems(…), imported }
    expectTypeOf<{ version: Out<CatalogService['replaceItems']>; imported: number }>().toEqualTypeOf<z.infer<typeof catalogImportResult>>();
  });

  it('implementation lists and synonyms', () => {
    expectTypeOf<Out<ImplementationLists['list']>>().toEqualTypeOf<z.infer<typeof implLists>>();
    expectTypeOf<Out<ImplementationLists['get']>>().toEqualTypeOf<z.infer<typeof implListDetail>>();
    expectTypeOf<Out<ImplementationLists['updateProfile']>>().toEqualTypeOf<z.infer<typeof implListDetail>>();
    expectTypeOf<Out<ImplementationLists['updateOverride']>>().toEqualTypeOf<z.infer<typeof implListDetail>>();
    expectTypeOf<Out<ImplementationLists['publish']>>().toEqualTypeOf<z.infer<typeof implListDetail>>();
    expectTypeOf<Out<ImplementationLists['importRows']>>().toEqualTypeOf<z.infer<typeof implImportResult>>();
    expectTypeOf<Out<SynonymService['list']>>().toEqualTypeOf<z.infer<typeof synonymList>>();
    expectTypeOf<Out<SynonymService['create']>>().toEqualTypeOf<z.infer<typeof synonymView>>();
  });
});

describe('the cached JSON answers (search, guides) match their schemas at run time', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedTestCatalog(t.deps, 'town', [makeItem()], ['370883001']);
    await seedTestCatalog(t.deps, 'village', [
      makeItem({ baseCode: '372000099000', name: '最低生活保障申请受理', handlingName: '', exerciseLevel: '6', implementingBody: '{village}',
        results: [{ name: '低保证', type: '证照', sampleFileId: null }], faqs: [{ q: '要多久？', a: '20 个工作日。' }] }),
    ], ['370883001004']);
  });
  afterAll(async () => {
    await t.close();
  });

  /** The schema keeps every field (a zod object drops unknown keys, so equality means none was unknown). */
  const exact = (schema: z.ZodType, body: unknown) => expect(schema.parse(body)).toStrictEqual(body);
  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('search, with and without a place', async () => {
    exact(searchResult, await get('/api/v1/items?q=dibao'));
    const inVillage = await get('/api/v1/items?q=dibao&region=370883001004');
    expect(inVillage.items).toHaveLength(1);
    exact(searchResult, inVillage);
  });

  it('guides, with and without a place', async () => {
    const town = await get('/api/v1/items/37200000100001?region=370883001');
    expect(town.local).not.toBeNull();
    exact(guideView, town);
    exact(guideView, await get('/api/v1/items/37200000100001'));
    const village = await get('/api/v1/items/37200009900001?region=370883001004');
    expect(village.results).toHaveLength(1);
    exact(guideView, village);
  });
});
