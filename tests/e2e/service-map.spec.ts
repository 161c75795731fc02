/**
 * Issue 13, 政务服务地图, on a 390 × 844 phone in normal and 长辈版: where the nearest place that
 * handles an item is (the browser's position mocked), sorted by distance, with a page that calls
 * and routes; the list used by keyboard alone; the map's markers drawn with no request leaving this
 * site (the test machine has no internet, and no tile server is configured); location refused says
 * so in words and offers the town instead; the detail page's long item list and its 404. Axe runs
 * on each page state; html-validate on the map shown.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { PHONE } from './helpers.js';
import { GANGSHAN } from './routes.js';
import { formatProblems, validateHtml } from '../../scripts/a11y/html-validate.js';

const PREFS_KEY = 'bianmin.a11y';
const MODES = ['normal', 'elder'] as const;
type Mode = (typeof MODES)[number];
/** 钢山街道's seat: the demo's 为民服务中心 stands there. */
const HERE = { latitude: 35.41, longitude: 116.97 };

async function phone(browser: Browser, mode: Mode, located = true): Promise<Page> {
  const context = await browser.newContext({
    ...PHONE,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(located ? { geolocation: HERE, permissions: ['geolocation'] } : {}),
  });
  const page = await context.newPage();
  await page.addInitScript(
    ([key, elder]) => window.localStorage.setItem(key as string, JSON.stringify({ elder, font: 1, contrast: false, bigCursor: false, rate: 'normal' })),
    [PREFS_KEY, mode === 'elder'] as const,
  );
  return page;
}

/** Every request the page makes that leaves this site (the server under test is on 127.0.0.1). */
function outsideRequests(page: Page): string[] {
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') outside.push(r.url());
  });
  return outside;
}

/**
 * Waits for the map to settle: not aria-busy (it pans, zooms or regroups its clusters) and the same
 * markers at two looks a quarter-second apart (a zoom may begin just after a look).
 */
async function settled(canvas: Locator): Promise<void> {
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await canvas.evaluate((el) =>
          el.getAttribute('aria-busy') === 'true'
            ? 'busy'
            : Array.from(el.querySelectorAll('.venue-pin, .venue-cluster'), (m) => `${m.getAttribute('title') ?? m.textContent}@${m.getBoundingClientRect().x}`).join('|'),
        );
        const quiet = now !== 'busy' && now !== '' && now === last;
        last = now;
        return quiet;
      },
      { intervals: [250] },
    )
    .toBe(true);
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** "50 米以内", "850 米", "1.2 公里" → metres (to compare the order). */
function metres(text: string): number {
  const m = /距您 (?:(\d+) 米以内|([\d.]+) (米|公里))/.exec(text);
  if (!m) throw new Error(`no distance in “${text}”`);
  if (m[1]) return 0;
  return Number(m[2]) * (m[3] === '公里' ? 1000 : 1);
}

/** Presses Tab until the focused element matches; each stop on the way shows a focus ring. */
async function tabTo(page: Page, matches: (el: { tag: string; name: string; href: string | null; type: string | null }) => boolean, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body || el.tabIndex < 0) return null;
      const s = getComputedStyle(el);
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : el.closest('label')?.textContent;
      return {
        tag: el.tagName.toLowerCase(),
        name: (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim().replace(/\s+/g, ' '),
        href: el.getAttribute('href'),
        type: el.getAttribute('type'),
        ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
        html: el.outerHTML.slice(0, 120),
      };
    });
    if (!f) continue;
    expect(f.ring, `no visible focus ring on ${f.html}`).toBe(true);
    if (matches(f)) return f;
  }
  throw new Error('not reached with Tab');
}

