/**
 * The accessibility layer and its checks (docs/ACCESSIBILITY.md maps each checklist point here):
 * - axe (WCAG 2.0/2.1 A + AA) on every route in tests/e2e/routes.ts, in normal and 长辈版 (elder)
 *   mode, at 100% and 200% zoom; html-validate on the rendered HTML of every route;
 * - 长辈版 numbers: text ≥ 18 px, key headings ≥ 30 px, line height ≥ 1.3, targets ≥ 60×60 px, no pop-ups;
 * - a keyboard-only journey home → search → guide → 在线申请 → the application's first steps;
 * - read-aloud with the server's audio (headless Chromium has no Chinese voice) and with a browser voice;
 * - voice search where recognition exists, hidden where it does not; the 60+ offer and the elder
 *   setting remembered with the account; text size steps, high contrast and the big cursor.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Cookie, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { formatProblems, validateHtml } from '../../scripts/a11y/html-validate.js';
import { WCAG_TAGS } from './axe.js';
import { citizenApiSignIn, PHONE } from './helpers.js';
import { CITIZEN_ROUTES, DIBAO_TOWN, dynamicRoutes, GANGSHAN, PUBLIC_ROUTES, STAFF_ROUTES, type RouteCase, type Who } from './routes.js';

const PREFS_KEY = 'bianmin.a11y';
const SHOTS = 'test-results/e2e/a11y';
mkdirSync(SHOTS, { recursive: true });

type Mode = 'normal' | 'elder';
const MODES: Mode[] = ['normal', 'elder'];
/** 200% browser zoom halves the CSS viewport: 1280×800 at 200% lays out as 640×400. */
const ZOOMS = [
  { name: '100%', viewport: { width: 1280, height: 800 } },
  { name: '200%', viewport: { width: 640, height: 400 } },
];

const prefs = (change: Record<string, unknown> = {}) => JSON.stringify({ elder: false, font: 1, contrast: false, bigCursor: false, rate: 'normal', ...change });

/** Device preferences for every page the context opens from now on. */
async function usePrefsOnDevice(page: Page, change: Record<string, unknown>): Promise<void> {
  await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [PREFS_KEY, prefs(change)] as const);
}

async function setMode(page: Page, mode: Mode): Promise<void> {
  await page.evaluate(([key, value]) => window.localStorage.setItem(key, value), [PREFS_KEY, prefs({ elder: mode === 'elder' })] as const);
}

/** Opens a route and waits until its content (not a loading message) is there. */
async function openRoute(page: Page, route: RouteCase): Promise<void> {
  await page.goto(route.path);
  await expect(page.locator('h1')).toContainText(route.h1);
  await expect(page.getByText(/^正在(加载|确认)/)).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  // antd's entry animations end before anything is measured.
  await page.waitForTimeout(400);
}

async function citizenSignIn(page: Page, phone: string): Promise<void> {
  await citizenApiSignIn(page.request, phone);
}

async function staffApiSignIn(page: Page, username: string): Promise<void> {
  const res = await page.request.post('/api/v1/auth/staff/login', { data: { username, password: 'Demo@2026' } });
  expect(res.ok(), await res.text()).toBe(true);
}

interface ScanRow {
  who: Who;
  route: string;
  mode: Mode;
  zoom: string;
  axe: number;
  html: number | null;
  detail: string;
}
const rows: ScanRow[] = [];

/**
 * axe on every route × mode × zoom; html-validate on every route × mode at 100%. Each route loads
 * once per mode: 200% is the same page with the viewport halved (the layout answers the resize as
 * it answers a zoom), which keeps the scan within CI's time under CPU load.
 */
async function scanRoutes(page: Page, who: Who, routes: RouteCase[]): Promise<void> {
  for (const mode of MODES) {
    await setMode(page, mode);
    for (const [i, route] of routes.entries()) {
      // 长辈版 does not apply to the staff workbench (checked on its first route below): scanning
      // every workbench route again in elder mode would repeat the normal scan exactly.
      if (mode === 'elder' && route.path.startsWith('/workbench') && i > 0) continue;
      await page.setViewportSize(ZOOMS[0].viewport);
      await openRoute(page, route);
      for (const zoom of ZOOMS) {
        if (zoom !== ZOOMS[0]) {
          await page.setViewportSize(zoom.viewport);
          // two frames for the resize to lay out, then antd's responsive parts settle
          await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
          await page.waitForTimeout(300);
        }
        await scanOne(page, who, route, mode, zoom.name);
      }
    }
  }
}

