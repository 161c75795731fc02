/**
 * Issue 14's journey of 帮办代办, end to end on two 390 × 844 phones:
 *
 * - a new citizen over 60 signs in by SMS on their phone, gives 实名信息 and asks for a home visit
 *   at 孟庄社区 (the need in their own words; 老年人 is ticked from the ID number) and gets the
 *   confirmation;
 * - the demo helper 刘桂芝 (mengzhuang.helper) opens 帮办工作台 on her phone, accepts the task,
 *   records the home visit, has the person consent to 代办 by the SMS code and taps 代为申请;
 * - on the workbench's intake form (the same phone) the 代办授权 card shows the consent; she
 *   chooses the item, types the ID number and phone, takes the papers and submits: the receipt
 *   has the case number, and the case is recorded as 代办 under that consent;
 * - the citizen's request page shows 已代为申请 with the case number; the helper completes the
 *   request in the workspace; the citizen rates it 5 stars, and the rated page reads in 长辈版 too.
 *
 * The citizen is new on every run (phone and ID number from the clock), so the demo citizens'
 * accounts and settings are untouched and nothing depends on other journeys or their order.
 * axe (checkPage) on every page visited.
 */
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { consentBySms, DEMO_PASSWORD, openPopup, phonePage, pickPopupOption, signInBySms, staffSignIn } from './helpers.js';
import { GANGSHAN, MENGZHUANG } from './routes.js';

const HELPER = { username: 'mengzhuang.helper', name: '刘桂芝' };
/** An item 孟庄社区 takes in for its villagers (村受理、镇办结): two papers, no form or situations. */
const ITEM = { code: '37200150600001', name: '老年人优待证申请代办' };

/** A number new on every run: the clock in ms and three random digits. */
const unique = (): number => Date.now() * 1000 + Math.floor(Math.random() * 1000);
/** A mobile number (137…) nobody has signed in with. */
const newPhone = (n: number): string => `137${String(n % 100_000_000).padStart(8, '0')}`;

