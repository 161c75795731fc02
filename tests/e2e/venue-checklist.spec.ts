/**
 * 评估标准 (the venue standardisation checklist's versions): the city administrator goes from the
 * overview to the versions, drafts a new one from the version in use — an item's points changed,
 * an item added, an item moved down and back by keyboard, the kinds narrowed to the centres, a
 * threshold below the lower level refused in words at its field and in the summary — finds the
 * draft again after a reload, is asked before leaving, publishes after the confirmation (which says
 * assessments already begun keep their version), and the overview's level rules name the new
 * version. A town administrator reads the versions and may not draft. At 390 px nothing scrolls
 * sideways. Every page scanned by axe (the editor in 长辈版 too).
 *
 * The journey publishes for 为民服务中心 only and keeps 帮办代办区 and the 标杆型 90%, and at the end
 * publishes the content that was in use before again, so venue-standards.spec.ts (run later on the
 * same server) finds the default checklist: 100 points over 30 items.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { settledDialog, staffSignIn } from './helpers.js';

const OVERVIEW = '/workbench/venue-standards';
const PREFS_KEY = 'bianmin.a11y';

interface ChecklistJson {
  id: string;
  name: string;
  version: number;
  appliesTo: string[];
  currentFor: string[];
  maxPoints: number;
  sections: { code: string; title: string; items: { code: string; title: string; criteria: string; points: number }[] }[];
  thresholds: Record<'basic' | 'standard' | 'benchmark', { percent: number; mustHave: string[] }>;
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

const noSideways = async (page: Page, what: string) => {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what}: nothing wider than the screen`).toBeLessThanOrEqual(390);
};

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as T;
}

/** Publishes through the API as the signed-in administrator (the clean-up). */
async function publishViaApi(page: Page, c: ChecklistJson, appliesTo: string[]): Promise<void> {
  const csrf = (await page.context().cookies()).find((k) => k.name === 'bm_csrf')?.value ?? '';
  const res = await page.request.post('/api/v1/venue-standards/checklists', {
    data: { name: c.name, appliesTo, sections: c.sections, thresholds: c.thresholds, note: '恢复测试前的内容（浏览器测试）' },
    headers: { 'x-csrf-token': csrf },
  });
  expect(res.status(), await res.text()).toBe(201);
}

