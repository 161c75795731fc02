/**
 * Issue 16's journey: a citizen completes 出生一件事 in one go and sees each child case's progress.
 * A new phone opens the theme's guide at 钢山街道 and taps 在线申请; signs in by SMS; is sent to give
 * 实名信息 and comes back; answers the theme's questions (the 出生医学证明 applied for with the rest: a city body decides it) and the 情形 question (the card is for a minor); fills the shared fields once
 * (监护人 filled in from 实名信息) and what each item asks on its own — the empty form's problems
 * are said first; uploads each material once (one that several items need says so); submits once:
 * four child cases, each with its number, and 预防接种证办理 named as done at the window. 我的一件事
 * shows the whole as 办理中; the town's clerk accepts 生育登记 and the citizen sees that child 已受理
 * while the whole stays 办理中. Axe on every page, on a 390 px phone; 我的一件事 and the application's
 * page also at 200 % zoom and in 长辈版.
 *
 * The second test walks the first steps in 长辈版 at 100 % and 200 % zoom, with the form's problems
 * shown, and a reload that keeps what was typed.
 */
import { expect, test, type APIRequestContext, type Page, type Route } from '@playwright/test';
import { checkPage } from './axe.js';
import { citizenApiSignIn, phonePage, signInBySms, type Mode } from './helpers.js';
import { GANGSHAN } from './routes.js';

