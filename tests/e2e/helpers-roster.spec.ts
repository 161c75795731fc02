/**
 * Issue 14, 帮办代办员, on a 390 × 844 phone in normal and 长辈版: a village's page lists its helpers
 * (刘桂芝 of 孟庄社区 first: her kind, her area, a phone to tap, what she helps with, when she is on
 * duty) and its town's coordinator last, with the “三不” promise; the town's page starts with the
 * coordinator and shows the rest on request; a village station's page names its helpers with
 * their kind and phone. Axe runs on each page; html-validate on the village page.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { MODES, phonePage } from './helpers.js';
import { GANGSHAN, MENGZHUANG } from './routes.js';
import { formatProblems, validateHtml } from '../../scripts/a11y/html-validate.js';

/** The demo's helper account's person and her work phone (seed/demo.ts, helpers/seed.ts). */
const LIU = '刘桂芝';
const LIU_PHONE = '13905370006';


const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const mode of MODES) {
  test(`a village's and a town's pages list their 帮办代办员, a station's page names them (${mode})`, async ({ browser }) => {
    const page = await phonePage(browser, mode);
    await page.goto(`/regions/${MENGZHUANG}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('孟庄社区');
    const roster = page.getByRole('region', { name: '帮办代办员' });
    await expect(roster).toContainText('免费帮办、不拖延、不泄露个人信息');
    const helpers = roster.getByRole('list', { name: '帮办代办员' }).getByRole('listitem');
    await expect(helpers.first()).toBeVisible();
    const first = helpers.first();
    await expect(first.getByRole('heading', { level: 3 })).toContainText(LIU);
    await expect(first).toContainText('社区工作者');
    await expect(first).toContainText('孟庄社区');
    await expect(first).toContainText(/帮办事项.+代办/);
    await expect(first).toContainText(/值守时间\s*周一至周五 08:30-11:30/);
    await expect(first.getByRole('link', { name: LIU_PHONE })).toHaveAttribute('href', `tel:${LIU_PHONE}`);
    if (mode === 'elder') {
      const box = await first.getByRole('link', { name: LIU_PHONE }).boundingBox();
      expect(box?.height ?? 0, 'a 60 px target in 长辈版').toBeGreaterThanOrEqual(59.5);
    }
    // the town's coordinator closes the list, marked in words
    await expect(helpers.last()).toContainText('帮办代办总协调');
    await expect(helpers.last()).toContainText('钢山街道全域');
    expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
    const problems = await validateHtml(await page.content());
    expect(problems, formatProblems(problems)).toEqual([]);
    await checkPage(page, `helpers-village-${mode}`);

    // the town's page: the coordinator first, the rest of its helpers on request
    await page.goto(`/regions/${GANGSHAN}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('钢山街道');
    const town = page.getByRole('region', { name: '帮办代办员' });
    const townHelpers = town.getByRole('list', { name: '帮办代办员' }).getByRole('listitem');
    await expect(townHelpers.first()).toContainText('帮办代办总协调');
    const shown = await townHelpers.count();
    await town.getByRole('button', { name: /显示全部 \d+ 位帮办代办员/ }).click();
    await expect.poll(() => townHelpers.count()).toBeGreaterThan(shown);
    await expect(town.getByRole('listitem').filter({ hasText: LIU })).toHaveCount(1);
    expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
    await checkPage(page, `helpers-town-${mode}`);

    // the village's station: its helpers with their kind and a phone to tap
    await page.goto(`/venues/village-${MENGZHUANG}`);
    const atVenue = page.getByRole('region', { name: '帮办代办员' });
    await expect(atVenue.getByRole('listitem').first()).toContainText(`${LIU}（社区工作者）`);
    await expect(atVenue.getByRole('link', { name: LIU_PHONE })).toHaveAttribute('href', `tel:${LIU_PHONE}`);
    expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
    await checkPage(page, `helpers-venue-${mode}`);
  });
}
