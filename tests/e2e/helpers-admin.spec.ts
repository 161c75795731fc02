/**
 * Issue 14 §1, the workbench's 帮办代办员 roster: gangshan.admin (town admin of 钢山街道) adds a
 * volunteer for 孟庄社区 — a bad phone is refused in words at the field, a staff account already
 * linked to another helper by the server (at the field and in the summary) — and the village's
 * public page lists them; an edit saved over someone else's is refused (409) and the latest is
 * loaded; leaving with unsaved changes asks; withdrawing asks, and the public page drops them. On
 * a 390 px phone the list is cards and nothing scrolls sideways. Axe on the list and the form.
 *
 * Only this run's own helper (a unique name) is changed and withdrawn: the seeded roster that
 * helpers-roster.spec.ts reads stays as it is. The helper is a 志愿者 and no coordinator, so even
 * while on the roster it sorts after 孟庄社区's 刘桂芝 (社区工作者) and before the coordinator.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { PHONE, chooseOption, settledDialog, staffSignIn, workbenchNav } from './helpers.js';
import { MENGZHUANG } from './routes.js';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const rosterOf = (page: Page): Locator => page.getByRole('region', { name: '帮办代办员' }).getByRole('list', { name: '帮办代办员' }).getByRole('listitem');

/** Chooses `option` in the multiple Select named `label` (its popup stays open: closed with Escape). */
async function chooseMany(page: Page, label: string, search: string, option: string | RegExp): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(search);
  const popup = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await popup.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  await box.press('Escape');
  await expect(popup).toBeHidden();
}

