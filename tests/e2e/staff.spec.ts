import { expect, test } from '@playwright/test';
import { checkPage } from './axe.js';
import { chooseOption, PHONE, staffSignIn, workbenchNav, settledDialog } from './helpers.js';

test.describe('staff workbench', () => {
  test('unauthenticated /workbench goes to the staff sign-in page', async ({ page }) => {
    await page.goto('/workbench/accounts');
    await expect(page).toHaveURL(/\/staff\/login\?next=%2Fworkbench%2Faccounts$/);
    await expect(page.getByText('请先登录工作人员账号。')).toBeVisible();
    await checkPage(page, 'staff-login');
  });

  test('(a) gangshan.admin signs in: the workbench shows 账号管理 and 审计日志', async ({ page }) => {
    await staffSignIn(page, 'gangshan.admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作台');
    const nav = workbenchNav(page);
    await expect(nav.getByRole('link')).toHaveText(['工作台', '消息', '办件工作台', '超期预警', '电子证照', '账号管理', '审计日志', '实施清单', '一件事主题', '服务网点', '自助终端', '标准化评估', '流动服务车', '帮办代办员', '帮办代办求助', '评价管理', '差评整改', '监督看板', '改革任务', '培训记录', '典型案例']);
    await expect(nav.getByRole('link', { name: '工作台', exact: true })).toHaveAttribute('aria-current', 'page');
    // Who you are, your roles and regions.
    const main = page.getByRole('main');
    await expect(main).toContainText('孔令军');
    await expect(main).toContainText('gangshan.admin');
    await expect(main.getByRole('listitem').filter({ hasText: '镇街管理员 · 钢山街道' })).toHaveCount(1);
    await expect(main.getByRole('listitem').filter({ hasText: '镇街管理员 · 钢山街道' })).toContainText('可：查看账号、管理账号与授权、查看审计日志');
    await expect(main).not.toContainText('account.manage');
    await checkPage(page, 'workbench-town-admin');

    // 账号管理: only 钢山街道's accounts (data scope), never 千泉街道's.
    await nav.getByRole('link', { name: '账号管理' }).click();
    await expect(page).toHaveURL(/\/workbench\/accounts$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('账号管理');
    const table = page.getByRole('table');
    await expect(table.getByRole('row').filter({ hasText: 'gangshan.clerk' })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: 'mengzhuang.helper' })).toHaveCount(1);
    await expect(table).not.toContainText('qianquan.clerk');
    await expect(table).not.toContainText('颜丽');
    await checkPage(page, 'accounts-list');

    // Search by name.
    await page.getByLabel('姓名或用户名').fill('孟晓燕');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(/q=/);
    await expect(table.getByRole('row')).toHaveCount(2); // header + one account
    await expect(table).toContainText('gangshan.clerk');
    // Filter by role.
    await page.getByRole('button', { name: '重置' }).click();
    await expect(table.getByRole('row').filter({ hasText: 'gangshan.approver' })).toHaveCount(1);
    await chooseOption(page, '角色', '帮办代办员');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(/role=helper/);
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table).toContainText('刘桂芝');

    // 审计日志: sign-ins in this town are recorded, with readable summaries.
    await nav.getByRole('link', { name: '审计日志' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('审计日志');
    const audit = page.getByRole('table');
    await expect(audit.getByRole('row').filter({ hasText: '工作人员登录' }).first()).toBeVisible();
    await checkPage(page, 'audit-log');
    // The demo's accounts were created long before its cases: filter by the action to find them.
    await chooseOption(page, '操作', '新建账号');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(/action=account\.create/);
    await expect(audit.getByRole('row').filter({ hasText: '新建账号' }).first()).toContainText('用户名');
    await chooseOption(page, '操作', '工作人员登录');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(/action=auth\.staff\.login/);
    await expect(audit.getByRole('row').filter({ hasText: '新建账号' })).toHaveCount(0);
    await expect(audit.getByRole('row').filter({ hasText: '孔令军' }).first()).toBeVisible();
  });

  test('keyboard only: the city admin filters accounts by a community through the lazy region tree', async ({ page }) => {
    await staffSignIn(page, 'admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await page.goto('/workbench/accounts');
    const table = page.getByRole('table');
    // The city admin sees every town's accounts.
    await expect(table.getByRole('row').filter({ hasText: 'qianquan.clerk' })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: 'gangshan.clerk' })).toHaveCount(1);

    await page.getByLabel('姓名或用户名').focus();
    await page.keyboard.press('Tab');
    const region = page.getByRole('combobox', { name: '所属区划' });
    await expect(region).toBeFocused();
    await page.keyboard.press('ArrowDown'); // open: 邹城市 is active
    const popup = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await expect(popup.getByText('邹城市', { exact: true })).toBeVisible();
    await page.keyboard.press('ArrowRight'); // expand 邹城市 (loads its towns)
    await expect(popup.getByText('钢山街道', { exact: true })).toBeVisible();
    await page.keyboard.press('ArrowDown'); // 钢山街道
    await page.keyboard.press('ArrowRight'); // expand it (loads its villages)
    await expect(popup.getByText('孟庄社区', { exact: true })).toBeVisible();
    await checkPage(page, 'accounts-region-tree-open');
    await page.keyboard.press('ArrowDown'); // 孟庄社区, its first community
    await page.keyboard.press('Enter');
    await expect(region).toBeFocused();
    await expect(page.locator('#acc-region').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]')).toContainText('孟庄社区');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: '清除所选' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('combobox', { name: '角色' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: '查询' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/region=370883001004/);
    await expect(table.getByRole('row').filter({ hasText: 'mengzhuang.helper' })).toHaveCount(1);
    await expect(table).not.toContainText('gangshan.clerk');
    await expect(table).not.toContainText('qianquan.clerk');
  });

  test('(b) gangshan.clerk has no 账号管理 menu and gets a 403 page at its URL', async ({ page }) => {
    await staffSignIn(page, 'gangshan.clerk');
    await expect(page).toHaveURL(/\/workbench$/);
    await expect(page.getByRole('main')).toContainText('窗口人员 · 钢山街道');
    const nav = workbenchNav(page);
    await expect(nav.getByRole('link')).toHaveText(['工作台', '消息', '办件工作台', '一窗受理', '超期预警', '电子证照']);
    await expect(nav.getByRole('link', { name: '账号管理' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: '审计日志' })).toHaveCount(0);
    // The home shows the work waiting: counts a link each, the same numbers as the queue's tabs.
    const counts = page.getByRole('list', { name: '办件件数' });
    await expect(counts.getByRole('link', { name: /^等我处理\s*\d+$/ })).toHaveAttribute('href', '/workbench/cases?awaiting=1');
    await expect(counts.getByRole('link', { name: /^待受理\s*\d+$/ })).toHaveAttribute('href', '/workbench/cases?status=pending_acceptance');
    await expect(page.getByRole('list', { name: '办理时限' }).getByRole('link', { name: /^红灯（已超期）\s*\d+$/ })).toHaveAttribute('href', '/workbench/cases?overdue=1');
    const tabCount = async (name: string) => Number((await page.getByRole('list', { name: '办件件数' }).getByRole('link', { name: new RegExp(`^${name}`) }).textContent())!.replace(/\D/g, ''));
    const waiting = await tabCount('等我处理');
    await counts.getByRole('link', { name: /^等我处理/ }).click();
    await expect(page.getByText(`共 ${waiting} 件等我处理的办件`)).toBeVisible();
    await page.goto('/workbench');
    await checkPage(page, 'workbench-clerk');

    await page.goto('/workbench/accounts');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('无权访问');
    await expect(page.getByRole('main')).toContainText('您没有使用「账号管理」的权限（403）');
    await expect(page.getByRole('table')).toHaveCount(0);
    await checkPage(page, 'workbench-clerk-403');

    await page.goto('/workbench/audit');
    await expect(page.getByRole('main')).toContainText('您没有使用「审计日志」的权限（403）');
  });

  test('a session about to expire warns, 「继续使用」 extends it, and expiry signs out', async ({ page }) => {
    // The page's clock is Playwright's here, and still runs in real time: the dialog is only checked
    // to be there, never waited on to settle (waiting would let real time eat the seconds left).
    await page.clock.install();
    await staffSignIn(page, 'gangshan.approver');
    await expect(page).toHaveURL(/\/workbench$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作台');
    const dialog = page.getByRole('dialog', { name: '即将自动退出登录' });
    await expect(dialog).toHaveCount(0);

    // 28 min 30 s idle: the warning is up, with time left to answer.
    await page.clock.fastForward('28:30');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('30 分钟未操作将自动退出登录');
    await expect(dialog).toContainText(/剩余时间：1 分 \d\d 秒/);
    await checkPage(page, 'session-warning');

    // A slow user: 60 more seconds pass before they answer; still in time.
    await page.clock.fastForward('01:00');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: '继续使用' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/workbench$/);

    // The session was extended: another 27 minutes pass without a warning...
    await page.clock.fastForward('27:00');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作台');
    await expect(dialog).toBeHidden();
    // ...then, with nobody there, it ends and the sign-in page says why.
    await page.clock.fastForward('02:00');
    await expect(dialog).toBeVisible();
    await page.clock.fastForward('01:30');
    await expect(page).toHaveURL(/\/staff\/login/);
    await expect(page.getByText('由于长时间未操作，您已自动退出登录，请重新登录。')).toBeVisible();
    await checkPage(page, 'session-expired');
    // And the server agrees: the workbench asks for sign-in again.
    await page.goto('/workbench');
    await expect(page).toHaveURL(/\/staff\/login/);
  });

  test.describe('on a phone', () => {
    test.use(PHONE);

    test('the workbench menu collapses into a drawer', async ({ page }) => {
      await staffSignIn(page, 'gangshan.admin');
      await expect(page).toHaveURL(/\/workbench$/);
      await expect(workbenchNav(page)).toHaveCount(0);
      const menuButton = page.getByRole('button', { name: '打开菜单' });
      await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
      await checkPage(page, 'workbench-phone');
      await menuButton.click();
      const drawer = page.getByRole('dialog', { name: '工作台菜单' });
      await settledDialog(drawer);
      await expect(workbenchNav(page).getByRole('link')).toHaveText(['工作台', '消息', '办件工作台', '超期预警', '电子证照', '账号管理', '审计日志', '实施清单', '一件事主题', '服务网点', '自助终端', '标准化评估', '流动服务车', '帮办代办员', '帮办代办求助', '评价管理', '差评整改', '监督看板', '改革任务', '培训记录', '典型案例']);
      await checkPage(page, 'workbench-phone-menu');
      await workbenchNav(page).getByRole('link', { name: '账号管理' }).click();
      await expect(drawer).toBeHidden();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('账号管理');
      // Cards, not a wide table, on a phone.
      const cards = page.getByRole('list', { name: '账号列表' });
      await expect(cards.getByRole('listitem').filter({ hasText: 'gangshan.clerk' })).toHaveCount(1);
      await expect(page.getByRole('table')).toHaveCount(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await checkPage(page, 'accounts-phone');
      await cards.getByRole('button', { name: '管理账号 孟晓燕（gangshan.clerk）' }).click();
      const detail = page.getByRole('dialog', { name: '账号：孟晓燕（gangshan.clerk）' });
      await expect(detail).toContainText('窗口人员 · 钢山街道');
      await checkPage(page, 'account-detail-phone');
      await page.keyboard.press('Escape');
      await expect(detail).toBeHidden();

      await page.getByRole('button', { name: '打开菜单' }).click();
      await workbenchNav(page).getByRole('link', { name: '审计日志' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('审计日志');
      const records = page.getByRole('list', { name: '审计记录' });
      await expect(records.getByRole('listitem').filter({ hasText: '工作人员登录' }).first()).toContainText('移动端');
      await checkPage(page, 'audit-phone');
    });
  });
});
