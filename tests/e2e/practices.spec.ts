/**
 * 典型案例: 钢山街道's administrator writes a practice (its place, summary, text, an item from the
 * catalog, a tag) and a photo with its description, and submits it; the city returns it with its
 * reasons, which the town sees; the town fixes the text and submits it again; the city publishes it.
 * Anyone then finds it on the portal's 典型案例 (by its tag too) and reads it: the text, the photo
 * with its description, the item linking to its guide. axe on the workbench pages and on the portal
 * pages in normal and 长辈版 on a phone (390 px). The picture is drawn by the test, not a photo.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { formatProblems, validateHtml } from '../../scripts/a11y/html-validate.js';
import { pngImage } from '../../src/server/modules/venues/fixtures.js';
import { checkPage } from './axe.js';
import { MODES, PHONE, phonePage, pickRegion, PREFS_KEY, settledDialog, staffSignIn } from './helpers.js';

const SUFFIX = Date.now().toString(36).slice(-5);
const TITLE = `铁山社区“帮办代办+上门服务”试点 ${SUFFIX}`;
const ALT = '代办员上门为老人核验材料（测试用生成图片）';
const REASON = '请补充上门服务的人次和群众评价情况';
const BODY = [
  '铁山社区 60 周岁以上老人较多，不少人行动不便，办理高龄津贴需要家属多次往返为民服务中心。',
  '社区明确 2 名帮办代办员，通过网格员摸排需求，预约上门，现场核验材料并代为提交申请。',
].join('\n');

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function expectValidHtml(page: Page) {
  const problems = await validateHtml(await page.content());
  expect(problems, formatProblems(problems)).toEqual([]);
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function signedInPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await staffSignIn(page, username);
  await expect(page).toHaveURL(/\/workbench$/);
  return page;
}

/** Chooses `option` in the multiple Select named `label` (its popup stays open: closed with Escape). */
async function chooseMany(page: Page, label: string, search: string, option: string | RegExp): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(search);
  const popup = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await popup.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  await box.press('Escape');
  await expect(popup).toBeHidden();
}