test('gangshan.admin adds, corrects and withdraws a 帮办代办员; the village page follows', async ({ page, browser }) => {
  test.setTimeout(180_000);
  // unique per run; a person's name has no digits, so they become 〇一二…
  const name = `测试帮办员${Date.now().toString(36).replace(/\d/g, (d) => '〇一二三四五六七八九'[Number(d)]!)}`;
  const phone = '13905379876';

  await staffSignIn(page, 'gangshan.admin');
  await expect(page).toHaveURL(/\/workbench$/);
  await workbenchNav(page).getByRole('link', { name: '帮办代办员' }).click();
  await expect(h1(page)).toHaveText('帮办代办员');
  await expect(page.getByRole('status').filter({ hasText: '位帮办代办员' })).toHaveText(/^共 \d+ 位帮办代办员$/);
  // a town admin keeps one town: no town filter, no town column
  await expect(page.getByRole('combobox', { name: '镇（街道）' })).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: '值守时间' })).toBeVisible();
  await checkPage(page, 'helpers-admin-list');

  // ---- add: a bad phone first ----
  await page.getByRole('link', { name: '添加帮办代办员' }).click();
  await expect(h1(page)).toHaveText('添加帮办代办员');
  await expect(page.getByRole('combobox', { name: '所属镇（街道）' })).toBeDisabled();
  await page.getByLabel('姓名').fill(name);
  await chooseOption(page, '类型', '志愿者');
  await page.getByLabel('联系电话').fill('0537-12');
  await chooseMany(page, '服务的村（社区）', '孟庄', /^孟庄社区$/);
  await chooseMany(page, '帮办事项', '最低生活保障', /最低生活保障/);
  await page.getByLabel('周二').fill('9:00-11:30');
  await page.getByLabel('周四').fill('09:00-11:30');
  await page.getByLabel('值守说明').fill('电话预约，可上门服务');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await expect(page.getByLabel('联系电话')).toHaveAccessibleDescription(/电话应为 11 位手机号码或带区号的固定电话/);
  await expect(page).toHaveURL(/\/workbench\/helpers\/new$/);
  await checkPage(page, 'helpers-admin-form-invalid');

  // fixed; but the account chosen is already 刘桂芝's (the seeded helper): the server says so, at the field and on top
  await page.getByLabel('联系电话').fill(phone);
  await chooseOption(page, '关联的工作人员账号', '刘桂芝（mengzhuang.helper）');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  const summary = page.getByRole('alert').filter({ hasText: '没有保存，请修改以下 1 处' });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: /工作账号：账号「刘桂芝」已关联帮办代办员/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '关联的工作人员账号' })).toHaveAccessibleDescription(/已关联帮办代办员/);
  await summary.getByRole('link', { name: /工作账号/ }).click();
  await expect(page.getByRole('combobox', { name: '关联的工作人员账号' })).toBeFocused();
  await checkPage(page, 'helpers-admin-form-server-error');

  // no account: saved, and the page is now the helper's
  const account = page.getByRole('combobox', { name: '关联的工作人员账号' });
  await account.press('Tab');
  await expect(page.getByRole('button', { name: '清除所选' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(account.locator('xpath=ancestor::*[contains(@class,"ant-select")][1]')).toContainText('不关联');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await expect(h1(page)).toHaveText(name);
  await expect(page).toHaveURL(/\/workbench\/helpers\/[0-9a-f-]{36}$/);
  const editUrl = page.url();
  const id = editUrl.split('/').pop()!;
  await expect(page.getByLabel('联系电话')).toHaveValue(phone);
  await checkPage(page, 'helpers-admin-form');

  // the village's public page lists them, after 刘桂芝 and before the town's coordinator
  const pub = await browser.newPage();
  await pub.goto(`/regions/${MENGZHUANG}`);
  await expect(h1(pub)).toHaveText('孟庄社区');
  const mine = rosterOf(pub).filter({ hasText: name });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText('志愿者');
  await expect(mine).toContainText(/值守时间\s*周二 09:00-11:30\s*周四 09:00-11:30/);
  await expect(mine.getByRole('link', { name: phone })).toHaveAttribute('href', `tel:${phone}`);
  await expect(rosterOf(pub).first()).toContainText('刘桂芝');
  await expect(rosterOf(pub).last()).toContainText('帮办代办总协调');

  // ---- correct: leaving with a change asks; someone else saves first (409), the latest is loaded ----
  await page.getByLabel('网格').fill('第二网格');
  await page.getByRole('navigation', { name: '位置' }).getByRole('link', { name: '帮办代办员' }).click();
  const leave = page.getByRole('dialog', { name: '离开此页面？' });
  await settledDialog(leave);
  await leave.getByRole('button', { name: '继续编辑' }).click();
  await expect(leave).toBeHidden();
  await expect(page).toHaveURL(editUrl);

  // another administrator changes the note meanwhile (the API, with this session's CSRF cookie)
  const current = await (await page.request.get(`/api/v1/helper-records/${id}`)).json();
  const csrf = (await page.context().cookies()).find((c) => c.name === 'bm_csrf')!.value;
  const other = await page.request.put(`/api/v1/helper-records/${id}`, {
    headers: { 'x-csrf-token': csrf },
    data: {
      name: current.name, type: current.type, phone: current.phone, townCode: current.townCode, areaCodes: current.areas.map((a: { code: string }) => a.code),
      grid: current.grid, coordinator: current.coordinator, itemCodes: current.items.map((i: { code: string }) => i.code), duty: current.duty,
      dutyNote: '每周二、周四在社区服务站', staffId: null, active: true, version: current.version,
    },
  });
  expect(other.status(), await other.text()).toBe(200);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  const stale = page.getByRole('alert').filter({ hasText: '刚被他人修改' });
  await expect(stale).toBeVisible();
  await stale.getByRole('button', { name: /载入最新内容/ }).click();
  await expect(page.getByLabel('值守说明')).toHaveValue('每周二、周四在社区服务站');
  await expect(page.getByLabel('网格')).toHaveValue('');
  await page.getByLabel('网格').fill('第二网格');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('已保存：村（社区）页面的名单已更新')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: '刚被他人修改' })).toHaveCount(0);
  await expect(page.getByLabel('网格')).toHaveValue('第二网格');

  // ---- withdraw: asks first; 取消 keeps them, 停用 withdraws ----
  await page.getByRole('switch', { name: '在册' }).uncheck();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: `停用帮办代办员「${name}」？` });
  // (a click while the dialog still zooms in can land beside its button: CI)
  await (await settledDialog(confirm)).getByRole('button', { name: '取消' }).click();
  await expect(confirm).toBeHidden();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await (await settledDialog(confirm)).getByRole('button', { name: '停用' }).click();
  await expect(page.getByText('已停用：不再显示在名单上')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: '这位帮办代办员已停用' })).toBeVisible();

  await pub.reload();
  await expect(h1(pub)).toHaveText('孟庄社区');
  await expect(rosterOf(pub).first()).toContainText('刘桂芝');
  await expect(rosterOf(pub).filter({ hasText: name })).toHaveCount(0);
  await pub.close();

  // the list: filtered to the withdrawn, it is there, marked
  await page.goto(`/workbench/helpers?q=${encodeURIComponent(name)}&status=inactive`);
  await expect(page.getByRole('status').filter({ hasText: '位帮办代办员' })).toHaveText('共 1 位帮办代办员');
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('已停用');

  // by the village covered: 孟庄社区's own and the town-wide helpers, fewer than the whole town's
  await page.goto('/workbench/helpers?status=active');
  const count = page.getByRole('status').filter({ hasText: '位帮办代办员' });
  await expect(count).toHaveText(/^共 \d+ 位帮办代办员$/);
  const townTotal = Number((await count.textContent())!.match(/\d+/)![0]);
  await chooseOption(page, '服务村（社区）', '孟庄社区');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/village=370883001004/);
  await expect.poll(async () => Number((await count.textContent())?.match(/\d+/)?.[0] ?? Number.NaN)).toBeLessThan(townTotal);
  await expect(page.getByRole('row').filter({ hasText: '刘桂芝' })).toHaveCount(1);

  // ---- a 390 px phone: cards, nothing sideways ----
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const phonePage = await context.newPage();
  await staffSignIn(phonePage, 'gangshan.admin');
  await expect(phonePage).toHaveURL(/\/workbench$/);
  await phonePage.goto('/workbench/helpers');
  await expect(h1(phonePage)).toHaveText('帮办代办员');
  const cards = phonePage.getByRole('list', { name: '帮办代办员列表' }).getByRole('listitem');
  await expect(cards.first()).toContainText('值守时间');
  await expect(cards.first()).toContainText('帮办代办总协调');
  await expect(phonePage.getByRole('table')).toHaveCount(0);
  expect(await overflow(phonePage), 'sideways scroll at 390 px (list)').toBeLessThanOrEqual(0);
  await checkPage(phonePage, 'helpers-admin-list-phone');
  await phonePage.goto(editUrl);
  await expect(h1(phonePage)).toHaveText(name);
  expect(await overflow(phonePage), 'sideways scroll at 390 px (form)').toBeLessThanOrEqual(0);
  await checkPage(phonePage, 'helpers-admin-form-phone');
  await context.close();
});

