import { expect, test } from '@playwright/test';
import { checkPage } from './axe.js';
import { chooseOption, openPopup, pickRegion, popupOptions, staffSignIn, workbenchNav, settledDialog, settledTooltip } from './helpers.js';

const NEW_USER = { username: 'mengzhuang.clerk', name: '孟凡华', password: 'Clerk#2026a' };

test.describe('account administration', () => {
  test('(d) gangshan.admin creates a window clerk for 孟庄社区; the clerk signs in (a wrong password is told, with the lock policy)', async ({ page }) => {
    await staffSignIn(page, 'gangshan.admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await workbenchNav(page).getByRole('link', { name: '账号管理' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('账号管理');

    await page.getByRole('button', { name: '新建账号' }).click();
    const drawer = page.getByRole('dialog', { name: '新建工作人员账号' });
    await settledDialog(drawer);

    // Roles offered are those a town admin may grant (no 市级管理员).
    await drawer.getByRole('combobox', { name: '第 1 项授权：角色' }).click();
    await expect(popupOptions(page)).toHaveText(['窗口人员', '审批人员', '帮办代办员', '镇街管理员']);
    await page.keyboard.press('Escape');
    await expect(openPopup(page)).toBeHidden();

    // Client-side checks use the shared rules (passwordProblems, isValidMobile).
    await drawer.getByLabel('用户名').fill('gangshan.clerk');
    await drawer.getByLabel('姓名').fill(NEW_USER.name);
    await drawer.getByLabel('初始密码').fill('abc');
    await drawer.getByLabel('手机号码（选填）').fill('1234');
    await drawer.getByRole('button', { name: '创建账号' }).click();
    await expect(drawer.getByText('密码至少 8 位')).toBeVisible();
    await expect(drawer.getByText('请输入正确的 11 位手机号码')).toBeVisible();
    await expect(drawer.getByText('请选择所属区划')).toBeVisible();
    await checkPage(page, 'create-account-errors');

    await drawer.getByLabel('初始密码').fill(NEW_USER.password);
    await drawer.getByLabel('手机号码（选填）').fill('13905371234');
    await pickRegion(page, '所属区划', ['钢山街道', '孟庄社区'], drawer);
    await pickRegion(page, '第 1 项授权：区划', ['钢山街道', '孟庄社区'], drawer);
    await checkPage(page, 'create-account-filled');

    // The server's field error (409 USERNAME_TAKEN) lands on the username field.
    await drawer.getByRole('button', { name: '创建账号' }).click();
    await expect(drawer.getByText('用户名已被使用')).toBeVisible();
    await expect(drawer.getByLabel('用户名')).toHaveAttribute('aria-invalid', 'true');

    await drawer.getByLabel('用户名').fill(NEW_USER.username);
    await drawer.getByRole('button', { name: '创建账号' }).click();
    await expect(page.getByText(`已创建账号 ${NEW_USER.username}（${NEW_USER.name}）`)).toBeVisible();

    // The new account opens; its grant is there.
    const detail = page.getByRole('dialog', { name: `账号：${NEW_USER.name}（${NEW_USER.username}）` });
    await settledDialog(detail);
    await expect(detail).toContainText('窗口人员 · 孟庄社区');
    await expect(detail).toContainText('139****1234');
    await checkPage(page, 'account-detail');
    await detail.getByRole('button', { name: '关闭' }).click();
    await expect(detail).toBeHidden();
    const row = page.getByRole('table').getByRole('row').filter({ hasText: NEW_USER.username });
    await expect(row).toContainText('孟庄社区');
    await expect(row).toContainText('从未登录');

    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/staff\/login\?reason=signedOut$/);
    await expect(page.getByText('您已安全退出登录。')).toBeVisible();

    // The new clerk: a wrong password first.
    await staffSignIn(page, NEW_USER.username, 'Wrong#2026x');
    // The same answer as for an unknown user: no count of attempts left.
    await expect(page.getByText('用户名或密码错误。密码连续输错 5 次，账号将锁定 15 分钟')).toBeVisible();
    await expect(page.getByText(/剩余尝试次数/)).toHaveCount(0);
    await expect(page.getByLabel('密码', { exact: true })).toBeFocused();
    await checkPage(page, 'staff-login-wrong-password');

    await page.getByLabel('密码', { exact: true }).fill(NEW_USER.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/workbench$/);
    const main = page.getByRole('main');
    await expect(main).toContainText(NEW_USER.name);
    await expect(main.getByRole('listitem').filter({ hasText: '窗口人员 · 孟庄社区' })).toHaveCount(1);
    await expect(workbenchNav(page).getByRole('link')).toHaveText(['工作台', '消息', '办件工作台', '一窗受理', '超期预警', '电子证照']);
    await checkPage(page, 'workbench-new-clerk');
  });

  test('gangshan.admin manages the account: grant, revoke, disable, reset password, unlock', async ({ page }) => {
    // Lock the new clerk out first (5 wrong passwords); the next attempt is told of the lock (as an
    // unknown username would be after 5 failures), and the account list below shows it.
    for (let i = 0; i < 5; i++) {
      await staffSignIn(page, NEW_USER.username, 'Wrong#2026x');
      await expect(page.getByText('用户名或密码错误。密码连续输错 5 次，账号将锁定 15 分钟')).toBeVisible();
    }
    await staffSignIn(page, NEW_USER.username, NEW_USER.password);
    await expect(page.getByText('密码连续错误 5 次，账号已锁定 15 分钟，请稍后再试或联系管理员解锁')).toBeVisible();

    await staffSignIn(page, 'gangshan.admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await page.goto('/workbench/accounts?q=mengzhuang.clerk');
    const row = page.getByRole('table').getByRole('row').filter({ hasText: NEW_USER.username });
    await expect(row).toContainText('已锁定至');
    await row.getByRole('button', { name: `管理账号 ${NEW_USER.name}（${NEW_USER.username}）` }).click();
    // Named after the account; the name changes below, the username does not.
    const detail = page.getByRole('dialog', { name: /（mengzhuang\.clerk）$/ });
    await settledDialog(detail);

    await detail.getByRole('button', { name: '解除锁定' }).click();
    await expect(page.getByText('已解除锁定')).toBeVisible();
    await expect(detail.getByRole('button', { name: '解除锁定' })).toHaveCount(0);

    // Add a grant: 帮办代办员 over 钢山街道.
    await chooseOption(page, '授予角色', '帮办代办员', detail);
    await pickRegion(page, '授权区划', ['钢山街道'], detail);
    await detail.getByRole('button', { name: '授予', exact: true }).click();
    await expect(detail).toContainText('帮办代办员 · 钢山街道');
    // each grant says in words what the role may do (never the permission codes)
    await expect(detail).toContainText('可：收件（一窗受理、代为申请）、帮办代办');
    await expect(detail).not.toContainText('case.intake');
    await checkPage(page, 'account-manage');

    // Revoke it again.
    await detail.getByRole('button', { name: '撤销授权：帮办代办员 · 钢山街道' }).click();
    await (await settledTooltip(page)).getByRole('button', { name: '撤销', exact: true }).click();
    await expect(detail).not.toContainText('帮办代办员 · 钢山街道');

    // Rename: a name the server refuses gets its message on the field; a good one is saved.
    await detail.getByLabel('姓名').fill('孟凡华<窗口>');
    await detail.getByRole('button', { name: '保存修改' }).click();
    await expect(detail.getByLabel('姓名')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('已保存')).toHaveCount(0);
    await detail.getByLabel('姓名').fill('孟繁华');
    await detail.getByRole('button', { name: '保存修改' }).click();
    await expect(page.getByText('已保存')).toBeVisible();
    await expect(detail.getByRole('table').first()).toContainText('孟繁华');

    // Reset password: the shared rule is applied before the request.
    await detail.getByLabel('新密码').fill('short');
    await detail.getByRole('button', { name: '重置密码' }).click();
    await expect(detail.getByText('密码至少 8 位')).toBeVisible();
    await detail.getByLabel('新密码').fill('Reset#2026b');
    await detail.getByRole('button', { name: '重置密码' }).click();
    await expect(page.getByText('密码已重置，该账号已在所有设备退出登录')).toBeVisible();

    // Disable.
    await detail.getByRole('button', { name: '停用账号' }).click();
    await (await settledTooltip(page)).getByRole('button', { name: '停用', exact: true }).click();
    await expect(detail.getByRole('button', { name: '启用账号' })).toBeVisible();
    await expect(detail).toContainText('已停用');

    // Escape closes the drawer (keyboard users are not trapped in it).
    await page.keyboard.press('Escape');
    await expect(detail).toBeHidden();

    // Every change is in the audit log.
    await workbenchNav(page).getByRole('link', { name: '审计日志' }).click();
    const audit = page.getByRole('table');
    for (const action of ['解除锁定', '授予角色', '撤销角色', '修改账号', '重置密码']) {
      await expect(audit.getByRole('row').filter({ hasText: action }).first()).toBeVisible();
    }
    await expect(audit.getByRole('row').filter({ hasText: '修改账号' }).first()).toContainText('启用 → 停用');
    await expect(audit.getByRole('row').filter({ hasText: '修改账号' }).filter({ hasText: '姓名' }).first()).toContainText('孟凡华 → 孟繁华');
    await checkPage(page, 'audit-after-changes');

    // The disabled account cannot sign in.
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/staff\/login\?reason=signedOut$/);
    await staffSignIn(page, NEW_USER.username, 'Reset#2026b');
    await expect(page.getByText('账号已停用，请联系管理员')).toBeVisible();
    await expect(page).toHaveURL(/\/staff\/login/);
  });
});
