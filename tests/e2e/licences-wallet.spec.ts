/**
 * Issue 15, 电子证照 from the holder's and the verifier's side, on a 390 × 844 phone in normal mode
 * and in 长辈版:
 *
 * - 张秀英 (13800000001; the demo gives her 居民身份证, 居民户口簿 and 山东省老年人优待证) opens
 *   我的电子证照 — from 我的 in normal mode; from the 长辈版 home's 我的证照 tile, signed out, in
 *   长辈版 (sign in, and back to the wallet). Her ID card's number is masked on the card and in full
 *   on its page. 亮证: nothing beyond the basic fields is ticked at first; she ticks
 *   持证人姓名（完整） and shows the full-screen card with the QR code and the time left;
 * - a SECOND browser context, not signed in, opens the code's verify address (from the page, as
 *   无法扫码？复制核验链接 shows it): ✓ 核验通过 with her full name and the masked number, and the
 *   address no longer holds the code; opening it again says the code was used (replayed). A pasted
 *   nonsense code and an empty form are refused in words; a pasted link is read for its code;
 * - the check is in her 用证记录 (all licences, and the licence's own) with what the verifier saw;
 * - normal mode, with the page's clock moved on: the code is renewed by itself shortly before it
 *   expires; when renewing fails and it runs out, the QR code gives way to 二维码已失效, and
 *   刷新二维码 brings a new one.
 *
 * Axe (tests/e2e/axe.ts checkPage) on every page state, in both modes; the wallet and the card also
 * at 200 % zoom (1280 × 800 halved: 640 × 400). No sideways scroll; html-validate on every page; in
 * 长辈版 every control is at least 60 × 60 px, text at least 18 px and h1/h2 at least 30 px.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { formatProblems, validateHtml } from '../../scripts/a11y/html-validate.js';
import { checkPage } from './axe.js';
import { citizenApiSignIn, MODES, PHONE, phonePage, signInBySms, type Mode } from './helpers.js';

const ZHANG = { phone: '13800000001', name: '张秀英', idNumber: '370883195603124223' };
const HELD = ['居民身份证', '居民户口簿', '山东省老年人优待证'];
const ZOOM_200 = { width: 640, height: 400 };

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function expectValidHtml(page: Page): Promise<void> {
  const problems = await validateHtml(await page.content());
  expect(problems, formatProblems(problems)).toEqual([]);
}

async function expectMode(page: Page, mode: Mode): Promise<void> {
  if (mode === 'elder') await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
  else await expect(page.locator('html')).not.toHaveAttribute('data-elder', /.*/);
}

/** 长辈版: every control in the page's main part is at least 60 × 60 px (a box through its label). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) => {
    const out: string[] = [];
    for (const el of main.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="switch"]')) {
      const r0 = el.getBoundingClientRect();
      if (r0.width === 0 || r0.height === 0) continue;
      if (el.tagName === 'A' && getComputedStyle(el).display === 'inline' && el.parentElement && el.parentElement.textContent!.trim() !== el.textContent!.trim()) continue;
      const box = el.matches('input[type="radio"], input[type="checkbox"]') ? (el.closest('label') ?? el) : el;
      const r = box.getBoundingClientRect();
      if (r.width < 59.5 || r.height < 59.5) out.push(`${box.tagName.toLowerCase()} “${(box.textContent ?? '').trim().slice(0, 16)}” ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

/** 长辈版: text in the page's main part under 18 px, and h1/h2 under 30 px (as a11y.spec.ts measures the public pages). */
async function smallText(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) => {
    const out: string[] = [];
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.visually-hidden, [hidden]');
    };
    for (const el of main.querySelectorAll('*')) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /[\p{L}\p{N}]/u.test(n.textContent ?? ''));
      if (!ownText || !shown(el)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 18) out.push(`${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 16)}” ${size}px`);
    }
    for (const h of main.querySelectorAll('h1, h2')) {
      const size = parseFloat(getComputedStyle(h).fontSize);
      if (shown(h) && size < 30) out.push(`${h.tagName.toLowerCase()} “${(h.textContent ?? '').trim().slice(0, 16)}” ${size}px`);
    }
    return out;
  });
}

