/**
 * Issue 14 §4–§6, the coordinator's side of 帮办代办: gangshan.admin (town admin of 钢山街道) sees
 * how many requests are open, past a limit and 待分派; filters 待分派 and opens the demo's one (a
 * phone call for 曾家沟村, made before anyone covered the village); assigns it to the village's
 * helper — the choice shows each helper's open requests — and reads the assignment in its history,
 * with the staff-only note; a 改派 over a change made meanwhile is refused (409) and the page shows
 * the request as it now stands; the month's figures are those the server answers for the month
 * the request was made in (read from the request, so the test passes on any date). Axe on each.
 *
 * The city administrator chooses a town first (the list's village and helper filters, the
 * figures), and the three pages hold at 200 % zoom (640 px) as at 100 %, their HTML valid.
 *
 * Only the demo's 待分派 request is changed (the a11y scan opens the first of the list, a 优先 one).
 */
import { expect, test, type Page } from '@playwright/test';
import { formatProblems, validateHtml } from '../../scripts/a11y/html-validate.js';
import { checkPage } from './axe.js';
import { chooseOption, openPopup, pickPopupOption, popupOptions, staffSignIn, workbenchNav, settledDialog } from './helpers.js';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const ZENGJIAGOU = '370883001201';

/** The page's CSRF token (the API client's header), for writes through page.request. */
async function csrf(page: Page): Promise<string> {
  return (await page.context().cookies()).find((c) => c.name === 'bm_csrf')!.value;
}

/** Picks the first option of the Select named `label` that has `text`; answers the option's text. */
async function pickOption(page: Page, label: string, text: string | RegExp): Promise<string> {
  await page.getByRole('combobox', { name: label }).click();
  await expect(openPopup(page)).toBeVisible();
  // every helper's open requests are shown once counted
  await expect(popupOptions(page).filter({ hasText: '在办 … 件' })).toHaveCount(0);
  const option = popupOptions(page).filter({ hasText: text }).filter({ hasNotText: '当前负责' }).first();
  const words = (await option.textContent())!;
  await pickPopupOption(page, option);
  return words;
}