/** A valid 邹城市 ID number (GB 11643 check character), born 1945–1954: the person is over 70. */
function olderIdNumber(n: number): string {
  const birth = new Date(Date.UTC(1945, 0, 1) + (n % 3650) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `370883${birth}${String(Math.floor(n / 3650) % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** axe and a screenshot, and no sideways scrolling at the phone's 390 px. */
async function checkPhonePage(page: Page, name: string): Promise<void> {
  await checkPage(page, name);
  expect(await overflow(page), `${name}: scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
}

interface Created {
  id: string;
  requestNo: string;
  helperName: string | null;
  version: number;
}

/**
 * Dispatch shares 孟庄社区's requests between its two helpers; only 刘桂芝 has an account, so when
 * the other one got it, 钢山街道's administrator (the town's coordinator) hands it to her.
 */
async function toLiu(baseURL: string, r: Created): Promise<void> {
  if (r.helperName === HELPER.name) return;
  const admin = await playwrightRequest.newContext({ baseURL });
  const login = await admin.post('/api/v1/auth/staff/login', { data: { username: 'gangshan.admin', password: DEMO_PASSWORD } });
  expect(login.ok(), await login.text()).toBe(true);
  const csrf = (await admin.storageState()).cookies.find((c) => c.name === 'bm_csrf')!.value;
  const helpers = (await (await admin.get(`/api/v1/helper-records?town=${GANGSHAN}&q=${encodeURIComponent(HELPER.name)}`)).json()) as { items: { id: string; name: string }[] };
  const liu = helpers.items.find((h) => h.name === HELPER.name);
  expect(liu, 'the demo roster has 刘桂芝 at 孟庄社区').toBeTruthy();
  const assigned = await admin.post(`/api/v1/help-requests/${r.id}/assign`, { data: { helperId: liu!.id, version: r.version }, headers: { 'x-csrf-token': csrf } });
  expect(assigned.ok(), await assigned.text()).toBe(true);
  await admin.dispose();
}

test('帮办代办 on phones: a home visit asked for, accepted and visited, 代为申请 with SMS consent, progress seen, completed and rated', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const n = unique();
  const phone = newPhone(n);
  const idNumber = olderIdNumber(n);
  const name = '褚玉珍';
  const address = '孟庄社区幸福路 21 号';
  const need = '想办老年人优待证，腿脚不方便去不了镇上';

  // ── the citizen, on their phone: sign in, 实名信息, ask for a home visit ──
  const citizen = await phonePage(browser, 'normal');
  await citizen.goto(`/help/new?village=${MENGZHUANG}`);
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('请帮办员帮我办');
  await citizen.getByRole('link', { name: '登录后填写求助' }).click();
  await signInBySms(citizen, phone);
  // a new phone: 实名信息 first, then back to the form
  await expect(citizen).toHaveURL(/\/my\/profile\?next=/);
  await citizen.getByRole('textbox', { name: /^姓名/ }).fill(name);
  await citizen.getByRole('textbox', { name: /^身份证号码/ }).fill(idNumber);
  await citizen.getByRole('textbox', { name: /^住址/ }).fill(address);
  await citizen.getByRole('button', { name: '保存', exact: true }).click();

  await expect(citizen).toHaveURL(new RegExp(`/help/new\\?village=${MENGZHUANG}$`));
  await expect(citizen.getByRole('radio', { name: '为我自己' })).toBeChecked();
  await expect(citizen.getByRole('textbox', { name: /^您的姓名/ })).toHaveValue(name);
  await expect(citizen.getByRole('textbox', { name: /^详细住址/ })).toHaveValue(address);
  await expect(citizen.getByText('村（社区）：孟庄社区（钢山街道）')).toBeVisible();
  // over 60 by the ID number
  await expect(citizen.getByRole('checkbox', { name: '老年人' })).toBeChecked();
  await citizen.getByRole('textbox', { name: /^您的手机号码/ }).fill(phone);
  // the form takes the need in the person's words (it has no item to choose): the helper finds the item
  await citizen.getByRole('textbox', { name: /^需要帮您办什么事/ }).fill(need);
  await citizen.getByRole('textbox', { name: /^什么时候方便联系/ }).fill('工作日下午');
  const visit = citizen.getByRole('switch', { name: '需要帮办代办员上门' });
  await visit.check();
  await expect(visit).toBeChecked();
  await checkPhonePage(citizen, 'assist-journey-1-help-form');

  const sent = citizen.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/help-requests' && r.request().method() === 'POST');
  await citizen.getByRole('button', { name: '提交求助' }).click();
  const res = await sent;
  expect(res.status(), await res.text()).toBe(201);
  const made = (await res.json()) as Created;
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('求助已提交');
  await expect(citizen.getByTestId('help-request-no')).toHaveText(made.requestNo);
  await expect(citizen.getByTestId('help-status')).toHaveText('待接单');
  await checkPhonePage(citizen, 'assist-journey-2-help-done');
  await toLiu(baseURL!, made);

  // ── the helper, on her phone: the task, 接单, the home visit, the person's consent ──
  const helper = await phonePage(browser, 'normal');
  await staffSignIn(helper, HELPER.username);
  await expect(helper.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await helper.getByRole('link', { name: '打开手机帮办工作台' }).click();
  await expect(helper.getByRole('heading', { level: 1, name: '我的任务' })).toBeVisible();
  const row = helper.getByRole('region', { name: /^待接单/ }).getByRole('listitem').filter({ has: helper.locator(`a[href="/helper/tasks/${made.id}"]`) });
  await expect(row).toContainText('需要上门');
  await expect(row).toContainText('优先');
  await row.getByRole('link').click();
  await expect(helper).toHaveURL(new RegExp(`/helper/tasks/${made.id}$`));
  await expect(helper.getByRole('heading', { level: 1 })).toHaveText('帮办代办求助');
  await helper.getByRole('button', { name: '接单', exact: true }).click();
  await expect(helper.getByRole('status').filter({ hasText: '已接单' })).toBeVisible();
  const person = helper.getByRole('region', { name: '求助人' });
  await expect(person).toContainText(name);

  await helper.getByRole('button', { name: '记录联系/上门' }).click();
  const record = helper.getByRole('form', { name: '记录联系/上门' });
  await record.getByRole('radio', { name: '上门走访' }).check();
  await record.getByLabel('联系情况').fill('已上门了解情况：老人腿脚不便，身份证和照片由我带去办理');
  await record.getByRole('button', { name: '保存联系记录' }).click();
  await expect(helper.getByRole('status').filter({ hasText: '已保存并上传' })).toBeVisible();

  // 代办: the person reads out the code texted to them (the demo shows it on the page)
  const consent = helper.getByRole('region', { name: '代办（代为申请）' });
  await consentBySms(consent);
  const applyLink = consent.getByRole('link', { name: '代为申请' });
  await expect(applyLink).toHaveAttribute('href', `/workbench/intake?helpRequest=${made.id}`);
  await checkPhonePage(helper, 'assist-journey-3-helper-task');

  // ── 代为申请 on the workbench's intake form, still on her phone ──
  await applyLink.click();
  await expect(helper.getByRole('heading', { level: 1 })).toHaveText('代为申请');
  const card = helper.getByRole('region', { name: '代办授权' });
  await expect(card).toContainText(made.requestNo);
  await expect(card).toContainText(name);
  await expect(card).toContainText('老年人');
  await expect(card).toContainText(/授权方式短信验证码确认，.+ 同意，.+ 前有效，用于一次申请/);
  await expect(helper.locator('.ant-select').filter({ has: helper.getByRole('combobox', { name: '收件地点' }) })).toContainText('孟庄社区');
  await expect(helper.getByLabel('姓名')).toHaveValue(name);
  await expect(helper.getByLabel('通讯地址（选填）')).toHaveValue(address);
  // the request names no item: the helper finds it among what 孟庄社区 takes in
  const itemBox = helper.getByRole('combobox', { name: '申请事项' });
  await itemBox.click();
  await itemBox.fill('优待证');
  const option = openPopup(helper).locator('.ant-select-item-option').filter({ hasText: ITEM.code });
  await expect(option).toContainText(ITEM.name);
  await pickPopupOption(helper, option);
  await expect(helper.getByText('2 个工作日').first()).toBeVisible();
  await helper.getByLabel('身份证号码').fill(idNumber);
  await expect(helper.getByText(/^校验通过：出生日期/)).toBeVisible();
  await helper.getByLabel('手机号码').fill(phone);
  const materials = helper.locator('.intake-material');
  await expect(materials).toHaveCount(2);
  for (const m of ['居民身份证', '近期免冠彩色证件照片']) {
    const row = materials.filter({ hasText: m });
    await row.locator('label').filter({ hasText: '纸质收取' }).click();
    await row.getByRole('checkbox', { name: `已核验原件：${m}` }).check();
  }
  // the person is 老年人: 绿色通道 comes with the request
  await expect(helper.getByRole('checkbox', { name: /^绿色通道/ })).toBeChecked();
  await helper.getByRole('checkbox', { name: /申请人承诺/ }).check();
  await checkPhonePage(helper, 'assist-journey-4-intake');

  const submitted = helper.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/cases' && r.request().method() === 'POST');
  await helper.getByRole('button', { name: '提交并生成回执' }).click();
  const caseRes = await submitted;
  expect(caseRes.status(), await caseRes.text()).toBe(201);
  const caseId = ((await caseRes.json()) as { id: string }).id;
  await expect(helper.getByRole('heading', { level: 1 })).toHaveText('收件回执');
  const caseNo = /(\d{25})/.exec((await helper.locator('.ant-alert-success').first().textContent()) ?? '')?.[1];
  expect(caseNo, 'the case number on the receipt').toMatch(/^370883\d{19}$/);
  const receipt = helper.getByRole('article', { name: '收件回执' });
  await expect(receipt).toContainText(caseNo!);
  await expect(receipt).toContainText(ITEM.name);
  await expect(receipt).toContainText(`${HELPER.name}（帮办代办）`);
  await checkPhonePage(helper, 'assist-journey-5-receipt');
  // recorded as 代办 under the person's SMS consent, on this request
  const caseDetail = await helper.request.get(`/api/v1/cases/${caseId}`);
  expect(caseDetail.ok(), await caseDetail.text()).toBe(true);
  expect(await caseDetail.json()).toMatchObject({
    caseNo, channel: 'assist', agentName: HELPER.name, greenChannel: true,
    assistance: { helpRequestId: made.id, requestNo: made.requestNo, method: 'sms' },
  });

  // ── the citizen follows it: 已代为申请, with the case number ──
  await citizen.getByRole('link', { name: '我的求助', exact: true }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('我的求助');
  await citizen.getByRole('listitem').filter({ hasText: made.requestNo }).getByRole('link', { name: need }).click();
  await expect(citizen).toHaveURL(new RegExp(`/my/help/${made.id}$`));
  const history = citizen.getByRole('region', { name: '办理过程' });
  await expect(history).toContainText('帮办代办员已接单');
  await expect(history).toContainText('帮办代办员已上门走访求助人');
  // the helper's own note on the visit is for the staff
  await expect(history).not.toContainText('身份证和照片由我带去办理');
  await expect(history).toContainText('您已通过短信验证码同意帮办代办员 刘桂芝 代为申请');
  await expect(history).toContainText('已代为申请');
  await expect(history).toContainText(`帮办代办员已为您申请「${ITEM.name}」，办件编号 ${caseNo}`);
  await expect(citizen.getByTestId('help-helper')).toHaveText(HELPER.name);
  await checkPhonePage(citizen, 'assist-journey-6-citizen-progress');

  // ── the helper completes the request in the workspace; the case shows there too ──
  await helper.goto(`/helper/tasks/${made.id}`);
  await expect(helper.getByRole('heading', { level: 1 })).toHaveText('帮办代办求助');
  const applied = helper.getByRole('region', { name: '代办（代为申请）' });
  await expect(applied.getByRole('link', { name: ITEM.name })).toHaveAttribute('href', `/workbench/cases/${caseId}`);
  await expect(applied).toContainText(caseNo!);
  await helper.getByRole('button', { name: '办结', exact: true }).click();
  const finish = helper.getByRole('form', { name: '办结' });
  const result = '已代您申请老年人优待证，办好后送到家中';
  await finish.getByLabel('办理结果').fill(result);
  await finish.getByRole('button', { name: '确认办结' }).click();
  await expect(helper.getByRole('status').filter({ hasText: '已办结' })).toBeVisible();
  await checkPhonePage(helper, 'assist-journey-7-helper-completed');

  // ── the citizen sees it done and rates it ──
  await citizen.reload();
  await expect(citizen.getByTestId('help-status')).toHaveText('已办结');
  await expect(citizen.getByTestId('help-result')).toHaveText(result);
  const rating = citizen.getByRole('region', { name: '给这次帮办代办打个分' });
  await rating.getByRole('group', { name: /您对这次帮办代办满意吗/ }).getByRole('radio', { name: '5 星（非常满意）' }).check();
  await rating.getByRole('textbox', { name: /^想说的话/ }).fill('刘桂芝上门帮我办好了，谢谢');
  await checkPhonePage(citizen, 'assist-journey-8-citizen-rate');
  await rating.getByRole('button', { name: '提交评价' }).click();
  const given = citizen.getByRole('region', { name: '您的评价' });
  await expect(given.getByTestId('help-rating')).toHaveText(/5 星（非常满意）$/);
  await expect(given).toContainText('刘桂芝上门帮我办好了，谢谢');
  await expect(history).toContainText('群众评价');
  await checkPhonePage(citizen, 'assist-journey-9-citizen-rated');

  // the same page in 长辈版 (another phone of the person's, signed in the same)
  const elder = await phonePage(browser, 'elder');
  await elder.context().addCookies(await citizen.context().cookies());
  await elder.goto(`/my/help/${made.id}`);
  await expect(elder.locator('html')).toHaveAttribute('data-elder', 'on');
  await expect(elder.getByRole('region', { name: '您的评价' }).getByTestId('help-rating')).toHaveText(/5 星（非常满意）$/);
  await expect(elder.getByRole('region', { name: '办理过程' })).toContainText(caseNo!);
  await checkPhonePage(elder, 'assist-journey-10-citizen-rated-elder');

  await elder.context().close();
  await helper.context().close();
  await citizen.context().close();
});