async function scanOne(page: Page, who: Who, route: RouteCase, mode: Mode, zoom: string): Promise<void> {
  const label = `${who} ${route.name} [${mode}, ${zoom}]`;
  // 长辈版 applies on the public pages only; the staff workbench keeps its own layout.
  const elderAttr = await page.locator('html').getAttribute('data-elder');
  expect.soft(elderAttr, `${label}: data-elder`).toBe(mode === 'elder' && !route.path.startsWith('/workbench') ? 'on' : null);

  const axe = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const nodes = axe.violations.reduce((n, v) => n + v.nodes.length, 0);
  let detail = axe.violations
    .map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `      - ${n.target.join(' ')}  ${n.html.slice(0, 160)}`).join('\n')}`)
    .join('\n');

  let htmlProblems: number | null = null;
  if (zoom === '100%') {
    const problems = await validateHtml(await page.content());
    htmlProblems = problems.length;
    if (problems.length) detail += `\n  html-validate:\n${formatProblems(problems.slice(0, 15))}`;
    expect.soft(problems.map((p) => `${p.rule}: ${p.message}`), `${label}: html-validate`).toEqual([]);
  } else if (!route.path.startsWith('/workbench')) {
    // 200%: the page reflows instead of scrolling sideways (WCAG 1.4.10).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect.soft(overflow, `${label}: scrolls sideways`).toBeLessThanOrEqual(0);
  }
  rows.push({ who, route: route.name, mode, zoom, axe: nodes, html: htmlProblems, detail });
  if (detail) console.log(`\n${label} (${page.url()}):\n${detail}`);
  expect.soft(axe.violations.map((v) => `${v.id} (${v.nodes.length})`), `${label}: axe`).toEqual([]);
  // One picture per route and mode (at 100%) is enough to look at; 200% is checked by measurement.
  // CI keeps pictures of failing scans only (full-page pictures of ~100 scans cost minutes there).
  if (zoom === '100%' && (!process.env.CI || detail)) await page.screenshot({ path: `${SHOTS}/${who}-${route.name}-${mode}-100.png`, fullPage: true });
}

test.describe('every route: axe × {normal, 长辈版} × {100%, 200%}, html-validate', () => {
  test.describe.configure({ timeout: 20 * 60_000 });

  test.afterAll(() => {
    if (rows.length === 0) return;
    const table = new Map<string, { routes: number; axe: number; html: number }>();
    for (const r of rows) {
      const key = `${r.who.padEnd(9)} ${r.mode.padEnd(6)} ${r.zoom.padStart(4)}`;
      const t = table.get(key) ?? { routes: 0, axe: 0, html: 0 };
      t.routes++;
      t.axe += r.axe;
      t.html += r.html ?? 0;
      table.set(key, t);
    }
    console.log('\naccessibility scan summary (axe: violating elements; html: html-validate problems, at 100%)');
    for (const [k, t] of table) console.log(`  ${k}  routes ${String(t.routes).padStart(2)}  axe ${t.axe}  html ${t.html}`);
  });

  test('public pages, signed out', async ({ page }) => {
    await page.goto('/');
    const routes = [...PUBLIC_ROUTES, ...(await dynamicRoutes(page.request, 'anonymous'))];
    await scanRoutes(page, 'anonymous', routes);
  });

  test('a signed-in citizen aged 78 (the 长辈版 offer shows on every page)', async ({ page }) => {
    await citizenSignIn(page, '13800000003');
    await page.goto('/');
    await scanRoutes(page, 'citizen', [...CITIZEN_ROUTES, ...(await dynamicRoutes(page.request, 'citizen'))]);
  });

  test('the staff workbench, signed in as the city administrator', async ({ page }) => {
    await staffApiSignIn(page, 'admin');
    await page.goto('/');
    const routes = [...STAFF_ROUTES, ...(await dynamicRoutes(page.request, 'staff'))];
    await scanRoutes(page, 'staff', routes);
  });
});

/** Measured in the browser: every rule of 长辈版 that can be computed. */
async function measureElder(page: Page) {
  return page.evaluate(() => {
    const out = { smallText: [] as string[], smallHeadings: [] as string[], tightLines: [] as string[], smallTargets: [] as string[] };
    const describe = (el: Element) => {
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${cls} “${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24)}”`;
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('.visually-hidden, [hidden], .skip-link');
    };
    for (const el of document.body.querySelectorAll('*')) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /[\p{L}\p{N}]/u.test(n.textContent ?? ''));
      if (!ownText || !shown(el) || el.closest('script, style, noscript')) continue;
      const s = getComputedStyle(el);
      const size = parseFloat(s.fontSize);
      if (size < 18) out.smallText.push(`${describe(el)} ${size}px`);
      const lh = s.lineHeight === 'normal' ? NaN : parseFloat(s.lineHeight);
      if (!(lh / size >= 1.295)) out.tightLines.push(`${describe(el)} ${s.lineHeight} / ${size}px`);
    }
    for (const h of document.querySelectorAll('main h1, main h2')) {
      const size = parseFloat(getComputedStyle(h).fontSize);
      if (shown(h) && size < 30) out.smallHeadings.push(`${describe(h)} ${size}px`);
    }
    const controls = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="switch"], [role="combobox"]';
    for (const el of document.querySelectorAll(controls)) {
      if (!shown(el)) continue;
      // WCAG 2.5.5's inline exception: a link inside a sentence is as tall as the line.
      if (el.tagName === 'A' && getComputedStyle(el).display === 'inline' && el.parentElement && el.parentElement.textContent!.trim() !== el.textContent!.trim()) continue;
      // A radio button or checkbox is pressed through its label; antd's inner input through its box.
      const box = el.matches('input[type="radio"], input[type="checkbox"]')
        ? (el.closest('label') ?? el)
        : (el.closest('.ant-input-affix-wrapper') ?? el);
      const r = box.getBoundingClientRect();
      if (r.width < 59.5 || r.height < 59.5) out.smallTargets.push(`${describe(box)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

test.describe('长辈版 (elder mode)', () => {
  const pages: RouteCase[] = PUBLIC_ROUTES.filter((r) => r.name !== 'items');

  for (const device of ['desktop', 'phone'] as const) {
    test(`computed sizes on every public page (${device}): text ≥ 18 px, h1/h2 ≥ 30 px, line height ≥ 1.3, targets ≥ 60×60, no pop-ups`, async ({ browser }) => {
      test.setTimeout(5 * 60_000);
      const context = await browser.newContext(device === 'phone' ? PHONE : { viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await usePrefsOnDevice(page, { elder: true });
      for (const route of pages) {
        await openRoute(page, route);
        const m = await measureElder(page);
        expect.soft(m.smallText, `${route.name}: text under 18 px`).toEqual([]);
        expect.soft(m.smallHeadings, `${route.name}: headings under 30 px`).toEqual([]);
        expect.soft(m.tightLines, `${route.name}: line height under 1.3`).toEqual([]);
        expect.soft(m.smallTargets, `${route.name}: targets under 60×60 px`).toEqual([]);
        // No pop-ups, no advertising: nothing covers the page.
        await expect.soft(page.locator('[role="dialog"], [role="alertdialog"], .ant-modal-wrap, .ant-popover, .ant-message-notice')).toHaveCount(0);
        if (device === 'phone') {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect.soft(overflow, `${route.name}: scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `${SHOTS}/elder-phone-${route.name}.png`, fullPage: true });
        }
      }
      await context.close();
    });
  }

  test('the switch on every public page, remembered on the device; the home page puts the most-used services first', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const toolbar = page.getByRole('region', { name: '无障碍工具' });
    const elder = toolbar.getByRole('switch', { name: '长辈版' });
    await expect(elder).toHaveAttribute('aria-checked', 'false');
    await expect(page.getByRole('region', { name: '常用服务' })).toHaveCount(0);
    const normalSize = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p')!).fontSize));
    expect(normalSize).toBe(16);

    await elder.click();
    await expect(elder).toHaveAttribute('aria-checked', 'true');
    await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
    const services = page.getByRole('region', { name: '常用服务' });
    await expect(services).toBeVisible();
    // Most-used services first: the tiles come before the search and everything else.
    const firstSection = await page.locator('main section').first().getAttribute('aria-labelledby');
    expect(firstSection).toBe('elder-services-heading');
    await expect(services.getByRole('link', { name: /养老保险/ })).toHaveAttribute('href', `/items?q=${encodeURIComponent('养老保险')}`);
    await expect(page.getByRole('region', { name: '找人帮忙' }).getByRole('link', { name: /电话求助/ })).toHaveAttribute('href', 'tel:053712345');
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p')!).fontSize))).toBe(20);

    // Remembered on this device: a new page load keeps it, on every public page.
    for (const path of ['/items?q=dibao', `/items/${DIBAO_TOWN}?region=${GANGSHAN}`, '/accessibility', '/login']) {
      await page.goto(path);
      await expect(page.getByRole('region', { name: '无障碍工具' }).getByRole('switch', { name: '长辈版' })).toHaveAttribute('aria-checked', 'true');
      await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
    }
    // Follow a tile: the search runs.
    await page.goto('/');
    await services.getByRole('link', { name: /低保救助/ }).click();
    await expect(page).toHaveURL(/\/items\?q=/);
    await expect(page.locator('.results__count')).toHaveText(/^共找到 \d+ 个事项/);

    // The workbench keeps its own layout even with 长辈版 on this device.
    await staffApiSignIn(page, 'gangshan.clerk');
    await page.goto('/workbench');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作台');
    await expect(page.locator('html')).not.toHaveAttribute('data-elder', /.*/);
    // ... and back on a public page it is 长辈版 again.
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
  });

  test('a citizen aged 60+ is offered it in the page; the choice is saved with the account and comes back on a device that has none', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await citizenSignIn(page, '13800000001');
    await page.goto('/my');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的');
    const offer = page.getByRole('group', { name: /张秀英，您好/ });
    await expect(offer).toBeVisible();
    await expect(page.locator('[role="dialog"]')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/elder-offer.png` });

    const saved = page.waitForRequest((r) => r.url().endsWith('/api/v1/me/preferences') && r.method() === 'PUT');
    await offer.getByRole('button', { name: '切换到长辈版' }).click();
    expect((await saved).postDataJSON()).toEqual({ elderMode: true });
    await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
    await expect(offer).toHaveCount(0);
    // Focus goes to the switch (the offer's buttons are gone), and the page says what happened.
    await expect(page.getByRole('switch', { name: '长辈版' })).toBeFocused();
    await expect(page.getByRole('region', { name: '无障碍工具' }).locator('.a11y-bar__status')).toContainText('已切换到长辈版');
    const me = await (await page.request.get('/api/v1/me')).json();
    expect(me).toMatchObject({ age: 70, elderMode: true });

    // A device that remembers nothing (a new phone, a cleared browser): the account brings it back.
    await page.evaluate((key) => window.localStorage.removeItem(key), PREFS_KEY);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的');
    await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
    await expect(page.getByRole('group', { name: /您好/ })).toHaveCount(0);
    expect(await page.evaluate((key) => JSON.parse(window.localStorage.getItem(key) ?? '{}').elder, PREFS_KEY)).toBe(true);

    // Switching it off is saved too.
    const off = page.waitForRequest((r) => r.url().endsWith('/api/v1/me/preferences') && r.method() === 'PUT');
    await page.getByRole('switch', { name: '长辈版' }).click();
    expect((await off).postDataJSON()).toEqual({ elderMode: false });
    await expect(page.locator('html')).not.toHaveAttribute('data-elder', /.*/);
    await context.close();
  });

  test('a younger citizen is not offered it', async ({ page }) => {
    await citizenSignIn(page, '13800000002');
    await page.goto('/my');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的');
    await expect(page.getByRole('group', { name: /您好/ })).toHaveCount(0);
  });
});

/** Presses Tab until `matches` holds for the focused element; every element passed has a visible focus ring. */
async function tabTo(page: Page, matches: (el: { tag: string; name: string; href: string | null; label: string }) => boolean, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return {
        tag: el.tagName.toLowerCase(),
        name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' '),
        href: el.getAttribute('href'),
        ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
        label: el.outerHTML.slice(0, 120),
        outOfTabOrder: el.tabIndex < 0,
      };
    });
    // An element out of the tab order (tabindex=-1, e.g. a heading the page focused on arrival) is
    // not a keyboard stop: a script moved focus there while the key was pressed.
    if (!f || f.outOfTabOrder) continue;
    expect(f.ring, `no visible focus ring on ${f.label}`).toBe(true);
    if (matches(f)) return f;
  }
  throw new Error('not reached with Tab');
}

/** The citizen session the keyboard journeys share. */
let keyboardCitizen: Cookie[] = [];

test.describe('keyboard only', () => {
  for (const mode of MODES) {
    test(`home → search → guide → 在线申请 → the application started (${mode})`, async ({ page }) => {
      await usePrefsOnDevice(page, { elder: mode === 'elder' });
      // Signed in beforehand, once for both modes (one SMS code a minute per phone), with any draft
      // an earlier run auto-saved removed, so the application starts at its first step.
      if (keyboardCitizen.length === 0) {
        await citizenSignIn(page, '13800000003');
        keyboardCitizen = await page.context().cookies();
      } else {
        await page.context().addCookies(keyboardCitizen);
      }
      const csrf = keyboardCitizen.find((c) => c.name === 'bm_csrf')?.value ?? '';
      const cleared = await page.request.delete(`/api/v1/application-drafts/${DIBAO_TOWN}?region=${GANGSHAN}`, { headers: { 'x-csrf-token': csrf } });
      expect([200, 404]).toContain(cleared.status());
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // First stop: the skip link; it lands on the main content.
      await page.keyboard.press('Tab');
      await expect(page.getByRole('link', { name: '跳到主要内容' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('main')).toBeFocused();

      await tabTo(page, (f) => f.tag === 'input');
      await expect(page.getByRole('searchbox', { name: '搜索办事事项' })).toBeFocused();
      await page.keyboard.type('低保');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/items\?q=%E4%BD%8E%E4%BF%9D|\/items\?q=低保/);
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      await expect(page.locator('.results__count')).toHaveText(/^共找到 \d+ 个事项/);

      await tabTo(page, (f) => f.tag === 'a' && f.name.startsWith('最低生活保障（新申请）'));
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/items/${DIBAO_TOWN}`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('最低生活保障（新申请）');
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

      // The guide offers 在线申请 here: the item takes online applications.
      const apply = await tabTo(page, (f) => f.tag === 'a' && f.name.startsWith('在线申请'));
      expect(apply.href).toMatch(new RegExp(`^/apply/${DIBAO_TOWN}`));
      await page.keyboard.press('Enter');
      // No place chosen yet: the page asks for the town first (a native select: arrow keys choose).
      await expect(page).toHaveURL(new RegExp(`/apply/${DIBAO_TOWN}$`));
      await tabTo(page, (f) => f.tag === 'select');
      // 王桂兰 applied at 钢山街道 before: the choice starts there and says so; else an arrow key picks the first town.
      const town = page.getByLabel('镇（街道）');
      if ((await town.inputValue()) === GANGSHAN) await expect(page.getByText(/根据您以前的申请，已为您选好/)).toBeVisible();
      else await page.keyboard.press('ArrowDown');
      await expect(town).toHaveValue(GANGSHAN);
      await tabTo(page, (f) => f.tag === 'button' && f.name === '确定');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/apply/${DIBAO_TOWN}\\?region=${GANGSHAN}`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/网上申请：最低生活保障/);
      await expect(page.getByRole('heading', { level: 2 })).toHaveText(/第 1 步（共 5 步）：回答几个问题/);

      // 情形引导 by keyboard: Tab into each radio group, Space picks the focused answer.
      await tabTo(page, (f) => f.tag === 'input' && f.label.includes('situation-illness'));
      await page.keyboard.press('Space');
      await expect(page.getByRole('radio', { name: '没有' })).toBeChecked();
      await tabTo(page, (f) => f.tag === 'input' && f.label.includes('situation-proxy'));
      await page.keyboard.press('Space');
      await expect(page.getByRole('radio', { name: '本人办理' })).toBeChecked();
      await tabTo(page, (f) => f.tag === 'button' && f.name === '下一步');
      await page.keyboard.press('Enter');
      // The next step's heading takes focus, so a screen reader announces where the applicant is.
      const step2 = page.getByRole('heading', { level: 2 });
      await expect(step2).toHaveText(/第 2 步（共 5 步）：填写申请表/);
      await expect(step2).toBeFocused();
      // The household table lists the applicant too: its first row is 王桂兰 herself, filled in from her 实名信息.
      const firstField = await tabTo(page, (f) => f.tag === 'button' || f.tag === 'input' || f.tag === 'select' || f.tag === 'textarea');
      expect(firstField.tag).toBe('input');
      expect(firstField.label).toContain('apply-members-0-name');
      const members = page.getByRole('group', { name: /共同生活的家庭成员/ });
      await expect(members.getByRole('group', { name: '第 1 位家庭成员' }).getByLabel('姓名（必填）')).toHaveValue('王桂兰');
      await expect(members.getByRole('button', { name: '添加家庭成员' })).toBeVisible();
      await expect(members.getByRole('button', { name: '删除第 1 位家庭成员（王桂兰）' })).toHaveText('删除');
      await page.screenshot({ path: `${SHOTS}/keyboard-apply-${mode}.png` });
    });
  }

  test('the toolbar: 长辈版, text size and contrast by keyboard', async ({ page }) => {
    await page.goto('/');
    // typing before the page has rendered would start from wherever the browser's focus is then
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab');
    const elder = page.getByRole('switch', { name: '长辈版' });
    await expect(elder).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
    await page.keyboard.press('Space');
    await expect(page.locator('html')).not.toHaveAttribute('data-elder', /.*/);

    await tabTo(page, (f) => f.name.startsWith('无障碍工具'));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: '无障碍工具' })).toHaveAttribute('aria-expanded', 'true');
    await tabTo(page, (f) => f.name.startsWith('A+ '));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'A+ 大字' })).toHaveAttribute('aria-pressed', 'true');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
    await tabTo(page, (f) => f.name.startsWith('高对比度'));
    await page.keyboard.press('Space');
    await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  });

  test('a workbench list pages with real buttons (ListPagination); focus stays in the pager at the last page', async ({ page }) => {
    await staffApiSignIn(page, 'admin');
    await page.goto(`/workbench/impl-lists/${GANGSHAN}`);
    const pager = page.getByRole('navigation', { name: '事项分页' });
    const summary = pager.getByText(/^共 \d+ 条，第 \d+\/\d+ 页$/);
    await expect(summary).toHaveText(/^共 \d+ 条，第 1\/\d+ 页$/);
    const pages = Number((await summary.textContent())!.match(/\/(\d+) 页/)![1]);
    expect(pages).toBeGreaterThan(3);
    const firstCode = page.locator('tr.ant-table-row td').first();
    const codeOnPage1 = await firstCode.textContent();
    await expect(pager.getByRole('button', { name: '第 1 页' })).toHaveAttribute('aria-current', 'page');
    await expect(pager.getByRole('button', { name: '上一页' })).toBeDisabled();
    // No focusable list item or link without href, as antd's pager had: every stop is a button.
    await expect(pager.locator('li[tabindex], a:not([href])')).toHaveCount(0);

    // From the last row's 预览 link, Tab walks the pager (each stop with a visible focus ring).
    await page.getByRole('link', { name: /^预览：/ }).last().focus();
    await tabTo(page, (f) => f.tag === 'button' && f.name === '下一页', 30);
    await page.keyboard.press('Enter');
    await expect(pager.getByRole('button', { name: '第 2 页' })).toHaveAttribute('aria-current', 'page');
    await expect(pager.getByRole('button', { name: '下一页' })).toBeFocused();
    await expect(firstCode).not.toHaveText(codeOnPage1!);

    // The page before the last, then 下一页: the button goes disabled and focus moves to the current page.
    await pager.getByRole('button', { name: `第 ${pages} 页` }).click();
    await pager.getByRole('button', { name: `第 ${pages - 1} 页` }).click();
    await pager.getByRole('button', { name: '下一页' }).focus();
    await page.keyboard.press('Enter');
    const last = pager.getByRole('button', { name: `第 ${pages} 页` });
    await expect(last).toHaveAttribute('aria-current', 'page');
    await expect(pager.getByRole('button', { name: '下一页' })).toBeDisabled();
    await expect(last).toBeFocused();
  });
});

test.describe('display tools', () => {
  test('text size A− … A++ scales every page without sideways scrolling, on a phone and in 长辈版', async ({ browser }) => {
    test.setTimeout(4 * 60_000);
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const expected = [0.875, 1, 1.25, 1.5];
    for (const elder of [false, true]) {
      for (let step = 0; step < 4; step++) {
        await page.goto('/');
        await setModeAndFont(page, elder, step);
        for (const path of ['/', '/items?q=dibao', `/items/${DIBAO_TOWN}?region=${GANGSHAN}`, '/login']) {
          await page.goto(path);
          await expect(page.locator('h1')).toBeVisible();
          await expect(page.getByText(/^正在加载/)).toHaveCount(0);
          const root = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
          expect(root).toBe((elder ? 20 : 16) * (elder ? Math.max(1, expected[step]) : expected[step]));
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect.soft(overflow, `${path} at step ${step}${elder ? ' (长辈版)' : ''} scrolls sideways`).toBeLessThanOrEqual(0);
        }
        if (step === 3) await page.screenshot({ path: `${SHOTS}/font-a++-${elder ? 'elder' : 'normal'}-guide-phone.png`, fullPage: true });
      }
    }
    await context.close();
  });

  test('high contrast passes axe colour contrast on home, search and guide; the big cursor is 48 px', async ({ page }) => {
    await usePrefsOnDevice(page, { contrast: true, bigCursor: true });
    for (const route of PUBLIC_ROUTES.filter((r) => ['home', 'search-dibao', 'guide-town', 'login'].includes(r.name))) {
      await openRoute(page, route);
      await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
      const axe = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      expect.soft(axe.violations.map((v) => `${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`), `${route.name} in high contrast`).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/contrast-${route.name}.png`, fullPage: true });
    }
    expect(await page.evaluate(() => getComputedStyle(document.body).cursor)).toContain('data:image/svg+xml');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('main a')!).cursor)).toContain('data:image/svg+xml');
  });
});

