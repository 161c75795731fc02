/**
 * 一件事 themes as the public reads them: the contract's GET /themes (code, name, itemCodes) and
 * GET /themes/{code} (items, merged form, deduplicated materials), by life event and region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoForms } from '../../seed/forms.js';
import { createTestApp, type TestApp } from '../../testing.js';
import { seedDemoCatalog } from '../catalog/index.js';
import { seedDemoThemes } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalog(t.deps);
  // the themes' shared fields are copied into these forms' fields
  await seedDemoForms(t.deps);
  await seedDemoThemes(t.deps);
});
afterAll(() => t.close());

const get = async (url: string) => t.app.inject({ method: 'GET', url });

describe('GET /themes', () => {
  it('lists the published themes with code, name and itemCodes (the contract), and counts them by life event', async () => {
    const res = await get('/api/v1/themes');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { code: string; name: string; itemCodes: string[]; items: { name: string }[] }[]; categories: { subject: string; categories: { code: string; count: number }[] }[] };
    const birth = body.items.find((i) => i.code === 'birth');
    expect(birth).toMatchObject({ name: '出生一件事', subject: 'person', category: 'birth', categoryLabel: '出生', leadBody: '邹城市卫生健康局' });
    expect(birth!.itemCodes).toContain('37200400600001');
    expect(birth!.items.map((i) => i.name)).toContain('预防接种证办理');
    const person = body.categories.find((c) => c.subject === 'person')!;
    expect(person.categories.find((c) => c.code === 'birth')!.count).toBeGreaterThanOrEqual(1);
  });

  it('filters by subject and category; a category not in the lists is 400', async () => {
    const births = (await get('/api/v1/themes?subject=person&category=birth')).json() as { items: { category: string }[] };
    expect(births.items.length).toBeGreaterThan(0);
    expect(births.items.every((i) => i.category === 'birth')).toBe(true);
    const res = await get('/api/v1/themes?category=wedding');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('GET /themes/{code}', () => {
  it('one theme: its items with their bodies, and each material once with the items that need it', async () => {
    const res = await get('/api/v1/themes/birth');
    expect(res.statusCode).toBe(200);
    const theme = res.json() as { items: { code: string; name: string; available: boolean }[]; materials: { name: string; usedBy: { itemCode: string }[] }[]; counts: { itemMaterials: number; askedMaterials: number }; problems: string[] };
    expect(theme.items.map((i) => i.code)).toEqual(['37200402200001', '37200400100001', '37201200300001', '37200400600001', '37200300100002', '37200203400001', '37200301400001']);
    expect(theme.items.every((i) => i.available)).toBe(true);
    const idCard = theme.materials.filter((m) => m.name === '居民身份证');
    expect(idCard).toHaveLength(1);
    expect(idCard[0]!.usedBy.map((u) => u.itemCode)).toEqual(['37200402200001', '37200400100001', '37201200300001', '37200400600001', '37200300100002', '37200203400001', '37200301400001']);
    expect(theme.counts.askedMaterials).toBeLessThan(theme.counts.itemMaterials);
    expect(theme.problems).toEqual([]);
  });

  it("one form: the child's name asked once for every item about the child, each item's own fields apart", async () => {
    const theme = (await get('/api/v1/themes/birth')).json() as {
      sharedFields: { key: string; usedBy: string[] }[]; itemFields: { itemCode: string; itemName: string; fields: { key: string }[] }[]; counts: { itemFields: number; askedFields: number };
    };
    expect(theme.sharedFields.find((f) => f.key === 'childName')!.usedBy).toEqual(['37200402200001', '37200400100001', '37201200300001', '37200400600001', '37200300100002', '37200203400001']);
    const card = theme.itemFields.find((i) => i.itemCode === '37200203400001')!;
    expect(card).toMatchObject({ itemName: '社会保障卡申领' });
    expect(card.fields.map((f) => f.key)).toEqual(['cardBank', 'pickup', 'mailAddress']);
    expect(theme.counts.askedFields).toBeLessThan(theme.counts.itemFields);
  });

  it('every published demo theme is served with all its items available and no problems', async () => {
    const { items } = (await get('/api/v1/themes')).json() as { items: { code: string; offeredIn: { code: string } | null }[] };
    expect(items.map((i) => i.code).sort()).toEqual(['after-death', 'birth', 'disability', 'gangshan-elderly', 'restaurant', 'retirement']);
    expect(items.filter((i) => i.offeredIn).map((i) => [i.code, i.offeredIn!.code])).toEqual([['gangshan-elderly', '370883001']]);
    for (const { code, offeredIn } of items) {
      // a town's own theme as that town offers it
      const theme = (await get(`/api/v1/themes/${code}${offeredIn ? `?region=${offeredIn.code}` : ''}`)).json() as { items: { available: boolean }[]; sharedFields: unknown[]; problems: string[] };
      expect(theme.items.every((i) => i.available), code).toBe(true);
      expect(theme.sharedFields.length, code).toBeGreaterThanOrEqual(2);
      expect(theme.problems, code).toEqual([]);
    }
  });

  it('with a region: each item as the town offers it; an unknown theme is 404 THEME_NOT_FOUND, a bad code or region 400', async () => {
    const res = await get('/api/v1/themes/birth?region=370883001');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ region: '370883001' });
    expect((await get('/api/v1/themes/nothing-here')).json()).toMatchObject({ error: { code: 'THEME_NOT_FOUND' } });
    expect((await get('/api/v1/themes/nothing-here')).statusCode).toBe(404);
    expect((await get('/api/v1/themes/Birth!')).statusCode).toBe(400);
    expect((await get('/api/v1/themes/birth?region=12')).statusCode).toBe(400);
    expect((await get('/api/v1/themes/birth?region=370883999')).statusCode).toBe(404);
  });
});