for (const mode of MODES) {
  test.describe(`(${mode})`, () => {
    test('哪里能办社会保障卡申领: the nearest places, sorted by distance; the nearest one calls and routes', async ({ browser }) => {
      const page = await phone(browser, mode);
      const outside = outsideRequests(page);
      await page.goto('/map');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('服务网点地图');
      await expect(page.locator('.results__count')).toHaveText(/共 \d+ 个网点/);
      expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
      await checkPage(page, `map-${mode}`);

      // The item, found by its everyday name and chosen from the catalog's answers.
      await page.getByRole('searchbox', { name: /要办什么事/ }).fill('社保卡');
      await page.getByRole('button', { name: '查找事项' }).click();
      await page.getByRole('button', { name: '社会保障卡申领', exact: true }).click();
      await expect(page).toHaveURL(/item=37200203400001/);
      await expect(page.getByRole('heading', { level: 2, name: '哪里能办社会保障卡申领？' })).toBeFocused();

      await page.getByRole('button', { name: '找离我最近的' }).click();
      await expect(page).toHaveURL(/sort=near/);
      await expect(page.locator('.results__count')).toHaveText(/按距离由近到远，列出最近的 \d+ 个网点/);
      const cards = page.locator('.venue-list > li');
      await expect(cards.first()).toBeVisible();
      const texts = await cards.allInnerTexts();
      expect(texts.length).toBeGreaterThan(1);
      const distances = texts.map(metres);
      expect(distances, 'nearest first').toEqual([...distances].sort((a, b) => a - b));
      // Each card says today's hours and open or not in words, and has its phone as a tel: link.
      await expect(cards.first().getByText(/正在营业|现在不营业/)).toBeVisible();
      await expect(cards.first().locator('a[href^="tel:"]').first()).toHaveAttribute('href', /^tel:\d+$/);
      expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
      await checkPage(page, `map-near-${mode}`);

      const nearest = cards.first().getByRole('heading', { level: 3 }).getByRole('link');
      const name = (await nearest.innerText()).trim();
      await nearest.click();
      await expect(page).toHaveURL(/\/venues\/[\w-]+$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      await expect(page.getByRole('link', { name: /^打电话：/ })).toHaveAttribute('href', /^tel:\d+$/);
      for (const app of ['高德地图', '百度地图', '腾讯地图']) {
        const link = page.getByRole('link', { name: new RegExp(`^${app}\\s*（外部网站，在新窗口打开）$`) });
        await expect(link).toHaveAttribute('target', '_blank');
        await expect(link).toHaveAttribute('rel', /noopener/);
        await expect(link).toHaveAttribute('href', /^https:\/\//);
      }
      await expect(page.getByRole('heading', { level: 2, name: '办公时间' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: /可以办理的事项（\d+ 项）/ })).toBeVisible();
      expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
      await checkPage(page, `venue-${mode}`);

      // Back: still sorted by distance (the position stays in the tab).
      await page.goBack();
      await expect(page.locator('.results__count')).toHaveText(/按距离由近到远/);
      expect(outside, 'requests outside this site').toEqual([]);
      await page.context().close();
    });

    test('the map: markers and clusters with names, a marker shows its venue; nothing requested outside this site', async ({ browser }) => {
      const page = await phone(browser, mode);
      const outside = outsideRequests(page);
      await page.goto('/map?map=1');
      const canvas = page.getByRole('group', { name: /服务网点地图/ });
      await expect(canvas).toBeVisible();
      const markers = canvas.locator('.venue-pin, .venue-cluster');
      await expect(markers.first()).toBeVisible();
      expect(await markers.count()).toBeGreaterThan(0);
      await expect(page.locator('.venue-map__note')).toHaveText(/地图上有 [1-9]\d* 个网点，下方列表分页列出同样的网点/);
      // The legend says what each letter and colour is.
      const legend = page.getByRole('list', { name: '图例' });
      for (const label of ['政务服务中心', '村（社区）便民服务站', '合作网点', '自助服务']) await expect(legend).toContainText(label);
      // Markers are 44 px targets, 60 px in 长辈版 (measured once the map has settled: while it
      // zooms, the clusters replace their markers).
      await settled(canvas);
      const side = async () => {
        const box = await markers.first().boundingBox();
        return box ? Math.min(box.width, box.height) : 0;
      };
      await expect.poll(side).toBeGreaterThanOrEqual(mode === 'elder' ? 59.5 : 43.5);
      expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
      const problems = await validateHtml(await page.content());
      expect(problems, formatProblems(problems)).toEqual([]);
      await checkPage(page, `map-shown-${mode}`);

      // Clusters open by pressing them until a venue's own marker shows; pressing it names the venue below.
      for (let i = 0; i < 8 && (await canvas.locator('.venue-pin').count()) === 0; i++) {
        await canvas.locator('.venue-cluster').first().click();
        await settled(canvas);
      }
      const pinName = (await canvas.locator('.venue-pin').first().getAttribute('title')) ?? '';
      expect(pinName).not.toBe('');
      // Found again by its name: the first marker may be another one by the time it is pressed.
      const pin = canvas.locator(`.venue-pin[title="${pinName.replace(/"/g, '\\"')}"]`);
      await expect(pin).toHaveAttribute('role', 'button');
      await pin.click();
      const panel = page.locator('.venue-map__panel');
      await expect(panel.getByRole('heading', { level: 3 })).toHaveText(pinName);
      await expect(panel.getByRole('link', { name: /地址、电话和路线/ })).toHaveAttribute('href', /^\/venues\//);
      await checkPage(page, `map-marker-${mode}`);
      expect(outside, 'requests outside this site').toEqual([]);
      await page.context().close();
    });
  });
}

test('the list by keyboard alone: a filter changed, a result opened with Enter', async ({ browser }) => {
  const page = await phone(browser, 'normal');
  await page.goto('/map');
  await expect(page.locator('.results__count')).toHaveText(/共 \d+ 个网点/);
  // On a phone the kind, flags and place are folded under 更多筛选.
  await tabTo(page, (f) => f.tag === 'button' && f.name === '更多筛选');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: '收起筛选' })).toHaveAttribute('aria-expanded', 'true');
  await tabTo(page, (f) => f.tag === 'input' && f.type === 'radio' && f.name.includes('全部'));
  // Arrow keys move the kind: 全部 → 政务服务中心.
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/group=centre/);
  await expect(page.getByRole('radio', { name: /政务服务中心/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /政务服务中心/ })).toBeFocused();
  await tabTo(page, (f) => f.tag === 'input' && f.type === 'checkbox' && f.name.includes('正在营业'));
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/open=1/);
  await page.keyboard.press('Space');
  await expect(page).not.toHaveURL(/open=1/);
  await expect(page.locator('.results__count')).toHaveText(/共 17 个网点/);
  const link = await tabTo(page, (f) => f.tag === 'a' && (f.href ?? '').startsWith('/venues/'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${link.href}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(link.name);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.context().close();
});