async function setModeAndFont(page: Page, elder: boolean, font: number): Promise<void> {
  await page.evaluate(([key, value]) => window.localStorage.setItem(key, value), [PREFS_KEY, prefs({ elder, font })] as const);
}

/** Requests to the read-aloud endpoint made by the page. */
function speechRequests(page: Page): { text: string; rate: string }[] {
  const seen: { text: string; rate: string }[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/speech') seen.push(r.postDataJSON() as { text: string; rate: string });
  });
  return seen;
}

test.describe('read-aloud (语音朗读)', () => {
  test('with no Chinese voice in the browser: 朗读全文 plays the server audio; pause, resume, stop, speed', async ({ page }) => {
    const posted = speechRequests(page);
    await page.goto(`/items/${DIBAO_TOWN}?region=${GANGSHAN}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('最低生活保障（新申请）');
    expect(await page.evaluate(() => speechSynthesis.getVoices().filter((v) => v.lang.startsWith('zh')).length)).toBe(0);
    const toolbar = page.getByRole('region', { name: '无障碍工具' });
    const status = toolbar.locator('.a11y-bar__status');

    const mp3 = page.waitForResponse((r) => /\/api\/v1\/speech\/[0-9a-f]{64}\.mp3$/.test(r.url()));
    await toolbar.getByRole('button', { name: '朗读全文' }).click();
    const audioResponse = await mp3;
    expect(audioResponse.status()).toBeLessThan(300);
    expect(audioResponse.headers()['content-type']).toBe('audio/mpeg');
    // The first piece starts with the page's heading (breadcrumbs are skipped) and is short.
    expect(posted[0].text).toMatch(/^最低生活保障（新申请）/);
    expect(posted[0].text.length).toBeLessThanOrEqual(80);
    expect(posted[0].rate).toBe('normal');
    await expect(status).toHaveText('正在朗读全文（网站语音）');
    const audio = page.locator('.a11y-bar audio');
    await expect(audio).toHaveAttribute('src', /\/api\/v1\/speech\/[0-9a-f]{64}\.mp3$/);
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => !a.paused && a.currentTime > 0)).toBe(true);
    // The next piece is fetched while the first one plays.
    await expect.poll(() => posted.length).toBeGreaterThanOrEqual(2);

    await toolbar.getByRole('button', { name: '暂停朗读' }).click();
    await expect(status).toContainText('朗读已暂停');
    expect(await audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(true);
    await toolbar.getByRole('button', { name: '继续朗读' }).click();
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => !a.paused)).toBe(true);
    await toolbar.getByRole('button', { name: '停止朗读' }).click();
    await expect(toolbar.getByRole('button', { name: '朗读全文' })).toBeVisible();
    expect(await audio.evaluate((a: HTMLAudioElement) => a.paused && !a.getAttribute('src'))).toBe(true);

    // Speed: 慢速 is remembered and sent with the next reading.
    await toolbar.getByRole('button', { name: '无障碍工具' }).click();
    await toolbar.getByRole('button', { name: '慢速' }).click();
    await expect(toolbar.getByRole('button', { name: '慢速' })).toHaveAttribute('aria-pressed', 'true');
    const before = posted.length;
    await toolbar.getByRole('group', { name: '语音朗读' }).getByRole('button', { name: '朗读全文' }).click();
    await expect.poll(() => posted.length).toBeGreaterThan(before);
    expect(posted[before].rate).toBe('slow');
    await toolbar.getByRole('button', { name: '停止朗读' }).click();
  });

  test('朗读选中文字 reads the selection; 指读 reads what the pointer rests on and what gets focus', async ({ page }) => {
    const posted = speechRequests(page);
    await page.goto('/accessibility');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('无障碍声明');
    const toolbar = page.getByRole('region', { name: '无障碍工具' });
    await toolbar.getByRole('button', { name: '无障碍工具' }).click();

    // Select the lead paragraph's text, then press the button.
    const selected = await page.evaluate(() => {
      const p = document.querySelector('main .lead')!;
      const range = document.createRange();
      range.selectNodeContents(p);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return sel.toString().trim();
    });
    await toolbar.getByRole('button', { name: '朗读选中文字' }).click();
    await expect.poll(() => posted.length).toBeGreaterThan(0);
    expect(selected.startsWith(posted[0].text.slice(0, 20))).toBe(true);
    await toolbar.getByRole('button', { name: '停止朗读' }).click();

    // 指读: hover a heading, then tab to a link.
    await toolbar.getByRole('switch', { name: '指读' }).click();
    await expect(toolbar.getByRole('switch', { name: '指读' })).toHaveAttribute('aria-checked', 'true');
    await expect(toolbar.locator('.a11y-bar__status')).toContainText('指读已开启');
    let n = posted.length;
    await page.getByRole('heading', { level: 2, name: '遇到障碍怎么办' }).hover();
    await expect.poll(() => posted.length).toBeGreaterThan(n);
    expect(posted[n].text).toBe('标题：遇到障碍怎么办');
    await expect(page.getByRole('heading', { level: 2, name: '遇到障碍怎么办' })).toHaveClass(/bm-reading/);

    n = posted.length;
    await page.getByRole('main').getByRole('link', { name: '首页' }).focus();
    await expect.poll(() => posted.length).toBeGreaterThan(n);
    expect(posted[n].text).toBe('链接：首页');
    await toolbar.getByRole('switch', { name: '指读' }).click();
  });

  test('with a Chinese voice in the browser, the browser speaks and the server is not asked', async ({ page }) => {
    await page.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as { __spoken: string[] }).__spoken = spoken;
      const voice = { lang: 'zh-CN', name: '测试普通话', localService: true, default: true, voiceURI: 'test' };
      Object.defineProperty(window.speechSynthesis, 'getVoices', { value: () => [voice] });
      Object.defineProperty(window.speechSynthesis, 'speak', {
        value: (u: SpeechSynthesisUtterance) => {
          spoken.push(`${u.lang}|${u.rate}|${u.text}`);
          setTimeout(() => u.onend?.(new Event('end') as SpeechSynthesisEvent), 20);
        },
      });
      Object.defineProperty(window.speechSynthesis, 'cancel', { value: () => undefined });
      // A made-up voice is not a real SpeechSynthesisVoice: let the utterance accept it.
      Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', { set() {}, get: () => voice, configurable: true });
    });
    const posted = speechRequests(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.getByRole('region', { name: '无障碍工具' }).getByRole('button', { name: '朗读全文' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken.length)).toBeGreaterThan(2);
    const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
    expect(spoken[0]).toMatch(/^zh-CN\|1\|欢迎使用邹城市政务服务/);
    expect(posted).toEqual([]);
  });

  test('the endpoint returns Mandarin audio the browser can play (and refuses empty text)', async ({ page }) => {
    await page.goto('/');
    const res = await page.request.post('/api/v1/speech', { data: { text: '您好，欢迎使用邹城市政务服务。办理最低生活保障，请携带身份证。', rate: 'normal' } });
    expect(res.ok()).toBe(true);
    const { url, chars } = (await res.json()) as { url: string; chars: number };
    expect(chars).toBeGreaterThan(20);
    const mp3 = await page.request.get(url);
    expect(mp3.headers()['content-type']).toBe('audio/mpeg');
    const body = await mp3.body();
    // An MPEG audio frame (sync word 0xFFE…) or an ID3 tag opens the file.
    expect(body[0] === 0xff && (body[1]! & 0xe0) === 0xe0 || body.subarray(0, 3).toString() === 'ID3').toBe(true);
    // Chromium's own decoder reads it: a few seconds of sound.
    const duration = await page.evaluate(
      (src) =>
        new Promise<number>((resolve, reject) => {
          const a = new Audio(src);
          a.onloadedmetadata = () => resolve(a.duration);
          a.onerror = () => reject(new Error('audio could not be decoded'));
        }),
      url,
    );
    expect(duration).toBeGreaterThan(2);
    const empty = await page.request.post('/api/v1/speech', { data: { text: '   ' } });
    expect(empty.status()).toBe(400);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe('SPEECH_TEXT_EMPTY');
  });
});

test.describe('voice search (语音搜索)', () => {
  test('where the browser recognises speech: the words become a catalog search', async ({ page }) => {
    await page.addInitScript(() => {
      class FakeRecognition {
        lang = '';
        onresult: ((e: unknown) => void) | null = null;
        onend: (() => void) | null = null;
        onerror: ((e: unknown) => void) | null = null;
        start() {
          (window as unknown as { __lang: string }).__lang = this.lang;
          setTimeout(() => {
            this.onresult?.({ results: [[{ transcript: '低保。' }]] });
            this.onend?.();
          }, 50);
        }
        abort() {}
      }
      Object.defineProperty(window, 'webkitSpeechRecognition', { value: FakeRecognition, configurable: true });
      Object.defineProperty(window, 'SpeechRecognition', { value: undefined, configurable: true });
    });
    await page.goto('/');
    await page.getByRole('region', { name: '无障碍工具' }).getByRole('button', { name: '语音搜索' }).click();
    await expect(page).toHaveURL(`/items?q=${encodeURIComponent('低保')}`);
    expect(await page.evaluate(() => (window as unknown as { __lang: string }).__lang)).toBe('zh-CN');
    await expect(page.locator('.results__count')).toHaveText(/^共找到 \d+ 个事项/);
  });

  test('hidden where the browser has no speech recognition, and once it turns out unable to use it', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'webkitSpeechRecognition', { value: undefined, configurable: true });
      Object.defineProperty(window, 'SpeechRecognition', { value: undefined, configurable: true });
    });
    await page.goto('/');
    const toolbar = page.getByRole('region', { name: '无障碍工具' });
    await expect(toolbar.getByRole('button', { name: '长辈版' }).or(toolbar.getByRole('switch', { name: '长辈版' }))).toBeVisible();
    await expect(toolbar.getByRole('button', { name: '语音搜索' })).toHaveCount(0);
  });

  test('a browser without a recognition service hides the button after its first error', async ({ page }) => {
    await page.addInitScript(() => {
      class NoService {
        onerror: ((e: unknown) => void) | null = null;
        onend: (() => void) | null = null;
        start() {
          setTimeout(() => {
            this.onerror?.({ error: 'network' });
            this.onend?.();
          }, 20);
        }
        abort() {}
      }
      Object.defineProperty(window, 'webkitSpeechRecognition', { value: NoService, configurable: true });
      Object.defineProperty(window, 'SpeechRecognition', { value: undefined, configurable: true });
    });
    await page.goto('/');
    const toolbar = page.getByRole('region', { name: '无障碍工具' });
    await toolbar.getByRole('button', { name: '语音搜索' }).click();
    await expect(toolbar.locator('.a11y-bar__status')).toHaveText('本浏览器暂时不能识别语音，请用文字搜索。');
    await expect(toolbar.getByRole('button', { name: '语音搜索' })).toHaveCount(0);
  });
});