test.describe('venue checklist versions (评估标准)', () => {
  test('the city administrator drafts a new version, is told a wrong threshold, publishes, and the overview uses it', async ({ page }) => {
    // the editor holds every item of the checklist: each axe scan of it takes a while
    test.setTimeout(4 * 60_000);
    await staffSignIn(page, 'admin');
    await expect(page).toHaveURL(/\/workbench$/);
    // what is in use now, and the number the next version gets (whatever ran before)
    const townBefore = await getJson<ChecklistJson>(page, '/api/v1/venue-standards/checklists/current?kind=town_centre');
    const stationBefore = await getJson<ChecklistJson>(page, '/api/v1/venue-standards/checklists/current?kind=village_station');
    const versions = await getJson<{ items: ChecklistJson[] }>(page, '/api/v1/venue-standards/checklists');
    const next = Math.max(...versions.items.map((v) => v.version)) + 1;
    const base = versions.items.filter((v) => v.currentFor.length > 0).sort((a, b) => b.version - a.version)[0]!;
    const door = townBefore.sections.flatMap((s) => s.items).find((i) => i.title === '门头标识')!;
    expect(door, 'the demo checklist has 门头标识').toBeTruthy();

    // from the overview to the versions
    await page.goto(OVERVIEW);
    await expect(h1(page)).toHaveText('场所标准化评估');
    await page.getByRole('link', { name: '评估标准各版本' }).click();
    await expect(h1(page)).toHaveText('评估标准');
    const row = page.getByRole('row').filter({ hasText: `第 ${base.version} 版` });
    await expect(row).toContainText('为民服务中心现行');
    await checkPage(page, 'venue-checklists');

    // 起草新版本: a copy of the version in use
    await page.getByRole('link', { name: '起草新版本' }).click();
    await expect(h1(page)).toHaveText('起草新版评估标准');
    await expect(page.getByText(`第 ${base.version} 版（复制）。修改后发布为第 ${next} 版`)).toBeVisible();
    const running = page.locator('.vcl-running');
    await expect(running).toContainText(`满分 ${townBefore.maxPoints} 分`);
    await expect(running).toContainText(`与第 ${base.version} 版相同`);

    // an item's points: the maximum and each level's points follow as one types
    const extra = 1;
    await page.getByLabel('分值：门头标识').fill(String(door.points + extra));
    await expect(running).toContainText(`满分 ${townBefore.maxPoints + extra} 分`);
    await expect(running).toContainText('有未发布的修改');

    // a new item in 便民设施: the focus goes to its name
    await page.getByRole('button', { name: '在「便民设施」中添加评估项' }).click();
    const newName = page.locator('.vcl-editor input:focus');
    await expect(newName).toBeVisible();
    await newName.fill('适老化设施');
    await page.getByLabel('分值：适老化设施').fill('2');
    await page.getByLabel('评分标准（怎样得分）：适老化设施').fill('设置无障碍卫生间、扶手和爱心座椅，标识清楚');
    const max = townBefore.maxPoints + extra + 2;
    await expect(running).toContainText(`满分 ${max} 分`);
    // 90% of the new maximum, in half points
    const benchmarkPoints = Math.ceil((townBefore.thresholds.benchmark.percent * max) / 50) / 2;
    await expect(running).toContainText(`标杆型 ≥ ${benchmarkPoints} 分`);
    await expect(page.locator('.vcl-threshold__points[data-level="benchmark"]')).toHaveText(`即至少 ${benchmarkPoints} 分（满分 ${max} 分）`);

    // moved down and back up by keyboard: the focus stays on the moved item's button
    const signage = page.getByRole('list', { name: '标识标牌的评估项' });
    await page.getByRole('button', { name: '下移评估项「门头标识」' }).focus();
    await page.keyboard.press('Enter');
    await expect(signage.locator('.vcl-item__legend').nth(1)).toContainText('门头标识');
    await expect(page.getByRole('button', { name: '下移评估项「门头标识」' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('button', { name: '上移评估项「门头标识」' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(signage.locator('.vcl-item__legend').first()).toContainText('门头标识');

    // only the centres: the stations keep the version they use
    const kinds = page.getByRole('group', { name: '适用场所类型' });
    await kinds.getByRole('checkbox', { name: '村（社区）便民服务站' }).uncheck();
    await expect(kinds.getByRole('checkbox', { name: '镇（街道）为民服务中心' })).toBeChecked();

    // a threshold below the lower one: said in words at its field, and again when publishing
    const standard = page.getByLabel('标准型得分率（%）');
    await standard.fill('55');
    const orderError = `标准型的得分率应高于基础型（${townBefore.thresholds.basic.percent}%）`;
    await expect(page.locator('.vcl-threshold').filter({ hasText: '标准型得分率' }).getByText(orderError)).toBeVisible();
    await expect(standard).toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: '发布新版本…' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '有 1 处需要修改，改好后才能发布' });
    await expect(summary).toBeVisible();
    await expect(page.locator('.vcl-summary')).toBeFocused();
    await expect(page.getByRole('dialog', { name: '确认发布评估标准' })).toHaveCount(0);
    await checkPage(page, 'venue-checklist-draft-problem');
    await summary.getByRole('link', { name: orderError }).click();
    await expect(standard).toBeFocused();
    await standard.fill(String(townBefore.thresholds.standard.percent));
    await expect(page.getByText(orderError)).toHaveCount(0);
    await expect(summary).toHaveCount(0);

    // leaving asks; staying keeps the draft
    await page.getByRole('navigation', { name: '位置' }).getByRole('link', { name: '评估标准' }).click();
    const leave = page.getByRole('dialog', { name: '离开此页面？' });
    await expect(leave).toContainText('评估标准草稿有未发布的修改');
    await leave.getByRole('button', { name: '继续编辑' }).click();
    await expect(leave).toBeHidden();
    await expect(h1(page)).toHaveText('起草新版评估标准');

    // a reload (the browser asks first) finds the draft as it was; from here on in 长辈版 (the
    // workbench keeps its own layout: the confirmation below is scanned so)
    await page.evaluate(([key]) => window.localStorage.setItem(key, JSON.stringify({ elder: true, font: 1, contrast: false, bigCursor: false, rate: 'normal' })), [PREFS_KEY]);
    page.once('dialog', (d) => void d.accept());
    await page.reload();
    await expect(h1(page)).toHaveText('起草新版评估标准');
    await expect(page.getByText(`已恢复本标签页中未发布的草稿（底稿：第 ${base.version} 版）`)).toBeVisible();
    await expect(page.getByLabel('分值：门头标识')).toHaveValue(new RegExp(`^${door.points + extra}(\\.0)?$`));
    await expect(page.getByLabel('分值：适老化设施')).toHaveValue(/^2(\.0)?$/);
    await expect(page.getByRole('group', { name: '适用场所类型' }).getByRole('checkbox', { name: '村（社区）便民服务站' })).not.toBeChecked();
    await expect(running).toContainText(`满分 ${max} 分`);

    // publishing asks, and says what happens to assessments already begun
    await page.getByLabel('修订说明（选填）').fill('门头标识加 1 分，便民设施增加适老化设施');
    // a control character only the server looks for: its answer comes back at the field
    const added = page.getByRole('list', { name: '便民设施的评估项' }).getByRole('listitem').last();
    await added.getByLabel(/^名称/).fill('适老化\u0007设施');
    await page.getByRole('button', { name: '发布新版本…' }).click();
    const confirm = await settledDialog(page.getByRole('dialog', { name: '确认发布评估标准' }));
    await expect(confirm).toContainText(`发布为第 ${next} 版`);
    await expect(confirm).toContainText(`满分 ${max} 分`);
    await expect(confirm).toContainText('为民服务中心现行的评估标准');
    await expect(confirm).toContainText('已经开始的评估（包括未定稿的草稿）仍按原来的版本打分，不受影响');
    await checkPage(page, 'venue-checklist-confirm-elder');

    try {
      await confirm.getByRole('button', { name: '确认发布' }).click();
      await expect(confirm).toBeHidden();
      await expect(page.getByRole('alert').filter({ hasText: '没有发布' })).toContainText('包含不允许的控制字符');
      await expect(added.getByText('包含不允许的控制字符')).toBeVisible();
      await expect(added.getByLabel(/^名称/)).toHaveAttribute('aria-invalid', 'true');
      await expect(h1(page)).toHaveText('起草新版评估标准');
      await added.getByLabel(/^名称/).fill('适老化设施');
      await expect(added.getByText('包含不允许的控制字符')).toHaveCount(0);
      await page.getByRole('button', { name: '发布新版本…' }).click();
      await confirm.getByRole('button', { name: '确认发布' }).click();

      // the new version, in use for the centres
      await expect(h1(page)).toHaveText(`评估标准第 ${next} 版`);
      const facts = page.locator('.vcl-facts');
      await expect(facts).toContainText('为民服务中心现行');
      await expect(facts).not.toContainText('便民服务站现行');
      await expect(facts).toContainText(`${max} 分`);
      await expect(facts).toContainText('门头标识加 1 分');
      await expect(page.getByRole('heading', { level: 2, name: /便民设施/ })).toBeVisible();
      await expect(page.getByText('设置无障碍卫生间、扶手和爱心座椅，标识清楚')).toBeVisible();
      await checkPage(page, 'venue-checklist-published');

      // the overview's level rules name it (and the stations' own version)
      await page.getByRole('navigation', { name: '位置' }).getByRole('link', { name: '场所标准化评估' }).click();
      await expect(h1(page)).toHaveText('场所标准化评估');
      await expect(page.locator('.vs-rules')).toContainText(`第 ${next} 版，满分 ${max} 分`);
      await expect(page.locator('.vs-rules')).toContainText(`便民服务站用第 ${stationBefore.version} 版`);

      // the list: the new version for the centres, the old one still for the stations
      await page.getByRole('link', { name: '评估标准各版本' }).click();
      await expect(page.getByRole('row').filter({ hasText: `第 ${next} 版` })).toContainText('为民服务中心现行');
      await expect(page.getByRole('row').filter({ hasText: `第 ${stationBefore.version} 版` })).toContainText('便民服务站现行');
    } finally {
      // leave the server as it was for the journeys after this one
      const now = await getJson<ChecklistJson>(page, '/api/v1/venue-standards/checklists/current?kind=town_centre');
      if (now.version === next) await publishViaApi(page, townBefore, ['town_centre']);
    }
    const restored = await getJson<ChecklistJson>(page, '/api/v1/venue-standards/checklists/current?kind=town_centre');
    expect(restored.maxPoints).toBe(townBefore.maxPoints);
    expect(restored.sections).toEqual(townBefore.sections);
  });

  test('a town administrator reads the versions and may not draft one', async ({ page }) => {
    await staffSignIn(page, 'gangshan.admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await page.goto(OVERVIEW);
    await page.getByRole('link', { name: '评估标准各版本' }).click();
    await expect(h1(page)).toHaveText('评估标准');
    await expect(page.getByText('评估标准由市级管理员起草和发布')).toBeVisible();
    await expect(page.getByRole('table')).toContainText('为民服务中心现行');
    await expect(page.getByRole('link', { name: '起草新版本' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /起草/ })).toHaveCount(0);
    await checkPage(page, 'venue-checklists-town');

    // a version, read only
    await page.getByRole('table').getByRole('link').first().click();
    await expect(h1(page)).toHaveText(/^评估标准第 \d+ 版$/);
    await expect(page.getByText('已发布的版本不能修改')).toBeVisible();
    await expect(page.getByRole('link', { name: /底稿起草/ })).toHaveCount(0);
    await expect(page.getByRole('textbox')).toHaveCount(0);

    // the editor's address itself says no
    await page.goto('/workbench/venue-standards/checklists/new');
    await expect(h1(page)).toHaveText('无权起草评估标准');
    await expect(page.getByRole('button', { name: '发布新版本…' })).toHaveCount(0);
  });

  test('at 390 px: the versions as cards, a version and the editor one column, nothing sideways', async ({ page }) => {
    test.setTimeout(2 * 60_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await staffSignIn(page, 'admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await page.goto('/workbench/venue-standards/checklists');
    await expect(h1(page)).toHaveText('评估标准');
    const cards = page.getByRole('list', { name: '评估标准各版本' });
    await expect(cards.getByRole('listitem').first()).toBeVisible();
    await noSideways(page, 'versions');
    await checkPage(page, 'venue-checklists-390');

    await cards.getByRole('link').first().click();
    await expect(h1(page)).toHaveText(/^评估标准第 \d+ 版$/);
    await noSideways(page, 'version');
    await checkPage(page, 'venue-checklist-390');

    await page.getByRole('link', { name: '以此版本为底稿起草新版本' }).click();
    await expect(h1(page)).toHaveText('起草新版评估标准');
    // one column: an item's name and points one above the other
    const name = page.getByLabel('名称（第 1.1 项）');
    const points = page.getByLabel('分值：门头标识');
    const [a, b] = [await name.boundingBox(), await points.boundingBox()];
    expect(b!.y, 'points below the name').toBeGreaterThan(a!.y + a!.height - 1);
    await page.getByRole('button', { name: '添加部分' }).click();
    await page.getByLabel('标杆型得分率（%）').fill('101');
    await page.getByRole('button', { name: '发布新版本…' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /处需要修改/ })).toBeVisible();
    await noSideways(page, 'editor');
    await checkPage(page, 'venue-checklist-draft-390');
  });
});
