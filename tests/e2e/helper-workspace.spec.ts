/**
 * 帮办工作台 (/helper) on a phone (390×844), in normal and 长辈版: a citizen asks for help for
 * 孟庄社区 (through the API); the demo helper 刘桂芝 (mengzhuang.helper) opens the workspace from the
 * workbench, sees the request among 待接单 (优先, the time left), accepts it (the name shows in full
 * only then), reveals the phone (a tel: link), records a home visit with a photo; then the phone
 * loses its connection: the workspace still opens (the service worker's shell, the tasks kept on
 * the phone), a progress note is saved as 待上传; the connection returns and it is uploaded once —
 * checked through the API, and again after sending the same clientRef a second time, which the
 * server answers without recording anything. In the normal run the person also consents to 代办
 * by SMS code, and 代为申请 leads to the intake form for the request. Every page is scanned (axe).
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequest, type APIRequestContext, type Page } from '@playwright/test';
import { formatProblems, validateHtml } from '../../scripts/a11y/html-validate.js';
import { pngImage } from '../../src/server/modules/venues/fixtures.js';
import { checkPage } from './axe.js';
import { citizenApiSignIn, consentBySms, DEMO_PASSWORD, PHONE, staffSignIn } from './helpers.js';
import { GANGSHAN, MENGZHUANG } from './routes.js';

const PREFS_KEY = 'bianmin.a11y';
const HELPER = { username: 'mengzhuang.helper', name: '刘桂芝' };

async function csrfOf(api: APIRequestContext): Promise<string> {
  return (await api.storageState()).cookies.find((c) => c.name === 'bm_csrf')!.value;
}

async function citizenApi(playwright: { request: APIRequest }, baseURL: string, phone: string): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await playwright.request.newContext({ baseURL });
  await citizenApiSignIn(api, phone);
  return { api, csrf: await csrfOf(api) };
}

async function staffApi(playwright: { request: APIRequest }, baseURL: string, username: string): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await playwright.request.newContext({ baseURL });
  const login = await api.post('/api/v1/auth/staff/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.ok(), await login.text()).toBe(true);
  return { api, csrf: await csrfOf(api) };
}

interface Detail {
  id: string;
  requestNo: string;
  helperName: string | null;
  version: number;
  events: { action: string; note: string; photos: { id: string; url: string }[] }[];
}

/**
 * A request for 孟庄社区 asked by a citizen, in the hands of 刘桂芝: dispatch shares requests among
 * the village's helpers, so when it went to the other one, 钢山街道's administrator (its
 * coordinator) gives it to her.
 */
async function requestForLiu(playwright: { request: APIRequest }, baseURL: string, citizenPhone: string, need: string): Promise<Detail> {
  const citizen = await citizenApi(playwright, baseURL, citizenPhone);
  const res = await citizen.api.post('/api/v1/help-requests', {
    data: { name: '王桂兰', phone: '13912345678', address: '孟庄社区幸福路 12 号', villageCode: MENGZHUANG, need, preferredTime: '工作日上午', homeVisit: true, flags: ['elderly'] },
    headers: { 'x-csrf-token': citizen.csrf },
  });
  expect(res.status(), await res.text()).toBe(201);
  let detail = (await res.json()) as Detail;
  await citizen.api.dispose();
  if (detail.helperName !== HELPER.name) {
    const admin = await staffApi(playwright, baseURL, 'gangshan.admin');
    const helpers = (await (await admin.api.get(`/api/v1/helper-records?town=${GANGSHAN}&q=${encodeURIComponent(HELPER.name)}`)).json()) as { items: { id: string; name: string }[] };
    const liu = helpers.items.find((h) => h.name === HELPER.name);
    expect(liu, 'the demo roster has 刘桂芝 at 孟庄社区').toBeTruthy();
    const assigned = await admin.api.post(`/api/v1/help-requests/${detail.id}/assign`, { data: { helperId: liu!.id, version: detail.version }, headers: { 'x-csrf-token': admin.csrf } });
    expect(assigned.ok(), await assigned.text()).toBe(true);
    detail = (await assigned.json()) as Detail;
    await admin.api.dispose();
  }
  expect(detail.helperName).toBe(HELPER.name);
  return detail;
}

