/**
 * Issue 14, 帮办代办 from the citizen's side, on a 390 × 844 phone in normal mode and in 长辈版:
 *
 * - from 孟庄社区's helper roster to 请帮办员帮我办: signed out, the page asks to sign in and gives the
 *   number to call; after the SMS sign-in the form is back with the village chosen, the name and
 *   address from 实名信息 and 老年人 ticked (the citizen is over 60). An empty need and a wrong phone
 *   are both shown at once (summary with links, the fields marked) and nothing is sent. A home visit
 *   is asked for; the confirmation names the request number, the helper and by when they act. In
 *   normal mode the first answer is lost on the way back: tapping again with the same form gives the
 *   same request (one Idempotency-Key per form), and a changed form is told it may already be sent.
 *   The request is in 我的求助; its page shows the history; 取消求助 needs a reason and is recorded;
 * - a request completed by the demo helper 刘桂芝 (mengzhuang.helper, through the API) is rated in
 *   the page (a star is required) and the rating is shown afterwards;
 * - a citizen who never asked sees an empty 我的求助 with the way to ask, and asks for a family
 *   member in another community, chosen in the village picker.
 *
 * Every citizen is new on each run (phone and ID number from the clock), so nothing depends on what
 * other journeys did to the demo accounts, or on the order they run in. Axe on every page state;
 * html-validate on the form and the request's page.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { formatProblems, validateHtml } from '../../scripts/a11y/html-validate.js';
import { checkPage } from './axe.js';
import { citizenApiSignIn, DEMO_PASSWORD, MODES, PHONE, phonePage, signInBySms, type Mode } from './helpers.js';
import { MENGZHUANG } from './routes.js';

/** The demo helper account's person (helpers/seed.ts), and the staff who coordinate 钢山街道. */
const LIU = '刘桂芝';
const NEED = '想办老年人优待证，腿脚不方便去不了镇上';

/** A number new on every run: the clock in ms and three random digits. */
const unique = (): number => Date.now() * 1000 + Math.floor(Math.random() * 1000);
/** A mobile number (136…) nobody has signed in with. */
const newPhone = (n: number): string => `136${String(n % 100_000_000).padStart(8, '0')}`;