test('the city administrator chooses the town: in the list filter and in the form', async ({ page }) => {
  await staffSignIn(page, 'admin');
  await expect(page).toHaveURL(/\/workbench$/);
  await page.goto('/workbench/helpers');
  await expect(h1(page)).toHaveText('帮办代办员');
  await expect(page.getByRole('columnheader', { name: '镇（街道）' })).toBeVisible();
  await chooseOption(page, '镇（街道）', '千泉街道');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/town=370883002/);
  const rows = page.getByRole('row').filter({ has: page.getByRole('link') });
  await expect(rows.first()).toContainText('千泉街道');
  await expect(rows.filter({ hasText: '钢山街道' })).toHaveCount(0);

  await page.getByRole('link', { name: '添加帮办代办员' }).click();
  await expect(h1(page)).toHaveText('添加帮办代办员');
  const town = page.getByRole('combobox', { name: '所属镇（街道）' });
  await expect(town).toBeEnabled();
  await expect(page.getByRole('combobox', { name: '服务的村（社区）' })).toBeDisabled();
  await chooseOption(page, '所属镇（街道）', '钢山街道');
  await page.getByRole('combobox', { name: '服务的村（社区）' }).click();
  await expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().locator('.ant-select-item-option').filter({ hasText: /^孟庄社区$/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await checkPage(page, 'helpers-admin-form-city');
});
