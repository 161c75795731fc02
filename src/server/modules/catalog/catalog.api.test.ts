import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFileRow, XLSX_MIME } from '../../platform/files.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { makeItem, seedTestCatalog } from './fixtures.js';

let t: TestApp;
let city: TestClient;
let gangshan: TestClient;
let townVersionId: string;
let blankFormId: string;

const TOWN_DIBAO = '37200000100001';
const TOWN_BIRTH = '37200300200001';
const VILLAGE_DIBAO = '37200009900001';

beforeAll(async () => {
  t = await createTestApp();
  blankFormId = await insertFileRow(t.deps.dbh.db, t.deps.clock, { name: '低保申请表.xlsx', mime: XLSX_MIME, size: 0, sha256: null, storageKey: null, kind: 'blank-form', meta: { title: '最低生活保障申请表', itemName: '最低生活保障', variant: 'blank' }, isPublic: true });
  const town = await seedTestCatalog(t.deps, 'town', [
    makeItem(),
    makeItem({ handlingSeq: '02', handlingName: '停止' }),
    makeItem({ baseCode: '372003002000', handlingSeq: '01', name: '生育登记', handlingName: '', department: '邹城市卫生健康局', keywords: ['准生证'], themes: ['生育收养'] }),
  ], ['370883001', '370883002']);
  townVersionId = town.versionId;
  await seedTestCatalog(t.deps, 'village', [
    makeItem({ baseCode: '372000099000', name: '最低生活保障申请受理', handlingName: '', exerciseLevel: '6', implementingBody: '{village}', handlingOrg: '{villageName}便民服务站',
      materials: [{ id: 'form', name: '最低生活保障申请表', necessity: 'required', kind: 'original', form: 'paper', source: 'applicant', blankFormFileId: blankFormId }] }),
    makeItem({ baseCode: '372000098000', name: '高龄津贴申请代办', handlingName: '', exerciseLevel: '6', implementingBody: '{village}', keywords: ['老人补贴'] }),
  ], ['370883001004', '370883001005'], ['370883001005']);
  city = await new TestClient(t.app).loginStaff('admin');
  gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('public search and guides', () => {
  it('searches by pinyin within a region, with the contract\'s fields', async () => {
    const res = await get('/api/v1/items?q=dibao&region=370883001');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items[0]).toMatchObject({ code: TOWN_DIBAO, name: '城乡居民最低生活保障（新办）', type: '公共服务', department: '邹城市民政局', level: 'town' });
    const village = (await get('/api/v1/items?q=db&region=370883001004')).json();
    expect(village.items.map((i: { code: string }) => i.code)).toEqual([VILLAGE_DIBAO]);
    expect((await get('/api/v1/items?q=shengyu&level=town')).json().items[0].code).toBe(TOWN_BIRTH);
  });

  it('answers bad parameters with clear errors', async () => {
    expect((await get('/api/v1/items?region=370883999')).json().error.code).toBe('REGION_NOT_FOUND');
    expect((await get('/api/v1/items?region=370883001004&level=town')).json().error.code).toBe('LEVEL_REGION_MISMATCH');
    const quick = await get('/api/v1/items?quick=fast');
    expect(quick.statusCode).toBe(400);
    expect(quick.json().error.details[0].field).toBe('quick');
    expect((await get(`/api/v1/items?q=${'长'.repeat(200)}`)).statusCode).toBe(400);
    expect((await get('/api/v1/items?pageSize=1000')).statusCode).toBe(400);
  });

  it('gives a village guide with local details and downloadable blank forms', async () => {
    const res = await get(`/api/v1/items/${VILLAGE_DIBAO}?region=370883001004`);
    expect(res.statusCode).toBe(200);
    const g = res.json();
    expect(g).toMatchObject({ code: VILLAGE_DIBAO, promisedDays: 20, legalDays: 30, visits: 1, implementingBody: '孟庄社区居委会', handlingOrg: '孟庄社区便民服务站' });
    expect(g.local).toMatchObject({ regionName: '孟庄社区', handlingModeLabel: '村受理、镇办结', location: '370883001004 服务中心', missing: [] });
    expect(g.materials[0]).toMatchObject({ name: '最低生活保障申请表', necessity: '必要', blankFormUrl: `/api/v1/files/${blankFormId}` });
    const file = await get(g.materials[0].blankFormUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const qr = await get(`/api/v1/items/${VILLAGE_DIBAO}/qr.svg?region=370883001004`);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
  });

  it('404s unknown items, malformed codes, and regions that do not implement the item', async () => {
    expect((await get('/api/v1/items/37200000100099')).json().error.code).toBe('ITEM_NOT_FOUND');
    expect((await get('/api/v1/items/abc')).json().error.code).toBe('INVALID_ITEM_CODE');
    expect((await get(`/api/v1/items/${TOWN_DIBAO}?region=370883003`)).json().error.code).toBe('LIST_NOT_PUBLISHED');
    expect((await get(`/api/v1/items/${TOWN_DIBAO}?region=370883001004`)).json().error.code).toBe('ITEM_NOT_FOUND');
  });
});

describe('guidance catalog versions', () => {
  it('only the city admin maintains guidance catalogs', async () => {
    expect((await gangshan.get('/api/v1/admin/catalogs')).json().items).toEqual([]);
    expect((await gangshan.post(`/api/v1/admin/catalog-versions/${townVersionId}/submit`)).statusCode).toBe(403);
    const clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
    expect((await clerk.get('/api/v1/admin/catalogs')).statusCode).toBe(403);
  });

  it('a published version never changes; a new version is drafted, reviewed, published with a diff notice', async () => {
    const catalogs = (await city.get('/api/v1/admin/catalogs')).json().items;
    const town = catalogs.find((c: { level: string }) => c.level === 'town');
    const edit = await city.request('PUT', `/api/v1/admin/catalog-versions/${townVersionId}/items/${TOWN_BIRTH}`, makeItem({ baseCode: '372003002000', name: '生育登记', handlingName: '' }));
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('VERSION_NOT_EDITABLE');

    const draft = await city.post(`/api/v1/admin/catalogs/${town.id}/versions`, { note: '2027 年调整' });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ versionNo: 2, status: 'draft', itemCount: 3 });
    expect((await city.post(`/api/v1/admin/catalogs/${town.id}/versions`, {})).json().error.code).toBe('DRAFT_EXISTS');
    const v2 = draft.json().id;

    const changed = makeItem({ baseCode: '372003002000', name: '生育登记', handlingName: '', department: '邹城市卫生健康局', consultPhone: '0537-5229999', keywords: ['准生证'], themes: ['生育收养'] });
    expect((await city.request('PUT', `/api/v1/admin/catalog-versions/${v2}/items/${TOWN_BIRTH}`, changed)).statusCode).toBe(200);
    expect((await city.delete(`/api/v1/admin/catalog-versions/${v2}/items/37200000100002`)).statusCode).toBe(200);
    const added = makeItem({ baseCode: '372000005000', name: '临时救助', handlingName: '', keywords: ['救济'] });
    expect((await city.post(`/api/v1/admin/catalog-versions/${v2}/items`, added)).statusCode).toBe(201);
    expect((await city.post(`/api/v1/admin/catalog-versions/${v2}/items`, added)).json().error.code).toBe('DUPLICATE_CODE');

    const diff = (await city.get(`/api/v1/admin/catalog-versions/${v2}/diff`)).json();
    expect(diff.against).toBe(1);
    expect(diff.diff.added.map((a: { name: string }) => a.name)).toEqual(['临时救助']);
    expect(diff.diff.removed.map((a: { name: string }) => a.name)).toEqual(['城乡居民最低生活保障（停止）']);
    expect(diff.diff.changed).toEqual([{ rowCode: TOWN_BIRTH, name: '生育登记', fields: [{ field: 'consultPhone', label: '咨询电话' }] }]);

    expect((await city.post(`/api/v1/admin/catalog-versions/${v2}/publish`, { effectiveDate: '2027-01-01' })).json().error.code).toBe('INVALID_VERSION_STATE');
    expect((await city.post(`/api/v1/admin/catalog-versions/${v2}/submit`)).json().status).toBe('review');
    expect((await city.request('PUT', `/api/v1/admin/catalog-versions/${v2}/items/${TOWN_BIRTH}`, changed)).json().error.code).toBe('VERSION_NOT_EDITABLE');
    const published = await city.post(`/api/v1/admin/catalog-versions/${v2}/publish`, { effectiveDate: '2027-01-01' });
    expect(published.statusCode).toBe(200);

    const notices = (await get('/api/v1/catalog-notices')).json();
    expect(notices.total).toBe(1);
    const notice = (await get(`/api/v1/catalog-notices/${notices.items[0].id}`)).json();
    expect(notice.effectiveDate).toBe('2027-01-01');
    expect(notice.body).toContain('新增事项 1 项：临时救助');
    expect(notice.diff.removed).toHaveLength(1);

    // The portal now serves version 2.
    expect((await get(`/api/v1/items/${TOWN_BIRTH}`)).json().consultPhone).toBe('0537-5229999');
    expect((await get('/api/v1/items?q=jiuji')).json().items.map((i: { name: string }) => i.name)).toEqual(['临时救助']);
    expect((await get('/api/v1/items/37200000100002')).statusCode).toBe(404);
    const versions = (await city.get('/api/v1/admin/catalogs')).json().items.find((c: { level: string }) => c.level === 'town').versions;
    expect(versions.map((v: { status: string }) => v.status)).toEqual(['published', 'superseded']);
  });

  it('refuses to publish a version with lint errors', async () => {
    const town = (await city.get('/api/v1/admin/catalogs')).json().items.find((c: { level: string }) => c.level === 'town');
    const v3 = (await city.post(`/api/v1/admin/catalogs/${town.id}/versions`, {})).json().id;
    const broken = makeItem({ visits: 2, visitsReason: '', onlinePayment: true });
    await city.request('PUT', `/api/v1/admin/catalog-versions/${v3}/items/${TOWN_DIBAO}`, broken);
    const lint = (await city.get(`/api/v1/admin/catalog-versions/${v3}/lint`)).json();
    expect(lint.errors).toBe(2);
    await city.post(`/api/v1/admin/catalog-versions/${v3}/submit`);
    const res = await city.post(`/api/v1/admin/catalog-versions/${v3}/publish`, { effectiveDate: '2027-02-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CATALOG_LINT_ERRORS');
    expect((await city.post(`/api/v1/admin/catalog-versions/${v3}/return`)).json().status).toBe('draft');
  });

  it('rejects an invalid item with field details and writes nothing', async () => {
    const town = (await city.get('/api/v1/admin/catalogs')).json().items.find((c: { level: string }) => c.level === 'town');
    const v3 = town.versions.find((v: { status: string }) => v.status === 'draft').id;
    const before = (await city.get(`/api/v1/admin/catalog-versions/${v3}/items`)).json().total;
    const bad = { ...makeItem({ baseCode: '372000007000' }), baseCode: '37-bad', materials: [{ id: 'x', name: '' }] };
    const res = await city.post(`/api/v1/admin/catalog-versions/${v3}/items`, bad);
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toContain('baseCode');
    expect(fields.some((f: string) => f.startsWith('materials.0'))).toBe(true);
    expect((await city.get(`/api/v1/admin/catalog-versions/${v3}/items`)).json().total).toBe(before);
  });
});

describe('implementation lists', () => {
  it('the 钢山街道 admin edits only 钢山街道\'s own and its villages\' lists', async () => {
    const mine = (await gangshan.get('/api/v1/admin/impl-lists?pageSize=100')).json();
    expect(mine.items.map((l: { regionCode: string }) => l.regionCode)).toEqual(['370883001', '370883001004', '370883001005']);
    const other = await gangshan.request('PUT', '/api/v1/admin/impl-lists/370883002/profile', { location: '千泉', hours: 'x', consultPhone: '0537-1', complaintPhone: '0537-2' });
    expect(other.statusCode).toBe(403);
    expect((await gangshan.post('/api/v1/admin/impl-lists/370883002/publish')).statusCode).toBe(403);
    expect((await city.get('/api/v1/admin/impl-lists?parent=370883002')).json().items.map((l: { regionCode: string }) => l.regionCode)).toEqual(['370883002']);
  });

  it('flags missing local fields', async () => {
    const list = (await gangshan.get('/api/v1/admin/impl-lists?missingOnly=true')).json();
    expect(list.items).toEqual([expect.objectContaining({ regionCode: '370883001005', missingLabels: ['咨询电话'] })]);
    const detail = (await gangshan.get('/api/v1/admin/impl-lists/370883001005')).json();
    expect(detail.items[0].missing).toEqual(['consultPhone']);
  });

  it('a changed local phone reaches the public guide only after publishing', async () => {
    const list = (await gangshan.get('/api/v1/admin/impl-lists/370883001')).json();
    const saved = await gangshan.request('PUT', '/api/v1/admin/impl-lists/370883001/profile', { ...list.profile, consultPhone: '0537-5218888' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().dirty).toBe(true);
    expect((await get(`/api/v1/items/${TOWN_BIRTH}?region=370883001`)).json().local.consultPhone).toBe('0537-5300001');
    expect((await gangshan.post('/api/v1/admin/impl-lists/370883001/publish')).json()).toMatchObject({ dirty: false, revision: 2 });
    expect((await get(`/api/v1/items/${TOWN_BIRTH}?region=370883001`)).json().local.consultPhone).toBe('0537-5218888');
    const audit = await t.deps.dbh.db.selectFrom('audit_log').select('action').where('entity_id', '=', '370883001').execute();
    expect(audit.map((a) => a.action)).toEqual(['impl_list.profile.update', 'impl_list.publish']);
  });

  it('a village can switch an item off, and it leaves that village\'s search and guide', async () => {
    const code = '37200009800001';
    expect((await gangshan.request('PUT', `/api/v1/admin/impl-lists/370883001005/items/${code}`, { enabled: false })).statusCode).toBe(200);
    await gangshan.post('/api/v1/admin/impl-lists/370883001005/publish');
    expect((await get('/api/v1/items?region=370883001005')).json().items.map((i: { code: string }) => i.code)).toEqual([VILLAGE_DIBAO]);
    expect((await get(`/api/v1/items/${code}?region=370883001005`)).json().error.code).toBe('ITEM_NOT_IN_LIST');
    expect((await get(`/api/v1/items/${code}?region=370883001004`)).statusCode).toBe(200);
    expect((await gangshan.request('PUT', `/api/v1/admin/impl-lists/370883001005/items/99999999999999`, { enabled: false })).json().error.code).toBe('ITEM_NOT_FOUND');
    const badMode = await gangshan.request('PUT', `/api/v1/admin/impl-lists/370883001005/items/${code}`, { handlingMode: 'teleport' });
    expect(badMode.statusCode).toBe(400);
  });
});

describe('search synonyms', () => {
  it('the city admin adds a colloquial term and search understands it at once', async () => {
    expect((await get('/api/v1/items?q=吃低保')).json().total).toBeGreaterThan(0); // built-in 低保 inside the term
    expect((await get('/api/v1/items?q=要娃')).json().total).toBe(0);
    expect((await city.post('/api/v1/admin/search-synonyms', { term: '要娃', targets: ['生育登记'] })).statusCode).toBe(201);
    expect((await get('/api/v1/items?q=要娃')).json().items.map((i: { name: string }) => i.name)).toEqual(['生育登记']);
    expect((await city.post('/api/v1/admin/search-synonyms', { term: '要娃', targets: ['生育登记'] })).json().error.code).toBe('SYNONYM_EXISTS');
    expect((await gangshan.post('/api/v1/admin/search-synonyms', { term: '要孩子', targets: ['生育登记'] })).statusCode).toBe(403);
  });
});

describe('guides without a place', () => {
  it('render the guidance templates generically, never raw placeholders', async () => {
    const g = (await get(`/api/v1/items/${VILLAGE_DIBAO}`)).json();
    expect(JSON.stringify(g)).not.toMatch(/\{(townGov|town|village|villageName)\}/);
    expect(g.implementingBody).toBe('村（居）民委员会');
    expect(g.handlingOrg).toBe('村（社区）便民服务站');
    expect(g.local).toBeNull();
  });
});
