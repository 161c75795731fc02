import { expect, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo@2026';

/** A phone-sized Chromium (390×844, touch, a mobile user agent so the server records channel "mobile"). */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
};

export async function staffSignIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/staff/login');
  await expect(page.getByRole('heading', { level: 1, name: '工作人员登录' })).toBeVisible();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

export const workbenchNav = (page: Page) => page.getByRole('navigation', { name: '工作台菜单' });

/**
 * Picks a region in one of our lazy-loading TreeSelects: opens it, expands each ancestor in
 * `path` (each level loads from the API), then chooses the last name.
 */
export async function pickRegion(page: Page, label: string | RegExp, path: string[], scope: Page | ReturnType<Page['locator']> = page): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  const popup = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await expect(popup).toBeVisible();
  // Under CPU load (CI: admin.spec's grant dialog) a click on a title while the popup still zoomed
  // in was lost and the popup stayed open: act on it only once it has finished opening.
  await expect(popup).not.toHaveClass(MOTION_IN);
  const titleIn = (within: Page | ReturnType<Page['locator']>, name: string) => within.locator('.ant-select-tree-title', { hasText: new RegExp(`^${name}$`) });
  for (const [i, name] of path.slice(0, -1).entries()) {
    // `has` is matched inside each node, so it is not rooted at the popup
    const node = popup.locator('.ant-select-tree-treenode').filter({ has: titleIn(page, name) });
    const child = titleIn(popup, path[i + 1]);
    // Under CPU load (CI) a press on the switcher was once lost while the popup settled, and the
    // child never came. Press it only while the level is closed, and again if its children do not
    // come: a second press on an open level would close it.
    await expect(async () => {
      if (await child.isVisible()) return;
      const open = ((await node.getAttribute('class')) ?? '').includes('ant-select-tree-treenode-switcher-open');
      if (!open) await node.locator('.ant-select-tree-switcher').click({ timeout: 5_000 });
      await expect(child).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 40_000 });
  }
  await titleIn(popup, path[path.length - 1]).click();
  await expect(popup).toBeHidden();
}

/** The open antd Select/TreeSelect popup. */
export const openPopup = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();

/** Visible options of the open Select popup (antd keeps role="option" on a hidden a11y list). */
export const popupOptions = (page: Page) => openPopup(page).locator('.ant-select-item-option');

/** Opens the Select named `label` and chooses the option whose text is `option`. */
export async function chooseOption(page: Page, label: string | RegExp, option: string, scope: Page | ReturnType<Page['locator']> = page): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await pickPopupOption(page, openPopup(page).locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }));
}

/**
 * Clicks `option` in the open Select popup once the list has finished sliding in, and sees the
 * popup close. Under CPU load a click while the list still moved landed beside its option (CI: 等级
 * left empty; the coordinator's 帮办代办员 list stayed open for 10 s), and a popup was seen still
 * open after a choice that had been made. So: a late close is waited for; a click that went nowhere
 * (the option still shown) is made again — a single Select keeps a re-chosen option; and Escape, which
 * never opens anything, closes what is left (clicking the select again would toggle it, and once
 * reopened it). The callers check what was chosen.
 */
export async function pickPopupOption(page: Page, option: Locator): Promise<void> {
  const popup = await settledPopup(page);
  await option.click();
  if (await closesWithin(popup, 3000)) return;
  if (await option.isVisible()) await option.click({ timeout: 5000 }).catch(() => undefined);
  if (await closesWithin(popup, 3000)) return;
  await page.keyboard.press('Escape');
  await expect(popup).toBeHidden({ timeout: 10_000 });
}

/** The open Select popup once it has finished sliding in (a multiple Select stays open after a pick: click its options in it). */
export async function settledPopup(page: Page): Promise<Locator> {
  const popup = openPopup(page);
  await expect(popup).toBeVisible();
  await expect(popup).not.toHaveClass(MOTION_IN);
  return popup;
}

async function closesWithin(popup: Locator, timeout: number): Promise<boolean> {
  return expect(popup).toBeHidden({ timeout }).then(() => true, () => false);
}

/**
 * An antd dialog once its opening animation is over. Under CPU load a click while it still zooms
 * in landed beside its button (CI: the licence revoke dialog's 确认注销 did nothing).
 */
export async function settledDialog(dialog: Locator): Promise<Locator> {
  await expect(dialog).toBeVisible();
  await expect(dialog).not.toHaveClass(MOTION_IN);
  return dialog;
}

/**
 * The open Popconfirm's box once it has finished zooming in: its role="tooltip" sits inside the
 * popover that carries the motion classes. A click during the zoom lands beside the button and
 * closes the box instead.
 */
