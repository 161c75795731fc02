/**
 * A venue's photos: a town admin uploads photos of their town's centre — the description is asked
 * first, and a photo without one is not sent — orders them with the keyboard, corrects a
 * description, and still saves the form they had open; the public venue page and the town's page
 * show the photos with those descriptions as their alt text, larger in a dialog; a removed photo
 * is gone from the page and from its address. At 390 px the section fits. Axe on each state.
 * The pictures are drawn by the test (PNG gradients), not stock photos.
 */
import { expect, request, test, type Page } from '@playwright/test';
import { formatProblems, validateHtml } from '../../scripts/a11y/html-validate.js';
import { pngImage } from '../../src/server/modules/venues/fixtures.js';
import { checkPage } from './axe.js';
import { PHONE, staffSignIn, settledDialog } from './helpers.js';

const GANGSHAN = '370883001';
const CENTRE = `town-${GANGSHAN}`;
const HALL = '一楼办事大厅（测试用生成图片）';
const RAMP = '门前的无障碍坡道（测试用生成图片）';
const RAMP_CORRECTED = '门前无障碍坡道，轮椅可直达大厅（测试用生成图片）';

const photos = (page: Page) => page.getByRole('region', { name: '照片', exact: true });

async function expectValidHtml(page: Page) {
  const problems = await validateHtml(await page.content());
  expect(problems, formatProblems(problems)).toEqual([]);
}

async function upload(page: Page, name: string, data: Buffer, alt: string) {
  await page.getByLabel('选择照片').setInputFiles({ name, mimeType: 'image/png', buffer: data });
  await page.getByLabel('照片说明（必填）').fill(alt);
  await page.getByRole('button', { name: '上传照片' }).click();
  await expect(page.getByRole('img', { name: alt })).toBeVisible();
}

test('a town admin uploads, orders and describes photos of the centre; the public pages show them with those descriptions', async ({ page }) => {
  await staffSignIn(page, 'gangshan.admin');
  await expect(page).toHaveURL(/\/workbench/);
  await page.goto(`/workbench/venues/${CENTRE}`);
  await expect(page.getByRole('heading', { level: 1, name: '钢山街道为民服务中心' })).toBeVisible();
  const section = photos(page);
  await expect(section.getByText('还没有照片。')).toBeVisible();

  // the form is being edited when the photos change: what was typed stays, and saves afterwards
  await page.getByLabel('电话').fill('0537-5380001');

  // a photo without a description is not sent
  await page.getByLabel('选择照片').setInputFiles({ name: 'hall.png', mimeType: 'image/png', buffer: pngImage(640, 480, [37, 99, 235]) });
  await page.getByRole('button', { name: '上传照片' }).click();
  await expect(page.getByText('请填写照片说明（2 到 60 个字）：这张照片拍的是什么')).toBeVisible();
  await expect(page.getByLabel('照片说明（必填）')).toBeFocused();
  await checkPage(page, 'venue-photos-missing-alt');
  expect((await (await page.request.get(`/api/v1/venue-records/${CENTRE}`)).json()).photos).toEqual([]);

  await page.getByLabel('照片说明（必填）').fill(HALL);
  await page.getByRole('button', { name: '上传照片' }).click();
  await expect(section.getByRole('img', { name: HALL })).toBeVisible();
  await upload(page, 'ramp.png', pngImage(480, 640, [22, 163, 74]), RAMP);
  await expect(page.getByRole('status').filter({ hasText: '已上传，共 2 张' })).toBeAttached();

  // the ramp first: moved up with the keyboard, which stays on its row
  const rampUp = page.getByRole('button', { name: '上移 照片 2' });
  await rampUp.focus();
  await page.keyboard.press('Enter');
  await expect(section.getByRole('listitem').first().getByRole('img')).toHaveAccessibleName(RAMP);
  await expect(page.getByRole('button', { name: '下移 照片 1' })).toBeFocused();

  // a better description for it
  await page.getByLabel('照片 1 的说明').fill(RAMP_CORRECTED);
  await page.getByRole('button', { name: '保存说明 照片 1' }).click();
  await expect(section.getByRole('img', { name: RAMP_CORRECTED })).toBeVisible();
  await checkPage(page, 'venue-photos-edit');
  await expectValidHtml(page);

  // the form typed before the photos changed saves from the version they left (no 409)
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('已保存：服务地图、办事指南和实施清单已同时更新')).toBeVisible();
  await expect(page.getByLabel('电话')).toHaveValue('0537-5380001');
  await expect(section.getByRole('img')).toHaveCount(2);

  // the public venue page: the photos in that order, with those descriptions, larger in a dialog
  await page.goto(`/venues/${CENTRE}`);
  const strip = page.getByRole('list', { name: /钢山街道为民服务中心的照片（2 张）/ });
  await expect(strip.getByRole('img')).toHaveCount(2);
  await expect(strip.getByRole('img').first()).toHaveAccessibleName(RAMP_CORRECTED);
  await expect(strip.getByRole('img').nth(1)).toHaveAccessibleName(HALL);
  await expect(strip.getByRole('img').first()).toHaveAttribute('loading', 'lazy');
  await checkPage(page, 'venue-photos-public');
  await expectValidHtml(page);
  await strip.getByRole('button', { name: `${HALL} （查看大图）` }).click();
  const dialog = page.getByRole('dialog', { name: HALL });
  await settledDialog(dialog);
  await expect(dialog.getByText('第 2 张，共 2 张')).toBeVisible();
  await expect(dialog.getByRole('button', { name: '关闭' })).toBeFocused();
  await checkPage(page, 'venue-photos-dialog');
  await expectValidHtml(page);
  await dialog.getByRole('button', { name: '上一张' }).click();
  await expect(page.getByRole('dialog', { name: RAMP_CORRECTED })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(strip.getByRole('button', { name: `${HALL} （查看大图）` })).toBeFocused();

  // the town's page shows its centre's photos too
  await page.goto(`/regions/${GANGSHAN}`);
  await expect(page.getByRole('list', { name: /钢山街道为民服务中心的照片/ }).getByRole('img', { name: HALL })).toBeVisible();

  // removed (after a confirmation): gone from the page, and from its address for everyone
  const hallUrl = (await (await page.request.get(`/api/v1/venues/${CENTRE}`)).json()).photos[1].url as string;
  const anyone = await request.newContext({ baseURL: new URL(page.url()).origin });
  expect((await anyone.get(hallUrl)).status()).toBe(200);
  await page.goto(`/workbench/venues/${CENTRE}`);
  await page.getByRole('button', { name: '删除 照片 2' }).click();
  const confirm = await settledDialog(page.getByRole('dialog', { name: '删除照片' }));
  await expect(confirm).toContainText(HALL);
  await confirm.getByRole('button', { name: '确认删除' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: '照片', exact: true })).toBeFocused();
  await expect(photos(page).getByRole('img')).toHaveCount(1);
  expect((await anyone.get(hallUrl)).status()).toBe(404);
  const detail = await (await anyone.get(`/api/v1/venues/${CENTRE}`)).json();
  expect(detail.photos.map((p: { alt: string }) => p.alt)).toEqual([RAMP_CORRECTED]);
  await anyone.dispose();
});