// The router applies a navigation in a transition: on a slow phone a check box bound to the address
// sprang back until it committed, so a second quick press was lost. Chromium is slowed 12 times here.
test('on a slow phone, pressing 正在营业的 twice quickly leaves it off, as pressed', async ({ browser }) => {
  const page = await phone(browser, 'normal');
  await page.goto('/map?group=centre');
  await expect(page.locator('.results__count')).toHaveText(/共 \d+ 个网点/);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 12 });
  await page.getByRole('button', { name: '更多筛选' }).click();
  const open = page.getByRole('checkbox', { name: '正在营业的' });
  await open.focus();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/open=1/);
  await page.keyboard.press('Space');
  await expect(page).not.toHaveURL(/open=1/);
  await expect(open).not.toBeChecked();
  await expect(page).toHaveURL(/group=centre/);
  await page.context().close();
});

test('location refused: the reason in words, and the town to choose instead', async ({ browser }) => {
  const page = await phone(browser, 'normal', false);
  await page.goto('/map');
  await page.getByRole('button', { name: '找离我最近的' }).click();
  const alert = page.getByRole('alert').filter({ hasText: '位置' });
  await expect(alert).toContainText('没有得到使用位置的允许');
  await alert.getByLabel('镇（街道）').selectOption(GANGSHAN);
  await alert.getByRole('button', { name: '确定' }).click();
  await expect(page).toHaveURL(new RegExp(`region=${GANGSHAN}`));
  await expect(page.locator('.results__count')).toHaveText(/^钢山街道共 \d+ 个网点/);
  await checkPage(page, 'map-location-refused');
  await page.context().close();
});

