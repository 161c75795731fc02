/**
 * Issue 12 §3 on a 390 × 844 phone: 长辈版 is its own design, not the normal page enlarged — a
 * short home of big picture tiles with one-tap 电话求助 and 请家人或帮办员代办, a guide that answers
 * what to bring, where, when and how long with the rest behind one 更多内容 button — and the chrome
 * is compact in both modes: the toolbar and the header are one line each, the first search result
 * and an application's first question are in the first screen. Axe runs on each new page state.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { citizenApiSignIn, PHONE } from './helpers.js';
import { DIBAO_TOWN, GANGSHAN } from './routes.js';

const PREFS_KEY = 'bianmin.a11y';
const GUIDE = `/items/${DIBAO_TOWN}?region=${GANGSHAN}`;
const SCREEN = PHONE.viewport.height;

test.use(PHONE);

async function setMode(page: Page, mode: 'normal' | 'elder'): Promise<void> {
  await page.goto('/accessibility');
  await page.evaluate(
    ([key, elder]) => window.localStorage.setItem(key as string, JSON.stringify({ elder, font: 1, contrast: false, bigCursor: false, rate: 'normal' })),
    [PREFS_KEY, mode === 'elder'] as const,
  );
}

const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);
const heightOf = (page: Page, selector: string) => page.locator(selector).first().evaluate((e) => e.getBoundingClientRect().height);
const topOf = (page: Page, selector: string) => page.locator(selector).first().evaluate((e) => e.getBoundingClientRect().top + window.scrollY);

/** A valid 邹城市 ID number (GB 11643 check character), born 1950–1959: new on every run. */
function idNumber(): string {
  const n = Date.now() * 1000 + Math.floor(Math.random() * 1000);
  const birth = new Date(Date.UTC(1950, 0, 1) + (n % 3650) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `370883${birth}${String(Math.floor(n / 3650) % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

test('长辈版 home: big tiles, 电话求助 and 请人代办 first; shorter than the normal home despite its bigger text', async ({ page }) => {
  await setMode(page, 'normal');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '镇（街道）与村（社区）目录' })).toBeVisible();
  const normalHeight = await pageHeight(page);

  await setMode(page, 'elder');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
  const services = page.getByRole('region', { name: '常用服务' });
  await expect(services.getByRole('link')).toHaveCount(8);
  await expect(services.getByRole('link', { name: /高龄津贴/ })).toHaveAttribute('href', `/items?q=${encodeURIComponent('高龄津贴')}`);
  // Every tile has its picture (decoration, hidden from screen readers).
  await expect(services.locator('svg[aria-hidden="true"]')).toHaveCount(8);
  const help = page.getByRole('region', { name: '找人帮忙' });
  await expect(help.getByRole('link', { name: /电话求助/ })).toHaveAttribute('href', 'tel:053712345');
  // The normal home's long parts are one switch away, not on the elder home.
  await expect(page.getByRole('heading', { name: '镇（街道）与村（社区）目录' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '个人办事' })).toHaveCount(0);
  const elderHeight = await pageHeight(page);
  expect(elderHeight, `elder home ${elderHeight}px vs normal ${normalHeight}px`).toBeLessThan(normalHeight);
  // Two tiles a row on a phone.
  const [a, b] = await services.getByRole('listitem').evaluateAll((li) => li.slice(0, 2).map((e) => e.getBoundingClientRect().top));
  expect(a).toBe(b);
  await checkPage(page, 'elder-home-phone');

  await help.getByRole('link', { name: /请家人或帮办员代办/ }).click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('请家人或帮办员代办');
  await expect(page.getByRole('heading', { name: '请帮办员代办（不收费）' })).toBeVisible();
  await checkPage(page, 'help-elder-phone');
});

test('长辈版 guide: what to bring, where, how long first; the rest behind 更多内容, and paper gets all of it', async ({ page }) => {
  await setMode(page, 'normal');
  await page.goto(GUIDE);
  await expect(page.getByRole('heading', { level: 2, name: '受理条件' })).toBeVisible();
  const normalHeight = await pageHeight(page);

  await setMode(page, 'elder');
  await page.goto(GUIDE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('最低生活保障（新申请）');
  for (const name of ['要带什么', '在钢山街道办理', '多久办好']) await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(page.getByRole('link', { name: '在线申请' })).toBeVisible();
  await expect(page.getByRole('link', { name: '打电话问' })).toHaveAttribute('href', /^tel:\d+$/);
  // Materials are their names and what to bring; the details open under 详细要求.
  await expect(page.getByRole('heading', { level: 4, name: /居民身份证/ })).toBeVisible();
  await expect(page.getByText('详细要求').first()).toBeVisible();
  await expect(page.locator('.material__facts:visible')).toHaveCount(0);

  const conditions = page.getByRole('heading', { level: 2, name: '受理条件' });
  await expect(conditions).toBeHidden();
  const elderHeight = await pageHeight(page);
  expect(elderHeight, `elder guide ${elderHeight}px vs normal ${normalHeight}px`).toBeLessThan(normalHeight * 0.75);
  await checkPage(page, 'elder-guide-phone');

  // Paper: the whole guide, 更多内容 or not.
  await page.emulateMedia({ media: 'print' });
  await expect(conditions).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  const more = page.getByRole('button', { name: /更多内容/ });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expect(conditions).toBeVisible();
  for (const name of ['办理流程', '设定依据', '基本信息']) await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await checkPage(page, 'elder-guide-more-phone');
});

for (const mode of ['normal', 'elder'] as const) {
  test(`(${mode}) compact phone chrome: one-line toolbar and header, the first result and the first question in the first screen`, async ({ page }) => {
    await setMode(page, mode);
    await page.goto('/items?q=dibao');
    await expect(page.locator('.result-list .result').first()).toBeVisible();
    // One line each: a row of 44 px (60 px in 长辈版) buttons and its padding.
    expect(await heightOf(page, '.a11y-bar')).toBeLessThan(mode === 'elder' ? 80 : 64);
    expect(await heightOf(page, '.portal-header')).toBeLessThan(mode === 'elder' ? 80 : 64);
    const toolbar = page.getByRole('region', { name: '无障碍工具' });
    // The longer words are still the buttons' names.
    await expect(toolbar.getByRole('button', { name: '无障碍工具' })).toBeVisible();
    const firstResult = await topOf(page, '.result-list .result .result__title');
    expect(firstResult, 'first result title').toBeLessThan(SCREEN - 40);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    // A citizen new on every run (so no open case pushes the form down), with a real-name profile.
    const phone = `136${String(Date.now() % 100_000_000).padStart(8, '0')}`;
    await citizenApiSignIn(page.request, phone);
    const csrf = (await page.context().cookies()).find((c) => c.name === 'bm_csrf')?.value ?? '';
    const saved = await page.request.put('/api/v1/me/profile', { data: { name: mode === 'elder' ? '颜秀珍' : '孟庆和', idNumber: idNumber(), address: '' }, headers: { 'x-csrf-token': csrf } });
    expect(saved.ok(), await saved.text()).toBe(true);

    await page.goto(`/apply/37050100600001?region=${GANGSHAN}`);
    const firstQuestion = page.locator('.apply-card :is(input:not([type="hidden"]), textarea, select)').first();
    await expect(firstQuestion).toBeVisible();
    const top = await firstQuestion.evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    expect(top, 'first question').toBeLessThan(SCREEN - 40);
    await checkPage(page, `apply-first-screen-${mode}`);
  });
}
