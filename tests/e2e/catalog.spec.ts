import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { PHONE } from './helpers.js';

/** 最低生活保障申请受理: the village-level row of the demonstration catalog. */
const DIBAO_VILLAGE = '37200150100001';
/** 最低生活保障（新申请）: a town-level row. */
const DIBAO_TOWN = '37050100100001';
const MENGZHUANG = '370883001004';
const BEIGUAN = '370883001005';
/** 龙山社区 has not entered its station's phone: the guide falls back to the catalog's number. */
const LONGSHAN = '370883001013';
const GANGSHAN = '370883001';

/** Matches the guide API call for one item at one place (and nothing else, not its QR code). */
const guideApi = (code: string, region: string) => (url: URL) => url.pathname === `/api/v1/items/${code}` && url.searchParams.get('region') === region;

const results = (page: Page) => page.getByRole('list', { name: /搜索结果|全部事项/ });
const resultLinks = (page: Page) => results(page).locator(':scope > li h3 a');
const countStatus = (page: Page) => page.locator('.results__count');

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'page scrolls sideways').toBeLessThanOrEqual(0);
}

/** Opens the place picker on the page (or inside `scope`) and chooses a town and, optionally, a village. */
async function choosePlace(page: Page, town: string, village?: string, opener: string | RegExp = /选择所在镇村|更换地点|选择办理地点|选择其他办理地点/) {
  const toggle = page.getByRole('button', { name: opener }).first();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByLabel('镇（街道）', { exact: true }).selectOption({ label: town });
  if (village) await page.getByLabel('村（社区）', { exact: true }).selectOption({ label: village });
  await page.getByRole('button', { name: '确定', exact: true }).click();
}

