/**
 * Notifications in the browser: the citizen sees 已受理 in 我的消息 (on a phone) once the clerk
 * accepts her application; the city administrator edits a template (an unknown placeholder is
 * refused at its field, the preview follows the text); staff read their time-limit warnings.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { checkPage } from './axe.js';
import { citizenApiSignIn, PHONE, staffSignIn, workbenchNav, settledDialog, settledTooltip } from './helpers.js';

/** The clerk accepts 张秀英's 高龄津贴 application (the demo's case awaiting 预审 at 钢山街道) through the API. */
async function clerkAcceptsZhang(request: APIRequestContext): Promise<{ caseNo: string; itemName: string }> {
  const login = await request.post('/api/v1/auth/staff/login', { data: { username: 'gangshan.clerk', password: 'Demo@2026' } });
  expect(login.ok(), await login.text()).toBe(true);
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'bm_csrf')!.value;
  const list = (await (await request.get('/api/v1/cases?status=pending_review&pageSize=50')).json()) as { items: { id: string; caseNo: string; itemName: string; applicantName: string; version: number }[] };
  const c = list.items.find((i) => i.applicantName === '张秀英');
  expect(c, 'the demo has 张秀英 awaiting 预审 at 钢山街道').toBeTruthy();
  const res = await request.post(`/api/v1/cases/${c!.id}/actions/accept`, { data: { opinion: '材料齐全，予以受理', version: c!.version }, headers: { 'x-csrf-token': csrf } });
  expect(res.ok(), await res.text()).toBe(true);
  await request.post('/api/v1/auth/logout', { headers: { 'x-csrf-token': csrf } });
  return { caseNo: c!.caseNo, itemName: c!.itemName };
}

test('a citizen on a phone sees 已受理 in 我的消息 after the clerk accepts, and marks it read', async ({ browser, request }) => {
  const accepted = await clerkAcceptsZhang(request);

  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await citizenApiSignIn(page.request, '13800000001');
  await page.goto('/my');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的');
  const entry = page.getByRole('link', { name: /^查看消息/ });
  await expect(entry).toContainText(/\d+ 条未读/);
  await checkPage(page, 'notify-my');
  await entry.click();

  await expect(page).toHaveURL(/\/my\/messages$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的消息');
  const list = page.getByRole('list', { name: '消息列表' });
  // (the demo data has other cases of the same item: this case's message is the one with its number)
  const message = list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `已受理：${accepted.itemName}` }) }).filter({ hasText: accepted.caseNo });
  await expect(message).toHaveCount(1);
  await expect(message).toContainText(`办件编号 ${accepted.caseNo}`);
  await expect(message).toContainText('未读');
  await expect(message).toContainText(/已由钢山街道受理，承诺在 \d+ 个工作日内、\d{4}年\d{1,2}月\d{1,2}日前办结/);
  // the submission notice of the same case came first
  await expect(list.getByRole('listitem').filter({ hasText: accepted.caseNo }).filter({ has: page.getByRole('heading', { name: `申请已提交：${accepted.itemName}` }) })).toHaveCount(1);
  await checkPage(page, 'notify-my-messages');

  const status = page.getByRole('status').filter({ hasText: '条消息' });
  const before = Number((await status.textContent())!.match(/其中 (\d+) 条未读/)![1]);
  await message.getByRole('button', { name: /^标为已读/ }).click();
  await expect(message).not.toContainText('未读');
  await expect(status).toContainText(before - 1 > 0 ? `其中 ${before - 1} 条未读` : '没有未读消息');

  await page.getByRole('link', { name: /^只看未读/ }).click();
  await expect(page).toHaveURL(/filter=unread/);
  await expect(list.getByRole('listitem').filter({ hasText: accepted.caseNo }).filter({ has: page.getByRole('heading', { name: `已受理：${accepted.itemName}` }) })).toHaveCount(0);
  await checkPage(page, 'notify-my-messages-unread');
  await context.close();
});

test('the city administrator edits a template: unknown placeholders refused at the field, live preview, saved', async ({ page }) => {
  await staffSignIn(page, 'admin');
  await workbenchNav(page).getByRole('link', { name: '通知模板' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('通知模板');
  await expect(page.getByRole('table').first()).toContainText('已受理');
  await checkPage(page, 'notify-templates');

  await page.getByRole('button', { name: '编辑「已受理」短信模板' }).click();
  const drawer = page.getByRole('dialog', { name: '编辑模板：已受理 · 短信' });
  await settledDialog(drawer);
  const body = drawer.getByRole('textbox', { name: /^短信正文/ });
  await body.fill('{申请人}您好，{办件号}已受理。');
  await expect(drawer.getByText(/未知占位符：\{办件号\}/)).toBeVisible();
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(drawer.getByText(/未知占位符：\{办件号\}/)).toBeVisible();
  await checkPage(page, 'notify-template-error');

  // A chip inserts at the cursor; the preview follows.
  await body.fill('{申请人}您好，您申请的{事项名称}已受理，办件编号');
  // The refusal under the field folds away once the preview has checked the new text; the chips move up
  // with it, so they are clicked only after it is gone (a click during the fold lands beside them).
  await expect(drawer.getByText(/未知占位符/)).toHaveCount(0);
  await body.press('End');
  await drawer.getByRole('button', { name: /^插入 \{办件编号\}/ }).click();
  await expect(body).toHaveValue('{申请人}您好，您申请的{事项名称}已受理，办件编号{办件编号}');
  await expect(drawer.locator('.tpl-preview')).toContainText('【邹城市政务服务】张秀英您好，您申请的最低生活保障（新申请）已受理，办件编号3708830010002026112700001');
  await expect(drawer.getByText(/未知占位符/)).toHaveCount(0);
  await checkPage(page, 'notify-template-edit');
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(drawer).toBeHidden();
  const row = page.locator('tr[data-row-key="case.accepted:sms"]');
  await expect(row).toContainText('已修改');

  // Back to the default for the other journeys.
  await page.getByRole('button', { name: '编辑「已受理」短信模板' }).click();
  await settledDialog(drawer);
  await drawer.getByRole('button', { name: '恢复默认' }).click();
  await (await settledTooltip(page)).getByRole('button', { name: '恢复默认' }).click();
  await expect(row).toContainText('系统默认');
});

test('staff read their time-limit warnings in the workbench', async ({ page, request }) => {
  // The daily scan runs at start when it is a working day after 08:00; run it now either way.
  const login = await request.post('/api/v1/auth/staff/login', { data: { username: 'admin', password: 'Demo@2026' } });
  expect(login.ok()).toBe(true);
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'bm_csrf')!.value;
  const run = await request.post('/api/v1/notifications/run-warnings', { headers: { 'x-csrf-token': csrf } });
  expect(run.ok(), await run.text()).toBe(true);
  expect((await run.json()).red).toBeGreaterThanOrEqual(1);

  await staffSignIn(page, 'gangshan.clerk');
  await workbenchNav(page).getByRole('link', { name: '消息' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('消息');
  const warning = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /红灯超期：/ }) }).first();
  await expect(warning).toContainText(/已超期 \d+ 个工作日/);
  await checkPage(page, 'notify-staff-messages');
  await page.getByRole('button', { name: '全部标为已读' }).click();
  await expect(page.getByRole('status').filter({ hasText: '未读' })).toContainText('未读 0 条');
});