test('gangshan.admin assigns a 待分派 request, a stale 改派 is refused, and the month’s figures follow', async ({ page }) => {
  test.setTimeout(180_000);
  await staffSignIn(page, 'gangshan.admin');
  await expect(page).toHaveURL(/\/workbench$/);
  await workbenchNav(page).getByRole('link', { name: '帮办代办求助' }).click();
  await expect(h1(page)).toHaveText('帮办代办求助');

  // ---- the summary and the tabs ----
  const summary = page.locator('.help-summary');
  await expect(summary.locator('div').filter({ hasText: '未办结' }).getByRole('definition')).toHaveText(/^\d+ 条$/);
  const unassigned = summary.locator('div').filter({ hasText: '待分派' }).getByRole('link');
  await expect(unassigned).toHaveText(/^[1-9]\d* 条$/);
  const tabs = page.getByRole('navigation', { name: '按办理状态' });
  await expect(tabs.getByRole('link', { name: /^全部/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('status').filter({ hasText: '条求助' })).toHaveText(/^共 [1-9]\d* 条求助$/);
  // 优先 (a special group) heads the open requests
  await expect(page.getByRole('row').nth(1)).toContainText('优先 · 老年人');
  await checkPage(page, 'help-coord-list');

  // ---- 待分派 ----
  await tabs.getByRole('link', { name: /^待分派/ }).click();
  await expect(page).toHaveURL(/status=unassigned/);
  await expect(tabs.getByRole('link', { name: /^待分派/ })).toHaveAttribute('aria-current', 'page');
  const row = page.getByRole('row').filter({ hasText: '曾家沟村' });
  await expect(row).toHaveCount(1);
  // masked: 颜**, 139****8811
  await expect(row).toContainText('颜**');
  await expect(row).toContainText('139****8811');
  await expect(row).toContainText('未分派');
  await expect(row).toContainText(/前接单/);
  const requestNo = (await row.getByRole('link').first().textContent())!.trim();
  expect(requestNo).toMatch(/^BB\d{12}$/);
  await checkPage(page, 'help-coord-unassigned');

  // ---- one request: the coordinator sees the full name and the history ----
  await row.getByRole('link', { name: requestNo }).click();
  await expect(h1(page)).toHaveText(`帮办代办求助 ${requestNo}`);
  const id = page.url().split('/').pop()!;
  await expect(page.locator('.help-meta')).toContainText('待分派');
  await expect(page.getByRole('region', { name: '求助人' })).toContainText('颜廷秀');
  const history = page.getByRole('region', { name: '办理过程' }).getByRole('listitem');
  await expect(history).toHaveCount(2);
  await expect(history.nth(1)).toContainText('暂无帮办代办员覆盖该村（社区），等待镇（街道）分派');
  await checkPage(page, 'help-coord-detail');

  // ---- 分派 to the village's own helper ----
  await page.getByRole('button', { name: '分派帮办代办员' }).click();
  const dialog = page.getByRole('dialog', { name: '分派帮办代办员' });
  await settledDialog(dialog);
  // nothing chosen: said at the field
  await dialog.getByRole('button', { name: '确认分派' }).click();
  await expect(dialog.getByText('请选择帮办代办员')).toBeVisible();
  const chosen = await pickOption(page, '帮办代办员', /曾家沟村/);
  const helperName = chosen.split('（')[0]!;
  expect(chosen).toMatch(/在办 \d+ 件/);
  await dialog.getByLabel('分派说明（选填，仅工作人员可见）').fill('村里帮办员已电话联系过老人家属');
  await checkPage(page, 'help-coord-assign');
  await dialog.getByRole('button', { name: '确认分派' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`已分派给帮办代办员 ${helperName}`)).toBeVisible();
  await expect(page.locator('.help-meta')).toContainText('待接单');
  await expect(page.getByRole('region', { name: '办理情况' })).toContainText(helperName);
  await expect(history).toHaveCount(4);
  await expect(history.nth(2)).toContainText('分派帮办代办员 · 待分派 → 待接单');
  await expect(history.nth(2)).toContainText('孔令军');
  await expect(history.nth(2)).toContainText(`已改由帮办代办员 ${helperName} 负责`);
  await expect(history.nth(3)).toContainText('仅工作人员可见');
  await expect(history.nth(3)).toContainText('村里帮办员已电话联系过老人家属');

  // ---- 改派 over a change made meanwhile (another coordinator's 改派): refused, the page reloads ----
  await page.getByRole('button', { name: '改派帮办代办员' }).click();
  const again = page.getByRole('dialog', { name: '改派帮办代办员' });
  await settledDialog(again);
  await expect(again).toContainText(`当前由 ${helperName} 负责`);
  const now = (await (await page.request.get(`/api/v1/help-requests/${id}`)).json()) as { version: number };
  const roster = (await (await page.request.get(`/api/v1/helper-records?village=${ZENGJIAGOU}&active=true`)).json()) as { items: { id: string; name: string; coordinator: boolean }[] };
  const coordinator = roster.items.find((h) => h.coordinator)!;
  const meanwhile = await page.request.post(`/api/v1/help-requests/${id}/assign`, {
    data: { helperId: coordinator.id, note: '', version: now.version }, headers: { 'x-csrf-token': await csrf(page) },
  });
  expect(meanwhile.ok(), await meanwhile.text()).toBe(true);
  await pickOption(page, '帮办代办员', coordinator.name);
  await again.getByRole('button', { name: '确认改派' }).click();
  await expect(again).toBeHidden();
  const stale = page.getByRole('alert').filter({ hasText: '求助已有新的变化' });
  await expect(stale).toContainText('未能改派：该求助刚有新的变化。页面已刷新为最新状态，请核对后再操作。');
  // focus moves to the message (its wrapper), so it is read out and the page continues from there
  await expect(page.locator(':focus')).toContainText('求助已有新的变化');
  await expect(page.getByRole('region', { name: '办理情况' })).toContainText(coordinator.name);
  await expect(history).toHaveCount(5);
  await checkPage(page, 'help-coord-stale');

  // ---- the figures of the month it was made in ----
  const made = (await (await page.request.get(`/api/v1/help-requests/${id}`)).json()) as { createdAt: string };
  const month = new Date(Date.parse(made.createdAt) + 8 * 3_600_000).toISOString().slice(0, 7);
  await page.getByRole('navigation', { name: '位置' }).getByRole('link', { name: '帮办代办求助' }).click();
  await expect(h1(page)).toHaveText('帮办代办求助');
  await page.getByRole('navigation', { name: '帮办代办求助' }).getByRole('link', { name: '月度统计' }).click();
  await expect(h1(page)).toHaveText('帮办代办统计');
  const monthField = page.getByLabel('月份');
  await monthField.fill(month);
  await monthField.press('Enter');
  await page.getByRole('search', { name: '选择统计范围' }).getByRole('button', { name: '查询' }).click();
  const stats = (await (await page.request.get(`/api/v1/help-requests/stats?month=${month}`)).json()) as {
    total: number; byStatus: Record<string, number>; overdue: number; rated: number; helpers: { name: string; open: number }[];
  };
  await expect(page.getByRole('heading', { level: 2, name: `${month.slice(0, 4)}年${Number(month.slice(5))}月 · 钢山街道` })).toBeVisible();
  const figure = (term: string) => page.locator('.help-figures > div').filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) }).getByRole('definition');
  await expect(figure('求助总数')).toHaveText(String(stats.total));
  await expect(figure('待接单')).toHaveText(String(stats.byStatus.assigned));
  await expect(figure('待分派')).toHaveText(String(stats.byStatus.unassigned));
  await expect(figure('当前超时')).toHaveText(String(stats.overdue));
  await expect(figure('平均评价')).toContainText(`${stats.rated} 条评价`);
  expect(stats.total).toBeGreaterThanOrEqual(1);
  // the coordinator now has this request open
  const load = page.getByRole('row').filter({ hasText: coordinator.name });
  await expect(load).toContainText(String(stats.helpers.find((h) => h.name === coordinator.name)!.open));
  await checkPage(page, 'help-coord-stats');
});

