/**
 * Issue 13 §3, 政务服务大篷车, on a 390 × 844 phone in normal and 长辈版: a village's page lists the
 * bus's next stops (day with 星期, time, place, bus, a phone to tap); the town's page and the map
 * page's 「近期大篷车」 list carry the same; a town administrator plans a stop in the workbench (a
 * second, overlapping one is refused in words) and cancels it with a reason, and the village's page
 * then shows it 已取消 with that reason. Axe runs on each page state; html-validate on the village page.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { MODES, phonePage, pickRegion, staffSignIn, settledDialog } from './helpers.js';
import { GANGSHAN, MENGZHUANG } from './routes.js';
import { formatProblems, validateHtml } from '../../scripts/a11y/html-validate.js';

/** The demo's 钢山街道便民服务流动车 (seeded around the server's start day) and its phone. */
const GANGSHAN_BUS = '钢山街道便民服务流动车';
const GANGSHAN_BUS_PHONE = '0537-5501001';


const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The China date `days` from now, and its weekday as the pages write it. */
function chinaDay(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
/** The next Wednesday at least two days away (the demo's 钢山街道 bus stops on Mondays). */
function nextWednesday(): string {
  for (let d = 2; d < 10; d++) {
    const date = chinaDay(d);
    if (new Date(`${date}T00:00:00Z`).getUTCDay() === 3) return date;
  }
  throw new Error('no Wednesday');
}
/** 2026-12-02 → 12月2日 周三 (as BusStops writes the day). */
const dayText = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${['周日', '周一', '周二', '周三', '周四', '周五', '周六'][new Date(`${date}T00:00:00Z`).getUTCDay()]}`;

for (const mode of MODES) {
  test(`a village's page, its town's page and the map list the bus's next stops (${mode})`, async ({ browser }) => {
    const page = await phonePage(browser, mode);
    await page.goto(`/regions/${MENGZHUANG}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('孟庄社区');
    const bus = page.getByRole('region', { name: '流动服务车（大篷车）' });
    const stops = bus.getByRole('list', { name: '流动服务车（大篷车）' }).getByRole('listitem');
    await expect(stops.first()).toBeVisible();
    const first = stops.first();
    await expect(first).toContainText(GANGSHAN_BUS);
    // the day with its 星期, the time, the place, and a number to tap
    await expect(first.locator('.bus-stop__when')).toHaveText(/(今天 |明天 )?\d{1,2}月\d{1,2}日 周[一二三四五六日]\s*\d{2}:\d{2}–\d{2}:\d{2}/);
    await expect(first).toContainText('地点');
    await expect(first.getByRole('link', { name: GANGSHAN_BUS_PHONE })).toHaveAttribute('href', 'tel:05375501001');
    if (mode === 'elder') {
      const box = await first.getByRole('link', { name: GANGSHAN_BUS_PHONE }).boundingBox();
      expect(box?.height ?? 0, 'a 60 px target in 长辈版').toBeGreaterThanOrEqual(59.5);
    }
    expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
    const problems = await validateHtml(await page.content());
    expect(problems, formatProblems(problems)).toEqual([]);
    await checkPage(page, `bus-village-${mode}`);

    // the town's page: every village's stops, each naming its village; the villages link to their pages
    await page.goto(`/regions/${GANGSHAN}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('钢山街道');
    const townBus = page.getByRole('region', { name: '流动服务车（大篷车）' });
    await expect(townBus.getByRole('listitem').first()).toContainText(/钢山街道.+社区 · /);
    await expect(page.getByRole('link', { name: '孟庄社区', exact: true })).toHaveAttribute('href', `/regions/${MENGZHUANG}`);
    expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
    await checkPage(page, `bus-town-${mode}`);

    // the map page, for the town: the same stops over the next two weeks (the bus stops in 钢山街道
    // every working Monday; 孟庄社区 itself every other one, so the town is what two weeks always hold)
    await page.goto(`/map?region=${GANGSHAN}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('服务网点地图');
    const mapBus = page.getByRole('region', { name: '近期大篷车（流动服务车）' });
    await expect(mapBus.getByRole('listitem').first()).toContainText(GANGSHAN_BUS);
    await expect(mapBus.getByRole('listitem').first()).toContainText(/钢山街道.+社区 · /);
    await expect(mapBus.getByRole('listitem').first().getByRole('link', { name: GANGSHAN_BUS_PHONE })).toHaveAttribute('href', 'tel:05375501001');
    await expect(mapBus).toContainText('今后 14 天');
    expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
    await checkPage(page, `bus-map-${mode}`);
    await page.context().close();
  });
}

test('a town administrator plans a stop, an overlapping one is refused, the stop is cancelled with a reason, and the village page says so', async ({ browser }) => {
  const date = nextWednesday();
  // its own words each run, so the stop is found again on a server that ran the journey before
  const place = `孟庄社区文化广场（演示 ${Date.now().toString(36).slice(-5)}）`;
  const reason = '道路施工，本次停靠取消，改期另行通知';

  const admin = await phonePage(browser, 'normal');
  await staffSignIn(admin, 'gangshan.admin');
  await expect(admin).toHaveURL(/\/workbench$/);
  await admin.goto('/workbench/service-bus');
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('流动服务车');
  await expect(admin.getByRole('list', { name: '流动服务车线路' })).toContainText(GANGSHAN_BUS);
  await checkPage(admin, 'bus-workbench');

  const plan = async () => {
    await admin.getByRole('button', { name: `安排停靠：${GANGSHAN_BUS}` }).click();
    const drawer = admin.getByRole('dialog', { name: `安排停靠：${GANGSHAN_BUS}` });
    await settledDialog(drawer);
    await pickRegion(admin, '停靠村（社区）', ['钢山街道', '孟庄社区'], drawer);
    await drawer.getByLabel('停靠地点').fill(place);
    const day = drawer.getByLabel('日期');
    await day.click();
    await day.fill(date);
    await day.press('Enter');
    await expect(day).toHaveValue(date);
    return drawer;
  };

  const drawer = await plan();
  await checkPage(admin, 'bus-plan-drawer');
  await drawer.getByRole('button', { name: '保存停靠安排' }).click();
  await expect(admin.getByText('已安排 1 次停靠')).toBeVisible();
  await expect(drawer).toBeHidden();

  // the same time again: refused in words, nothing saved
  const again = await plan();
  await again.getByRole('button', { name: '保存停靠安排' }).click();
  await expect(again.getByRole('alert')).toContainText('时间重叠');
  await checkPage(admin, 'bus-plan-overlap');
  await again.getByRole('button', { name: '取消', exact: true }).click();
  await expect(again).toBeHidden();

  // cancel it, with a reason
  const visits = admin.getByRole('list', { name: '停靠安排' });
  const card = visits.getByRole('listitem').filter({ hasText: place });
  await expect(card).toHaveCount(1);
  await card.getByRole('button', { name: `取消停靠：${date} 孟庄社区` }).click();
  const dialog = await settledDialog(admin.getByRole('dialog', { name: '取消停靠' }));
  await dialog.getByRole('button', { name: '确认取消停靠' }).click();
  await expect(dialog.getByRole('alert')).toContainText('请填写取消原因');
  await dialog.getByLabel('取消原因（必填）').fill(reason);
  await checkPage(admin, 'bus-cancel-dialog');
  await dialog.getByRole('button', { name: '确认取消停靠' }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText('已取消');
  await expect(card).toContainText(reason);
  await admin.context().close();

  for (const mode of MODES) {
    const page = await phonePage(browser, mode);
    await page.goto(`/regions/${MENGZHUANG}`);
    const bus = page.getByRole('region', { name: '流动服务车（大篷车）' });
    await expect(bus.getByRole('listitem').first()).toBeVisible();
    // the list may be folded: open it whole when there is more
    const more = bus.getByRole('button', { name: /^显示全部 \d+ 次停靠$/ });
    if (await more.isVisible()) await more.click();
    const stop = bus.getByRole('listitem').filter({ hasText: place });
    await expect(stop).toContainText(dayText(date));
    await expect(stop).toContainText('已取消');
    await expect(stop).toContainText(`取消原因${reason}`);
    await expect(bus).toContainText(/其中 \d+ 次已取消/);
    expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
    await checkPage(page, `bus-village-cancelled-${mode}`);
    await page.context().close();
  }
});