test('a venue: its long item list behind 「显示全部」, items linking to the place\'s guides; an unknown venue is 404', async ({ browser }) => {
  const page = await phone(browser, 'normal');
  const venues = (await (await page.request.get(`/api/v1/venues?region=${GANGSHAN}&kind=town_centre&pageSize=1`)).json()) as { items: { id: string; name: string }[] };
  const centre = venues.items[0]!;
  await page.goto(`/venues/${centre.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(centre.name);
  const items = page.locator('.venue-items > li');
  const heading = await page.getByRole('heading', { level: 2, name: /可以办理的事项/ }).innerText();
  const total = Number(/（(\d+) 项）/.exec(heading)![1]);
  expect(total).toBeGreaterThan(20);
  await expect(items).toHaveCount(20);
  await expect(items.first().getByRole('link')).toHaveAttribute('href', new RegExp(`^/items/\\w{14}\\?region=${GANGSHAN}$`));
  const more = page.getByRole('button', { name: `显示全部 ${total} 项` });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(items).toHaveCount(total);
  await expect(page.getByRole('button', { name: '只显示前 20 项' })).toHaveAttribute('aria-expanded', 'true');

  await page.goto('/venues/no-such-venue');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这个网点');
  await expect(page.getByRole('link', { name: '查看全部服务网点' })).toHaveAttribute('href', '/map');
  await checkPage(page, 'venue-not-found');
  await page.context().close();
});

test('with a tile service configured (/site mapTiles): its tiles under the markers and its attribution', async ({ browser }) => {
  // The server under test has no MAP_TILE_URL (and the machine no internet): /site is answered with
  // one, its tiles by a 1-pixel PNG, and the page's CSP (which names the configured origin) bypassed.
  const context = await browser.newContext({ ...PHONE, bypassCSP: true });
  await context.route('**/api/v1/site', async (route) => {
    const response = await route.fetch();
    const site = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...site, mapTiles: { url: 'https://t{s}.tiles.test/vec/{z}/{x}/{y}.png', attribution: '地图数据 © 测试图源' } } });
  });
  const tiles: string[] = [];
  await context.route('https://*.tiles.test/**', (route) => {
    tiles.push(route.request().url());
    return route.fulfill({ contentType: 'image/png', body: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64') });
  });
  const page = await context.newPage();
  await page.goto('/map?map=1');
  const canvas = page.getByRole('group', { name: /服务网点地图/ });
  await expect(canvas.locator('.venue-pin, .venue-cluster').first()).toBeVisible();
  await expect.poll(() => tiles.length).toBeGreaterThan(0);
  for (const url of tiles) expect(url).toMatch(/^https:\/\/t[abc]\.tiles\.test\/vec\/\d+\/\d+\/\d+\.png$/);
  await expect(canvas.locator('.leaflet-control-attribution')).toHaveText('地图数据 © 测试图源');
  // The offline base layer (the towns' names) is not drawn over real tiles.
  await expect(canvas.locator('.map-town')).toHaveCount(0);
  await expect(page.locator('.venue-map__note')).not.toContainText('底图只标出');
  await checkPage(page, 'map-tiles');
  await context.close();
});

test('entry points: the home page, the 长辈版 home and a guide\'s 办理地点 lead to the map', async ({ browser }) => {
  const page = await phone(browser, 'normal');
  await page.goto('/');
  await expect(page.getByRole('region', { name: '网上办事' }).getByRole('link', { name: /服务网点地图/ })).toHaveAttribute('href', '/map');
  await page.goto(`/items/37050100100001?region=${GANGSHAN}`);
  await page.getByRole('link', { name: '查看地图和路线' }).click();
  await expect(page).toHaveURL(new RegExp(`/map\\?region=${GANGSHAN}&group=centre$`));
  await expect(page.locator('.results__count')).toHaveText(/^钢山街道共 1 个网点/);
  await expect(page.locator('.venue-list > li')).toContainText('钢山街道为民服务中心');
  await page.context().close();

  const elder = await phone(browser, 'elder');
  await elder.goto('/');
  const mine = elder.getByRole('region', { name: '我的办事' });
  await mine.getByRole('link', { name: /附近办事地点/ }).click();
  await expect(elder.getByRole('heading', { level: 1 })).toHaveText('服务网点地图');
  await elder.context().close();
});
