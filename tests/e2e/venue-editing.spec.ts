/**
 * Issue 13, editing venues (工作台「服务网点」): a town admin finds a village station that has no
 * phone, fills it in with Saturday hours; a mistyped time is told at the field and nothing is
 * saved; after saving, the village's guide, its list profile and the public venue page all say
 * the same — one source of truth. On a 390 px phone the same page works. Axe on each state.
 */
import { expect, test } from '@playwright/test';
import { checkPage } from './axe.js';
import { PHONE, staffSignIn, workbenchNav } from './helpers.js';

/** 钢山街道崇义庄村: its station has not entered a phone (demo data). */
const CHONGYIZHUANG = '370883001203';
const STATION = `village-${CHONGYIZHUANG}`;
const NEW_PHONE = '0537-5501203';

test('a town admin fills in a station’s phone and Saturday hours; the guide, the list and the venue page say the same', async ({ page }) => {
  await staffSignIn(page, 'gangshan.admin');
  await workbenchNav(page).getByRole('link', { name: '服务网点' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '服务网点' })).toBeVisible();
  await page.getByLabel('名称或地址').fill('崇义庄');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('status')).toHaveText('共 1 个办事地点');
  const row = page.getByRole('row', { name: /崇义庄村便民服务站/ });
  await expect(row).toContainText('缺电话');
  await checkPage(page, 'venues-list');
  await row.getByRole('link', { name: '崇义庄村便民服务站' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '崇义庄村便民服务站' })).toBeVisible();
  // A centre's or station's kind is fixed; its region, phone and address say what they feed.
  await expect(page.getByLabel('类型')).toBeDisabled();
  await expect(page.getByText('同时是本地实施清单的「咨询电话」')).toBeVisible();

  // A mistyped time is told at its field, and nothing is saved.
  await page.getByLabel('电话').fill(NEW_PHONE);
  await page.getByLabel('周六').fill('上午九点');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('「上午九点」不是时间段：应写成 08:30-12:00，开始早于结束')).toBeVisible();
  await checkPage(page, 'venue-edit-error');
  expect((await (await page.request.get(`/api/v1/venues/${STATION}`)).json()).phone).toBe('');

  await page.getByLabel('周六').fill('9:00-11:30');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存：服务地图、办事指南和实施清单已同时更新')).toBeVisible();
  await expect(page.getByLabel('周六')).toHaveValue('09:00-11:30');
  await checkPage(page, 'venue-edit-saved');

  // The implementation list shows the station's contacts, read-only, with the way to change them.
  await page.goto(`/workbench/impl-lists/${CHONGYIZHUANG}`);
  await expect(page.getByLabel('咨询电话')).toHaveValue(NEW_PHONE);
  await expect(page.getByLabel('咨询电话')).toHaveAttribute('readonly', '');
  await expect(page.getByRole('link', { name: '服务网点「崇义庄村便民服务站」' })).toHaveAttribute('href', `/workbench/venues/${STATION}`);

  // The public guide of an item of the village says the same phone and hours.
  const items = (await (await page.request.get(`/api/v1/items?region=${CHONGYIZHUANG}&pageSize=1`)).json()).items as { code: string; name: string }[];
  expect(items.length).toBe(1);
  await page.goto(`/items/${items[0]!.code}?region=${CHONGYIZHUANG}`);
  const local = page.getByRole('region', { name: /在崇义庄村办理/ });
  await expect(local).toContainText(NEW_PHONE);
  await expect(local).toContainText('周六 09:00-11:30');

  await page.goto(`/venues/${STATION}`);
  await expect(page.getByRole('link', { name: /^打电话：/ })).toHaveAttribute('href', `tel:${NEW_PHONE.replace('-', '')}`);
});

test('on a phone: the list is cards and the form one column, and a venue outside the town is not found', async ({ browser }) => {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await staffSignIn(page, 'gangshan.admin');
  await expect(page).toHaveURL(/\/workbench/);
  await page.goto('/workbench/venues?kind=town_centre');
  await expect(page.getByRole('heading', { level: 2, name: /钢山街道为民服务中心/ })).toBeVisible();
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
  await checkPage(page, 'venues-list-phone');
  await page.getByRole('link', { name: '钢山街道为民服务中心' }).click();
  await expect(page.getByRole('textbox', { name: '周一' })).toHaveValue('08:30-12:00、13:30-17:30');
  await checkPage(page, 'venue-edit-phone');
  // 千泉街道's centre belongs to another town.
  await page.goto('/workbench/venues/town-370883002');
  await expect(page.getByText('办事地点不存在')).toBeVisible();
  await context.close();
});