/** Everything a page state gets: its mode, no sideways scroll, valid HTML, big targets in 长辈版, axe and a picture. */
async function checkState(page: Page, mode: Mode, name: string): Promise<void> {
  await expectMode(page, mode);
  expect(await overflow(page), `${name}: sideways scroll`).toBeLessThanOrEqual(0);
  await expectValidHtml(page);
  if (mode === 'elder') {
    expect(await smallTargets(page), `${name}: targets under 60 × 60 px in 长辈版`).toEqual([]);
    expect(await smallText(page), `${name}: text under 18 px or headings under 30 px in 长辈版`).toEqual([]);
  }
  await checkPage(page, `${name}-${mode}`);
}

/** The same page at 200 % zoom (the layout answers the resize as it answers a zoom), then back on the phone. */
async function checkZoomed(page: Page, mode: Mode, name: string): Promise<void> {
  await page.setViewportSize(ZOOM_200);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  expect(await overflow(page), `${name} at 200 %: sideways scroll`).toBeLessThanOrEqual(0);
  await checkPage(page, `${name}-${mode}-200`);
  await page.setViewportSize(PHONE.viewport);
}

/** The verify address the card carries (what its QR code holds), as a path on the server under test. */
async function verifyPathOf(page: Page): Promise<{ url: string; path: string }> {
  const url = (await page.getByTestId('licence-qr').getAttribute('data-verify-url'))!;
  const parsed = new URL(url);
  expect(parsed.pathname).toBe('/verify');
  expect(parsed.searchParams.get('token')).toBeTruthy();
  return { url, path: `${parsed.pathname}${parsed.search}` };
}

/** The seconds the card says its code has left (「4 分 12 秒后失效」). */
async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.getByTestId('licence-show-left').textContent()) ?? '';
  const m = /^(?:(\d+) 分 )?(\d+) 秒后失效/.exec(text);
  expect(m, text).not.toBeNull();
  return Number(m![1] ?? 0) * 60 + Number(m![2]);
}

/** A verifier's phone: a new browser context, nobody signed in. */
const verifierPage = (browser: Browser, mode: Mode) => phonePage(browser, mode);

test.use(PHONE);

