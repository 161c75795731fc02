/**
 * Building 一件事 themes: the city administrator drafts a theme from catalog items, previews it (the
 * merged form and deduplicated materials, and what does not fit its items), publishes versions that
 * applicants then see, and withdraws it; every step audited. A town's administrator builds the
 * town's own themes, offered there only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoForms } from '../../seed/forms.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import type { ThemeDefinitionInput } from '../../../shared/themes.js';
import { seedDemoCatalog } from '../catalog/index.js';
import { seedDemoThemes } from './index.js';
import { GANGSHAN, MENGZHUANG as MENGZHUANG_VILLAGE } from '../cases/fixtures.js';

let t: TestApp;
let city: TestClient, town: TestClient, citizen: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalog(t.deps);
  await seedDemoForms(t.deps);
  await seedDemoThemes(t.deps);
  city = await new TestClient(t.app).loginStaff('admin');
  town = await new TestClient(t.app).loginStaff('gangshan.admin');
  citizen = await new TestClient(t.app).loginCitizen('13800000001');
});
afterAll(() => t.close());

/** 社会保障卡申领 and 老年人优待证办理: both ask the holder's name, asked once. */
const CARD = '37200203400001';
const ELDER_CARD = '37200101100001';
/** 最低生活保障申请受理: on the villages' lists, not the towns' */
const VILLAGE_ONLY = '37200150100001';

const draft = (over: Partial<ThemeDefinitionInput> = {}): ThemeDefinitionInput => ({
  name: '敬老一件事', subject: 'person', category: 'elderly', summary: '年满 60 周岁的老人一次办好优待证和社会保障卡。', leadBody: '邹城市民政局', promisedDays: 10,
  questions: [{ key: 'card', text: '是否已有社会保障卡？', options: [{ value: 'yes', label: '已有' }, { value: 'no', label: '没有' }] }],
  items: [
    { itemCode: ELDER_CARD, note: '办老年人优待证' },
    { itemCode: CARD, note: '办社会保障卡', when: { question: 'card', anyOf: ['no'] } },
  ],
  sharedFields: [],
  ...over,
});

const audits = (code: string) => t.deps.dbh.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'theme').where('entity_id', '=', code).orderBy('seq').execute();