test('the city administrator picks a town; the list, a request and the figures at 100 % and 200 % zoom', async ({ page }) => {
  test.setTimeout(180_000);
  await staffSignIn(page, 'admin');
  await expect(page).toHaveURL(/\/workbench$/);
  const first = (await (await page.request.get('/api/v1/help-requests?pageSize=1')).json()) as { items: { id: string; requestNo: string }[] };
  /** loaded: the page's content is there (its HTML is checked then, before any popup); then: what the city administrator does on it */
  const pages: { name: string; path: string; h1: string; loaded: (page: Page) => Promise<void>; then?: (page: Page) => Promise<void> }[] = [
    {
      name: 'list', path: '/workbench/help-requests', h1: '帮办代办求助',
      loaded: (p) => expect(p.getByRole('status').filter({ hasText: '条求助' })).toHaveText(/^共 \d+ 条求助$/),
      then: async (p) => {
        // every town's: the village and helper filters wait for a town
        await expect(p.getByRole('combobox', { name: '村（社区）' })).toHaveCount(0);
        await chooseOption(p, '镇（街道）', '钢山街道');
        await expect(p.getByRole('combobox', { name: '村（社区）' })).toBeVisible();
        await expect(p.getByRole('combobox', { name: '帮办代办员' })).toBeVisible();
      },
    },
    {
      name: 'request', path: `/workbench/help-requests/${first.items[0]!.id}`, h1: `帮办代办求助 ${first.items[0]!.requestNo}`,
      loaded: (p) => expect(p.getByRole('region', { name: '办理过程' }).getByRole('listitem').first()).toContainText('提交求助'),
    },
    {
      name: 'stats', path: '/workbench/help-requests/stats', h1: '帮办代办统计',
      loaded: (p) => expect(p.getByRole('heading', { level: 2 }).filter({ hasText: '全部镇街' })).toBeVisible(),
      then: async (p) => {
        await chooseOption(p, '镇（街道）', '钢山街道');
        await p.getByRole('search', { name: '选择统计范围' }).getByRole('button', { name: '查询' }).click();
        await expect(p).toHaveURL(/town=370883001/);
        await expect(p.getByRole('heading', { level: 2 }).filter({ hasText: '钢山街道' })).toBeVisible();
      },
    },
  ];
  for (const one of pages) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(one.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(one.h1);
    await one.loaded(page);
    const problems = await validateHtml(await page.content());
    expect(problems, formatProblems(problems)).toEqual([]);
    await checkPage(page, `help-coord-admin-${one.name}`);
    if (one.then) {
      await one.then(page);
      await checkPage(page, `help-coord-admin-${one.name}-town`);
    }
    // 200 %: the CSS viewport of 1280×800 halved
    await page.setViewportSize({ width: 640, height: 400 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(one.h1);
    await checkPage(page, `help-coord-admin-${one.name}-200`);
  }
});
