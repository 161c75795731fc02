import { expect, test, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { handledWalkInCase, staffApi } from './case-fixtures.js';

/**
 * 好差评 on the hall's rating device (窗口评价器): 钢山街道's administrator issues a token for the
 * hall's terminal and sets the device up at /rate/terminal (a wrong token is refused first); a
 * walk-in whose 临时救助 was just handled there types the case number and rates it 满意; 「下一位」
 * clears the screen; a case number that does not exist is told as such. Then the rating is on the
 * case, by channel tablet (the API says). axe on each screen.
 */

/** The 钢山街道为民服务中心's hall terminal (venues seed: town-<code>-t1). */
const TERMINAL = 'town-370883001-t1';
const WALK_IN = { name: '孔凡荣', idNumber: '370883195806127221', phone: '13905377221' };

const caseNoField = (page: Page) => page.getByRole('textbox', { name: '办件编号' });

test('a hall tablet is set up with its terminal token and rates the case in front of it', async ({ page, baseURL }) => {
  const c = await handledWalkInCase(baseURL!, WALK_IN);
  const admin = await staffApi(baseURL!, 'gangshan.admin');
  const issued = await admin.api.post(`/api/v1/terminals/${TERMINAL}/token`, { headers: admin.headers });
  expect(issued.ok(), await issued.text()).toBe(true);
  const { token } = (await issued.json()) as { token: string };

  await page.goto('/rate/terminal');
  await expect(page.getByRole('heading', { level: 2, name: '设置评价设备' })).toBeVisible();
  await page.getByLabel('终端编号').fill(TERMINAL);
  await page.getByLabel('终端令牌').fill('not-the-token');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByRole('alert')).toContainText('终端编号或令牌不正确');
  await page.getByLabel('终端令牌').fill(token);
  await page.getByRole('radio', { name: '窗口评价器' }).check();
  await page.getByRole('button', { name: '保存设置' }).click();

  await expect(caseNoField(page)).toBeVisible();
  await checkPage(page, 'rate-terminal-ready');
  await caseNoField(page).fill('37088300');
  await page.getByRole('button', { name: '开始评价' }).click();
  await expect(page.getByRole('alert')).toContainText('25 位数字');
  await caseNoField(page).fill('0000000000000000000000001');
  await page.getByRole('button', { name: '开始评价' }).click();
  await expect(page.getByRole('alert')).toContainText('没有找到办件');
  await page.getByRole('button', { name: '下一位' }).click();
  await expect(caseNoField(page)).toBeFocused();

  await caseNoField(page).fill(c.caseNo);
  await page.getByRole('button', { name: '开始评价' }).click();
  await expect(page.getByText('临时救助（急难型临时救助）')).toBeVisible();
  await checkPage(page, 'rate-terminal-case');
  await page.getByRole('radio', { name: /^满意/ }).check();
  await page.getByRole('button', { name: /提交评价/ }).click();
  await expect(page.getByRole('heading', { name: /感谢/ })).toBeVisible();
  await checkPage(page, 'rate-terminal-thanks');

  // the next person sees nothing of the case before
  await page.getByRole('button', { name: '下一位' }).click();
  await expect(caseNoField(page)).toHaveValue('');
  await expect(page.getByText('临时救助（急难型临时救助）')).toHaveCount(0);

  // the device stays set up (remembered in this browser) after a reload
  await page.reload();
  await expect(caseNoField(page)).toBeVisible();

  const ratings = await admin.api.get(`/api/v1/ratings?q=${encodeURIComponent(c.caseNo)}`);
  expect(ratings.ok(), await ratings.text()).toBe(true);
  const list = (await ratings.json()) as { items: { caseNo: string; channel: string; level: string }[] };
  expect(list.items.find((r) => r.caseNo === c.caseNo)).toMatchObject({ channel: 'tablet' });
  await admin.api.dispose();
});