describe('building a theme', () => {
  it('a draft saved under a new code is a new theme, not yet offered; audited', async () => {
    const res = await city.request('PUT', '/api/v1/admin/themes/elderly-care/draft', draft());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: 'elderly-care', status: 'draft', statusLabel: '草稿（未发布）', version: 0, draftChanged: true, versions: [] });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/themes/elderly-care' })).statusCode).toBe(404);
    const list = (await city.get('/api/v1/admin/themes')).json() as { items: { code: string; status: string }[] };
    expect(list.items.find((i) => i.code === 'elderly-care')).toMatchObject({ status: 'draft' });
    expect(list.items.find((i) => i.code === 'birth')).toMatchObject({ status: 'published', version: 1, draftChanged: false });
    expect((await audits('elderly-care')).map((a) => a.action)).toEqual(['theme.draft']);
  });

  it('bad drafts are refused at the field: an item not in the catalog, a condition on no question, a duplicate item', async () => {
    const unknown = await city.request('PUT', '/api/v1/admin/themes/elderly-care/draft', draft({ items: [{ itemCode: ELDER_CARD }, { itemCode: '37200203400099' }] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'items.1.itemCode', message: '目录中没有事项 37200203400099' }] } });
    const noQuestion = await city.request('PUT', '/api/v1/admin/themes/elderly-care/draft', draft({ questions: [] }));
    expect(noQuestion.statusCode).toBe(400);
    expect(JSON.stringify(noQuestion.json())).toContain('适用条件引用的问题「card」不存在');
    const twice = await city.request('PUT', '/api/v1/admin/themes/elderly-care/draft', draft({ items: [{ itemCode: CARD }, { itemCode: CARD }] }));
    expect(twice.statusCode).toBe(400);
    // nothing of them was kept
    expect(((await city.get('/api/v1/admin/themes/elderly-care')).json() as { draft: { items: unknown[] } }).draft.items).toHaveLength(2);
  });

  it('the preview merges the draft as applicants will see it, and says what does not fit: publishing is refused until it does', async () => {
    const wrong = draft({ sharedFields: [{ key: 'holder', label: '姓名', type: 'text', required: true, mapsTo: [{ itemCode: CARD, fieldKey: 'noSuchField' }] }] });
    expect((await city.request('PUT', '/api/v1/admin/themes/elderly-care/draft', wrong)).statusCode).toBe(200);
    const preview = (await city.get('/api/v1/admin/themes/elderly-care/preview')).json() as { items: { code: string }[]; problems: string[] };
    expect(preview.items.map((i) => i.code)).toEqual([ELDER_CARD, CARD]);
    expect(preview.problems).toEqual([expect.stringContaining('noSuchField') as string]);
    const refused = await city.request('POST', '/api/v1/admin/themes/elderly-care/publish', { note: '首次发布' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'THEME_HAS_PROBLEMS' } });

    // the holder's name, mapped to each item's real field: asked once in the preview
    const fieldOf = async (code: string) => (((await city.get(`/api/v1/themes/retirement`)).json()) as { sharedFields: { key: string; mapsTo: { itemCode: string; fieldKey: string }[] }[] }).sharedFields
      .find((f) => f.key === 'name')!.mapsTo.find((m) => m.itemCode === code)!.fieldKey;
    const fixed = draft({ sharedFields: [{ key: 'holder', label: '姓名', type: 'text', required: true, mapsTo: [{ itemCode: CARD, fieldKey: await fieldOf(CARD) }] }] });
    expect((await city.request('PUT', '/api/v1/admin/themes/elderly-care/draft', fixed)).statusCode).toBe(200);
    const good = (await city.get(`/api/v1/admin/themes/elderly-care/preview?region=370883001`)).json() as { problems: string[]; sharedFields: { key: string; usedBy: string[] }[]; region: string };
    expect(good.problems).toEqual([]);
    expect(good.region).toBe('370883001');
    expect(good.sharedFields).toEqual([expect.objectContaining({ key: 'holder', usedBy: [CARD] })]);
  });

  it('publishing makes version 1 and offers it; the same draft again is refused; a change is version 2; applicants see the newest', async () => {
    const published = await city.request('POST', '/api/v1/admin/themes/elderly-care/publish', { note: '首次发布' });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', version: 1, draftChanged: false, versions: [{ version: 1, note: '首次发布' }] });
    const offered = (await t.app.inject({ method: 'GET', url: '/api/v1/themes/elderly-care' })).json() as { name: string; version: number };
    expect(offered).toMatchObject({ name: '敬老一件事', version: 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/themes?category=elderly' })).json()).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ code: 'elderly-care' })]) as unknown });

    const again = await city.request('POST', '/api/v1/admin/themes/elderly-care/publish', {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'THEME_UNCHANGED' } });

    const current = ((await city.get('/api/v1/admin/themes/elderly-care')).json() as { draft: ThemeDefinitionInput }).draft;
    expect((await city.request('PUT', '/api/v1/admin/themes/elderly-care/draft', { ...current, name: '老年人优待一件事' })).statusCode).toBe(200);
    // the draft's change is not offered until it is published
    expect(((await t.app.inject({ method: 'GET', url: '/api/v1/themes/elderly-care' })).json() as { name: string }).name).toBe('敬老一件事');
    const second = await city.request('POST', '/api/v1/admin/themes/elderly-care/publish', { note: '改名' });
    expect(second.json()).toMatchObject({ version: 2, versions: [{ version: 2 }, { version: 1 }] });
    expect(((await t.app.inject({ method: 'GET', url: '/api/v1/themes/elderly-care' })).json() as { name: string; version: number })).toMatchObject({ name: '老年人优待一件事', version: 2 });
  });

  it('withdrawing stops offering it (its page is 404, the list leaves it out); audited throughout', async () => {
    const noReason = await city.request('POST', '/api/v1/admin/themes/elderly-care/withdraw', {});
    expect(noReason.statusCode).toBe(400);
    const res = await city.request('POST', '/api/v1/admin/themes/elderly-care/withdraw', { reason: '并入其他主题' });
    expect(res.json()).toMatchObject({ status: 'withdrawn', statusLabel: '已停用' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/themes/elderly-care' })).statusCode).toBe(404);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/themes' })).json() as { items: { code: string }[] };
    expect(list.items.map((i) => i.code)).not.toContain('elderly-care');
    expect((await city.request('POST', '/api/v1/admin/themes/elderly-care/withdraw', { reason: '再次停用' })).statusCode).toBe(409);
    expect((await audits('elderly-care')).map((a) => a.action)).toEqual(['theme.draft', 'theme.draft', 'theme.draft', 'theme.publish', 'theme.draft', 'theme.publish', 'theme.withdraw']);
  });
});