test('a town writes and submits a practice; the city returns it, the town fixes it, the city publishes it; the portal shows it', async ({ browser }) => {
  test.setTimeout(240_000);
  const town = await signedInPage(browser, 'gangshan.admin');
  await town.goto('/workbench/practices');
  await expect(h1(town)).toHaveText('典型案例');
  await checkPage(town, 'practices-town-list');
  await expectValidHtml(town);

  // 新建: the form refuses what is missing, then takes the draft
  await town.getByRole('button', { name: '新建典型案例' }).click();
  await expect(h1(town)).toHaveText('新建典型案例');
  // (validated before antd's Select is opened: its popup leaves an ARIA listbox behind, which html-validate flags)
  await expectValidHtml(town);
  await town.getByRole('button', { name: '保存草稿' }).click();
  await expect(town.getByText('请填写标题')).toBeVisible();
  await town.getByLabel('标题').fill(TITLE);
  await pickRegion(town, '所在镇（街道）或村（社区）', ['钢山街道', '铁山社区']);
  await town.getByLabel('摘要').fill('铁山社区组织帮办代办员预约上门，为行动不便的老人代办高龄津贴等事项。');
  await town.getByLabel('正文').fill(BODY);
  await chooseMany(town, '涉及的事项', '高龄津贴', /高龄津贴（申领）/);
  await town.getByRole('checkbox', { name: '帮办代办' }).check();
  await town.getByRole('checkbox', { name: '上门服务' }).check();
  await checkPage(town, 'practice-new-filled');
  await town.getByRole('button', { name: '保存草稿' }).click();
  await expect(h1(town)).toHaveText(TITLE);
  await expect(town.getByText('草稿', { exact: true })).toBeVisible();
  const id = /\/workbench\/practices\/([0-9a-f-]{36})$/.exec(town.url())![1]!;

  // a photo with what it shows
  await town.getByLabel('选择照片').setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: pngImage(640, 480, [22, 163, 74]) });
  await town.getByLabel('照片说明（必填）').fill(ALT);
  await town.getByRole('button', { name: '上传照片' }).click();
  await expect(town.getByRole('img', { name: ALT })).toBeVisible();
  await checkPage(town, 'practice-draft');
  await expectValidHtml(town);

  await town.getByRole('button', { name: '报送市级审核' }).click();
  await expect(town.getByText('当前状态为「已报送」，等待市级审核。')).toBeVisible();

  // the city: its queue, then 退回 with reasons
  const city = await signedInPage(browser, 'admin');
  await city.goto('/workbench/practices?status=submitted');
  await expect(city.getByRole('link', { name: TITLE })).toBeVisible();
  await checkPage(city, 'practices-city-queue');
  await expectValidHtml(city);
  await city.getByRole('link', { name: TITLE }).click();
  await expect(h1(city)).toHaveText(TITLE);
  await expect(city.getByRole('img', { name: ALT })).toBeVisible();
  await checkPage(city, 'practice-review');
  await expectValidHtml(city);
  await city.getByRole('button', { name: '退回' }).click();
  const dialog = await settledDialog(city.getByRole('dialog', { name: '退回案例' }));
  await dialog.getByLabel('退回理由').fill(REASON);
  await checkPage(city, 'practice-return-dialog');
  await dialog.getByRole('button', { name: '确认退回' }).click();
  await expect(dialog).toBeHidden();
  await expect(city.getByText('已退回', { exact: true }).first()).toBeVisible();

  // the town sees the reasons, fixes the text and submits again
  await town.goto('/workbench/practices?status=returned');
  await expect(town.getByText(`退回理由：${REASON}`)).toBeVisible();
  await town.getByRole('link', { name: TITLE }).click();
  await expect(town.getByText(`退回理由：${REASON}`)).toBeVisible();
  await town.getByLabel('正文').fill(`${BODY}\n试点以来上门服务 46 人次，回访满意率 100%。`);
  await town.getByRole('button', { name: '保存修改' }).click();
  await expect(town.getByText('已保存修改')).toBeVisible();
  await town.getByRole('button', { name: '再次报送' }).click();
  await expect(town.getByText('当前状态为「已报送」，等待市级审核。')).toBeVisible();
  await checkPage(town, 'practice-resubmitted');

  // the city publishes it
  await city.goto(`/workbench/practices/${id}`);
  await city.getByRole('button', { name: '审核通过并发布' }).click();
  await expect(city.getByRole('link', { name: '在门户查看' })).toBeVisible();
  await expect(city.getByRole('list').getByText('重新报送')).toBeVisible();

  // anyone: the list (by its tag too) and the practice
  const anon = await (await browser.newContext()).newPage();
  await anon.goto('/practices');
  await expect(h1(anon)).toHaveText('典型案例');
  await expect(anon.getByRole('link', { name: TITLE })).toBeVisible();
  await checkPage(anon, 'practices-public');
  await anon.getByLabel('标签', { exact: true }).selectOption('上门服务');
  await anon.getByRole('button', { name: '筛选' }).click();
  await expect(anon).toHaveURL(/tag=/);
  await expect(anon.getByRole('link', { name: TITLE })).toBeVisible();
  await anon.getByRole('link', { name: TITLE }).click();
  await expect(h1(anon)).toHaveText(TITLE);
  await expect(anon.getByText('试点以来上门服务 46 人次')).toBeVisible();
  await expect(anon.getByRole('img', { name: ALT })).toBeVisible();
  const guide = anon.getByRole('region', { name: '涉及的事项' }).getByRole('link', { name: /高龄津贴/ });
  await expect(guide).toHaveAttribute('href', /^\/items\/\d{14}$/);
  await checkPage(anon, 'practice-public');
  // its photo is public now
  const src = await anon.getByRole('img', { name: ALT }).getAttribute('src');
  expect((await anon.request.get(src!)).status()).toBe(200);

  // in both modes: at 100 % and 200 % zoom (1280×800 laid out as 640×400), and on a phone (390 px):
  // no sideways scrolling, valid HTML, axe clean
  for (const mode of MODES) {
    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await desk.addInitScript(
      ([key, elder]) => window.localStorage.setItem(key as string, JSON.stringify({ elder, font: 1, contrast: false, bigCursor: false, rate: 'normal' })),
      [PREFS_KEY, mode === 'elder'] as const,
    );
    const phone = await phonePage(browser, mode);
    for (const [path, name] of [['/practices', 'list'], [`/practices/${id}`, 'page']] as const) {
      const heading = name === 'list' ? '典型案例' : TITLE;
      await desk.setViewportSize({ width: 1280, height: 800 });
      await desk.goto(path);
      await expect(h1(desk)).toHaveText(heading);
      if (mode === 'elder') await expect(desk.locator('html')).toHaveAttribute('data-elder', 'on');
      else await expect(desk.locator('html')).not.toHaveAttribute('data-elder', 'on');
      await checkPage(desk, `practices-${name}-${mode}-100`);
      await expectValidHtml(desk);
      await desk.setViewportSize({ width: 640, height: 400 });
      await desk.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      expect(await sideways(desk)).toBeLessThanOrEqual(0);
      await checkPage(desk, `practices-${name}-${mode}-200`);

      await phone.goto(path);
      await expect(h1(phone)).toHaveText(heading);
      expect(await sideways(phone)).toBeLessThanOrEqual(0);
      await checkPage(phone, `practices-${name}-phone-${mode}`);
    }
    await desk.context().close();
    await phone.context().close();
  }

  // the workbench on a phone: the list as cards and the practice, without sideways scrolling
  const mobile = await (await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await staffSignIn(mobile, 'gangshan.admin');
  await expect(mobile).toHaveURL(/\/workbench$/);
  for (const [path, heading] of [['/workbench/practices', '典型案例'], [`/workbench/practices/${id}`, TITLE]] as const) {
    await mobile.goto(path);
    await expect(h1(mobile)).toHaveText(heading);
    await expect(mobile.getByRole('link', { name: TITLE }).or(mobile.getByRole('link', { name: '在门户查看' }))).toBeVisible();
    expect(await sideways(mobile)).toBeLessThanOrEqual(0);
    await checkPage(mobile, `practices-workbench-phone-${heading === TITLE ? 'page' : 'list'}`);
  }
});
