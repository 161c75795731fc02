/**
 * 一件事 on the public portal (issue 16, browsing and the theme guide): a citizen, signed out,
 * finds 一件事 from the home page, filters 出生, opens 出生一件事 and sees its items and the
 * deduplicated materials; the situation questions of a theme that has them change which items
 * apply; the pages in 长辈版 and on a 390 px phone.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkPage, screenshot } from './axe.js';
import { PHONE, PREFS_KEY } from './helpers.js';
import { GANGSHAN } from './routes.js';

interface ThemeDetail {
  code: string;
  name: string;
  questions: { key: string; text: string; options: { value: string; label: string }[] }[];
  items: { code: string; name: string; when: { question: string; anyOf: string[] } | null }[];
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const elderOn = (page: Page) =>
  page.addInitScript((key) => window.localStorage.setItem(key, JSON.stringify({ elder: true, font: 1, contrast: false, bigCursor: false, rate: 'normal' })), PREFS_KEY);

test.describe('一件事 (public pages)', () => {
  test('from the home page: filter 出生, open 出生一件事, its items and the materials asked once', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('region', { name: '网上办事' }).getByRole('link', { name: /一件事/ }).click();
    await expect(page).toHaveURL(/\/themes$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('一件事');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    // 个人 is where the list starts: its life events, each with its count.
    await expect(page.getByRole('navigation', { name: '办事对象' }).getByRole('link', { name: '个人办事' })).toHaveAttribute('aria-current', 'true');
    const chips = page.getByRole('list', { name: '按人生阶段' });
    const birthChip = chips.getByRole('link', { name: /^出生\s*\d/ });
    await expect(birthChip).toContainText(/出生\s*\d+/);
    await checkPage(page, 'themes-person');

    // 出生: the address says so (shareable, and the back button returns to 全部).
    await birthChip.click();
    await expect(page).toHaveURL(/\/themes\?category=birth$/);
    await expect(birthChip).toHaveAttribute('aria-current', 'true');
    await expect(page.getByRole('heading', { level: 2, name: '出生的一件事' })).toBeVisible();
    const cards = page.getByRole('list', { name: '出生的一件事' }).getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
    await expect(cards).toHaveCount(1);
    const card = cards.first();
    await expect(card.getByRole('heading', { level: 3 })).toHaveText('出生一件事');
    // (the colon after each term is drawn by CSS)
    await expect(card).toContainText(/牵头部门\s*邹城市卫生健康局/);
    await expect(card).toContainText(/承诺时限\s*\d+ 个工作日/);
    await expect(card.getByRole('list', { name: /包含 7 个事项/ }).getByRole('listitem')).toHaveCount(7);
    await expect(card).toContainText('社会保障卡申领');

    // 企业 has its own stages; the back button brings 出生 back.
    await page.getByRole('link', { name: '企业办事' }).click();
    await expect(page).toHaveURL(/\/themes\?subject=enterprise$/);
    await expect(page.getByRole('heading', { level: 2, name: '按企业经营阶段' })).toBeVisible();
    await expect(page.getByRole('list', { name: '按企业经营阶段' })).toContainText('开办');
    await page.goBack();
    await expect(page).toHaveURL(/\/themes\?category=birth$/);

    await card.getByRole('link', { name: '出生一件事' }).click();
    await expect(page).toHaveURL(/\/themes\/birth$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('出生一件事');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page.locator('.theme-heading-facts')).toContainText('邹城市卫生健康局');
    // One 在线申请 for the whole theme (no place chosen yet: the application asks for it).
    await expect(page.getByRole('link', { name: '在线申请' })).toHaveAttribute('href', '/themes/birth/apply');

    const items = page.getByRole('region', { name: '包含的事项' });
    await expect(items.getByRole('heading', { level: 3 })).toHaveCount(7);
    const guide = items.getByRole('link', { name: /社会保障卡申领/ });
    await expect(guide).toHaveAttribute('href', /^\/items\/\d{14}/);
    await expect(items).toContainText(/承诺时限\s*即办/);

    // 居民身份证: several items ask for it, the theme once.
    const counts = (await (await page.request.get('/api/v1/themes/birth')).json()) as { counts: { itemMaterials: number; askedMaterials: number }; materials: { name: string; usedBy: unknown[] }[] };
    const idCardUsers = counts.materials.find((m) => m.name === '居民身份证')!.usedBy.length;
    expect(idCardUsers).toBeGreaterThan(3);
    const materials = page.getByRole('region', { name: '要准备的材料' });
    const idCard = materials.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: '居民身份证' }) });
    await expect(idCard).toHaveCount(1);
    await expect(idCard).toContainText(`${idCardUsers} 个事项都要，只交一份`);
    await expect(idCard).toContainText('必要');
    expect(counts.counts.askedMaterials).toBeLessThan(counts.counts.itemMaterials);
    await expect(materials.getByRole('heading', { level: 3 })).toHaveCount(counts.counts.askedMaterials);
    await expect(page.getByRole('region', { name: '一次提交' })).toContainText(
      new RegExp(`7 个事项分别办理.*提交 ${counts.counts.itemMaterials} 份材料；合成一件事办理.*提交 ${counts.counts.askedMaterials} 份`),
    );
    await checkPage(page, 'theme-birth');

    // The item's own guide, one link away.
    await guide.click();
    await expect(page).toHaveURL(/\/items\/\d{14}/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('社会保障卡申领');
  });

  test('情形引导: the answers decide which items apply', async ({ page }) => {
    const list = (await (await page.request.get('/api/v1/themes')).json()) as { items: { code: string }[] };
    let theme: ThemeDetail | undefined;
    for (const t of list.items) {
      const d = (await (await page.request.get(`/api/v1/themes/${t.code}`)).json()) as ThemeDetail;
      if (d.items.some((i) => i.when)) {
        theme = d;
        break;
      }
    }
    // the demo themes 退休, 残疾人服务, 开办餐饮店 and 身后 have situation questions
    expect(theme, 'a published demo theme with 情形问题').toBeDefined();
    const t = theme!;
    const item = t.items.find((i) => i.when)!;
    const question = t.questions.find((q) => q.key === item.when!.question)!;
    const yes = question.options.find((o) => item.when!.anyOf.includes(o.value))!;
    const no = question.options.find((o) => !item.when!.anyOf.includes(o.value));

    await page.goto(`/themes/${t.code}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.name);
    const items = page.getByRole('region', { name: '包含的事项' });
    const row = items.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: item.name }) });
    await expect(row.getByRole('list', { name: '是否需要办理' })).toContainText('要看您的情况');

    const group = page.getByRole('group', { name: question.text });
    await group.getByRole('radio', { name: yes.label, exact: true }).check();
    await expect(row.getByRole('list', { name: '是否需要办理' })).toContainText('根据您的回答，需要办');
    await expect(page.getByRole('region', { name: '先回答几个问题' }).getByRole('status')).toContainText('根据您的回答，需要办理');
    // Choosing a place keeps the answers given.
    const place = page.getByRole('region', { name: '办理地点' });
    await place.getByRole('button', { name: '选择办理地点' }).click();
    await place.getByLabel('镇（街道）', { exact: true }).selectOption({ label: '钢山街道' });
    await place.getByRole('button', { name: '确定', exact: true }).click();
    await expect(page.getByRole('region', { name: '包含的事项' })).toContainText(/实施主体\s*钢山街道办事处/);
    await expect(group.getByRole('radio', { name: yes.label, exact: true })).toBeChecked();
    await expect(row.getByRole('list', { name: '是否需要办理' })).toContainText('根据您的回答，需要办');
    if (no) {
      await group.getByRole('radio', { name: no.label, exact: true }).check();
      await expect(row.getByRole('list', { name: '是否需要办理' })).toContainText('根据您的回答，不用办');
    }
    await checkPage(page, `theme-${t.code}-answered`);
    await page.getByRole('button', { name: '重新回答' }).click();
    await expect(row.getByRole('list', { name: '是否需要办理' })).toContainText('要看您的情况');
  });

  test('a place: the items as that town offers them, remembered; an unknown theme says so', async ({ page }) => {
    await page.goto('/themes/birth');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('出生一件事');
    const place = page.getByRole('region', { name: '办理地点' });
    await expect(place).toContainText('未选择');
    await place.getByRole('button', { name: '选择办理地点' }).click();
    await place.getByLabel('镇（街道）', { exact: true }).selectOption({ label: '钢山街道' });
    await place.getByRole('button', { name: '确定', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/themes/birth\\?region=${GANGSHAN}$`));
    await expect(place).toContainText('钢山街道');
    await expect(page.getByRole('region', { name: '包含的事项' })).toContainText(/实施主体\s*钢山街道办事处/);
    await expect(page.getByRole('region', { name: '包含的事项' }).getByRole('link', { name: /社会保障卡申领/ })).toHaveAttribute('href', new RegExp(`region=${GANGSHAN}$`));

    // The place is remembered in this browser: the theme opens with it.
    await page.goto('/themes/birth');
    await expect(page.getByRole('region', { name: '包含的事项' })).toContainText(/实施主体\s*钢山街道办事处/);

    await page.goto('/themes/no-such-theme');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('未找到该主题');
    await page.getByRole('link', { name: '查看全部一件事' }).click();
    await expect(page).toHaveURL(/\/themes$/);
  });

  test('a town\'s own theme: marked on the list, its guide says where; asked for at another town, where to go instead (both modes)', async ({ browser }) => {
    for (const mode of ['normal', 'elder'] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (mode === 'elder') await elderOn(page);
      await page.goto('/themes?category=elderly');
      const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: '高龄老人关爱一件事' }) });
      await expect(card.getByRole('list', { name: '分类和适用范围' })).toContainText('仅限钢山街道');

      // 千泉街道 (370883002) chosen: this is 钢山街道's, and the way there
      await page.goto('/themes/gangshan-elderly?region=370883002');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('高龄老人关爱一件事只在钢山街道办理');
      await expect(page.getByRole('alert')).toContainText('仅在钢山街道及其村（社区）办理');
      await checkPage(page, `theme-not-offered-here-${mode}`);
      await page.getByRole('link', { name: '查看钢山街道的办事指引' }).click();
      await expect(page).toHaveURL(new RegExp(`/themes/gangshan-elderly\\?region=${GANGSHAN}$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('高龄老人关爱一件事');
      await expect(page.getByText('只在钢山街道及其村（社区）办理')).toBeVisible();
      await checkPage(page, `theme-town-own-${mode}`);
      await context.close();
    }
  });

  test('长辈版 and a 390 px phone: bigger, no sideways scrolling', async ({ browser }) => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await elderOn(page);
    await page.goto('/themes?category=birth');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('一件事');
    await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
    await expect(page.getByRole('heading', { level: 3, name: '出生一件事' })).toBeVisible();
    expect(await overflow(page), '/themes scrolls sideways at 390 px').toBeLessThanOrEqual(0);
    const chip = await page.getByRole('link', { name: /^出生\s*\d/ }).boundingBox();
    expect(chip!.height).toBeGreaterThanOrEqual(59.5);
    await screenshot(page, 'themes-elder-phone');

    await page.getByRole('link', { name: '出生一件事' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('出生一件事');
    await expect(page.getByRole('region', { name: '要准备的材料' })).toBeVisible();
    expect(await overflow(page), '/themes/birth scrolls sideways at 390 px').toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main h1')!).fontSize))).toBeGreaterThanOrEqual(30);
    await checkPage(page, 'theme-birth-elder-phone');
    await context.close();
  });
});
