/**
 * 好差评 by the person who was served, in the portal:
 * - 李建国 (13800000002) on a phone rates his handled 临时救助 in 我的办件: 非常满意 with a tag and
 *   a dimension (sent as channel mobile), thanks, and the rating shown afterwards instead of the form;
 *   a second case 不满意 without a reason is refused at the reasons (the server's words), then
 *   sent with one, and the thanks say 钢山街道 calls back within 1 working day and by when it is put right;
 * - the window's QR code: the clerk makes a rating link for a walk-in's handled case; opened signed
 *   out it shows the case and the on-site dimensions, the levels work by keyboard, and in 长辈版 the
 *   choices are big; the rating is sent as window_qr and the link then shows it;
 * - a link that leads nowhere still has its h1 and says what to do.
 * Cases are handled today through the staff API (accept, review, decide), so they are always inside the
 * 5-working-day rating window whatever the date. axe on every page in normal and 长辈版.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser, type Page, type Request } from '@playwright/test';
import { formatProblems, validateHtml } from '../../scripts/a11y/html-validate.js';
import { checkPage } from './axe.js';
import { citizenApiSignIn, DEMO_PASSWORD, PHONE, phonePage } from './helpers.js';

/** 临时救助（急难型临时救助） at 钢山街道: decided by the approver in two steps. */
const ITEM = '37050100600001';
const ITEM_NAME = /临时救助/;
const GANGSHAN = '370883001';
const LI = '13800000002';
/** A walk-in without an account (a valid ID number). */
const WALK_IN = { name: '周桂英', idNumber: '370883195203146124', phone: '13905376124' };
const PDF = { name: '材料.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };
/** The same answers as 李建国's demo application (the next application prefills from the newest one). */
const FORM = {
  reason: '家中老人突发重病住院，医疗费用负担很重',
  happenedOn: null,
  amount: 2000,
  address: { regionCode: GANGSHAN, regionName: '钢山街道', detail: '岗山路 66 号' },
  bankName: 'rcb',
  accountNo: '6217002260001234567',
};

interface Api {
  api: APIRequestContext;
  headers: { 'x-csrf-token': string };
}
const csrfOf = async (api: APIRequestContext) => ({ 'x-csrf-token': (await api.storageState()).cookies.find((c) => c.name === 'bm_csrf')!.value });

async function staffApi(baseURL: string, username: string): Promise<Api> {
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/staff/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
  return { api, headers: await csrfOf(api) };
}

/** The item's required materials (unconditional ones). */
async function requiredMaterials(api: APIRequestContext): Promise<string[]> {
  const guide = (await (await api.get(`/api/v1/items/${ITEM}?region=${GANGSHAN}`)).json()) as { materials: { id: string; necessityCode: string; conditional: boolean }[] };
  return guide.materials.filter((m) => m.necessityCode === 'required' && !m.conditional).map((m) => m.id);
}

/** Takes a case to 已办结（准予）: the clerk accepts, the approver reviews and decides. */
async function handle(id: string, clerk: Api, approver: Api): Promise<void> {
  for (const [who, action, body] of [
    [clerk, 'accept', { opinion: '材料齐全，予以受理' }],
    [approver, 'approve', { opinion: '情况属实' }],
    [approver, 'approve', { opinion: '准予临时救助', resultNote: '救助金 2000 元' }],
  ] as const) {
    const { version } = (await (await who.api.get(`/api/v1/cases/${id}`)).json()) as { version: number };
    const res = await who.api.post(`/api/v1/cases/${id}/actions/${action}`, { headers: who.headers, data: { version, ...body } });
    expect(res.ok(), `${action}: ${await res.text()}`).toBe(true);
  }
}

/** The citizen's own online application (through the page's session), handled today. */
async function citizenCase(page: Page, clerk: Api, approver: Api): Promise<{ id: string; caseNo: string }> {
  const api = page.request;
  const headers = await csrfOf(api);
  const upload = await api.post('/api/v1/cases/uploads', { headers, multipart: { file: PDF } });
  expect(upload.ok(), await upload.text()).toBe(true);
  const fileId = ((await upload.json()) as { id: string }).id;
  const materials = (await requiredMaterials(api)).map((materialId) => ({ materialId, source: 'upload', fileId }));
  const res = await api.post('/api/v1/cases', { headers, data: { itemCode: ITEM, regionCode: GANGSHAN, materials, formData: FORM, deliveryMethod: 'electronic', declaration: true } });
  expect(res.status(), await res.text()).toBe(201);
  const c = (await res.json()) as { id: string; caseNo: string };
  await handle(c.id, clerk, approver);
  return c;
}

/** The rendered page is valid HTML (as a11y.spec checks every route's). */
async function expectValidHtml(page: Page): Promise<void> {
  const problems = await validateHtml(await page.content());
  expect(problems, formatProblems(problems)).toEqual([]);
}

/** The POST /api/v1/ratings a click sends. */
const ratingPost = (page: Page) => page.waitForRequest((r: Request) => new URL(r.url()).pathname === '/api/v1/ratings' && r.method() === 'POST');

/** A China day (YYYY-MM-DD) as the page writes it: 2026年12月8日. */
const chinese = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

test('(我的办件) on a phone: 非常满意 with a tag; a 差评 needs a reason, then says who calls back and by when', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const clerk = await staffApi(baseURL!, 'gangshan.clerk');
  const approver = await staffApi(baseURL!, 'gangshan.approver');
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await citizenApiSignIn(page.request, LI);
  const good = await citizenCase(page, clerk, approver);
  const bad = await citizenCase(page, clerk, approver);

  // A handled case: 评价 under 当前进度, with the last day and the five levels.
  await page.goto(`/my/cases/${good.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ITEM_NAME);
  const rating = page.getByRole('region', { name: '评价', exact: true });
  await expect(rating).toContainText(/请在 \d{4}年\d{1,2}月\d{1,2}日 前评价/);
  const levels = rating.getByRole('group', { name: /您对这次办事满意吗/ });
  await expect(levels.getByRole('radio')).toHaveCount(5);
  for (const name of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) await expect(levels.getByRole('radio', { name, exact: true })).toBeVisible();
  await checkPage(page, 'rating-my-case-open-phone');

  await levels.getByRole('radio', { name: '非常满意', exact: true }).check();
  const liked = rating.getByRole('group', { name: /您满意的地方/ });
  await liked.getByRole('checkbox', { name: '办事快' }).check();
  await expect(liked.getByRole('checkbox', { name: '办事快' })).toBeChecked();
  // 分项评价 is folded away until asked for.
  await expect(rating.getByRole('group', { name: '办事效率' })).toBeHidden();
  await rating.getByText('分项评价（可选）').click();
  await rating.getByRole('group', { name: '办事效率' }).getByRole('radio', { name: '满意', exact: true }).check();
  await checkPage(page, 'rating-my-case-filled-phone');
  await expectValidHtml(page);
  const sent = ratingPost(page);
  await rating.getByRole('button', { name: '提交评价' }).click();
  expect((await sent).postDataJSON()).toEqual({ caseNo: good.caseNo, level: 5, channel: 'mobile', tags: ['办事快'], dimensions: { efficiency: 4 } });
  const thanks = rating.getByRole('heading', { name: '感谢您的评价' });
  await expect(thanks).toBeFocused();
  await expect(rating.getByTestId('rating-thanks')).toContainText('您的评价：非常满意');
  await expect(rating.getByTestId('given-rating')).toContainText('办事快');
  await checkPage(page, 'rating-my-case-thanks-phone');

  // Later: what was given, and no form.
  await page.reload();
  await expect(rating.getByTestId('given-rating')).toContainText(/满意程度\s*非常满意/);
  await expect(rating.getByTestId('given-rating')).toContainText('办事效率：满意');
  await expect(rating.getByTestId('given-rating')).toContainText('移动端');
  await expect(rating.getByRole('button', { name: '提交评价' })).toHaveCount(0);

  // A 差评 without a reason: refused at the reasons, in the server's words, focus on the first reason.
  await page.goto(`/my/cases/${bad.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ITEM_NAME);
  await rating.getByRole('group', { name: /您对这次办事满意吗/ }).getByRole('radio', { name: '不满意', exact: true }).check();
  const reasons = rating.getByRole('group', { name: /不满意的原因/ });
  await expect(reasons.getByRole('checkbox', { name: '办理时间长' })).toBeVisible();
  await expect(reasons.getByRole('checkbox', { name: '办事快' })).toHaveCount(0);
  await rating.getByRole('button', { name: '提交评价' }).click();
  await expect(reasons.getByRole('alert')).toHaveText('差评请至少选择一个原因或写下您的意见，以便整改');
  await expect(reasons.getByRole('checkbox').first()).toBeFocused();
  await checkPage(page, 'rating-my-case-reason-phone');
  await expectValidHtml(page);

  await reasons.getByRole('checkbox', { name: '办理时间长' }).check();
  await expect(reasons.getByRole('alert')).toHaveCount(0);
  await rating.getByRole('textbox', { name: /您的意见/ }).fill('跑了两趟才办完');
  const badSent = ratingPost(page);
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/ratings' && r.request().method() === 'POST');
  await rating.getByRole('button', { name: '提交评价' }).click();
  expect((await badSent).postDataJSON()).toMatchObject({ caseNo: bad.caseNo, level: 2, channel: 'mobile', tags: ['办理时间长'], text: '跑了两趟才办完' });
  const result = (await (await answer).json()) as { id: string; followUp: { handlingPlace: string; visitDueOn: string; rectifyDueOn: string } };
  await expect(thanks).toBeFocused();
  const said = rating.getByTestId('rating-thanks');
  await expect(said).toContainText('您的评价：不满意');
  await expect(said).toContainText(`您的意见已转给${result.followUp.handlingPlace}`);
  await expect(said).toContainText(`工作人员将在 1 个工作日内（${chinese(result.followUp.visitDueOn)}前）与您联系回访`);
  await expect(said).toContainText(`在 ${chinese(result.followUp.rectifyDueOn)}前完成整改`);
  expect(result.followUp.handlingPlace).toBe('钢山街道');
  await checkPage(page, 'rating-my-case-bad-thanks-phone');
  await page.reload();
  await expect(rating).toContainText('处理进度：待回访');
  await expect(rating.getByTestId('given-rating')).toContainText('办理时间长');

  // 钢山街道 calls back and puts it right: the page shows what was done and takes one more rating.
  const office = await staffApi(baseURL!, 'gangshan.admin');
  let version = 0;
  for (const [step, data] of [
    ['visit', { method: 'phone', note: '已电话联系李建国，了解到材料往返两次的情况' }],
    ['rectify', { measures: '材料清单已在窗口和网上公示，临时救助材料改为一次性告知并当场核对' }],
  ] as const) {
    if (!version) version = ((await (await office.api.get(`/api/v1/rating-followups/${result.id}`)).json()) as { version: number }).version;
    const res = await office.api.post(`/api/v1/rating-followups/${result.id}/${step}`, { headers: office.headers, data: { ...data, version } });
    expect(res.ok(), `${step}: ${await res.text()}`).toBe(true);
    version = ((await res.json()) as { version: number }).version;
  }
  await office.api.dispose();
  await page.reload();
  await expect(rating.getByRole('heading', { name: '第一次评价' })).toBeVisible();
  await expect(rating).toContainText('处理进度：已整改（待复评）');
  await expect(rating.locator('.rating-rectification')).toHaveText(/材料清单已在窗口和网上公示/);
  await expect(rating.getByRole('heading', { name: '再次评价' })).toBeVisible();
  await expect(rating).toContainText(/可以在 \d{4}年\d{1,2}月\d{1,2}日 前再评价一次/);
  await checkPage(page, 'rating-my-case-rerate-phone');
  await expectValidHtml(page);
  await rating.getByRole('group', { name: /您对这次办事满意吗/ }).getByRole('radio', { name: '基本满意', exact: true }).check();
  const again = ratingPost(page);
  await rating.getByRole('button', { name: '提交评价' }).click();
  expect((await again).postDataJSON()).toMatchObject({ caseNo: bad.caseNo, level: 3, channel: 'mobile' });
  await expect(thanks).toBeFocused();
  await expect(said).toContainText('您的再次评价：基本满意');
  await page.reload();
  await expect(rating.getByRole('heading', { name: '再次评价' })).toBeVisible();
  await expect(rating.getByTestId('given-rating')).toHaveCount(2);
  await expect(rating.getByTestId('given-rating').last()).toContainText('基本满意');
  await expect(rating.getByRole('button', { name: '提交评价' })).toHaveCount(0);
  await checkPage(page, 'rating-my-case-rerated-phone');
  await context.close();
  await clerk.api.dispose();
  await approver.api.dispose();
});

/** A walk-in's 临时救助 taken in at the 钢山街道 window and handled today. */
async function walkInCase(clerk: Api, approver: Api): Promise<{ id: string; caseNo: string }> {
  const materials = (await requiredMaterials(clerk.api)).map((materialId) => ({ materialId, source: 'paper', checkedOriginal: true, copies: 1 }));
  const res = await clerk.api.post('/api/v1/cases', {
    headers: clerk.headers,
    data: {
      itemCode: ITEM,
      regionCode: GANGSHAN,
      applicant: { kind: 'person', name: WALK_IN.name, idType: 'id_card', idNumber: WALK_IN.idNumber, phone: WALK_IN.phone, address: '邹城市钢山街道北关路 3 号' },
      materials,
      formData: { ...FORM, address: { regionCode: GANGSHAN, regionName: '钢山街道', detail: '北关路 3 号' } },
      intakeChannel: 'window',
      declaration: true,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const c = (await res.json()) as { id: string; caseNo: string };
  await handle(c.id, clerk, approver);
  return c;
}

/**
 * 长辈版's numbers inside `main` (as a11y.spec measures every public page): text ≥ 18 px and every
 * control's target (a radio's or check box's label) ≥ 60×60 px.
 */
async function elderProblems(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) => {
    const out: string[] = [];
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.visually-hidden');
    };
    for (const el of main.querySelectorAll('*')) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /[\p{L}\p{N}]/u.test(n.textContent ?? ''));
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (ownText && shown(el) && size < 18) out.push(`text ${size}px: ${el.textContent?.trim().slice(0, 20)}`);
    }
    for (const el of main.querySelectorAll('a[href], button, input, textarea, summary')) {
      if (!shown(el)) continue;
      if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') continue;
      const r = (el.matches('input[type="radio"], input[type="checkbox"]') ? (el.closest('label') ?? el) : el).getBoundingClientRect();
      if (r.width < 59.5 || r.height < 59.5) out.push(`target ${Math.round(r.width)}×${Math.round(r.height)}: ${el.closest('label')?.textContent?.trim() ?? el.textContent?.trim()}`);
    }
    return out;
  });
}