describe('who builds themes', () => {
  it('a citizen is refused; an unknown theme is 404', async () => {
    expect((await citizen.get('/api/v1/admin/themes')).statusCode).toBe(403);
    expect((await city.get('/api/v1/admin/themes/no-such-theme')).statusCode).toBe(404);
  });

  it('a town administrator builds only the town\'s own themes: not the county\'s, not another town\'s; the place is fixed once made', async () => {
    // the county's themes are out of the town's reach
    expect((await town.request('PUT', '/api/v1/admin/themes/county-by-town/draft', draft())).statusCode).toBe(403);
    expect((await town.get('/api/v1/admin/themes/birth')).statusCode).toBe(403);
    expect(((await town.get('/api/v1/admin/themes')).json() as { items: { code: string }[] }).items.map((i) => i.code)).not.toContain('birth');
    // another town's (前泉街道), and a place that is not a town
    expect((await town.request('PUT', '/api/v1/admin/themes/qianquan-elderly/draft', draft({ regionCode: '370883002' }))).statusCode).toBe(403);
    const notTown = await city.request('PUT', '/api/v1/admin/themes/nowhere/draft', draft({ regionCode: '370883999' }));
    expect(notTown.statusCode).toBe(400);
    expect(notTown.json()).toMatchObject({ error: { details: [{ field: 'regionCode' }] } });
    expect(await t.deps.dbh.db.selectFrom('themes').select('code').where('code', 'in', ['county-by-town', 'qianquan-elderly', 'nowhere']).execute()).toEqual([]);

    const made = await town.request('PUT', '/api/v1/admin/themes/gangshan-visits/draft', draft({ name: '钢山敬老一件事', regionCode: GANGSHAN }));
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ status: 'draft', offeredIn: { code: GANGSHAN, name: '钢山街道' } });
    // the town's own (the demo's 高龄老人关爱一件事 among them), and no other
    const townList = ((await town.get('/api/v1/admin/themes')).json() as { items: { code: string; offeredIn: { code: string } | null }[] }).items;
    expect(townList.map((i) => i.code)).toContain('gangshan-visits');
    expect(townList.every((i) => i.offeredIn?.code === GANGSHAN)).toBe(true);
    // the city's administrators see and may mend every town's
    expect(((await city.get('/api/v1/admin/themes')).json() as { items: { code: string; offeredIn: unknown }[] }).items).toContainEqual(expect.objectContaining({ code: 'gangshan-visits', offeredIn: { code: GANGSHAN, name: '钢山街道' } }));
    const moved = await city.request('PUT', '/api/v1/admin/themes/gangshan-visits/draft', draft({ name: '钢山敬老一件事' }));
    expect(moved.statusCode).toBe(400);
    expect(moved.json()).toMatchObject({ error: { details: [{ field: 'regionCode', message: expect.stringContaining('适用范围创建后不能修改') as string }] } });
    const audit = await t.deps.dbh.db.selectFrom('audit_log').select(['region_code']).where('entity_type', '=', 'theme').where('entity_id', '=', 'gangshan-visits').execute();
    expect(audit).toEqual([{ region_code: GANGSHAN }]);
  });

  it('a town\'s theme holds only items the town offers: one it does not is a problem of the preview, and publishing is refused', async () => {
    const body = draft({ name: '钢山试办一件事', regionCode: GANGSHAN, questions: [], items: [{ itemCode: ELDER_CARD, note: '' }, { itemCode: VILLAGE_ONLY, note: '' }] });
    const made = await town.request('PUT', '/api/v1/admin/themes/gangshan-trial/draft', body);
    expect(made.statusCode, made.body).toBe(200);
    const preview = (await town.get('/api/v1/admin/themes/gangshan-trial/preview')).json() as { region: string; problems: string[] };
    expect(preview.region).toBe(GANGSHAN);
    expect(preview.problems).toContainEqual(expect.stringContaining('钢山街道未实施'));
    const refused = await town.request('POST', '/api/v1/admin/themes/gangshan-trial/publish', {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'THEME_HAS_PROBLEMS' } });
  });

  it('a town\'s theme, once published, is offered at the town and its villages only: listed there, refused elsewhere', async () => {
    const published = await town.request('POST', '/api/v1/admin/themes/gangshan-visits/publish', { note: '本街道试行' });
    expect(published.statusCode, published.body).toBe(200);
    const codesAt = async (region?: string) => ((await t.app.inject({ method: 'GET', url: `/api/v1/themes${region ? `?region=${region}` : ''}` })).json() as { items: { code: string; offeredIn: unknown }[] }).items;
    expect(await codesAt(MENGZHUANG_VILLAGE)).toContainEqual(expect.objectContaining({ code: 'gangshan-visits', offeredIn: { code: GANGSHAN, name: '钢山街道' } }));
    expect((await codesAt('370883002')).map((i) => i.code)).not.toContain('gangshan-visits');
    expect((await codesAt('370883002')).map((i) => i.code)).toContain('birth');
    // without a place: every theme, each saying where it is offered
    expect(await codesAt()).toContainEqual(expect.objectContaining({ code: 'gangshan-visits', offeredIn: { code: GANGSHAN, name: '钢山街道' } }));
    expect(await codesAt()).toContainEqual(expect.objectContaining({ code: 'birth', offeredIn: null }));

    expect((await t.app.inject({ method: 'GET', url: `/api/v1/themes/gangshan-visits?region=${MENGZHUANG_VILLAGE}` })).statusCode).toBe(200);
    const elsewhere = await t.app.inject({ method: 'GET', url: '/api/v1/themes/gangshan-visits?region=370883002' });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json()).toMatchObject({ error: { code: 'THEME_NOT_OFFERED_HERE', message: expect.stringContaining('钢山街道') as string } });
    const applied = await citizen.request('POST', '/api/v1/themes/gangshan-visits/applications', { regionCode: '370883002', answers: { card: 'yes' }, shared: {}, items: {}, materials: [], deliveryMethod: 'pickup', declaration: true });
    expect(applied.statusCode).toBe(400);
    expect(applied.json()).toMatchObject({ error: { code: 'THEME_NOT_OFFERED_HERE', details: [{ field: 'regionCode' }] } });
  });
});