for (const mode of MODES) {
  test(`(${mode}) 张秀英 shows her ID card with her full name; a second phone verifies it once, the second check is refused; 用证记录`, async ({ browser }) => {
    test.setTimeout(300_000);
    const page = await phonePage(browser, mode);
    if (mode === 'normal') await page.clock.install();

    // To the wallet: from 我的 (normal), or from the 长辈版 home's tile, signing in on the way (长辈版).
    if (mode === 'normal') {
      await page.goto('/login');
      await signInBySms(page, ZHANG.phone);
      await expect(page).toHaveURL(/\/my$/);
      const entry = page.getByRole('region', { name: '我的电子证照' });
      await entry.getByRole('link', { name: '我的电子证照' }).click();
    } else {
      await page.goto('/');
      await page.getByRole('region', { name: '我的办事' }).getByRole('link', { name: /我的证照/ }).click();
      await expect(page).toHaveURL(/\/login\?next=%2Fmy%2Flicences$/);
      await signInBySms(page, ZHANG.phone);
    }
    await expect(page).toHaveURL(/\/my\/licences$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的电子证照');
    const cards = page.getByTestId('licence-card');
    for (const type of HELD) await expect(cards.filter({ has: page.getByRole('heading', { level: 2, name: type, exact: true }) })).toHaveCount(1);
    const idCard = cards.filter({ has: page.getByRole('heading', { level: 2, name: '居民身份证', exact: true }) });
    await expect(idCard).toContainText(ZHANG.name);
    await expect(idCard).toContainText('有效');
    // the ID number is masked on the card: the first four and the last four
    await expect(idCard.locator('.licence-number')).toHaveText(/^3708\*{10}4223$/);
    await expect(idCard).not.toContainText(ZHANG.idNumber);
    await expect(page.getByTestId('licence-empty')).toHaveCount(0);
    await checkState(page, mode, 'licences-wallet');
    await checkZoomed(page, mode, 'licences-wallet');

    // The ID card's page: the number in full, and 亮证.
    await idCard.getByRole('link', { name: '居民身份证', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('居民身份证');
    await expect(page.getByTestId('licence-number')).toHaveText(ZHANG.idNumber);
    await expect(page.getByTestId('licence-status')).toHaveText('有效');
    await checkState(page, mode, 'licences-licence');
    await page.getByRole('link', { name: '亮证', exact: true }).click();

    // Step 1: nothing beyond the basic fields is ticked; she ticks her full name.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('亮证：居民身份证');
    const boxes = page.getByRole('group', { name: /还让对方看到/ }).getByRole('checkbox');
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    for (const box of await boxes.all()) await expect(box).not.toBeChecked();
    // what every verifier sees, as it will look
    const always = page.locator('.licence-always');
    await expect(always).toContainText('持证人姓名（部分隐藏：张**）');
    await expect(always).toContainText('证照编号（部分隐藏：3708**********4223）');
    await checkState(page, mode, 'licences-show-choose');
    await page.getByRole('checkbox', { name: '持证人姓名（完整）' }).check();
    const made = page.waitForResponse((r) => /\/api\/v1\/me\/licences\/[^/]+\/show$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
    await page.getByRole('button', { name: '第 2 步：出示二维码' }).click();
    const madeRes = await made;
    expect(madeRes.ok(), await madeRes.text()).toBe(true);
    expect(((await madeRes.json()) as { shown: string[] }).shown).toEqual(['持证人姓名（完整）']);

    // Step 2: the card, the QR code, the time left, what the verifier will see.
    const card = page.getByTestId('licence-show');
    await expect(card.getByRole('heading', { level: 2 })).toHaveText('居民身份证');
    await expect(card.getByTestId('licence-show-holder')).toHaveText(ZHANG.name);
    await expect(card).toContainText('请用手机扫码核验');
    await expect(card.getByRole('img', { name: /亮证二维码/ })).toBeVisible();
    await expect(card.getByTestId('licence-show-left')).toHaveText(/^[45] 分 \d\d 秒后失效/);
    await expect(card).toContainText('对方扫码能看到：基本信息和持证人姓名（完整）');
    // the QR code is a real picture, drawn at a scannable size
    const qrSize = await card.getByRole('img', { name: /亮证二维码/ }).evaluate((img: HTMLImageElement) => ({ natural: img.naturalWidth, shown: img.getBoundingClientRect().width }));
    expect(qrSize.natural).toBeGreaterThan(0);
    expect(qrSize.shown).toBeGreaterThanOrEqual(250);
    const first = await verifyPathOf(page);
    // 无法扫码？ the same address in words
    await card.getByRole('button', { name: '无法扫码？复制核验链接' }).click();
    await expect(card.getByTestId('verify-url')).toHaveText(first.url);
    await checkState(page, mode, 'licences-show-card');
    await checkZoomed(page, mode, 'licences-show-card');

    // A second phone, nobody signed in, opens the address: 核验通过, with the full name she chose to show.
    const verifier = await verifierPage(browser, mode);
    await verifier.goto(first.path);
    await expect(verifier.getByRole('heading', { level: 1 })).toHaveText('证照核验');
    const result = verifier.getByTestId('verify-result');
    await expect(result).toHaveAttribute('data-valid', 'true');
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(/^✓\s*核验通过$/);
    await expect(result.getByTestId('verify-holder')).toHaveText(ZHANG.name);
    await expect(result).toContainText('居民身份证');
    await expect(result).toContainText(/3708\*{10}4223/);
    await expect(verifier.getByRole('main')).not.toContainText(ZHANG.idNumber);
    // the code left the address: reloading does not check it again
    await expect(verifier).toHaveURL(/\/verify$/);
    await checkState(verifier, mode, 'licences-verify-ok');

    // The same address again: the code was used.
    await verifier.goto(first.path);
    await expect(result).toHaveAttribute('data-valid', 'false');
    await expect(result).toHaveAttribute('data-reason', 'replayed');
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(/^✗\s*核验未通过$/);
    await expect(result.getByTestId('verify-message')).toContainText('已被核验过');
    await expect(verifier.getByRole('main')).not.toContainText(ZHANG.name);
    await checkState(verifier, mode, 'licences-verify-replayed');

    // The form: empty is refused in words; a made-up code is not accepted.
    const code = verifier.getByRole('textbox', { name: '证照码或核验链接' });
    await verifier.getByRole('button', { name: '核验', exact: true }).click();
    await expect(code).toBeFocused();
    await expect(code).toHaveAccessibleDescription(/请输入证照码或核验链接/);
    await code.fill('not-a-licence-code');
    await verifier.getByRole('button', { name: '核验', exact: true }).click();
    await expect(result).toHaveAttribute('data-valid', 'false');
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(/^✗\s*核验未通过$/);
    await checkState(verifier, mode, 'licences-verify-bad');
    // the whole link pasted in is read for its code: that code was used
    await code.fill(first.url);
    await verifier.getByRole('button', { name: '核验', exact: true }).click();
    await expect(result).toHaveAttribute('data-reason', 'replayed');
    await verifier.context().close();

    if (mode === 'normal') {
      // The code is renewed by itself 20 s before it expires. Renewing fails once (the network):
      // it runs out and says so; 刷新二维码 brings a new code.
      let failedOnce = false;
      await page.route('**/api/v1/me/licences/*/show', async (route) => {
        if (failedOnce) return route.fallback();
        failedOnce = true;
        await route.abort('failed');
      });
      // to 10 s before it expires: renewing is tried, and fails
      await page.clock.fastForward((await secondsLeft(page)) * 1000 - 10_000);
      await expect(card.getByRole('alert')).toContainText('没能生成二维码');
      await expect(card.getByTestId('licence-qr')).toHaveAttribute('data-verify-url', first.url);
      await page.clock.fastForward(15_000);
      await expect(card.getByTestId('licence-qr-expired')).toContainText('二维码已失效');
      await expect(card.getByTestId('licence-show-left')).toHaveText('已失效');
      await expect(card.getByRole('button', { name: '无法扫码？复制核验链接' })).toHaveCount(0);
      await checkState(page, mode, 'licences-show-expired');
      await card.getByRole('button', { name: '刷新二维码' }).click();
      await expect(card.getByTestId('licence-qr')).toBeVisible();
      const second = await verifyPathOf(page);
      expect(second.url).not.toBe(first.url);
      await expect(card.locator('.licence-show__note')).toHaveText(/已换成新的二维码/);
      await expect(card.getByRole('alert')).toHaveCount(0);
      await expect(card.getByTestId('licence-show-left')).toHaveText(/^[45] 分 \d\d 秒后失效/);
      // to 15 s before it expires, nothing failing this time: renewed by itself
      await page.clock.fastForward((await secondsLeft(page)) * 1000 - 15_000);
      await expect(card.getByTestId('licence-qr')).not.toHaveAttribute('data-verify-url', second.url);
      await expect(card.locator('.licence-show__note')).toHaveText(/二维码已自动更新/);
      await expect(card.getByTestId('licence-show-left')).toHaveText(/^[45] 分 \d\d 秒后失效/);
      await page.unroute('**/api/v1/me/licences/*/show');
    }

    // 返回: back to the choice; the card is gone.
    await card.getByRole('button', { name: '返回' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '第 1 步：选择给对方看什么' })).toBeFocused();
    await expect(page.getByRole('checkbox', { name: '持证人姓名（完整）' })).toBeChecked();

    // 用证记录: the check, newest first, with what the verifier saw.
    await page.goto('/my/licence-uses');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('用证记录');
    const latest = page.locator('.licence-use').first();
    await expect(latest).toHaveAttribute('data-kind', 'verify');
    await expect(latest).toContainText('居民身份证 被扫码核验');
    await expect(latest).toContainText('基本信息和持证人姓名（完整）');
    await checkState(page, mode, 'licences-uses');
    // and on the licence's own page
    await latest.getByRole('link', { name: '居民身份证' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('居民身份证');
    const own = page.getByRole('region', { name: '用证记录' });
    await expect(own.locator('.licence-use').first()).toContainText('被扫码核验');
    await checkState(page, mode, 'licences-licence-used');
    await page.context().close();
  });
}

test('(elder) a brand-new phone: the wallet asks for 实名信息 first (licences are found by the ID number) and the link leads there and back', async ({ browser }) => {
  const page = await phonePage(browser, 'elder');
  // a phone no other test uses: an account with no name or ID number on file
  await citizenApiSignIn(page.request, '13912345015');
  await page.goto('/my/licences');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的电子证照');
  const ask = page.getByTestId('licence-needs-real-name');
  await expect(ask.getByRole('heading', { level: 2 })).toHaveText('请先填写实名信息');
  await expect(page.getByTestId('licence-empty')).toHaveCount(0);
  await checkState(page, 'elder', 'licences-wallet-new-phone');
  await ask.getByRole('link', { name: '填写实名信息' }).click();
  await expect(page).toHaveURL(/\/my\/profile\?next=%2Fmy%2Flicences$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('实名信息');
  await page.context().close();
});
