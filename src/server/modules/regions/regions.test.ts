import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing.js';
import { importRegions, parseRegionCsv, shortRegionName } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('GET /api/v1/regions', () => {
  it('without a parent gives the top: 邹城市', async () => {
    const res = await get('/api/v1/regions');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([{ code: '370883', name: '邹城市', fullName: '邹城市', level: 'county', parentCode: null, hasChildren: true }]);
  });

  it('lists the 16 towns and streets of 370883 in code order', async () => {
    const items = (await get('/api/v1/regions?parent=370883')).json().items;
    expect(items).toHaveLength(16);
    expect(items[0]).toMatchObject({ code: '370883001', name: '钢山街道', level: 'town' });
    expect(items.map((i: { code: string }) => i.code)).not.toContain('370883108');
  });

  it('lists villages with everyday names, and 714 villages in all', async () => {
    const items = (await get('/api/v1/regions?parent=370883001')).json().items;
    expect(items.find((i: { code: string }) => i.code === '370883001004')).toMatchObject({ name: '孟庄社区', fullName: '孟庄社区居委会', level: 'village', hasChildren: false });
    let villages = 0;
    for (const town of (await get('/api/v1/regions?parent=370883')).json().items) villages += (await get(`/api/v1/regions?parent=${town.code}`)).json().items.length;
    expect(villages).toBe(714);
  });

  it('404 for an unknown parent, 400 for a malformed one', async () => {
    const unknown = await get('/api/v1/regions?parent=370883999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('REGION_NOT_FOUND');
    const bad = await get('/api/v1/regions?parent=abc%27%20OR%201=1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'parent' }] });
  });

  it('gives a region with its ancestors and the town seat coordinates', async () => {
    const res = (await get('/api/v1/regions/370883001004')).json();
    expect(res.ancestors.map((a: { name: string }) => a.name)).toEqual(['邹城市', '钢山街道']);
    const town = (await get('/api/v1/regions/370883101')).json();
    expect(town.lat).toBeCloseTo(35.27);
  });
});

describe('region import', () => {
  it('shortens official names', () => {
    expect(shortRegionName('苏家庄村民委员会')).toBe('苏家庄村');
    expect(shortRegionName('福悦社区居民委员会')).toBe('福悦社区');
    expect(shortRegionName('钢山街道')).toBe('钢山街道');
  });

  it('reports every bad row and imports nothing from a bad file', () => {
    const { problems } = parseRegionCsv('code,name,parent_code,level\n37x,甲,,county\n370999,,370800,city\n370999,乙,370800,county\n');
    expect(problems.map((p) => p.line)).toEqual([2, 3, 3, 4]);
    expect(parseRegionCsv('id,name\n1,a\n').problems[0].message).toContain('缺少列');
  });

  it('loads another county\'s tree beside Zoucheng', async () => {
    const { rows, problems } = parseRegionCsv('code,name,parent_code,level\n370881,曲阜市,370800,county\n370881001,鲁城街道,370881,town\n370881001001,五马祠社区居民委员会,370881001,village\n');
    expect(problems).toEqual([]);
    await importRegions(t.deps.dbh.db, rows);
    await t.deps.regions.load();
    const top = (await get('/api/v1/regions')).json().items.map((i: { name: string }) => i.name);
    // a later import sorts after the county already there (not by code): the first stays the top
    expect(top).toEqual(['邹城市', '曲阜市']);
    expect((await get('/api/v1/regions?parent=370881001')).json().items[0]).toMatchObject({ name: '五马祠社区', level: 'village' });
  });
});