test.describe('service catalog on a phone', () => {
  test.use(PHONE);

  test('(a) search dibao from the home page, choose 孟庄社区, open the guide, answer a situation, download a blank form', async ({ page }) => {
    await page.goto('/');
    const entry = page.getByRole('region', { name: '办事搜索' });
    await expect(entry.getByRole('search')).toBeVisible();
    await expect(entry.getByRole('searchbox', { name: '搜索办事事项' })).toHaveAttribute('placeholder', /低保.*生孩子.*dibao/);
    // Quick filters and life-event themes are real links into the results page.
    await expect(entry.getByRole('link', { name: '全程网办' })).toHaveAttribute('href', '/items?quick=fullyOnline');
    await expect(entry.getByRole('list', { name: '个人办事' }).getByRole('link', { name: /社会救助/ })).toBeVisible();
    await expect(entry.getByRole('list', { name: '法人办事' }).getByRole('link', { name: /设立变更/ })).toBeVisible();
    await expect(entry.getByRole('link', { name: '目录调整公示' })).toHaveAttribute('href', '/notices');
    await noHorizontalScroll(page);
    await checkPage(page, 'home-search-phone');

    await entry.getByRole('searchbox', { name: '搜索办事事项' }).fill('dibao');
    await entry.getByRole('button', { name: '搜索', exact: true }).click();
    await expect(page).toHaveURL(/\/items\?q=dibao$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('办事搜索');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page).toHaveTitle(/“dibao”的搜索结果/);
    await expect(countStatus(page)).toHaveText(/^共找到 \d+ 个事项/);
    await expect(countStatus(page)).toHaveAttribute('aria-live', 'polite');
    await expect(page.getByText('已为您同时搜索：最低生活保障')).toBeVisible();
    // The matched characters are marked in the names.
    const first = resultLinks(page).first();
    await expect(first).toContainText('最低生活保障');
    await expect(first.locator('mark')).toHaveText('最低生活保障');
    await expect(resultLinks(page).filter({ hasText: '最低生活保障申请受理' })).toHaveCount(1);
    // Tags are words, not colours.
    await expect(results(page).locator(':scope > li').first().getByRole('list', { name: '办理方式' })).toContainText('最多跑一次');
    await noHorizontalScroll(page);
    await checkPage(page, 'search-dibao-phone');

    // The place: 钢山街道 → 孟庄社区 narrows the search to what the community's station does.
    await choosePlace(page, '钢山街道', '孟庄社区');
    await expect(page).toHaveURL(new RegExp(`region=${MENGZHUANG}`));
    await expect(countStatus(page)).toHaveText('共找到 1 个孟庄社区可办的事项');
    await expect(page.getByText('当前地点：孟庄社区（钢山街道）')).toBeVisible();
    await expect(page.getByRole('link', { name: '钢山街道的事项' })).toBeVisible();
    await expect(resultLinks(page)).toHaveCount(1);
    await checkPage(page, 'search-mengzhuang-phone');

    await resultLinks(page).first().click();
    await expect(page).toHaveURL(`/items/${DIBAO_VILLAGE}?region=${MENGZHUANG}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('最低生活保障申请受理');
    await expect(page).toHaveTitle(/最低生活保障申请受理办事指南/);

    // The community's own details come first.
    const local = page.getByRole('region', { name: '在孟庄社区办理' });
    await expect(local).toContainText('孟庄社区党群服务中心便民服务站');
    await expect(local.getByRole('link', { name: '0537-5501004' })).toHaveAttribute('href', 'tel:05375501004');
    await expect(local.getByRole('link', { name: '0537-12345' })).toHaveAttribute('href', 'tel:053712345');
    await expect(local).toContainText('村受理、镇办结');
    await expect(local).toContainText('刘桂芝（帮办代办员）');
    await expect(local.getByRole('link', { name: '13905370006' })).toHaveAttribute('href', 'tel:13905370006');
    await expect(local).not.toContainText('以实际为准，可电话咨询');
    await expect(page.getByRole('navigation', { name: '本页目录' }).getByRole('link', { name: '申请材料' })).toHaveAttribute('href', '#materials');

    // 情形引导: the proxy's papers appear only when someone else applies.
    const materials = page.getByRole('region', { name: '申请材料' });
    const list = materials.getByRole('list', { name: '材料清单' });
    await expect(list.getByRole('heading', { name: /授权委托书/ })).toHaveCount(0);
    await expect(materials.getByRole('status')).toContainText('目前列出 4 项人人都要准备的材料');
    // The demo's licence library is connected: signed out, a licence-linked material says a licence
    // may stand in (登录后查看); 可免提交 is claimed only to a signed-in citizen who holds it.
    await expect(list.getByText('可使用电子证照（登录后查看您是否已有）').first()).toBeVisible();
    await expect(list.getByText(/已关联电子证照（/)).toHaveCount(0);
    const proxy = materials.getByRole('group', { name: /是否委托他人代为办理/ });
    await proxy.getByRole('radio', { name: '委托家属或帮办代办员办理' }).check();
    await expect(materials.getByRole('status')).toContainText('根据您的回答，需要准备 6 项材料');
    await expect(list.getByRole('heading', { name: /授权委托书/ })).toBeVisible();
    await expect(list.getByRole('heading', { name: /受托人居民身份证/ })).toBeVisible();
    await proxy.getByRole('radio', { name: '本人办理' }).check();
    await expect(list.getByRole('heading', { name: /授权委托书/ })).toHaveCount(0);
    await proxy.getByRole('radio', { name: '委托家属或帮办代办员办理' }).check();
    await noHorizontalScroll(page);
    await checkPage(page, 'guide-mengzhuang-phone');

    // The blank form: a real .xlsx named after the material.
    const downloadLink = list.getByRole('link', { name: '下载空白表格：授权委托书' });
    await downloadLink.scrollIntoViewIfNeeded();
    const [download] = await Promise.all([page.waitForEvent('download'), downloadLink.click()]);
    expect(download.suggestedFilename()).toContain('授权委托书');
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await readFile((await download.path())!);
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  test('the remembered place scopes the home page, the search and a guide without a place', async ({ page }) => {
    await page.goto('/');
    const entry = page.getByRole('region', { name: '办事搜索' });
    await choosePlace(page, '钢山街道', '孟庄社区');
    await expect(entry.getByText('当前地点：孟庄社区（钢山街道）')).toBeVisible();
    await expect(entry.getByRole('status')).toHaveText('已选择孟庄社区（钢山街道）');
    // Remembered across a reload.
    await page.reload();
    await expect(page.getByRole('region', { name: '办事搜索' }).getByText('当前地点：孟庄社区（钢山街道）')).toBeVisible();
    await expect(page.getByRole('region', { name: '办事搜索' }).getByRole('link', { name: '全程网办' })).toHaveAttribute('href', `/items?region=${MENGZHUANG}&quick=fullyOnline`);

    // The header's 办事搜索 opens the catalog of the remembered place.
    await page.getByRole('navigation', { name: '栏目' }).getByRole('link', { name: '办事搜索' }).click();
    await expect(page).toHaveURL(`/items?region=${MENGZHUANG}`);
    await expect(countStatus(page)).toHaveText(/^共找到 \d+ 个孟庄社区可办的事项/);
    await expect(page.getByRole('heading', { level: 2, name: '全部事项' })).toBeVisible();

    // A guide opened without a place offers the remembered one instead of guessing.
    await page.goto(`/items/${DIBAO_VILLAGE}`);
    await expect(page.getByText('通用办事指南（未选择办理地点）')).toBeVisible();
    const local = page.getByRole('region', { name: '办理地点与电话' });
    await expect(local).not.toContainText('{villageName}');
    await local.getByRole('link', { name: '查看孟庄社区的办理地点和电话' }).click();
    await expect(page).toHaveURL(`/items/${DIBAO_VILLAGE}?region=${MENGZHUANG}`);
    await expect(page.getByRole('heading', { level: 2, name: '在孟庄社区办理' })).toBeVisible();

    // Clearing goes back to the whole city.
    await page.goto('/items');
    await page.getByRole('button', { name: '更换地点' }).click();
    await page.getByRole('button', { name: '清除，查看全市' }).click();
    await expect(page).toHaveURL('/items');
    await expect(countStatus(page)).toHaveText(/^共找到 420 个事项/);
    await expect(page.getByText('当前地点：全市（未选择镇村）')).toBeVisible();
  });

  test('(e) every catalog page at 390 px: no sideways scrolling, no axe violations', async ({ page }) => {
    const notices = await (await page.request.get('/api/v1/catalog-notices')).json();
    for (const [name, url] of [
      ['search-browse-phone', '/items'],
      ['search-empty-phone', '/items?q=qqxxzzkk'],
      ['guide-longshan-phone', `/items/${DIBAO_VILLAGE}?region=${LONGSHAN}`],
      ['guide-general-phone', `/items/${DIBAO_TOWN}`],
      ['notices-phone', '/notices'],
      ['notice-phone', `/notices/${notices.items[0].id}`],
    ] as const) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.getByRole('status').filter({ hasText: /正在/ })).toHaveCount(0);
      await noHorizontalScroll(page);
      await checkPage(page, name);
    }
  });
});

test.describe('service catalog on a desktop', () => {
  test('(b) colloquial words, nonsense, quick filters, facets, paging and the back button', async ({ page }) => {
    await page.goto('/items?q=生孩子');
    await expect(page.getByText('已为您同时搜索：生育登记')).toBeVisible();
    await expect(resultLinks(page).filter({ hasText: '生育登记（新办）' })).toHaveCount(1);
    // 生育登记 (town: 新办, 信息变更; village: 代办) and 生育医疗费用报销 (生孩子报销)
    await expect(resultLinks(page)).toHaveCount(4);
    await checkPage(page, 'search-shenghaizi');

    // 全程网办 is a toggle button: pressed, the list narrows to fully online items.
    const fullyOnline = page.getByRole('button', { name: '全程网办', exact: true });
    await expect(fullyOnline).toHaveAttribute('aria-pressed', 'false');
    await fullyOnline.click();
    await expect(fullyOnline).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/quick=fullyOnline/);
    await expect(resultLinks(page)).toHaveCount(3);
    await expect(resultLinks(page).filter({ hasText: '生育登记代办' })).toHaveCount(0);
    for (const card of await results(page).locator(':scope > li').all()) await expect(card.getByRole('list', { name: '办理方式' })).toContainText('全程网办');
    await checkPage(page, 'search-fully-online');
    // Back restores the previous list.
    await page.goBack();
    await expect(page).not.toHaveURL(/quick=/);
    await expect(resultLinks(page)).toHaveCount(4);
    await expect(page.getByRole('button', { name: '全程网办', exact: true })).toHaveAttribute('aria-pressed', 'false');

    // Nonsense: 没有找到…, suggestions that search, tips and a phone number.
    await page.getByRole('searchbox', { name: '搜索办事事项' }).fill('qqxxzzkk');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await expect(page).toHaveURL(/q=qqxxzzkk/);
    await expect(countStatus(page)).toHaveText('没有找到与“qqxxzzkk”相关的事项');
    await expect(page.getByText('没有找到与“qqxxzzkk”相关的事项。')).toBeVisible();
    const suggestions = page.getByRole('list', { name: '您可以试试搜索：' });
    await expect(suggestions.getByRole('link').first()).toBeVisible();
    await expect(page.getByText('可以试试拼音或拼音首字母')).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: '0537-12345' })).toHaveAttribute('href', 'tel:053712345');
    await checkPage(page, 'search-empty');
    await suggestions.getByRole('link', { name: '低保', exact: true }).click();
    await expect(page).toHaveURL(/q=%E4%BD%8E%E4%BF%9D/);
    await expect(page.getByRole('searchbox', { name: '搜索办事事项' })).toHaveValue('低保');
    await expect(resultLinks(page).first()).toBeVisible();

    // Browse everything; filter by level, audience, department and theme (with counts).
    await page.goto('/items');
    await expect(countStatus(page)).toHaveText(/^共找到 420 个事项，当前第 1 页/);
    // (Radios apply at once: click, then the new address checks the chosen one.)
    await page.getByRole('group', { name: '事项层级' }).getByRole('radio', { name: '村居事项' }).click();
    await expect(page.getByRole('group', { name: '事项层级' }).getByRole('radio', { name: '村居事项' })).toBeChecked();
    await expect(page).toHaveURL(/level=village/);
    await expect(countStatus(page)).toHaveText(/^共找到 62 个事项/);
    const department = page.getByLabel('主管部门');
    await expect(department.locator('option', { hasText: '邹城市民政局' })).toHaveText(/邹城市民政局（\d+ 项）/);
    await department.selectOption({ label: (await department.locator('option', { hasText: '邹城市民政局' }).textContent())! });
    await expect(page).toHaveURL(/department=/);
    await expect(page.getByRole('button', { name: '取消条件：邹城市民政局' })).toBeVisible();
    await page.getByRole('button', { name: '清除全部筛选' }).click();
    await expect(page).toHaveURL('/items');
    await page.getByRole('group', { name: '办事对象' }).getByRole('radio', { name: '法人办事' }).click();
    await expect(page.getByRole('group', { name: '办事对象' }).getByRole('radio', { name: '法人办事' })).toBeChecked();
    await expect(page).toHaveURL(/audience=business/);
    const theme = page.getByLabel('服务主题');
    await expect(theme.locator('optgroup[label="法人办事"] option').first()).toHaveText(/（\d+ 项）$/);

    // Paging by keyboard: focus lands on the results heading.
    await page.goto('/items');
    const pager = page.getByRole('navigation', { name: '搜索结果分页' });
    await expect(pager).toContainText('第 1 页，共 21 页');
    await pager.getByRole('link', { name: '下一页' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL('/items?page=2');
    await expect(countStatus(page)).toHaveText(/当前第 2 页/);
    await expect(page.getByRole('heading', { level: 2, name: '全部事项' })).toBeFocused();
    await expect(pager.getByText('第 2 页（当前）')).toBeVisible();
    await checkPage(page, 'search-browse-page-2');

    // Quick-filter chips also work from the keyboard (Space on a button).
    const mobile = page.getByRole('button', { name: '掌上办', exact: true });
    await mobile.focus();
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: '掌上办', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/quick=mobile/);
  });

  test('guide: another place, places that cannot show the item, catalog defaults, QR and link', async ({ page, context }) => {
    // 龙山社区 has not entered its phone: the catalog's number shows, marked as such.
    await page.goto(`/items/${DIBAO_VILLAGE}?region=${LONGSHAN}`);
    const local = page.getByRole('region', { name: '在龙山社区办理' });
    await expect(local.getByRole('link', { name: '0537-5221370' })).toBeVisible();
    await expect(local).toContainText('（目录默认信息，以实际为准，可电话咨询）');
    await checkPage(page, 'guide-longshan');

    // Switch to 北关社区 (a village item needs a village).
    await page.getByRole('button', { name: '选择其他办理地点' }).click();
    await page.getByLabel('镇（街道）', { exact: true }).selectOption({ label: '钢山街道' });
    await page.getByRole('button', { name: '确定', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('这个事项在村（社区）便民服务站办理，请选择村（社区）');
    await expect(page.getByLabel('村（社区）', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('村（社区）', { exact: true }).selectOption({ label: '北关社区' });
    await page.getByRole('button', { name: '确定', exact: true }).click();
    await expect(page).toHaveURL(`/items/${DIBAO_VILLAGE}?region=${BEIGUAN}`);
    await expect(page.getByRole('heading', { level: 2, name: '在北关社区办理' })).toBeVisible();

    // A place whose list leaves the item out: a plain message and another place to choose.
    await page.route(guideApi(DIBAO_VILLAGE, MENGZHUANG), (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'ITEM_NOT_IN_LIST', message: '孟庄社区未实施该事项' } }) }),
    );
    await page.goto(`/items/${DIBAO_VILLAGE}?region=${MENGZHUANG}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('最低生活保障申请受理');
    await expect(page.getByRole('alert')).toContainText('孟庄社区（钢山街道）不办理这个事项。');
    await expect(page.getByRole('link', { name: '查看通用办事指南' })).toHaveAttribute('href', `/items/${DIBAO_VILLAGE}`);
    await checkPage(page, 'guide-not-in-list');
    await page.getByLabel('镇（街道）', { exact: true }).selectOption({ label: '钢山街道' });
    await page.getByLabel('村（社区）', { exact: true }).selectOption({ label: '北关社区' });
    await page.getByRole('button', { name: '确定', exact: true }).click();
    await expect(page).toHaveURL(`/items/${DIBAO_VILLAGE}?region=${BEIGUAN}`);
    await expect(page.getByRole('heading', { level: 2, name: '在北关社区办理' })).toBeVisible();

    // A list not yet published.
    const unpublished = guideApi(DIBAO_TOWN, GANGSHAN);
    await page.route(unpublished, (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'LIST_NOT_PUBLISHED', message: '钢山街道的实施清单尚未发布' } }) }),
    );
    await page.goto(`/items/${DIBAO_TOWN}?region=${GANGSHAN}`);
    await expect(page.getByRole('alert')).toContainText('钢山街道的事项清单还没有公布');

    // A town item asked for at a village: it is done at the town — one link away.
    await page.goto(`/items/${DIBAO_TOWN}?region=${BEIGUAN}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('最低生活保障（新申请）');
    await expect(page.getByRole('alert')).toContainText('这个事项在镇（街道）办理');
    await page.unroute(unpublished);
    await page.getByRole('link', { name: '到所属镇（街道）办理：查看当地办事指南' }).click();
    await expect(page).toHaveURL(`/items/${DIBAO_TOWN}?region=${GANGSHAN}`);
    await expect(page.getByRole('heading', { level: 2, name: '在钢山街道办理' })).toBeVisible();
    await expect(page.getByRole('region', { name: '在钢山街道办理' })).toContainText('钢山街道为民服务中心');

    // An unknown item.
    await page.goto('/items/37999999999901');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这个事项');
    await checkPage(page, 'guide-not-found');

    // QR code and link.
    await page.goto(`/items/${DIBAO_TOWN}?region=${GANGSHAN}`);
    const qrButton = page.getByRole('button', { name: '二维码' });
    await qrButton.click();
    await expect(page.getByRole('button', { name: '收起二维码' })).toHaveAttribute('aria-expanded', 'true');
    const qr = page.getByRole('img', { name: /本办事指南的二维码/ });
    await expect(qr).toBeVisible();
    await expect(qr).toHaveAttribute('alt', new RegExp(`/items/${DIBAO_TOWN}\\?region=${GANGSHAN}`));
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const svg = await page.request.get(`/api/v1/items/${DIBAO_TOWN}/qr.svg?region=${GANGSHAN}`);
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: '复制链接' }).click();
    await expect(page.getByRole('status').filter({ hasText: '链接已复制' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`/items/${DIBAO_TOWN}\\?region=${GANGSHAN}$`));
    // Another website is linked only at an https address of the item's own page (a text link named
    // 到…办理（外部网站，在新窗口打开）, apart from the buttons); the demo's 网办地址 is the province's
    // front page over http, so there is no link to it at all, and 在线申请 is the one way to apply.
    await expect(page.getByRole('link', { name: /外部网站/ })).toHaveCount(0);
    await expect(page.locator('a[href*="zwfw.sd.gov.cn"]')).toHaveCount(0);
    await expect(page.getByRole('link', { name: /在线申请/ })).toHaveCount(1);
    await checkPage(page, 'guide-gangshan-qr');
  });

  test('(c) the printed guide: no header, navigation or buttons; the materials and every FAQ answer', async ({ page }) => {
    await page.goto(`/items/${DIBAO_VILLAGE}?region=${MENGZHUANG}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('最低生活保障申请受理');
    await page.getByRole('radio', { name: '委托家属或帮办代办员办理' }).check();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header')).toBeHidden();
    await expect(page.locator('footer')).toBeHidden();
    for (const nav of await page.locator('nav').all()) await expect(nav).toBeHidden();
    await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
    await expect(page.getByRole('link', { name: /下载空白表格/ }).first()).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '申请材料' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 4, name: /最低生活保障申请书/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 4, name: /授权委托书/ })).toBeVisible();
    await expect(page.getByText('答：村里受理后 3 个工作日内报送镇（街道）')).toBeVisible();
    await expect(page.getByText('手机扫码查看本办事指南')).toBeVisible();
    await expect(page.getByText('0537-5501004').first()).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'test-results/e2e/screens/guide-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('header')).toBeVisible();
  });

  test('(d) notices: the list and one notice with its 新增 items', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('region', { name: '办事搜索' }).getByRole('link', { name: '目录调整公示' }).click();
    await expect(page).toHaveURL('/notices');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('目录调整公示');
    await expect(page.getByRole('status')).toHaveText('共 2 条公示');
    await expect(page.getByRole('heading', { level: 2 })).toHaveCount(2);
    await checkPage(page, 'notices');

    await page.getByRole('link', { name: /邹城市村（社区）便民服务事项指导目录/ }).click();
    await expect(page).toHaveURL(/\/notices\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('关于发布《邹城市村（社区）便民服务事项指导目录（演示版）》的公示');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page.getByText('生效日期')).toBeVisible();
    await expect(page.getByRole('region', { name: '公示内容' })).toContainText('第 1 版自');
    const added = page.getByRole('list', { name: '新增事项（62 项）' });
    await expect(added.getByRole('listitem')).toHaveCount(30);
    const more = page.getByRole('button', { name: '显示全部 62 项新增事项' });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await checkPage(page, 'notice');
    await more.click();
    await expect(added.getByRole('listitem')).toHaveCount(62);
    await expect(page.getByRole('button', { name: '只显示前 30 项' })).toHaveAttribute('aria-expanded', 'true');

    // Each added item links to its guide.
    await added.getByRole('link', { name: '最低生活保障申请受理' }).click();
    await expect(page).toHaveURL(`/items/${DIBAO_VILLAGE}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('最低生活保障申请受理');

    await page.goto('/notices/00000000-0000-4000-8000-000000000000');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这条公示');
  });

  test('(e) every catalog page on a desktop: one h1, no axe violations', async ({ page }) => {
    await page.goto('/');
    await checkPage(page, 'home-search-desktop');
    for (const [name, url] of [
      ['search-browse-desktop', '/items'],
      ['search-desktop', `/items?q=dibao&region=${MENGZHUANG}`],
      ['guide-desktop', `/items/${DIBAO_VILLAGE}?region=${MENGZHUANG}`],
      ['guide-general-desktop', `/items/${DIBAO_TOWN}`],
    ] as const) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.getByRole('status').filter({ hasText: /正在/ })).toHaveCount(0);
      await checkPage(page, name);
    }

    // Zoomed: 200 % of a 1280 px window is 640 CSS px, 400 % is 320 — the pages reflow, nothing scrolls sideways.
    for (const width of [640, 320]) {
      await page.setViewportSize({ width, height: 800 });
      for (const url of ['/', '/items?q=dibao', `/items/${DIBAO_VILLAGE}?region=${MENGZHUANG}`, '/notices']) {
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.getByRole('status').filter({ hasText: /正在/ })).toHaveCount(0);
        await noHorizontalScroll(page);
      }
    }
  });
});
