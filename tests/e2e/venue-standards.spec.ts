/**
 * 场所标准化评估 (issue 13 item 5): a town administrator opens the overview of their town's centre
 * and stations, picks a village station not yet assessed, scores it item by item (the running total
 * and the level it would reach follow; a 标杆型 must-have short holds it at 标准型), adds a photo of
 * the visit, saves, finalises after the confirmation, and finds the level in the history and in the
 * overview. Then the pages at 390 px. Every page scanned by axe.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { chooseOption, settledDialog, staffSignIn, workbenchNav } from './helpers.js';

/** A 1×1 PNG: a real image, as the server checks by content. */
const PHOTO = {
  name: '门头.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
};

const noSideways = async (page: Page, what: string) => {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what}: nothing wider than the screen`).toBeLessThanOrEqual(390);
};

test.describe('venue standardisation', () => {
  test('a town administrator assesses a village station: scores, a photo, finalise; the level shows in the history and the overview', async ({ page }) => {
    // seven pages and dialogs scanned by axe on the way
    test.setTimeout(3 * 60_000);
    await staffSignIn(page, 'gangshan.admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await workbenchNav(page).getByRole('link', { name: '标准化评估' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('场所标准化评估');
    // the town's counts: only 钢山街道 for its administrator
    const towns = page.getByRole('region', { name: '各镇（街道）情况' }).or(page.locator('section[aria-labelledby="vs-towns-h"]'));
    await expect(towns.getByRole('button', { name: '只看钢山街道的场所' })).toBeVisible();
    await expect(towns).not.toContainText('千泉街道');
    await expect(page.getByRole('status').filter({ hasText: /^共 \d+ 个场所/ })).toBeVisible();
    await checkPage(page, 'venue-standards-overview');

    // the checklist in use, with its levels and must-haves
    await page.getByRole('button', { name: '查看评估标准' }).click();
    const checklist = await settledDialog(page.getByRole('dialog', { name: /评估标准：/ }));
    await expect(checklist).toContainText('标杆型：得分率 ≥ 90%');
    await expect(checklist).toContainText('帮办代办区');
    await checkPage(page, 'venue-standards-checklist');
    await checklist.getByRole('button', { name: /关闭|Close/ }).click();
    // closed, the focus is back where it was (and stays there: the next control is not left mid-way)
    await expect(checklist).toBeHidden();
    await expect(page.getByRole('button', { name: '查看评估标准' })).toBeFocused();

    // stations not yet assessed
    await chooseOption(page, '等级', '未评估');
    await chooseOption(page, '场所类型', '村（社区）便民服务站');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(/level=none/);
    const first = page.locator('a[href^="/workbench/venue-standards/village-"]').first();
    await expect(first).toBeVisible();
    const name = (await first.textContent())!.trim();
    await first.click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`标准化评估：${name}`);
    await expect(page.locator('.vs-facts')).toContainText('未评估');
    await expect(page.getByText('还没有定稿的评估。')).toBeVisible();
    await checkPage(page, 'venue-assessment-new');
    await page.getByRole('button', { name: '开始评估' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '本次评估（草稿）' })).toBeVisible();
    const running = page.locator('.vs-running');
    await expect(running).toContainText('当前得分 0 / 100 分');
    await expect(running).toContainText('未评分 30 项');

    // from full marks, points off with reasons
    await page.getByRole('button', { name: '未评分的项全部记满分' }).click();
    await expect(running).toContainText('100 / 100 分（100%）');
    await expect(running).toContainText('标杆型');
    await page.getByLabel('门头标识得分').fill('2');
    await page.getByLabel('说明：门头标识').fill('门头标识褪色，需更换');
    await page.getByLabel('志愿服务区得分').fill('0');
    await page.getByLabel('说明：志愿服务区').fill('未设志愿服务岗');
    await expect(running).toContainText('94 / 100 分（94%）');
    await expect(running).toContainText('标杆型');
    // 自助服务区 is a 标杆型 must-have: short of full marks, the venue is 标准型 whatever the total
    await page.getByLabel('自助服务区得分').fill('2');
    await expect(running).toContainText('92 / 100 分（92%）');
    await expect(running).toContainText('标准型');
    await expect(page.locator('.vs-result')).toContainText('必备项未得满分：自助服务区');
    await page.getByLabel('说明：自助服务区').fill('仅 1 台自助终端，无人指导');
    await page.getByLabel('总体意见').fill('整体达到标准化要求，自助服务区需配备引导人员。');

    // a photo of the visit (images only: the hint says so)
    await expect(page.getByText(/JPG 或 PNG 格式/)).toBeVisible();
    await page.getByLabel(/^拍照或选择文件（现场照片）/).setInputFiles(PHOTO);
    await expect(page.getByRole('list', { name: '已上传（现场照片）' }).getByText(PHOTO.name)).toBeVisible();

    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByText('草稿已保存')).toBeVisible();
    await checkPage(page, 'venue-assessment-draft');

    // finalise: the dialog says what it will be, then it is final
    await page.getByRole('button', { name: '定稿…' }).click();
    const confirm = await settledDialog(page.getByRole('dialog', { name: '确认定稿' }));
    await expect(confirm).toContainText('92 / 100 分（92%）');
    await expect(confirm).toContainText('标准型');
    await checkPage(page, 'venue-assessment-confirm');
    await confirm.getByRole('button', { name: '确认定稿' }).click();
    await expect(page.getByText('评估已定稿，评为标准型。')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '本次评估（草稿）' })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: '历次评估' })).toBeFocused();
    const history = page.locator('.vs-history > li');
    await expect(history).toHaveCount(1);
    await expect(history.first()).toContainText('标准型');
    await expect(history.first()).toContainText('当前等级');
    await expect(history.first()).toContainText('92 / 100 分');
    await expect(page.locator('.vs-facts')).toContainText('标准型');
    // a new assessment may begin again (the final one stays as it is)
    await expect(page.getByRole('button', { name: '开始评估' })).toBeVisible();

    // the past assessment in full, with its photo
    await history.first().getByRole('button', { name: /^查看/ }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '的评估' });
    await expect(drawer).toContainText('门头标识：2 / 4 分（门头标识褪色，需更换）');
    await expect(drawer.getByRole('img', { name: /现场照片：门头\.png/ })).toBeVisible();
    await checkPage(page, 'venue-assessment-history');
    await drawer.getByRole('button', { name: /关闭|Close/ }).click();
    await expect(drawer).toBeHidden();

    // the overview: the station's level and date
    await page.getByRole('navigation', { name: '位置' }).getByRole('link', { name: '场所标准化评估' }).click();
    await page.getByLabel('场所名称').fill(name);
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('标准型');
    await expect(row).toContainText('92 / 100 分（92%）');
  });

  test('at 390 px: the overview as cards and a centre with its history, nothing sideways', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await staffSignIn(page, 'admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await page.goto('/workbench/venue-standards');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('场所标准化评估');
    await expect(page.getByRole('list', { name: '场所列表' }).getByRole('listitem').first()).toBeVisible();
    await noSideways(page, 'overview');
    await checkPage(page, 'venue-standards-overview-390');

    // 钢山街道为民服务中心: assessed twice in the demo (基础型, then 标准型)
    await page.goto('/workbench/venue-standards/town-370883001');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('标准化评估：钢山街道为民服务中心');
    const history = page.locator('.vs-history > li');
    await expect(history).toHaveCount(2);
    await expect(history.nth(0)).toContainText('标准型');
    await expect(history.nth(1)).toContainText('基础型');
    await noSideways(page, 'venue page');
    await checkPage(page, 'venue-assessment-390');
  });
});