/** A valid 邹城市 ID number (GB 11643 check character), born 1950–1959: the person is over 60. */
function olderIdNumber(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (n % 3650) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `370883${birth}${String(Math.floor(n / 3650) % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

/** An API client signed in (citizen by the demo SMS code, staff by password), with the CSRF header every write needs. */
interface Api {
  api: APIRequestContext;
  headers: { 'x-csrf-token': string };
}
async function signedIn(api: APIRequestContext, login: () => Promise<void>): Promise<Api> {
  await login();
  return { api, headers: { 'x-csrf-token': (await api.storageState()).cookies.find((c) => c.name === 'bm_csrf')!.value } };
}
async function citizenApi(baseURL: string, phone: string): Promise<Api> {
  const api = await playwrightRequest.newContext({ baseURL });
  return signedIn(api, () => citizenApiSignIn(api, phone));
}
async function staffApi(baseURL: string, username: string): Promise<Api> {
  const api = await playwrightRequest.newContext({ baseURL });
  return signedIn(api, async () => {
    const res = await api.post('/api/v1/auth/staff/login', { data: { username, password: DEMO_PASSWORD } });
    expect(res.ok(), await res.text()).toBe(true);
  });
}

/** A new citizen over 60 with 实名信息 (the demo verifier verifies it). */
async function olderCitizen(baseURL: string, name: string): Promise<{ phone: string; api: Api }> {
  const n = unique();
  const phone = newPhone(n);
  const api = await citizenApi(baseURL, phone);
  const saved = await api.api.put('/api/v1/me/profile', { data: { name, idNumber: olderIdNumber(n), address: '孟庄社区幸福路 12 号' }, headers: api.headers });
  expect(saved.ok(), await saved.text()).toBe(true);
  return { phone, api };
}



async function expectMode(page: Page, mode: Mode): Promise<void> {
  if (mode === 'elder') await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
  else await expect(page.locator('html')).not.toHaveAttribute('data-elder', /.*/);
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function expectValidHtml(page: Page): Promise<void> {
  const problems = await validateHtml(await page.content());
  expect(problems, formatProblems(problems)).toEqual([]);
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

/** The signed-in citizen's requests (total). */
async function countMine(page: Page): Promise<number> {
  const res = await page.request.get('/api/v1/help-requests/mine?pageSize=1');
  expect(res.ok(), await res.text()).toBe(true);
  return ((await res.json()) as { total: number }).total;
}

interface Created {
  id: string;
  requestNo: string;
  helperId: string | null;
  helperName: string | null;
  version: number;
}

test.use(PHONE);

for (const mode of MODES) {
  test(`(${mode}) from the village's roster: sign in, bad input refused, a home visit asked for, confirmed, in 我的求助, cancelled with a reason`, async ({ browser }) => {
    test.setTimeout(180_000);
    const name = mode === 'elder' ? '颜淑珍' : '孔庆芬';
    const n = unique();
    const phone = newPhone(n);
    const page = await phonePage(browser, mode);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/v1/help-requests')) posts.push(new URL(r.url()).pathname);
    });

    // The village's page: its helpers, and a way to ask one online for this village.
    await page.goto(`/regions/${MENGZHUANG}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('孟庄社区');
    const roster = page.getByRole('region', { name: '帮办代办员' });
    await roster.getByRole('link', { name: '在线请帮办员' }).click();
    await expect(page).toHaveURL(new RegExp(`/help/new\\?village=${MENGZHUANG}$`));

    // Signed out: sign in first, or call.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请帮办员帮我办');
    await expect(page.getByRole('heading', { level: 2, name: '请先登录' })).toBeVisible();
    await expect(page.getByRole('region', { name: '不方便在网上填？' }).getByRole('link', { name: '0537-12345' })).toHaveAttribute('href', 'tel:053712345');
    await expectMode(page, mode);
    await checkPage(page, `help-signed-out-${mode}`);
    await page.getByRole('link', { name: '登录后填写求助' }).click();
    await signInBySms(page, phone);

    // A new phone: 实名信息 first, then back to the form.
    await expect(page).toHaveURL(/\/my\/profile\?next=/);
    await page.getByRole('textbox', { name: /^姓名/ }).fill(name);
    await page.getByRole('textbox', { name: /^身份证号码/ }).fill(olderIdNumber(n));
    await page.getByRole('textbox', { name: /^住址/ }).fill('孟庄社区幸福路 12 号');
    await page.getByRole('button', { name: '保存', exact: true }).click();

    // Back on the form: the village from the link; name and address from 实名信息; over 60, so 老年人.
    await expect(page).toHaveURL(new RegExp(`/help/new\\?village=${MENGZHUANG}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请帮办员帮我办');
    await expect(page.getByRole('radio', { name: '为我自己' })).toBeChecked();
    const nameField = page.getByRole('textbox', { name: /^您的姓名/ });
    const phoneField = page.getByRole('textbox', { name: /^您的手机号码/ });
    const addressField = page.getByRole('textbox', { name: /^详细住址/ });
    const needField = page.getByRole('textbox', { name: /^需要帮您办什么事/ });
    await expect(nameField).toHaveValue(name);
    await expect(nameField).toHaveAccessibleDescription(/已按您的实名信息填写/);
    await expect(addressField).toHaveValue('孟庄社区幸福路 12 号');
    await expect(phoneField).toHaveAccessibleDescription(new RegExp(`${phone.slice(0, 3)}\\*{4}${phone.slice(-4)}`));
    await expect(page.getByText('村（社区）：孟庄社区（钢山街道）')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: '老年人' })).toBeChecked();
    await expectMode(page, mode);
    expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
    if (mode === 'elder') expect(await smallTargets(page), 'targets under 60 × 60 px in 长辈版').toEqual([]);
    await expectValidHtml(page);
    await checkPage(page, `help-form-${mode}`);

    // An empty need and a wrong phone: both at once, each linked to its field; nothing is sent.
    const before = await countMine(page);
    await phoneField.fill('1380000');
    const submit = page.getByRole('button', { name: '提交求助' });
    await submit.click();
    const problems = page.getByTestId('help-problems');
    await expect(problems).toBeFocused();
    await expect(problems).toContainText('有 2 处需要修改');
    await expect(phoneField).toHaveAttribute('aria-invalid', 'true');
    await expect(phoneField).toHaveAccessibleDescription(/请输入正确的 11 位手机号码/);
    await expect(needField).toHaveAttribute('aria-invalid', 'true');
    await problems.getByRole('link', { name: '需要帮您办什么事：请说明需要帮您办什么事' }).click();
    await expect(needField).toBeFocused();
    await checkPage(page, `help-form-problems-${mode}`);
    expect(posts, 'nothing sent while the form has problems').toEqual([]);
    expect(await countMine(page)).toBe(before);

    // Put right, the problems go (from the fields and the summary).
    await needField.fill(NEED);
    await expect(needField).not.toHaveAttribute('aria-invalid', /.*/);
    await expect(problems).toContainText('有 1 处需要修改');
    await phoneField.fill(phone);
    await expect(problems).toHaveCount(0);
    await page.getByRole('textbox', { name: /^什么时候方便联系/ }).fill('工作日上午');
    const visit = page.getByRole('switch', { name: '需要帮办代办员上门' });
    await visit.check();
    await expect(visit).toBeChecked();
    await page.getByRole('checkbox', { name: '行动不便' }).check();

    const answered = () => page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/help-requests' && r.request().method() === 'POST');
    let made: Created;
    if (mode === 'normal') {
      // The request is made, but its answer is lost on the way back: the page says it may not have gone.
      let lost: Created | null = null;
      await page.route('**/api/v1/help-requests', async (route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        const res = await route.fetch();
        expect(res.status(), await res.text()).toBe(201);
        lost = (await res.json()) as Created;
        await route.abort('failed');
      }, { times: 1 });
      await submit.click();
      await expect(problems).toBeFocused();
      await expect(problems).toContainText('网络连接失败，求助可能没有提交成功');
      expect(lost).not.toBeNull();
      const first = lost as unknown as Created;

      // Changed since: the server will not take the same key for another request; the page says what to do.
      await needField.fill(`${NEED}，谢谢`);
      const refused = answered();
      await submit.click();
      expect((await refused).status()).toBe(409);
      await expect(problems).toBeFocused();
      await expect(problems).toContainText('刚才那次提交可能已经成功了');
      await expect(problems.getByRole('link', { name: '我的求助' })).toHaveAttribute('href', '/my/help');
      await expect(problems.getByRole('button', { name: '作为新的求助提交' })).toBeVisible();
      await checkPage(page, `help-form-key-reused-${mode}`);

      // The same form again: the same request, not a second one.
      await needField.fill(NEED);
      const again = answered();
      await submit.click();
      const replay = await again;
      expect(replay.status()).toBe(200);
      made = (await replay.json()) as Created;
      expect(made.id).toBe(first.id);
    } else {
      const sent = answered();
      await submit.click();
      const res = await sent;
      expect(res.status(), await res.text()).toBe(201);
      made = (await res.json()) as Created;
    }
    expect(await countMine(page)).toBe(before + 1);
    expect(made.helperName, 'a helper of 孟庄社区 has it').toBeTruthy();

    // The confirmation: the number, the helper and by when they act, where to follow it.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('求助已提交');
    await expect(page.getByTestId('help-request-no')).toHaveText(made.requestNo);
    expect(made.requestNo).toMatch(/^BB\d{12}$/);
    await expect(page.getByTestId('help-status')).toHaveText('待接单');
    await expect(page.getByTestId('help-helper')).toHaveText(made.helperName!);
    const promise = page.locator('.help-promise');
    await expect(promise).toContainText(/将在 \d{1,2}月\d{1,2}日（星期.）\d\d:\d\d 前接单，最晚 \d{1,2}月\d{1,2}日（星期.）\d\d:\d\d 前打电话联系您/);
    // the helper's work phone from the village's public roster
    await expect(page.locator('.help-call').getByRole('link', { name: /^1\d{10}$/ })).toHaveAttribute('href', /^tel:1\d{10}$/);
    await expectMode(page, mode);
    expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
    await checkPage(page, `help-done-${mode}`);

    // 我的求助: the request, open, with its helper.
    await page.getByRole('link', { name: '我的求助', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的求助');
    const item = page.getByRole('listitem').filter({ hasText: made.requestNo });
    await expect(item).toContainText('待接单');
    await expect(item).toContainText(`帮办代办员 ${made.helperName}`);
    await checkPage(page, `my-help-${mode}`);

    // Its page: where it stands and what happened so far.
    await item.getByRole('link', { name: NEED }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NEED);
    await expect(page.getByTestId('help-status')).toHaveText('待接单');
    const asked = page.getByRole('region', { name: '求助内容' });
    await expect(asked).toContainText('需要帮办代办员上门');
    await expect(asked).toContainText('老年人、行动不便（优先安排）');
    await expect(asked).toContainText('工作日上午');
    const history = page.getByRole('region', { name: '办理过程' });
    await expect(history).toContainText('提交求助');
    await expect(history).toContainText(`已分派给帮办代办员 ${made.helperName}`);
    expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
    await expectValidHtml(page);
    await checkPage(page, `my-help-request-${mode}`);

    // 取消求助 asks for the reason first.
    const postsBefore = posts.length;
    await page.getByRole('button', { name: '取消求助' }).click();
    const reason = page.getByRole('textbox', { name: /^取消原因/ });
    await page.getByRole('button', { name: '确认取消求助' }).click();
    await expect(reason).toBeFocused();
    await expect(reason).toHaveAccessibleDescription(/请填写取消原因/);
    expect(posts.length).toBe(postsBefore);
    if (mode === 'elder') expect(await smallTargets(page), 'targets under 60 × 60 px in 长辈版').toEqual([]);
    await checkPage(page, `my-help-cancel-${mode}`);
    await reason.fill('家里人已经帮我办好了');
    await page.getByRole('button', { name: '确认取消求助' }).click();
    await expect(page.getByTestId('help-status')).toHaveText('已取消');
    await expect(page.getByTestId('help-cancel-reason')).toHaveText('家里人已经帮我办好了');
    await expect(history).toContainText('已取消');
    await expect(page.getByRole('button', { name: '取消求助' })).toHaveCount(0);
    await checkPage(page, `my-help-cancelled-${mode}`);

    await page.getByRole('link', { name: '← 返回我的求助' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: made.requestNo })).toContainText('已取消');
    await page.context().close();
  });

  test(`(${mode}) a request completed by the helper is rated in the page, and the rating is shown`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const citizen = await olderCitizen(baseURL!, mode === 'elder' ? '仲桂英' : '邵广田');
    const created = await citizen.api.api.post('/api/v1/help-requests', {
      data: { name: mode === 'elder' ? '仲桂英' : '邵广田', phone: citizen.phone, address: '孟庄社区幸福路 8 号', villageCode: MENGZHUANG, need: '帮忙办理高龄津贴', homeVisit: true, flags: ['elderly'] },
      headers: { ...citizen.api.headers, 'idempotency-key': `e2e-rate-${unique()}` },
    });
    expect(created.status(), await created.text()).toBe(201);
    let r = (await created.json()) as Created;

    // 刘桂芝 (who has an account) takes it: dispatch may have given it to 孟庄社区's other helper, so the town's administrator hands it over.
    if (r.helperName !== LIU) {
      const roster = (await (await citizen.api.api.get(`/api/v1/helpers?region=${MENGZHUANG}`)).json()) as { items: { id: string; name: string }[] };
      const liu = roster.items.find((h) => h.name === LIU)!;
      const admin = await staffApi(baseURL!, 'gangshan.admin');
      const assigned = await admin.api.post(`/api/v1/help-requests/${r.id}/assign`, { data: { helperId: liu.id, version: r.version }, headers: admin.headers });
      expect(assigned.status(), await assigned.text()).toBe(200);
      r = (await assigned.json()) as Created;
      await admin.api.dispose();
    }
    const helper = await staffApi(baseURL!, 'mengzhuang.helper');
    for (const [action, data] of [
      ['accept', {}],
      ['contact', { method: 'phone', note: '电话约好明天上午上门' }],
      ['complete', { note: '已帮您办好高龄津贴申请，每月随养老金发放' }],
    ] as const) {
      const res = await helper.api.post(`/api/v1/help-requests/${r.id}/${action}`, { data: { ...data, version: r.version }, headers: helper.headers });
      expect(res.status(), `${action}: ${await res.text()}`).toBe(200);
      r = (await res.json()) as Created;
    }
    await helper.api.dispose();

    // The citizen's session, on the phone.
    const page = await phonePage(browser, mode);
    await page.context().addCookies((await citizen.api.api.storageState()).cookies);
    await page.goto(`/my/help/${r.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('帮忙办理高龄津贴');
    await expect(page.getByTestId('help-status')).toHaveText('已办结');
    await expect(page.getByTestId('help-result')).toHaveText('已帮您办好高龄津贴申请，每月随养老金发放');
    const history = page.getByRole('region', { name: '办理过程' });
    await expect(history).toContainText('帮办代办员已接单');
    await expect(history).toContainText('帮办代办员已电话联系求助人');
    // the helper's own note on the call is for the staff, not the person
    await expect(history).not.toContainText('电话约好明天上午上门');

    // A star is required; then 4 stars and a word of thanks.
    const rating = page.getByRole('region', { name: '给这次帮办代办打个分' });
    const ratingPosts: string[] = [];
    page.on('request', (q) => {
      if (q.method() === 'POST' && q.url().endsWith('/rating')) ratingPosts.push(q.url());
    });
    await rating.getByRole('button', { name: '提交评价' }).click();
    await expect(rating.getByText('请选择 1 到 5 星')).toBeVisible();
    await expect(rating.getByRole('radio', { name: '1 星（很不满意）' })).toBeFocused();
    expect(ratingPosts).toEqual([]);
    const stars = rating.getByRole('group', { name: /您对这次帮办代办满意吗/ });
    await expect(stars.getByRole('radio')).toHaveCount(5);
    await stars.getByRole('radio', { name: '4 星（满意）' }).check();
    await rating.getByRole('textbox', { name: /^想说的话/ }).fill(`${LIU}很耐心，谢谢`);
    if (mode === 'elder') expect(await smallTargets(page), 'targets under 60 × 60 px in 长辈版').toEqual([]);
    expect(await overflow(page), 'sideways scroll at 390 px').toBeLessThanOrEqual(0);
    await checkPage(page, `my-help-rate-${mode}`);
    await rating.getByRole('button', { name: '提交评价' }).click();

    const given = page.getByRole('region', { name: '您的评价' });
    await expect(given.getByTestId('help-rating')).toHaveText(/4 星（满意）$/);
    await expect(given).toContainText(`${LIU}很耐心，谢谢`);
    await expect(rating).toHaveCount(0);
    await expect(history).toContainText('群众评价');
    expect(ratingPosts).toHaveLength(1);
    await expectValidHtml(page);
    await checkPage(page, `my-help-rated-${mode}`);

    // It stays given (the server's), and cannot be given twice.
    await page.reload();
    await expect(page.getByRole('region', { name: '您的评价' }).getByTestId('help-rating')).toHaveText(/4 星（满意）$/);
    await expect(page.getByRole('region', { name: '给这次帮办代办打个分' })).toHaveCount(0);
    await citizen.api.api.dispose();
    await page.context().close();
  });

  test(`(${mode}) a citizen who never asked: an empty 我的求助, then help asked for a family member in a community chosen in the picker`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const phone = newPhone(unique());
    // 北关社区 of 钢山街道, named as the picker lists it
    const anonymous = await playwrightRequest.newContext({ baseURL });
    const village = (await (await anonymous.get('/api/v1/regions/370883001005')).json()) as { code: string; name: string };
    await anonymous.dispose();
    const page = await phonePage(browser, mode);
    // A brand-new account has no 实名信息: sign-in leads there first; asking for help does not need it.
    await page.goto('/my/help');
    await signInBySms(page, phone);
    await expect(page).toHaveURL(/\/my\/profile\?next=/);
    await page.goto('/my/help');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的求助');
    await expect(page.getByTestId('help-empty')).toContainText('您还没有在网上请过帮办代办员');
    await expectMode(page, mode);
    await checkPage(page, `my-help-empty-${mode}`);
    await page.getByTestId('help-empty').getByRole('link', { name: '在线请帮办员' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请帮办员帮我办');
    await page.getByRole('radio', { name: '为家人（亲属）求助' }).check();
    await page.getByRole('textbox', { name: /^家人的姓名/ }).fill('孟凡英');
    await page.getByRole('textbox', { name: /^家人的手机号码/ }).fill('139 0000 2222');
    // No village yet: the picker is open; the choice takes effect on 确定.
    await page.getByLabel('镇（街道）', { exact: true }).selectOption({ label: '钢山街道' });
    await page.getByLabel('村（社区）', { exact: true }).selectOption({ label: village.name });
    await page.getByRole('button', { name: '确定' }).click();
    await expect(page.getByText(`村（社区）：${village.name}（钢山街道）`)).toBeVisible();
    await page.getByRole('textbox', { name: /^详细住址/ }).fill('北关社区 3 号楼 2 单元');
    await page.getByRole('textbox', { name: /^需要帮您办什么事/ }).fill('母亲的社保卡丢了，想补办');
    await expect(page.getByRole('checkbox', { name: '老年人' })).not.toBeChecked();
    if (mode === 'elder') expect(await smallTargets(page), 'targets under 60 × 60 px in 长辈版').toEqual([]);
    await checkPage(page, `help-form-relative-${mode}`);
    const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/help-requests' && r.request().method() === 'POST');
    await page.getByRole('button', { name: '提交求助' }).click();
    const res = await sent;
    expect(res.status(), await res.text()).toBe(201);
    const made = (await res.json()) as Created & { channel: string; villageCode: string; subjectPhone: string };
    expect(made).toMatchObject({ channel: 'relative', villageCode: village.code, subjectPhone: '139****2222' });
    await expect(page.getByRole('heading', { level: 2, name: '我们已经收到您为家人提交的求助' })).toBeFocused();

    await page.getByRole('link', { name: '我的求助', exact: true }).click();
    const item = page.getByRole('listitem').filter({ hasText: made.requestNo });
    await expect(item).toContainText('为家人 孟** 求助');
    await page.context().close();
  });
}