/** axe and a screenshot (checkPage), valid HTML, and no sideways scrolling at the phone's 390 px. */
async function checkHelperPage(page: Page, name: string): Promise<void> {
  await checkPage(page, name);
  const problems = await validateHtml(await page.content());
  expect(problems, `${name}: html-validate\n${formatProblems(problems)}`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name}: scrolls sideways`).toBeLessThanOrEqual(0);
}

async function helperDetail(page: Page, id: string): Promise<Detail> {
  const res = await page.request.get(`/api/v1/help-requests/${id}`);
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()) as Detail;
}

/** The records waiting on the phone (IndexedDB), as the page stored them. */
async function outboxRefs(page: Page): Promise<{ ref: string; kind: string; note: string }[]> {
  return page.evaluate(
    () =>
      new Promise<{ ref: string; kind: string; note: string }[]>((resolve, reject) => {
        const open = indexedDB.open('bianmin-helper');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('outbox').objectStore('outbox').getAll();
          get.onsuccess = () => {
            resolve((get.result as { ref: string; kind: string; note: string }[]).map(({ ref, kind, note }) => ({ ref, kind, note })));
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

for (const mode of ['normal', 'elder'] as const) {
  test(`a helper on a phone (${mode === 'elder' ? '长辈版' : 'normal'}): accept, call, a visit with a photo, progress written offline and uploaded once`, async ({ browser, playwright, baseURL }) => {
    test.setTimeout(240_000);
    const tag = randomUUID().slice(0, 8);
    const need = `想办老年人优待证，腿脚不便（${tag}）`;
    const request = await requestForLiu(playwright, baseURL!, mode === 'elder' ? '13800000002' : '13800000001', need);

    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'allow' });
    const page = await context.newPage();
    if (mode === 'elder') {
      await page.addInitScript(([key]) => window.localStorage.setItem(key, JSON.stringify({ elder: true, font: 1, contrast: false, bigCursor: false, rate: 'normal' })), [PREFS_KEY]);
    }
    await staffSignIn(page, HELPER.username);
    await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();

    // The workbench home offers the phone workspace to helpers.
    await page.getByRole('link', { name: '打开手机帮办工作台' }).click();
    await expect(page).toHaveURL(/\/helper\/$/);
    await expect(page.getByRole('heading', { level: 1, name: '我的任务' })).toBeVisible();
    if (mode === 'elder') await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
    else await expect(page.locator('html')).not.toHaveAttribute('data-elder', /.*/);
    // only on these pages: the workspace's manifest, so it can be added to the home screen
    await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute('href', '/helper.webmanifest');

    const toAccept = page.getByRole('region', { name: /^待接单/ });
    const row = toAccept.getByRole('listitem').filter({ hasText: tag });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('优先');
    await expect(row).toContainText('需要上门');
    await expect(row).toContainText('王**');
    await expect(row).toContainText(/接单时限 .+（(还剩|已超时) /);
    await expect(page.getByRole('link', { name: '返回工作台' })).toHaveAttribute('href', '/workbench');
    await checkHelperPage(page, `helper-tasks-${mode}`);

    // The task: the name masked until it is taken on.
    await row.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/helper/tasks/${request.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('帮办代办求助');
    const person = page.getByRole('region', { name: '求助人' });
    await expect(person).toContainText('王**');
    await expect(person).not.toContainText('王桂兰');
    await expect(person).toContainText('孟庄社区幸福路 12 号');
    await expect(person).toContainText('工作日上午');
    await checkHelperPage(page, `helper-task-new-${mode}`);

    await page.getByRole('button', { name: '接单', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: '已接单' })).toBeVisible();
    await expect(person).toContainText('王桂兰');

    // 打电话: the full number comes from the server (audited), as a link the phone dials.
    await person.getByRole('button', { name: '打电话' }).click();
    const call = person.getByRole('link', { name: /^拨打/ });
    await expect(call).toHaveAttribute('href', 'tel:13912345678');

    // A home visit with a photo from the camera.
    await page.getByRole('button', { name: '记录联系/上门' }).click();
    const form = page.getByRole('form', { name: '记录联系/上门' });
    await form.getByRole('radio', { name: '上门走访' }).check();
    await form.getByLabel('联系情况').fill(`已上门了解情况，老人腿脚不便，材料由我代为收集（${tag}）`);
    await expect(form.getByLabel('时间')).toHaveValue(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    const camera = form.getByLabel(/拍照（现场照片）/);
    await expect(camera).toHaveAttribute('capture', 'environment');
    await expect(camera).toHaveAttribute('accept', 'image/*');
    await camera.setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: pngImage(320, 240, [22, 163, 74]) });
    await expect(form.getByRole('img', { name: '现场照片 1' })).toBeVisible();
    await checkHelperPage(page, `helper-task-visit-form-${mode}`);
    await form.getByRole('button', { name: '保存联系记录' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已保存并上传' })).toBeVisible();
    const history = page.getByRole('list', { name: /已上传的记录/ });
    await expect(history.getByRole('img', { name: '照片 1（查看大图）' })).toHaveCount(1);
    // the picture comes from the server (not a broken image)
    await expect.poll(() => history.getByRole('img', { name: '照片 1（查看大图）' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    const visited = await helperDetail(page, request.id);
    expect(visited.events.filter((e) => e.photos.length > 0).map((e) => e.photos.length)).toEqual([1]);

    // The service worker keeps the workspace for use without signal (this page came from the
    // workbench without a reload, so the worker serves the workspace's next page load).
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration('/helper/'))?.active?.state === 'activated', undefined, { timeout: 30_000 });

    // No connection: the page opens from the phone, and a progress note waits as 待上传.
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('帮办代办求助');
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/helper-sw\.js$/);
    // Some Chromium builds (Debian's 150) drop the emulated offline state for a document the service
    // worker served on reload (navigator.onLine is true again while requests still fail). Setting it
    // again applies it to this document and fires 'offline', as a phone losing its signal does.
    if (await page.evaluate(() => navigator.onLine)) {
      await context.setOffline(false);
      await context.setOffline(true);
    }
    await expect(page.getByText('当前没有网络')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: '手机上保存的内容' })).toBeVisible();
    // the visit's photo stays on the server: a word in its place, not a broken picture
    await expect(page.getByRole('list', { name: /已上传的记录/ }).getByText('照片 1（联网后可看）')).toBeVisible();
    const note = `材料已收齐，明天送到街道便民服务中心（离线 ${tag}）`;
    await page.getByRole('button', { name: '记录进展' }).click();
    const progress = page.getByRole('form', { name: '记录进展' });
    await progress.getByLabel('办理进展').fill(note);
    await progress.getByRole('button', { name: '保存进展' }).click();
    await expect(page.getByRole('status').filter({ hasText: '待上传' }).first()).toBeVisible();
    await expect(page.getByText('1 条记录待上传')).toBeVisible();
    const waiting = page.locator('#outbox');
    await expect(waiting).toContainText(note);
    await expect(waiting).toContainText('待上传');
    const queued = await outboxRefs(page);
    expect(queued.map((q) => [q.kind, q.note])).toEqual([['progress', note]]);
    await checkHelperPage(page, `helper-task-offline-${mode}`);

    // The list opens from the phone too, the task marked 待上传.
    await page.getByRole('link', { name: '← 我的任务' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '我的任务' })).toBeVisible();
    await expect(page.getByRole('region', { name: /^办理中/ }).getByRole('listitem').filter({ hasText: tag })).toContainText('待上传 1 条');
    await page.getByRole('region', { name: /^办理中/ }).getByRole('listitem').filter({ hasText: tag }).getByRole('link').click();

    // The connection returns: it goes up by itself, once.
    await context.setOffline(false);
    await expect(page.getByText('1 条记录待上传')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.locator('#outbox')).toHaveCount(0);
    await expect(history).toContainText(note);
    const once = (d: Detail) => d.events.filter((e) => e.action === 'progress' && e.note === note).length;
    expect(once(await helperDetail(page, request.id))).toBe(1);

    // The same record sent again (an answer lost on the way): the server records nothing new.
    const csrf = (await context.cookies()).find((c) => c.name === 'bm_csrf')!.value;
    const again = await page.request.post(`/api/v1/help-requests/${request.id}/progress`, { data: { note, clientRef: queued[0]!.ref }, headers: { 'x-csrf-token': csrf } });
    expect(again.ok(), await again.text()).toBe(true);
    expect(once((await again.json()) as Detail)).toBe(1);
    expect(once(await helperDetail(page, request.id))).toBe(1);
    await checkHelperPage(page, `helper-task-synced-${mode}`);

    if (mode === 'normal') {
      // 代办: the person reads out the SMS code; then 代为申请 opens the intake form for this request.
      const consent = page.getByRole('region', { name: '代办（代为申请）' });
      await consentBySms(consent);
      await expect(consent.getByRole('link', { name: '代为申请' })).toHaveAttribute('href', `/workbench/intake?helpRequest=${request.id}`);
      await checkHelperPage(page, 'helper-task-consent-normal');
    }
    // 办结, so the helper's open load (which dispatch weighs) is as it was for the journeys after this one
    const completed = await page.request.post(`/api/v1/help-requests/${request.id}/complete`, { data: { note: `优待证已办好（${tag}）` }, headers: { 'x-csrf-token': csrf } });
    expect(completed.ok(), await completed.text()).toBe(true);
    await context.close();
  });
}

test('a staff member without 帮办代办 is told so; signed out, the workspace asks to sign in first', async ({ browser }) => {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto('/helper/tasks/anything');
  await expect(page).toHaveURL(/\/staff\/login\?next=%2Fhelper%2Ftasks%2Fanything/);
  await staffSignIn(page, 'gangshan.clerk');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await page.goto('/helper/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('无权使用帮办工作台');
  await expect(page.getByText('没有「帮办代办」权限')).toBeVisible();
  await checkHelperPage(page, 'helper-not-a-helper');
  await context.close();
});
