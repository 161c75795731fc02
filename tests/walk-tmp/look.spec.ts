import { test, expect } from '@playwright/test';
test('guide normal and elder', async ({ page }) => {
  await page.goto('http://127.0.0.1:3177/items/37050100100001?region=370883001');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('最低生活保障');
  await page.screenshot({ path: '/tmp/look-guide.png', fullPage: false });
  await page.getByRole('switch', { name: '长辈版' }).click();
  await page.screenshot({ path: '/tmp/look-guide-elder.png', fullPage: false });
  await page.goto('http://127.0.0.1:3177/items?q=dibao');
  await expect(page.getByText('最低生活保障（新申请）').first()).toBeVisible();
});
