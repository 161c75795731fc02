/**
 * Issue 17's journey, end to end in the browser: 王桂兰 (13800000003) rates her handled case
 * 不满意 in 我的办件 → 钢山街道's administrator finds it in 差评整改, registers the return visit and
 * the rectification → she sees what was done and re-rates 满意 → the town's 监督看板 counts the
 * re-rating instead of the 差评 and the 差评 as rectified. The case is taken in and decided today
 * through the staff API, so it is always inside the rating window whatever the date; the dashboard
 * is compared with itself before and after (other specs rate at 钢山街道 too). axe on every page.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { citizenApiSignIn, DEMO_PASSWORD, phonePage, staffSignIn, workbenchNav } from './helpers.js';

/** 临时救助（急难型临时救助） at 钢山街道, decided by the approver in two steps. */
const ITEM = '37050100600001';
const GANGSHAN = '370883001';
const WANG = '13800000003';
const PDF = { name: '材料.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };

interface Api { api: APIRequestContext; headers: Record<string, string> }
const csrfOf = async (api: APIRequestContext) => ({ 'x-csrf-token': (await api.storageState()).cookies.find((c) => c.name === 'bm_csrf')!.value });

async function staffApi(baseURL: string, username: string): Promise<Api> {
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/staff/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
  return { api, headers: await csrfOf(api) };
}

/** 王桂兰's online application, made through her page's session, then accepted and approved today. */
async function handledCase(page: Page, baseURL: string): Promise<{ id: string; caseNo: string }> {
  const api = page.request;
  const headers = await csrfOf(api);
  const upload = await api.post('/api/v1/cases/uploads', { headers, multipart: { file: PDF } });
  expect(upload.ok(), await upload.text()).toBe(true);
  const fileId = ((await upload.json()) as { id: string }).id;
  const guide = (await (await api.get(`/api/v1/items/${ITEM}?region=${GANGSHAN}`)).json()) as { materials: { id: string; necessityCode: string; conditional: boolean }[] };
  const materials = guide.materials.filter((m) => m.necessityCode === 'required' && !m.conditional).map((m) => ({ materialId: m.id, source: 'upload', fileId }));
  const formData = {
    reason: '老伴住院，医疗费用负担重', happenedOn: null, amount: 3000,
    address: { regionCode: GANGSHAN, regionName: '钢山街道', detail: '北关路 9 号' }, bankName: 'rcb', accountNo: '6228480319870001111',
  };
  const res = await api.post('/api/v1/cases', { headers, data: { itemCode: ITEM, regionCode: GANGSHAN, materials, formData, deliveryMethod: 'electronic', declaration: true } });
  expect(res.status(), await res.text()).toBe(201);
  const c = (await res.json()) as { id: string; caseNo: string };
  const clerk = await staffApi(baseURL, 'gangshan.clerk');
  const approver = await staffApi(baseURL, 'gangshan.approver');
  for (const [who, action, body] of [
    [clerk, 'accept', { opinion: '材料齐全，予以受理' }],
    [approver, 'approve', { opinion: '情况属实' }],
    [approver, 'approve', { opinion: '准予临时救助', resultNote: '救助金 3000 元' }],
  ] as const) {
    const { version } = (await (await who.api.get(`/api/v1/cases/${c.id}`)).json()) as { version: number };
    const done = await who.api.post(`/api/v1/cases/${c.id}/actions/${action}`, { headers: who.headers, data: { version, ...body } });
    expect(done.ok(), `${action}: ${await done.text()}`).toBe(true);
  }
  await clerk.api.dispose();
  await approver.api.dispose();
  return c;
}

interface Figures { satisfaction: { ratings: number; byLevel: { level: string; n: number }[] }; badRatings: { total: number; byStatus: { status: string; n: number }[] }; from: string; to: string }
const level = (f: Figures, l: string) => f.satisfaction.byLevel.find((x) => x.level === l)!.n;
const status = (f: Figures, s: string) => f.badRatings.byStatus.find((x) => x.status === s)!.n;

async function staffPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/staff/login');
  await staffSignIn(page, username);
  await expect(page).toHaveURL(/\/workbench$/);
  return page;
}