async function openLink(browser: Browser, path: string, mode: 'normal' | 'elder'): Promise<Page> {
  const page = await phonePage(browser, mode);
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('服务评价');
  return page;
}

test('(window QR) signed out: the link shows the case, works by keyboard and in 长辈版, rates as window_qr; a dead link says so', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const clerk = await staffApi(baseURL!, 'gangshan.clerk');
  const approver = await staffApi(baseURL!, 'gangshan.approver');
  const c = await walkInCase(clerk, approver);
  const made = await clerk.api.post('/api/v1/ratings/links', { headers: clerk.headers, data: { caseId: c.id } });
  expect(made.status(), await made.text()).toBe(201);
  const link = (await made.json()) as { url: string; until: string };
  const url = new URL(link.url);
  const path = `${url.pathname}${url.search}`;
  expect(path).toMatch(/^\/rate\?t=[A-Za-z0-9_-]+$/);

  // Normal mode on a phone: the case, the last day, the on-site dimensions; the levels by keyboard.
  const page = await openLink(browser, path, 'normal');
  const facts = page.getByRole('region', { name: '办件信息' });
  await expect(facts).toContainText(ITEM_NAME);
  await expect(facts).toContainText('钢山街道');
  await expect(facts).toContainText(c.caseNo);
  await expect(facts).toContainText(`可评价至${chinese(link.until)}`);
  await expect(page.getByRole('main')).not.toContainText(WALK_IN.name);
  const rating = page.getByRole('region', { name: '评价', exact: true });
  await rating.getByText('分项评价（可选）').click();
  for (const name of ['服务效率', '服务水平', '服务态度']) await expect(rating.getByRole('group', { name })).toBeVisible();
  await expect(rating.getByRole('group', { name: '办事指南精确度' })).toHaveCount(0);
  await checkPage(page, 'rating-link-phone');
  await expectValidHtml(page);
  const levels = rating.getByRole('group', { name: /您对这次办事满意吗/ });
  await levels.getByRole('radio', { name: '非常满意', exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(levels.getByRole('radio', { name: '满意', exact: true })).toBeChecked();
  await expect(levels.getByRole('radio', { name: '满意', exact: true })).toBeFocused();
  await page.context().close();

  // 长辈版: every choice a big target; rated here.
  const elder = await openLink(browser, path, 'elder');
  await expect(elder.locator('html')).toHaveAttribute('data-elder', 'on');
  const box = elder.getByRole('region', { name: '评价', exact: true });
  const elderLevels = box.getByRole('group', { name: /您对这次办事满意吗/ });
  for (const label of await elderLevels.locator('label').all()) {
    const r = (await label.boundingBox())!;
    expect(r.height).toBeGreaterThanOrEqual(60);
    expect(r.width).toBeGreaterThanOrEqual(300);
  }
  await checkPage(elder, 'rating-link-elder-phone');
  await elderLevels.getByRole('radio', { name: '满意', exact: true }).check();
  const chip = box.getByRole('group', { name: /您满意的地方/ }).getByRole('checkbox', { name: '服务热情' });
  await chip.check();
  const chipBox = (await chip.locator('xpath=ancestor::label[1]').boundingBox())!;
  expect(chipBox.height).toBeGreaterThanOrEqual(60);
  await box.getByText('分项评价（可选）').click();
  expect(await elderProblems(elder)).toEqual([]);
  await box.getByRole('group', { name: '服务态度' }).getByRole('radio', { name: '非常满意', exact: true }).check();
  await checkPage(elder, 'rating-link-elder-filled-phone');
  const sent = ratingPost(elder);
  await box.getByRole('button', { name: '提交评价' }).click();
  const body = (await sent).postDataJSON();
  expect(body).toMatchObject({ caseNo: c.caseNo, level: 4, channel: 'window_qr', tags: ['服务热情'], dimensions: { attitude: 5 } });
  expect(typeof body.token).toBe('string');
  await expect(box.getByRole('heading', { name: '感谢您的评价' })).toBeFocused();
  await expect(box.getByTestId('rating-thanks')).toContainText('您的评价：满意');
  await checkPage(elder, 'rating-link-elder-thanks-phone');
  await expectValidHtml(elder);

  // The link afterwards: the rating given, no form.
  await elder.reload();
  await expect(box.getByTestId('given-rating')).toContainText('窗口二维码');
  await expect(box.getByTestId('given-rating')).toContainText('服务态度：非常满意');
  await expect(box.getByRole('button', { name: '提交评价' })).toHaveCount(0);
  await expect(elder.getByRole('region', { name: '办件信息' })).not.toContainText('可评价至');
  await checkPage(elder, 'rating-link-rated-elder-phone');
  await elder.context().close();

  // A link that leads nowhere: the h1, what is wrong and the other ways, in both modes.
  for (const mode of ['normal', 'elder'] as const) {
    const dead = await openLink(browser, '/rate?t=invalidtoken0000000000', mode);
    await expect(dead.getByText('这个评价链接无效')).toBeVisible();
    await expect(dead.getByRole('link', { name: '登录后查看我的办件' })).toBeVisible();
    await checkPage(dead, `rating-link-invalid-${mode}-phone`);
    await dead.context().close();
  }
  await clerk.api.dispose();
  await approver.api.dispose();
});

test('(desktop) the five levels sit in one row; 长辈版 keeps them at least 60 px', async ({ browser, baseURL }) => {
  const clerk = await staffApi(baseURL!, 'gangshan.clerk');
  const approver = await staffApi(baseURL!, 'gangshan.approver');
  const c = await walkInCase(clerk, approver);
  const made = await clerk.api.post('/api/v1/ratings/links', { headers: clerk.headers, data: { caseId: c.id } });
  const url = new URL(((await made.json()) as { url: string }).url);
  for (const elder of [false, true]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.addInitScript((on) => window.localStorage.setItem('bianmin.a11y', JSON.stringify({ elder: on, font: 1, contrast: false, bigCursor: false, rate: 'normal' })), elder);
    await page.goto(`${url.pathname}${url.search}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('服务评价');
    const levels = page.getByRole('group', { name: /您对这次办事满意吗/ });
    await expect(levels.getByRole('radio')).toHaveCount(5);
    const labels = await levels.locator('label').all();
    const boxes = await Promise.all(labels.map(async (l) => (await l.boundingBox())!));
    expect(new Set(boxes.map((b) => Math.round(b.y))).size, 'one row').toBe(1);
    for (const b of boxes) expect(b.height).toBeGreaterThanOrEqual(60);
    await checkPage(page, `rating-link-desktop-${elder ? 'elder' : 'normal'}`);
    await context.close();
  }
  await clerk.api.dispose();
  await approver.api.dispose();
});
