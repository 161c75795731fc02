/**
 * Issue 16 §3, building a theme: the city administrator opens 一件事主题 and the demo's 出生一件事
 * (its preview finds nothing wrong); creates a theme of two catalog items — one asked about with a
 * 情形 question — saves it (a missing name is said at its field first), previews it, publishes it;
 * the public 一件事 page then offers it. Axe on each page.
 */
import { expect, test } from '@playwright/test';
import { checkPage } from './axe.js';
import { openPopup, pickPopupOption, settledDialog, settledPopup, staffSignIn, workbenchNav } from './helpers.js';

const h1 = (page: import('@playwright/test').Page) => page.getByRole('heading', { level: 1 });

test('admin builds, previews and publishes a theme; the portal offers it', async ({ page }) => {
  test.setTimeout(180_000);
  const code = `e2e-${Date.now().toString(36)}`;
  await staffSignIn(page, 'admin');
  await workbenchNav(page).getByRole('link', { name: '一件事主题' }).click();
  await expect(h1(page)).toHaveText('一件事主题');
  await expect(page.getByRole('row').filter({ hasText: '出生一件事' })).toContainText('已发布');
  await checkPage(page, 'themes-admin-list');

  // the demo theme: its draft is the published one, and the preview finds nothing wrong
  await page.getByRole('link', { name: '出生一件事' }).click();
  await expect(h1(page)).toHaveText('一件事主题：出生一件事');
  await page.getByRole('button', { name: '保存并预览' }).click();
  const preview = page.getByText('没有发现问题，可以发布');
  await expect(preview).toBeVisible();
  await checkPage(page, 'themes-admin-birth');

  // a shared field's format rule and length are the administrator's to set: 退休一件事's bank account
  await page.goto('/workbench/themes/retirement');
  await expect(h1(page)).toHaveText('一件事主题：退休一件事');
  const account = page.locator('fieldset').filter({ has: page.getByRole('combobox', { name: /常用格式规则/ }) }).filter({ hasText: '银行账号' }).first();
  await expect(page.getByRole('textbox', { name: '规则（正则表达式）' }).first()).toBeVisible();
  await expect(account.getByRole('textbox', { name: '规则（正则表达式）' })).toHaveValue('\\d{12,19}');
  await checkPage(page, 'themes-admin-retirement');

  // a new theme
  await page.goto('/workbench/themes/new');
  await expect(h1(page)).toHaveText('新建一件事主题');
  await page.getByLabel('主题编码（网址，如 birth）').fill(code);
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '有必填项没有填写' })).toBeVisible();
  await expect(page.getByText('请填写主题名称')).toBeVisible();
  await page.getByLabel('主题名称').fill('敬老一件事（测试）');
  await page.getByRole('combobox', { name: /人生阶段/ }).click();
  await pickPopupOption(page, openPopup(page).locator('.ant-select-item-option').filter({ hasText: /^养老$/ }));
  await page.getByLabel('简介').fill('年满 60 周岁的老人一次办好优待证和社会保障卡。');
  await page.getByLabel('牵头部门').fill('邹城市民政局');
  // a question: 是否已有社会保障卡？ (是 / 否 offered)
  await page.getByRole('button', { name: '添加问题' }).click();
  await page.getByLabel('问题标识（英文，如 card）').fill('card');
  await page.getByRole('textbox', { name: /^\*?\s*问题$/ }).fill('是否已有社会保障卡？');
  // two items, found by name
  for (const [n, name] of [[1, '老年人优待证'], [2, '社会保障卡申领']] as const) {
    const box = page.getByRole('combobox', { name: `事项 ${n}` });
    await box.click();
    await box.fill(name);
    await pickPopupOption(page, openPopup(page).locator('.ant-select-item-option').filter({ hasText: name }).first());
  }
  // the card only for those without one
  const second = page.locator('fieldset').filter({ hasText: '事项 2' });
  await second.getByRole('combobox', { name: /适用条件：问题/ }).click();
  await pickPopupOption(page, openPopup(page).locator('.ant-select-item-option').filter({ hasText: '是否已有社会保障卡？' }));
  // (a multiple choice: the list stays open after the pick)
  await second.getByRole('combobox', { name: /回答为以下之一时办理/ }).click();
  await (await settledPopup(page)).locator('.ant-select-item-option').filter({ hasText: /^否$/ }).click();
  await expect(second.locator('.ant-select-selection-item').filter({ hasText: '否' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '保存并预览' }).click();
  await expect(page).toHaveURL(new RegExp(`/workbench/themes/${code}$`));
  await expect(page.getByText('没有发现问题，可以发布')).toBeVisible();
  await expect(page.getByText(/是否已有社会保障卡？为“否”时办理/)).toBeVisible();
  await checkPage(page, 'themes-admin-new-preview');

  // publish: offered at once
  await page.getByRole('button', { name: '发布', exact: true }).click();
  const dialog = await settledDialog(page.getByRole('dialog', { name: '发布主题' }));
  await dialog.getByLabel('发布说明（选填）').fill('首次发布');
  await dialog.getByRole('button', { name: '确认发布' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('现行第 1 版')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '首次发布' })).toContainText('第 1 版');

  await page.goto(`/themes/${code}`);
  await expect(h1(page)).toHaveText('敬老一件事（测试）');
  await expect(page.getByRole('link', { name: '在线申请' })).toBeVisible();

  // 停用: no longer offered
  await page.goto(`/workbench/themes/${code}`);
  await page.getByRole('button', { name: '停用' }).click();
  const stop = await settledDialog(page.getByRole('dialog', { name: '停用主题' }));
  await stop.getByLabel('停用原因').fill('测试完毕');
  await stop.getByRole('button', { name: '确认停用' }).click();
  await expect(stop).toBeHidden();
  await expect(page.getByText('已停用', { exact: true })).toBeVisible();
  await page.goto(`/themes/${code}`);
  await expect(h1(page)).toHaveText('未找到该主题');
});

test('a town administrator builds the town\'s own themes: the list holds them, a new one is the town\'s', async ({ page }) => {
  await staffSignIn(page, 'gangshan.admin');
  await workbenchNav(page).getByRole('link', { name: '一件事主题' }).click();
  await expect(h1(page)).toHaveText('一件事主题');
  const row = page.getByRole('row').filter({ hasText: '高龄老人关爱一件事' });
  await expect(row).toContainText('钢山街道（本镇街）');
  await expect(page.getByRole('row').filter({ hasText: '出生一件事' })).toHaveCount(0);
  await checkPage(page, 'themes-admin-town-list');

  await page.getByRole('button', { name: '新建主题' }).click();
  await expect(h1(page)).toHaveText('新建一件事主题');
  await expect(page.getByRole('combobox', { name: '适用范围' }).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')).toContainText('钢山街道（仅本镇街及其村、社区）');
  await checkPage(page, 'themes-admin-town-new');

  await page.goto('/workbench/themes/gangshan-elderly');
  await expect(h1(page)).toHaveText('一件事主题：高龄老人关爱一件事');
  await expect(page.locator('#theme-offered-in')).toHaveText('钢山街道（本镇街）');
});
