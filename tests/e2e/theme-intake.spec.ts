/**
 * 一件事收件 (issue 16, a window's view): 钢山街道's clerk takes in 钢山街道's own 高龄老人关爱一件事
 * for 王桂兰, who came to the window — the questions decide the items, the applicant and the shared
 * answers once, every material once on paper — and one submission makes a case per item, listed
 * with its number for the receipt. An incomplete form is said all at once first. Axe on the page in
 * normal and 长辈版 (the workbench has no elder styles of its own, but the page must pass in both).
 */
import { expect, test } from '@playwright/test';
import { checkPage } from './axe.js';
import { openPopup, pickPopupOption, pickRegion, PREFS_KEY, staffSignIn } from './helpers.js';

const WANG = { name: '王桂兰', id: '370883194811204522', phone: '13800000003' };

for (const mode of ['normal', 'elder'] as const) {
  test(`a clerk takes in 高龄老人关爱一件事 at the window in one go (${mode})`, async ({ page }) => {
    test.setTimeout(120_000);
    if (mode === 'elder') {
      await page.addInitScript((key) => window.localStorage.setItem(key, JSON.stringify({ elder: true, font: 1, contrast: false, bigCursor: false, rate: 'normal' })), PREFS_KEY);
    }
    await staffSignIn(page, 'gangshan.clerk');
    await expect(page).toHaveURL(/\/workbench$/);
    await page.goto('/workbench/intake');
    await page.getByRole('link', { name: '一件事收件' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('一件事收件');
    await checkPage(page, `theme-intake-empty-${mode}`);

    // nothing chosen yet: said all at once
    await page.getByRole('button', { name: '提交整件事' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '收件还不完整' });
    await expect(summary).toContainText('请选择要办的一件事');
    await expect(summary).toContainText('请输入姓名');

    // at a village (whose list is the village's own): the items it cannot take in are said at once
    await pickRegion(page, '收件地点', ['钢山街道', '孟庄社区']);
    await page.getByRole('combobox', { name: '一件事' }).click();
    await pickPopupOption(page, openPopup(page).locator('.ant-select-item-option').filter({ hasText: '高龄老人关爱一件事（钢山街道）' }));
    await expect(page.getByRole('alert').filter({ hasText: '所选收件地点不能办理其中的事项' })).toContainText('请选择镇（街道）作为收件地点');
    await pickRegion(page, '收件地点', ['钢山街道']);
    await page.getByRole('combobox', { name: '一件事' }).click();
    await pickPopupOption(page, openPopup(page).locator('.ant-select-item-option').filter({ hasText: '高龄老人关爱一件事（钢山街道）' }));
    await expect(page.getByRole('alert').filter({ hasText: '所选收件地点不能办理其中的事项' })).toHaveCount(0);
    await page.getByRole('group', { name: /需要同时申请最低生活保障/ }).getByRole('radio', { name: '不需要' }).check();
    await page.getByRole('group', { name: /银龄安康/ }).getByRole('radio', { name: '暂不参加' }).check();
    await expect(page.getByText(/要办 2 个事项：高龄津贴.*老年人优待证办理/)).toBeVisible();

    await page.getByRole('textbox', { name: '姓名', exact: true }).fill(WANG.name);
    await page.getByRole('textbox', { name: '身份证号码', exact: true }).fill(WANG.id);
    await page.getByRole('textbox', { name: '手机号码', exact: true }).fill(WANG.phone);
    // the shared answers, once for both items
    await page.getByLabel(/^联系电话/).fill(WANG.phone);
    await page.getByLabel('镇（街道）', { exact: true }).selectOption({ label: '钢山街道' });
    await page.getByLabel('村（社区）', { exact: true }).selectOption({ label: '孟庄社区' });
    await page.getByLabel('详细地址（现居住地址）').fill('幸福路 12 号');
    await page.getByRole('group', { name: /开户银行/ }).getByRole('radio').first().check();
    await page.getByLabel(/^领取津贴和救助金的银行账号/).fill('6217000012345678');
    // 高龄津贴's own 情形: applying in person
    await page.getByRole('group', { name: '是否委托他人代为办理？' }).getByRole('radio').first().check();

    // every material once, on paper, the original checked
    const materials = page.locator('.intake-material');
    const count = await materials.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const row = materials.nth(i);
      await row.locator('label').filter({ hasText: '纸质收取' }).click();
      await row.getByRole('checkbox', { name: /^已核验原件/ }).check();
    }
    await page.getByRole('checkbox', { name: /^绿色通道/ }).check();
    await page.getByRole('checkbox', { name: /^申请人承诺/ }).check();
    await checkPage(page, `theme-intake-filled-${mode}`);

    await page.getByRole('button', { name: '提交整件事' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('一件事已收件');
    await expect(page.getByRole('status')).toContainText('「高龄老人关爱一件事」已收件，共 2 个办件');
    const rows = page.getByRole('row').filter({ has: page.getByRole('link', { name: /^370883001/ }) });
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: '高龄津贴' })).toHaveCount(1);
    await expect(rows.filter({ hasText: '老年人优待证办理' })).toHaveCount(1);
    await checkPage(page, `theme-intake-done-${mode}`);

    // a case of it opens in the workbench, marked as part of the 一件事
    await rows.first().getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/高龄津贴|老年人优待证办理/);
    await expect(page.getByText('高龄老人关爱一件事').first()).toBeVisible();
  });
}
