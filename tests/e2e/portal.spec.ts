import { expect, test } from '@playwright/test';
import { checkPage } from './axe.js';
import { PHONE, requestSmsCode } from './helpers.js';

test.describe('public portal', () => {
  test('(e) home page lists the towns from the API; 钢山街道 expands to its 孟庄社区', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle(/邹城市政务服务/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('欢迎使用邹城市政务服务');
    await expect(page.locator('h1')).toHaveCount(1);

    // Quick entries
    const entries = page.getByRole('region', { name: '快速入口' });
    await expect(entries.getByRole('link', { name: /群众登录/ })).toHaveAttribute('href', '/login');
    await expect(entries.getByRole('link', { name: /工作人员登录/ })).toHaveAttribute('href', '/staff/login');
    await expect(entries.getByRole('link', { name: /我的/ })).toHaveAttribute('href', '/my');
    // 网上办事: what works now, as real entries (and no promise of what is not built).
    const online = page.getByRole('region', { name: '网上办事' });
    await expect(online.getByRole('link', { name: /网上申请/ })).toHaveAttribute('href', '/items');
    await expect(online.getByRole('link', { name: /办件查询/ })).toHaveAttribute('href', '/track');
    await expect(online.getByRole('link', { name: /我的办件/ })).toHaveAttribute('href', '/my/cases');
    await expect(page.getByText(/正在建设中/)).toHaveCount(0);

    // The directory is real data: 16 towns of 邹城市, collapsed at first.
    const towns = page.getByRole('list', { name: '邹城市所辖镇（街道）' });
    await expect(towns.getByRole('button')).toHaveCount(16);
    await expect(page.getByText('邹城市辖 16 个镇（街道）')).toBeVisible();
    const gangshan = towns.getByRole('button', { name: /钢山街道/ });
    await expect(gangshan).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByText('孟庄社区')).toHaveCount(0);
    await checkPage(page, 'home-desktop');

    await gangshan.click();
    await expect(gangshan).toHaveAttribute('aria-expanded', 'true');
    const villages = page.getByRole('list', { name: '钢山街道所辖村（社区）' });
    await expect(villages.getByRole('listitem').filter({ hasText: /^孟庄社区$/ })).toHaveCount(1);
    await expect(villages.getByRole('listitem').filter({ hasText: /^北关社区$/ })).toHaveCount(1);
    // 千泉街道's communities are not mixed in.
    await expect(villages.getByText('千泉街道')).toHaveCount(0);
    await checkPage(page, 'home-gangshan-expanded');

    // Footer: phone from /api/v1/site, complaints, accessibility statement.
    const footer = page.getByRole('contentinfo');
    await expect(footer).toContainText('咨询电话：0537-12345');
    await expect(footer).toContainText('监督投诉');
    await expect(footer.getByRole('link', { name: '0537-12345' }).first()).toHaveAttribute('href', 'tel:053712345');

    // The town's own page, reached from the directory.
    await page.getByRole('link', { name: '查看钢山街道详情页' }).click();
    await expect(page).toHaveURL(/\/regions\/370883001$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('钢山街道');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page.getByText('370883001', { exact: true })).toBeVisible();
    await expect(page.getByRole('navigation', { name: '位置' }).getByRole('link', { name: '邹城市' })).toBeVisible();
    await expect(page.getByRole('region', { name: /下辖/ }).getByText('孟庄社区', { exact: true })).toBeVisible();
    await checkPage(page, 'region-gangshan');
  });

  test('skip link, keyboard and the accessibility statement', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '跳到主要内容' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();

    // Keyboard only: reach a town button and open it with Enter.
    const qianquan = page.getByRole('button', { name: /千泉街道/ });
    await qianquan.focus();
    await page.keyboard.press('Enter');
    await expect(qianquan).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('list', { name: '千泉街道所辖村（社区）' }).getByRole('listitem').first()).toBeVisible();

    await page.getByRole('contentinfo').getByRole('link', { name: '无障碍声明' }).click();
    await expect(page).toHaveURL(/\/accessibility$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('无障碍声明');
    await expect(page).toHaveTitle('无障碍声明 - 邹城市政务服务');
    await expect(page.getByRole('heading', { level: 2, name: '目前已支持' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '尚未支持（正在建设）' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '遇到障碍怎么办' })).toBeVisible();
    await checkPage(page, 'accessibility-statement');

    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
    await checkPage(page, 'not-found');
  });

  test.describe('on a phone', () => {
    test.use(PHONE);

    test('home page at 390 px: no horizontal scrolling, directory usable', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.getByRole('button', { name: /钢山街道/ }).click();
      await expect(page.getByRole('list', { name: '钢山街道所辖村（社区）' }).getByText('孟庄社区', { exact: true })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await checkPage(page, 'home-phone');
    });

    test('(c) citizen SMS sign-in with the demo code; 我的 shows the masked phone', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('群众登录');
      await checkPage(page, 'citizen-login-phone');

      // A wrong number is refused in the page, before any SMS is asked for.
      const phone = page.getByLabel('手机号码');
      await phone.fill('12345');
      await page.getByRole('button', { name: '获取验证码' }).click();
      await expect(page.getByText('请输入正确的 11 位手机号码')).toBeVisible();
      await checkPage(page, 'citizen-login-phone-invalid');

      await phone.fill('13800000002');
      const code = await requestSmsCode(page);
      await expect(page.getByText('验证码已发送至 138****0002')).toBeVisible();
      await expect(page.getByText('演示模式')).toBeVisible();
      // The button counts down and cannot be pressed again meanwhile.
      const again = page.getByRole('button', { name: /重新获取（\d+ 秒）/ });
      await expect(again).toBeDisabled();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await checkPage(page, 'citizen-login-phone-code-sent');

      // A wrong code gets the server's Chinese message on the field.
      const wrong = code === '000000' ? '111111' : '000000';
      await page.getByLabel('短信验证码').fill(wrong);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await expect(page.getByText('验证码错误或已过期，请重新获取')).toBeVisible();

      await page.getByLabel('短信验证码').fill(code);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await expect(page).toHaveURL(/\/my$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的');
      await expect(page.getByTestId('my-phone')).toHaveText('138****0002');
      await expect(page.getByRole('main')).toContainText('李建国');
      await expect(page.getByRole('main')).not.toContainText('13800000002');
      const account = page.getByRole('navigation', { name: '账号' });
      await expect(account).toContainText('李建国');
      // On a phone the header keeps one line: 退出 is here on 我的 (and in the header on wider screens).
      await expect(account.getByRole('button', { name: '退出' })).toBeHidden();
      await checkPage(page, 'my-phone');

      await page.getByRole('main').getByRole('button', { name: '退出登录' }).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByText('您已安全退出登录。')).toBeVisible();
      await expect(page.getByRole('navigation', { name: '账号' }).getByRole('link', { name: '登录' })).toBeVisible();
      // Signed out means signed out: 我的 sends you to sign in.
      await page.goto('/my');
      await expect(page).toHaveURL(/\/login\?next=(%2F|\/)my$/);
    });
  });
});