export async function settledTooltip(page: Page): Promise<Locator> {
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(page.locator('.ant-popover').filter({ has: tip })).not.toHaveClass(MOTION_IN);
  return tip;
}

/** The classes antd's motion gives an element while it comes in (…-appear, …-enter-active, …). */
const MOTION_IN = /-(appear|enter)(-active|-prepare|-start)?(\s|$)/;

/** Where the accessibility toolbar keeps a device's choices (src/web/a11y/prefs.ts). */
export const PREFS_KEY = 'bianmin.a11y';
export const MODES = ['normal', 'elder'] as const;
export type Mode = (typeof MODES)[number];

/** A new phone (PHONE, China's zone and language) whose toolbar starts in `mode` (长辈版 or not). */
export async function phonePage(browser: Browser, mode: Mode): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.addInitScript(
    ([key, elder]) => window.localStorage.setItem(key as string, JSON.stringify({ elder, font: 1, contrast: false, bigCursor: false, rate: 'normal' })),
    [PREFS_KEY, mode === 'elder'] as const,
  );
  return page;
}

/** On 群众登录: asks for the code, reads it from the page (demo mode shows it) and signs in. */
export async function signInBySms(page: Page, phone: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('群众登录');
  await page.getByLabel('手机号码').fill(phone);
  const code = await requestSmsCode(page);
  await page.getByLabel('短信验证码').fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/**
 * Signs a citizen in through the API (the demo shows the SMS code in the answer). A code sent to
 * the same phone less than a minute ago by another test answers 429 SMS_TOO_FREQUENT with the
 * seconds to wait: the wait is sat out and the code asked for again, so no test depends on which
 * ran before it.
 */
export async function citizenApiSignIn(request: APIRequestContext, phone: string): Promise<void> {
  let sent = await request.post('/api/v1/auth/citizen/sms-code', { data: { phone } });
  if (sent.status() === 429) {
    const body = (await sent.json()) as { error?: { code?: string; details?: { retryAfterSeconds?: number } } };
    expect(body.error?.code, JSON.stringify(body)).toBe('SMS_TOO_FREQUENT');
    const seconds = (body.error?.details?.retryAfterSeconds ?? 60) + 1;
    console.log(`[e2e] ${phone}: sitting out the SMS resend wait, ${seconds} s`);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    sent = await request.post('/api/v1/auth/citizen/sms-code', { data: { phone } });
  }
  expect(sent.ok(), await sent.text()).toBe(true);
  const { demoCode } = (await sent.json()) as { demoCode: string };
  const res = await request.post('/api/v1/auth/citizen/login', { data: { phone, code: demoCode } });
  expect(res.ok(), await res.text()).toBe(true);
}

/**
 * Presses 获取验证码 on the sign-in page and returns the code the demo shows. A code sent to the
 * same phone less than a minute ago (by another test: a help request, a sign-in) makes the server
 * ask to wait; the wait is sat out and the code asked for again, so no test depends on which ran
 * before it.
 */
export async function requestSmsCode(page: Page): Promise<string> {
  await page.getByRole('button', { name: '获取验证码' }).click();
  const shown = page.getByTestId('demo-code');
  const wait = page.getByText(/请 \d+ 秒后再获取/);
  await expect(shown.or(wait)).toBeVisible({ timeout: 10_000 });
  if (await wait.isVisible()) {
    const seconds = Number(/请 (\d+) 秒/.exec((await wait.textContent()) ?? '')?.[1] ?? 60);
    console.log(`[e2e] sign-in page: sitting out the SMS resend wait, ${seconds + 1} s`);
    await page.waitForTimeout((seconds + 1) * 1000);
    await page.getByRole('button', { name: /^(获取验证码|重新获取)$/ }).click({ timeout: 10_000 });
  }
  const code = (await shown.textContent({ timeout: 10_000 }))?.trim() ?? '';
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

/**
 * 代办授权 in 帮办工作台's 代办 section (`consent`): sends the SMS code, types the code the demo
 * shows on the page (the person would read it out) and waits for the consent.
 */
export async function consentBySms(consent: Locator): Promise<void> {
  await consent.getByRole('button', { name: '短信验证码' }).click();
  await consent.getByRole('button', { name: '发送验证码' }).click();
  const code = (await consent.getByTestId('consent-demo-code').textContent())!.trim();
  expect(code).toMatch(/^\d{6}$/);
  await consent.getByLabel('求助人告诉您的验证码').fill(code);
  await consent.getByRole('button', { name: '确认授权' }).click();
  await expect(consent).toContainText('已取得代办授权');
}