test('a citizen rates 不满意, the town visits and rectifies, she re-rates, and the dashboard counts it', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const citizen = await phonePage(browser, 'normal');
  await citizenApiSignIn(citizen.request, WANG);
  const c = await handledCase(citizen, baseURL!);

  // the town's figures for today, before anything is rated
  const town = await staffPage(browser, 'gangshan.admin');
  const today = (await (await town.request.get('/api/v1/stats/overview')).json() as Figures).to;
  const figures = async () => (await (await town.request.get(`/api/v1/stats/overview?from=${today}&to=${today}`)).json()) as Figures;
  const before = await figures();

  // ---- 王桂兰 rates 不满意 in 我的办件, with a reason ----
  await citizen.goto(`/my/cases/${c.id}`);
  const rating = citizen.getByRole('region', { name: '评价', exact: true });
  await rating.getByRole('group', { name: /您对这次办事满意吗/ }).getByRole('radio', { name: '不满意', exact: true }).check();
  await rating.getByRole('group', { name: /不满意的原因/ }).getByRole('checkbox', { name: '办理时间长' }).check();
  await rating.getByRole('textbox', { name: /您的意见/ }).fill('等了好几天才有消息');
  await rating.getByRole('button', { name: '提交评价' }).click();
  await expect(rating.getByRole('heading', { name: '感谢您的评价' })).toBeVisible();
  await expect(rating).toContainText('钢山街道');
  await checkPage(citizen, 'journey-rated-bad');
  const afterBad = await figures();
  expect(afterBad.satisfaction.ratings).toBe(before.satisfaction.ratings + 1);
  expect(level(afterBad, 'dissatisfied')).toBe(level(before, 'dissatisfied') + 1);
  expect(afterBad.badRatings.total).toBe(before.badRatings.total + 1);
  expect(status(afterBad, 'visiting')).toBe(status(before, 'visiting') + 1);

  // ---- 钢山街道 follows it up: 差评整改 → the 差评 → 回访登记 → 整改登记 ----
  await workbenchNav(town).getByRole('link', { name: '差评整改' }).click();
  await expect(town.getByRole('heading', { level: 1 })).toHaveText('差评整改');
  const ratingId = ((await (await town.request.get(`/api/v1/ratings?q=${c.caseNo}`)).json()) as { items: { id: string }[] }).items[0]!.id;
  await town.goto(`/workbench/rating-followups/${ratingId}`);
  await expect(town.getByRole('heading', { level: 1 })).toHaveText(`差评整改 ${c.caseNo}`);
  await expect(town.getByRole('region', { name: '群众评价' })).toContainText('等了好几天才有消息');
  await checkPage(town, 'journey-followup');
  const actions = town.getByRole('region', { name: '整改操作' });
  await actions.getByRole('button', { name: '回访登记' }).click();
  let dialog = town.getByRole('dialog', { name: '回访登记' });
  await dialog.getByRole('radio', { name: '电话回访' }).check();
  await dialog.getByLabel('回访情况').fill('电话联系王桂兰，了解到审核等待时间长，已致歉并说明进度');
  await dialog.getByRole('button', { name: '提交回访登记' }).click();
  await expect(dialog).toBeHidden();
  await expect(town.locator('.rating-meta')).toContainText('整改中');
  await actions.getByRole('button', { name: '整改登记' }).click();
  dialog = town.getByRole('dialog', { name: '整改登记' });
  await dialog.getByLabel('整改措施和结果').fill('临时救助改为受理当日入户核查，审查与决定同日办理');
  await dialog.getByRole('button', { name: '提交整改登记' }).click();
  await expect(dialog).toBeHidden();
  await expect(town.locator('.rating-meta')).toContainText('已整改（待复评）');

  // ---- she sees what was done and re-rates 满意, once ----
  await citizen.reload();
  await expect(rating.getByRole('heading', { name: '再次评价' })).toBeVisible();
  await expect(rating).toContainText('受理当日入户核查');
  await rating.getByRole('group', { name: /您对这次办事满意吗/ }).getByRole('radio', { name: '满意', exact: true }).check();
  await rating.getByRole('button', { name: '提交评价' }).click();
  await expect(rating.getByRole('heading', { name: '感谢您的评价' })).toBeVisible();
  await checkPage(citizen, 'journey-rerated');
  await citizen.reload();
  await expect(rating.getByRole('button', { name: '提交评价' })).toHaveCount(0);

  // ---- the dashboard: the re-rating counts instead of the 差评, which is rectified and closed ----
  const after = await figures();
  expect(after.satisfaction.ratings).toBe(before.satisfaction.ratings + 1);
  expect(level(after, 'dissatisfied')).toBe(level(before, 'dissatisfied'));
  expect(level(after, 'satisfied')).toBe(level(before, 'satisfied') + 1);
  expect(after.badRatings.total).toBe(before.badRatings.total + 1);
  expect(status(after, 'closed')).toBe(status(before, 'closed') + 1);
  await workbenchNav(town).getByRole('link', { name: '监督看板' }).click();
  await expect(town.getByRole('heading', { level: 1 })).toHaveText('监督看板');
  const kpis = town.getByRole('list', { name: '主要指标' });
  await expect(kpis).toContainText('好评率');
  await expect(kpis).toContainText('差评整改率');
  await town.goto(`/workbench/dashboard?from=${today}&to=${today}`);
  await expect(town.getByRole('heading', { level: 2, name: new RegExp(`钢山街道 · ${today} 至 ${today}`) })).toBeVisible();
  await expect(kpis.getByRole('listitem').filter({ hasText: '好评率' })).toContainText(`${after.satisfaction.ratings} 条评价`);
  await checkPage(town, 'journey-dashboard');
});