const APPLY_PATH = `/themes/birth/apply?region=${GANGSHAN}`;
const PDF = { name: '材料.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };
const ZOOM_200 = { width: 640, height: 400 };

// GB 11643-1999: the check character of an 18-character 居民身份证号码 (ISO 7064 MOD 11-2).
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idNumber = (first17: string) => first17 + '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * ID_WEIGHTS[i]!, 0) % 11]!;
/** A number new on every run: the clock in ms and three random digits. */
const unique = (): number => Date.now() * 1000 + Math.floor(Math.random() * 1000);
/** A mobile number (136…) nobody has signed in with. */
const newPhone = (n: number) => `136${String(n % 100_000_000).padStart(8, '0')}`;
/** A parent born 1990–1999 in 邹城市 (370883). */
const parentId = (n: number, year: number) => idNumber(`370883${year}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`);
/** The child: born on a fixed day in the past (the test does not depend on today's date). */
const CHILD_BIRTH = '2026-06-01';
const childId = (n: number) => idNumber(`37088320260601${String(n % 1000).padStart(3, '0')}`);

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const stepHeading = (page: Page) => page.locator('#apply-step-title');
const group = (page: Page, name: string | RegExp) => page.locator('.theme-apply-group').filter({ has: page.getByRole('heading', { level: 3, name }) });
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('a citizen completes 出生一件事 in one go and sees each child case’s progress', async ({ browser }) => {
  test.setTimeout(240_000);
  const n = unique();
  const phone = newPhone(n);
  const mother = { name: '韩晓雯', id: parentId(n, 1994) };
  const father = { name: '孔德明', id: parentId(n + 1, 1992) };
  const page = await phonePage(browser, 'normal');

  // ---- the guide: one 在线申请 for the whole theme ----
  await page.goto(`/themes/birth?region=${GANGSHAN}`);
  await expect(h1(page)).toHaveText('出生一件事');
  await page.getByRole('link', { name: '在线申请' }).click();
  await signInBySms(page, phone);
  // ---- a new account: 实名信息 first, and back to the application ----
  await expect(page).toHaveURL(/\/my\/profile\?next=/);
  expect(new URL(page.url()).searchParams.get('next')).toBe(APPLY_PATH);
  await expect(h1(page)).toHaveText('实名信息');
  await page.getByRole('textbox', { name: /^姓名/ }).fill(mother.name);
  await page.getByRole('textbox', { name: /^身份证号码/ }).fill(mother.id);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/themes/birth/apply\\?region=${GANGSHAN}$`));
  await expect(h1(page)).toHaveText('一件事申请：出生一件事');
  await expect(page.locator('#apply-profile')).toHaveCount(0);

  // ---- step 1: the theme's questions and the 情形 question of 社会保障卡申领; what applies, and what is done at the window ----
  await expect(stepHeading(page)).toHaveText('第 1 步（共 5 步）：回答几个问题');
  const applies = page.locator('.theme-apply-applies');
  // the 出生医学证明 is applied for with the rest (a city body decides it); the child is registered already
  await page.getByRole('radio', { name: '还没有，一并申请签发' }).check();
  await page.getByRole('radio', { name: '已经落户' }).check();
  await page.getByRole('radio', { name: '已直接结算' }).check();
  await expect(applies.getByRole('heading', { level: 3 })).toHaveText('本次申请办理 4 个事项');
  await expect(applies).toContainText('出生医学证明签发');
  await expect(applies).toContainText('预防接种证办理');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.locator('#step-problem')).toContainText('请回答：社会保障卡申领：申领人是否为未成年人？');
  await page.getByRole('radio', { name: '是（由监护人代办）' }).check();
  await expect(page.locator('#step-problem')).toHaveCount(0);
  await checkPage(page, 'theme-apply-questions');
  await page.getByRole('button', { name: '下一步' }).click();

  // ---- step 2: the shared fields once, then each item's own; the empty form's problems first ----
  await expect(stepHeading(page)).toHaveText('第 2 步（共 5 步）：填写信息');
  await expect(page.getByTestId('applicant-name')).toHaveText(`${mother.name}（本人）`);
  // filled in from 实名信息, and said so
  await expect(page.getByLabel(/^监护人姓名/)).toHaveValue(mother.name);
  await expect(page.getByLabel(/^监护人联系电话/)).toHaveValue(phone);
  await expect(page.getByText('已自动填充：取自个人资料', { exact: false }).first()).toBeVisible();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.locator('#step-problem')).toContainText(/还有 \d+ 处需要填写或修改/);
  await expect(page.getByLabel(/^新生儿姓名/)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel(/^新生儿姓名/)).toBeFocused();

  await page.getByLabel(/^新生儿姓名/).fill('孔小满');
  await page.getByRole('radio', { name: '女', exact: true }).check();
  await page.getByLabel(/^出生日期/).fill(CHILD_BIRTH);
  await page.getByLabel(/^出生医院/).fill('邹城市人民医院');
  await page.getByLabel(/^新生儿公民身份号码/).fill(childId(n));
  await page.getByLabel('镇（街道）', { exact: true }).selectOption({ label: '钢山街道' });
  await page.getByLabel('村（社区）', { exact: true }).selectOption({ label: '孟庄社区' });
  await page.getByLabel('详细地址（现居住地址）').fill('建设路 18 号 3 单元 201 室');
  const certificate = group(page, '出生医学证明签发另需填写');
  await certificate.getByLabel(/^母亲姓名/).fill(mother.name);
  await certificate.getByLabel(/^母亲身份证号/).fill(mother.id);
  const registration = group(page, '生育登记（新办）另需填写');
  await registration.getByLabel(/^丈夫姓名/).fill(father.name);
  await registration.getByLabel(/^丈夫身份证号/).fill(father.id);
  await registration.getByLabel(/^妻子姓名/).fill(mother.name);
  await registration.getByLabel(/^妻子身份证号/).fill(mother.id);
  await registration.getByRole('radio', { name: '一孩' }).check();
  await group(page, /城乡居民基本医疗保险参保登记.*另需填写/).getByLabel(/^出生医学证明编号/).fill('N370123456');
  const card = group(page, '社会保障卡申领另需填写');
  await card.getByRole('radio', { name: '中国银行' }).check();
  await card.getByRole('radio', { name: /^到所选银行网点领取/ }).check();
  await expect(page.locator('#step-problem')).toHaveCount(0);
  await checkPage(page, 'theme-apply-form');
  await page.getByRole('button', { name: '下一步' }).click();

  // ---- step 3: each material once ----
  await expect(stepHeading(page)).toHaveText('第 3 步（共 5 步）：提交材料');
  const materials = page.locator('.apply-material');
  const count = await materials.count();
  expect(count).toBeGreaterThan(1);
  // a material several items need is asked once, and says so
  await expect(materials.filter({ hasText: /\d 个事项都要，只交一份/ }).first()).toBeVisible();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.locator('#step-problem')).toContainText('请提交：');
  // The first two uploads are held until both are in and then end together: both must count (the
  // page once kept only the one it heard of last).
  const held: Route[] = [];
  await page.route('**/api/v1/cases/uploads', async (route) => {
    if (held.length >= 2) return route.continue();
    held.push(route);
    if (held.length === 2) await Promise.all(held.map((r) => r.continue()));
  });
  for (let i = 0; i < count; i++) {
    await materials.nth(i).locator('input[type=file]:not([capture])').setInputFiles(PDF);
    await expect(materials.nth(i).getByText('材料.pdf')).toBeVisible();
  }
  for (let i = 0; i < count; i++) await expect(materials.nth(i).getByRole('list', { name: /^已上传/ })).toContainText('材料.pdf');
  await page.unroute('**/api/v1/cases/uploads');
  await expect(page.locator('#step-problem')).toHaveCount(0);
  await checkPage(page, 'theme-apply-materials');
  await page.getByRole('button', { name: '下一步' }).click();

  // ---- step 4: delivery; step 5: review and one submission ----
  await expect(stepHeading(page)).toHaveText('第 4 步（共 5 步）：选择领取方式');
  await page.getByRole('radio', { name: /^电子送达/ }).check();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(stepHeading(page)).toHaveText('第 5 步（共 5 步）：核对并提交');
  await expect(page.locator('.apply-card')).toContainText('孔小满');
  await expect(page.locator('.apply-card')).toContainText('已上传（材料.pdf）');
  const submit = page.getByRole('button', { name: '一次提交 4 个事项' });
  await submit.click();
  await expect(page.locator('#step-problem')).toHaveText('请阅读并勾选申请承诺');
  await page.getByRole('checkbox', { name: /本人承诺/ }).check();
  await checkPage(page, 'theme-apply-review');
  await submit.click();

  // ---- submitted: four cases with their numbers; the vaccination record at the window ----
  await expect(h1(page)).toHaveText('申请已提交');
  await expect(page.getByRole('heading', { level: 2, name: '出生一件事：已一次提交 4 个事项' })).toBeFocused();
  const cases = page.locator('.theme-result-case');
  await expect(cases).toHaveCount(4);
  for (let i = 0; i < 4; i++) await expect(cases.nth(i)).toContainText(/办件编号\s*[\d\s]{25,}/);
  await expect(page.getByRole('region', { name: '还须到窗口办理的事项' })).toContainText('预防接种证办理');
  await checkPage(page, 'theme-apply-submitted');

  // ---- 我的一件事: the whole and each child ----
  await page.getByRole('link', { name: '查看整件事的进度' }).click();
  await expect(page).toHaveURL(/\/my\/themes\/[\w-]+$/);
  const applicationUrl = page.url();
  await expect(h1(page)).toHaveText('出生一件事');
  await expect(page.getByTestId('theme-state')).toHaveText('办理中');
  await expect(page.getByTestId('theme-done-count')).toHaveText('0 / 4 个事项');
  const children = page.locator('.theme-result-case');
  await expect(children).toHaveCount(4);
  await checkPage(page, 'my-theme-submitted');

  // 钢山街道's clerk accepts 生育登记, which the town decides; the citizen sees it, and the whole goes on
  const firstName = '生育登记（新办）';
  const accepted = children.filter({ has: page.getByRole('heading', { level: 3, name: firstName }) });
  const caseId = (await accepted.getByRole('link').getAttribute('href'))!.split('/').pop()!;
  await clerkAccepts(page.context().browser()!, caseId);
  // 出生医学证明 is the city's to decide: 钢山街道's window forwards it and the city's service centre accepts it
  const certificateCase = children.filter({ has: page.getByRole('heading', { level: 3, name: '出生医学证明签发' }) });
  const certificateId = (await certificateCase.getByRole('link').getAttribute('href'))!.split('/').pop()!;
  await staffActs(page.context().browser()!, 'gangshan.clerk', certificateId, 'forward', '材料齐全，转报市妇幼保健计划生育服务中心');
  await staffActs(page.context().browser()!, 'city.clerk', certificateId, 'accept', '材料齐全，予以受理');
  await page.goto(applicationUrl);
  await expect(accepted).toContainText('已受理');
  await expect(certificateCase).toContainText('已受理');
  await expect(page.getByTestId('theme-state')).toHaveText('办理中');
  await accepted.getByRole('link', { name: new RegExp(`^查看详情和办理过程\\s*：${firstName.replace(/[（）]/g, '.')}$`) }).click();
  await expect(page).toHaveURL(new RegExp(`/my/cases/${caseId}$`));
  await expect(h1(page)).toContainText(firstName);
  // the child leads back to the whole
  await expect(page.getByRole('link', { name: '出生一件事' })).toHaveAttribute('href', new URL(applicationUrl).pathname);

  await page.goto('/my/themes');
  await expect(h1(page)).toHaveText('我的一件事');
  const listed = page.locator('.case-list__item');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('出生一件事');
  await expect(listed).toContainText('已办结 0 / 4 个事项');
  await checkBoth(page, 'normal', 'my-themes');

  // The application's page in 长辈版, on the phone and at 200 %.
  await page.goto(applicationUrl);
  await page.getByRole('region', { name: '无障碍工具' }).getByRole('switch', { name: '长辈版' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
  await expect(page.getByTestId('theme-state')).toHaveText('办理中');
  await checkBoth(page, 'elder', 'my-theme');
  await page.context().close();
});

/** A member of staff acts on one case through the API (their own browser context: the citizen stays signed in). */
async function staffActs(browser: import('@playwright/test').Browser, username: string, caseId: string, action: 'accept' | 'forward', opinion: string): Promise<void> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const request = context.request;
  const login = await request.post('/api/v1/auth/staff/login', { data: { username, password: 'Demo@2026' } });
  expect(login.ok(), await login.text()).toBe(true);
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'bm_csrf')!.value;
  const c = (await (await request.get(`/api/v1/cases/${caseId}`)).json()) as { version: number };
  const res = await request.post(`/api/v1/cases/${caseId}/actions/${action}`, { data: { opinion, version: c.version }, headers: { 'x-csrf-token': csrf } });
  expect(res.ok(), await res.text()).toBe(true);
  await context.close();
}

/** gangshan.clerk accepts one case. */
const clerkAccepts = (browser: import('@playwright/test').Browser, caseId: string) => staffActs(browser, 'gangshan.clerk', caseId, 'accept', '材料齐全，予以受理');

/** A new citizen with 实名信息, signed in through the API. */
async function newCitizen(request: APIRequestContext, n: number): Promise<void> {
  await citizenApiSignIn(request, newPhone(n));
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'bm_csrf')!.value;
  const res = await request.put('/api/v1/me/profile', { data: { name: '韩晓雯', idNumber: parentId(n, 1995) }, headers: { 'x-csrf-token': csrf } });
  expect(res.ok(), await res.text()).toBe(true);
}

async function checkBoth(page: Page, mode: Mode, name: string): Promise<void> {
  expect(await overflow(page), `${name}: sideways scroll`).toBeLessThanOrEqual(0);
  await checkPage(page, `${name}-${mode}`);
  await page.setViewportSize(ZOOM_200);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  expect(await overflow(page), `${name} at 200 %: sideways scroll`).toBeLessThanOrEqual(0);
  await checkPage(page, `${name}-${mode}-200`);
  await page.setViewportSize({ width: 390, height: 844 });
}

test('(长辈版) the application’s steps, the result’s page and 我的一件事 at 100 % and 200 %', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await phonePage(browser, 'elder');
  await newCitizen(page.request, unique());
  await page.goto(APPLY_PATH);
  await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
  await expect(stepHeading(page)).toHaveText('第 1 步（共 5 步）：回答几个问题');
  await page.getByRole('radio', { name: '已经领取' }).check();
  await page.getByRole('radio', { name: '已经落户' }).check();
  await page.getByRole('radio', { name: '已直接结算' }).check();
  await page.getByRole('radio', { name: '否', exact: true }).check();
  await checkBoth(page, 'elder', 'theme-apply-questions');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(stepHeading(page)).toHaveText('第 2 步（共 5 步）：填写信息');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.locator('#step-problem')).toBeVisible();
  // the problems shown, red text on each field: still AA
  await checkBoth(page, 'elder', 'theme-apply-form-problems');

  // A reload keeps what was typed (the tab keeps it until it is submitted).
  await page.getByLabel(/^新生儿姓名/).fill('孔小满');
  await page.reload();
  await expect(stepHeading(page)).toHaveText('第 2 步（共 5 步）：填写信息');
  await expect(page.getByLabel(/^新生儿姓名/)).toHaveValue('孔小满');

  await page.goto('/my/themes');
  await expect(page.getByTestId('themes-empty')).toBeVisible();
  await checkBoth(page, 'elder', 'my-themes-empty');
  await page.context().close();
});
