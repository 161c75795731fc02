import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { DEMO_PASSWORD, PHONE, settledDialog, staffSignIn, workbenchNav } from './helpers.js';

/**
 * 好差评 on the workbench: 李建国 (13800000002) has a 临时救助 case taken in at the 钢山街道 window,
 * accepted and approved, and rates it 不满意 (办理时间长) through the API. 钢山街道's administrator
 * finds the 差评 in 差评整改 and registers the return visit; an appeal made meanwhile (by the API,
 * as a colleague would) turns the rectification away with the 409 message; the city's
 * administrator rejects the appeal (复核); the town registers the rectification, and the city finds
 * the rating in 评价管理. The clerk shows the window's rating QR code on a handled case, and a case
 * not yet handled offers none. Nothing here depends on today's date: the limits shown are the
 * server's own. axe on every page, on a desktop and on a phone.
 */

/** 临时救助（急难型临时救助） at 钢山街道: accepted by the clerk, reviewed and decided by the approver. */
const ITEM = '37050100600001';
const ITEM_NAME = '临时救助（急难型临时救助）';
const GANGSHAN = '370883001';
const LI = { name: '李建国', id: '370883198807151016', phone: '13800000002' };

/** An API client signed in as a staff member, with the CSRF header every write needs. */
async function staffApi(baseURL: string, username: string): Promise<{ api: APIRequestContext; headers: Record<string, string> }> {
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/staff/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
  const csrf = (await api.storageState()).cookies.find((c) => c.name === 'bm_csrf')!.value;
  return { api, headers: { 'x-csrf-token': csrf } };
}