test('at 390 px: the photo section fits the phone, with its buttons in reach', async ({ browser }) => {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await staffSignIn(page, 'gangshan.admin');
  await expect(page).toHaveURL(/\/workbench/);
  await page.goto(`/workbench/venues/bank-${GANGSHAN}`);
  await expect(page.getByRole('heading', { level: 1, name: /钢山街道支行/ })).toBeVisible();
  await upload(page, 'counter.png', pngImage(800, 600, [217, 119, 6]), '营业厅的社保卡服务窗口（测试用生成图片）');
  // more than the phone's width of thumbnails: the row scrolls sideways, the page does not
  await upload(page, 'door.png', pngImage(600, 800, [124, 58, 237]), '支行正门（测试用生成图片）');
  await upload(page, 'machine.png', pngImage(800, 600, [13, 148, 136]), '大厅里的自助终端（测试用生成图片）');
  await photos(page).scrollIntoViewIfNeeded();
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
  await checkPage(page, 'venue-photos-phone');
  await page.goto(`/venues/bank-${GANGSHAN}`);
  await expect(page.getByRole('img', { name: '营业厅的社保卡服务窗口（测试用生成图片）' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const box = await page.getByRole('img', { name: '营业厅的社保卡服务窗口（测试用生成图片）' }).boundingBox();
  // a thumbnail, not the whole screen: 4:3 and well under the phone's width
  expect(box!.width).toBeLessThan(200);
  expect(Math.round((box!.width / box!.height) * 3)).toBe(4);
  await checkPage(page, 'venue-photos-public-phone');
  // 长辈版: the same row, bigger targets, still nothing sideways
  await page.getByRole('switch', { name: /长辈版/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-elder', /.+/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await checkPage(page, 'venue-photos-public-phone-elder');
  await context.close();
});