/** 李建国's 临时救助, taken in at the 钢山街道 window (his account's case: he may rate it). */
async function takeIn(baseURL: string): Promise<{ id: string; caseNo: string }> {
  const { api, headers } = await staffApi(baseURL, 'gangshan.clerk');
  const guide = (await (await api.get(`/api/v1/items/${ITEM}?region=${GANGSHAN}`)).json()) as { materials: { id: string; necessityCode: string }[] };
  const res = await api.post('/api/v1/cases', {
    headers,
    data: {
      itemCode: ITEM,
      regionCode: GANGSHAN,
      applicant: { kind: 'person', name: LI.name, idType: 'id_card', idNumber: LI.id, phone: LI.phone, address: '邹城市钢山街道岗山路 66 号' },
      materials: guide.materials.filter((m) => m.necessityCode === 'required').map((m) => ({ materialId: m.id, source: 'paper', checkedOriginal: true, copies: 1 })),
      formData: {
        reason: '家中房屋因暴雨倒塌，暂无住处',
        address: { regionCode: '370883001004', regionName: '孟庄社区', detail: '岗山路 66 号' },
        bankName: 'rcb',
        accountNo: '6228480000000000000',
      },
      intakeChannel: 'window',
      declaration: true,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const made = (await res.json()) as { id: string; caseNo: string };
  await api.dispose();
  return made;
}

/** 受理 by gangshan.clerk, then 审查 and 决定准予 by gangshan.approver: the case is 已办结. */
async function handle(baseURL: string, caseId: string): Promise<void> {
  const act = async (username: string, action: string, body: Record<string, unknown>) => {
    const { api, headers } = await staffApi(baseURL, username);
    const { version } = (await (await api.get(`/api/v1/cases/${caseId}`)).json()) as { version: number };
    const res = await api.post(`/api/v1/cases/${caseId}/actions/${action}`, { headers, data: { version, ...body } });
    expect(res.status(), `${action}: ${await res.text()}`).toBe(200);
    const next = (await res.json()) as { status: string };
    await api.dispose();
    return next;
  };
  await act('gangshan.clerk', 'accept', { opinion: '材料齐全，予以受理' });
  await act('gangshan.approver', 'approve', { opinion: '情况属实' });
  expect((await act('gangshan.approver', 'approve', { opinion: '准予临时救助', resultNote: '救助金 3000 元，5 个工作日内发放' })).status).toBe('approved');
}

interface Rated {
  id: string;
  followUp: { handlingPlace: string; visitDueOn: string; rectifyDueOn: string };
}

/**
 * The person rates the case by the window's QR code (no sign-in, so no SMS code: the demo phones'
 * daily code limit is shared by every spec): 不满意 (2), 办理时间长 — a 差评.
 */
async function rateBadly(baseURL: string, c: { id: string; caseNo: string }): Promise<Rated> {
  const { api: clerk, headers } = await staffApi(baseURL, 'gangshan.clerk');
  const link = await clerk.post('/api/v1/ratings/links', { headers, data: { caseId: c.id } });
  expect(link.status(), await link.text()).toBe(201);
  const token = new URL(((await link.json()) as { url: string }).url).searchParams.get('t')!;
  await clerk.dispose();
  const person = await playwrightRequest.newContext({ baseURL });
  const res = await person.post('/api/v1/ratings', { data: { caseNo: c.caseNo, level: 2, channel: 'window_qr', tags: ['办理时间长'], token } });
  expect(res.status(), await res.text()).toBe(201);
  const rated = (await res.json()) as Rated & { bad: boolean };
  await person.dispose();
  expect(rated.bad).toBe(true);
  expect(rated.followUp.handlingPlace).toBe('钢山街道');
  return rated;
}

async function signedInPage(browser: Browser, username: string, phone = false): Promise<Page> {
  const context = await browser.newContext(phone ? { ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } : {});
  const page = await context.newPage();
  await staffSignIn(page, username);
  await expect(page).toHaveURL(/\/workbench$/);
  return page;
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const statusLine = (page: Page) => page.locator('.rating-meta');
const events = (page: Page) => page.getByRole('region', { name: '整改过程' }).getByRole('listitem');

/** A step's dialog: opened by its button, once it has finished opening. */
async function openStep(page: Page, button: string, title: string): Promise<Locator> {
  await page.getByRole('region', { name: '整改操作' }).getByRole('button', { name: button }).click();
  return settledDialog(page.getByRole('dialog', { name: title }));
}

test.describe('好差评: the workbench', () => {
  test('(a) a 差评 at 钢山街道: return visit, an appeal meanwhile (409), the city’s 复核, rectification; the city sees it in 评价管理', async ({ browser, baseURL }) => {
    test.setTimeout(240_000);
    const c = await takeIn(baseURL!);
    await handle(baseURL!, c.id);
    const rated = await rateBadly(baseURL!, c);

    // 钢山街道's administrator: 差评整改 → 待回访 → the case
    const town = await signedInPage(browser, 'gangshan.admin');
    await workbenchNav(town).getByRole('link', { name: '差评整改' }).click();
    await expect(h1(town)).toHaveText('差评整改');
    await town.getByRole('navigation', { name: '按整改状态' }).getByRole('link', { name: /^待回访/ }).click();
    await expect(town).toHaveURL(/status=visiting/);
    const row = town.getByRole('row').filter({ hasText: c.caseNo });
    await expect(row).toContainText('待回访');
    await expect(row).toContainText(ITEM_NAME);
    await expect(row).toContainText('办理时间长');
    await expect(row).toContainText(rated.followUp.visitDueOn);
    await checkPage(town, 'rating-followups');
    await row.getByRole('link', { name: `差评 ${c.caseNo}` }).click();
    await expect(h1(town)).toHaveText(`差评整改 ${c.caseNo}`);
    await expect(statusLine(town)).toContainText('待回访');
    const given = town.getByRole('region', { name: '群众评价' });
    await expect(given).toContainText('不满意（差评）');
    await expect(given).toContainText('办理时间长');
    await expect(given).toContainText('窗口二维码');
    const limits = town.getByRole('region', { name: '整改时限' });
    await expect(limits).toContainText(rated.followUp.visitDueOn);
    await expect(limits).toContainText(rated.followUp.rectifyDueOn);
    await expect(events(town)).toHaveText([/^收到差评：不满意/, /^待回访/]);
    await expect(town.getByRole('button', { name: '申诉复核' })).toHaveCount(0);
    await checkPage(town, 'rating-followup-visiting');

    // 回访登记: both fields are required, then the status moves on to 整改中
    let dialog = await openStep(town, '回访登记', '回访登记');
    await dialog.getByRole('button', { name: '提交回访登记' }).click();
    await expect(dialog).toContainText('请选择回访方式');
    await expect(dialog).toContainText('请填写回访情况');
    await dialog.getByRole('radio', { name: '电话回访' }).check();
    await dialog.getByLabel('回访情况').fill('已电话联系李建国，其反映审批等待时间较长，已说明办理进度并致歉');
    await checkPage(town, 'rating-visit-dialog');
    await dialog.getByRole('button', { name: '提交回访登记' }).click();
    await expect(dialog).toBeHidden();
    await expect(statusLine(town)).toContainText('整改中');
    await expect(statusLine(town)).not.toContainText('待回访');
    await expect(events(town)).toHaveText([/^收到差评：不满意/, /^回访（电话回访）.*已电话联系李建国/, /^待整改/]);
    await expect(town.getByRole('button', { name: '回访登记' })).toHaveCount(0);

    // 整改登记 opened on this version; meanwhile a colleague appeals (by the API): the rectification is refused, the page says so
    dialog = await openStep(town, '整改登记', '整改登记');
    await dialog.getByLabel('整改措施和结果').fill('已优化临时救助审批流程，审查与决定同日办理，并对窗口人员进行提醒');
    const { api: colleague, headers } = await staffApi(baseURL!, 'gangshan.admin');
    const { version } = (await (await colleague.get(`/api/v1/rating-followups/${rated.id}`)).json()) as { version: number };
    const appealed = await colleague.post(`/api/v1/rating-followups/${rated.id}/appeal`, { headers, data: { reason: '审批在承诺时限内办结，请复核', version } });
    expect(appealed.status(), await appealed.text()).toBe(200);
    await colleague.dispose();
    await dialog.getByRole('button', { name: '提交整改登记' }).click();
    await expect(dialog).toBeHidden();
    const stale = town.getByRole('alert').filter({ hasText: '差评已有新的变化' });
    await expect(stale).toContainText('未能整改登记：这条差评刚被其他人处理过');
    await expect(statusLine(town)).toContainText('申诉复核中');
    await expect(town.getByRole('region', { name: '整改操作' })).toContainText('等待市级复核');
    await expect(town.getByRole('region', { name: '整改操作' }).getByRole('button')).toHaveCount(0);
    await checkPage(town, 'rating-followup-stale');

    // The city's administrator rejects the appeal: the follow-up goes on (整改中)
    const city = await signedInPage(browser, 'admin');
    await workbenchNav(city).getByRole('link', { name: '差评整改' }).click();
    await city.getByRole('navigation', { name: '按整改状态' }).getByRole('link', { name: /^申诉复核中/ }).click();
    await city.getByRole('row').filter({ hasText: c.caseNo }).getByRole('link', { name: `差评 ${c.caseNo}` }).click();
    await expect(h1(city)).toHaveText(`差评整改 ${c.caseNo}`);
    dialog = await openStep(city, '申诉复核', '申诉复核');
    await expect(dialog).toContainText('审批在承诺时限内办结，请复核');
    await dialog.getByRole('radio', { name: /^申诉不成立/ }).check();
    await dialog.getByLabel('复核意见').fill('群众反映等待时间长属实，请继续整改');
    await checkPage(city, 'rating-review-dialog');
    await dialog.getByRole('button', { name: '提交复核结论' }).click();
    await expect(dialog).toBeHidden();
    await expect(statusLine(city)).toContainText('整改中');

    // The town rectifies on the page as it now stands
    await town.reload();
    await expect(statusLine(town)).toContainText('整改中');
    dialog = await openStep(town, '整改登记', '整改登记');
    await dialog.getByLabel('整改措施和结果').fill('已优化临时救助审批流程，审查与决定同日办理，并对窗口人员进行提醒');
    await dialog.getByRole('button', { name: '提交整改登记' }).click();
    await expect(dialog).toBeHidden();
    await expect(statusLine(town)).toContainText('已整改（待复评）');
    await expect(events(town)).toHaveText([
      /^收到差评：不满意/,
      /^回访（电话回访）/,
      /^申诉.*审批在承诺时限内办结/,
      /^复核：申诉不成立，继续整改.*群众反映等待时间长属实/,
      /^整改.*已优化临时救助审批流程/,
      /^待群众再次评价/,
    ]);
    await expect(town.getByRole('region', { name: '整改操作' }).getByRole('button')).toHaveCount(0);
    await checkPage(town, 'rating-followup-rectified');
    // the list says so too
    await town.getByRole('navigation', { name: '位置' }).getByRole('link', { name: '差评整改' }).click();
    await expect(town.getByRole('row').filter({ hasText: c.caseNo })).toContainText('已整改（待复评）');

    // The city: 评价管理, found by the case number, 差评 only
    await workbenchNav(city).getByRole('link', { name: '评价管理' }).click();
    await expect(h1(city)).toHaveText('评价管理');
    await city.getByLabel('办件编号或事项').fill(c.caseNo);
    await city.getByRole('checkbox', { name: '只看差评' }).check();
    await city.getByRole('search', { name: '筛选评价' }).getByRole('button', { name: '查询' }).click();
    await expect(city).toHaveURL(/bad=1/);
    await expect(city.getByRole('status').filter({ hasText: /^共 1 条差评$/ })).toBeVisible();
    const rating = city.getByRole('row').filter({ hasText: c.caseNo });
    await expect(rating).toContainText(ITEM_NAME);
    await expect(rating).toContainText('钢山街道');
    await expect(rating).toContainText('不满意（差评）');
    await expect(rating).toContainText('窗口二维码');
    await expect(rating).toContainText('办理时间长');
    await expect(rating).toContainText('已整改（待复评）');
    await checkPage(city, 'ratings');
    // its 整改状态 leads to the 差评
    await rating.getByRole('link', { name: '已整改（待复评）' }).click();
    await expect(h1(city)).toHaveText(`差评整改 ${c.caseNo}`);

    // On a phone: the lists as cards, the 差评's page
    const phone = await signedInPage(browser, 'gangshan.admin', true);
    await phone.goto('/workbench/rating-followups?status=rectified');
    await expect(h1(phone)).toHaveText('差评整改');
    const card = phone.getByRole('list', { name: '差评整改列表' }).getByRole('listitem').filter({ hasText: c.caseNo });
    await expect(card).toContainText('已整改（待复评）');
    await checkPage(phone, 'rating-followups-phone');
    await card.getByRole('link', { name: `差评 ${c.caseNo}` }).click();
    await expect(h1(phone)).toHaveText(`差评整改 ${c.caseNo}`);
    await checkPage(phone, 'rating-followup-phone');
    await phone.goto(`/workbench/ratings?q=${c.caseNo}`);
    await expect(phone.getByRole('list', { name: '评价列表' }).getByRole('listitem').filter({ hasText: c.caseNo })).toContainText('不满意（差评）');
    await checkPage(phone, 'ratings-phone');
    for (const p of [town, city, phone]) await p.context().close();
  });

  test('(b) the clerk shows the window’s rating QR code of a handled case; a case not yet handled has none', async ({ browser, baseURL }) => {
    test.setTimeout(150_000);
    const c = await takeIn(baseURL!);
    const clerk = await signedInPage(browser, 'gangshan.clerk');
    await clerk.goto(`/workbench/cases/${c.id}`);
    await expect(h1(clerk)).toHaveText(ITEM_NAME);
    await expect(clerk.getByRole('region', { name: '办理操作' }).getByRole('button').first()).toBeVisible();
    await expect(clerk.getByRole('button', { name: '评价二维码' })).toHaveCount(0);

    await handle(baseURL!, c.id);
    await clerk.reload();
    await expect(h1(clerk)).toHaveText(ITEM_NAME);
    await expect(clerk.locator('.case-heading-meta')).toContainText('已办结');
    await clerk.getByRole('button', { name: '评价二维码' }).click();
    const dialog = await settledDialog(clerk.getByRole('dialog', { name: '评价二维码' }));
    const qr = dialog.getByRole('img', { name: `办件 ${c.caseNo} 的评价二维码` });
    await expect(qr).toBeVisible();
    await expect(qr).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(dialog).toContainText(c.caseNo);
    await expect(dialog).toContainText(/请群众扫码评价（\d{4}-\d{2}-\d{2} 前有效）/);
    await expect(dialog).toContainText(/\/rate\?t=[A-Za-z0-9_-]{16,}/);
    await checkPage(clerk, 'rating-qr');
    await dialog.getByRole('button', { name: '关闭' }).last().click();
    await expect(dialog).toBeHidden();
    await clerk.context().close();

    // On a phone the dialog fits the screen
    const phone = await signedInPage(browser, 'gangshan.clerk', true);
    await phone.goto(`/workbench/cases/${c.id}`);
    await phone.getByRole('button', { name: '评价二维码' }).click();
    const small = await settledDialog(phone.getByRole('dialog', { name: '评价二维码' }));
    await expect(small.getByRole('img', { name: `办件 ${c.caseNo} 的评价二维码` })).toBeVisible();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await checkPage(phone, 'rating-qr-phone');
    await phone.context().close();
  });
});
