import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { expectNoAxeViolations } from './axe.js';
import { DEMO_PASSWORD, openPopup, PHONE, pickPopupOption, settledDialog, staffSignIn, workbenchNav } from './helpers.js';

/**
 * Staff pages of cases (办件): a walk-in application taken in at the 钢山街道 window (一窗受理) with
 * one scanned file and one paper original — every problem of a submit listed at once, with links
 * to the fields, the phone typed once — the printed receipt (收件回执) with its QR code, acceptance
 * on the spot from the receipt screen or from the work queue, review and decision by the approver,
 * a stale page refused with 409 and reloaded, the timeline of every step, and 千泉街道's clerk kept
 * out (404). axe on every page.
 */

/** 老年人能力评估 at 钢山街道: 10 working days, two required materials (居民身份证, 申请表). */
const ITEM = '37200101700001';
const ITEM_NAME = '老年人能力评估';
const GANGSHAN = '370883001';
/** Not a demo citizen: the case shows in nobody's 我的办件. */
const APPLICANT = { name: '赵秀梅', id: '370883195003151228', badId: '370883195003151227', phone: '13900001111', masked: '3708**********1228' };
const PDF = Buffer.from('%PDF-1.4\n% 老年人能力评估申请表（扫描件）\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A screenshot for people to look at (kept with this run's output), then axe on the page as it is. */
async function look(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.waitForTimeout(400);
  const dir = info.outputPath('screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  await expectNoAxeViolations(page, name);
}

/** An API client signed in as a staff member (with the CSRF header every write needs). */
async function staffApi(baseURL: string, username: string): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/staff/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
  const csrf = (await api.storageState()).cookies.find((c) => c.name === 'bm_csrf')!.value;
  return { api, csrf };
}

async function signedInPage(browser: Browser, username: string, phone = false): Promise<Page> {
  const context = await browser.newContext(phone ? { ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } : {});
  const page = await context.newPage();
  await staffSignIn(page, username);
  await expect(page).toHaveURL(/\/workbench$/);
  return page;
}

test.describe('cases: staff pages', () => {
  test('一窗受理 → 收件回执 → 受理 → 审查 → 决定; stale page reloads; another town gets 404', async ({ browser, baseURL }, info) => {
    test.setTimeout(180_000);
    const clerkApi = await staffApi(baseURL!, 'gangshan.clerk');
    const guide = (await (await clerkApi.api.get(`/api/v1/items/${ITEM}?region=${GANGSHAN}`)).json()) as { materials: { id: string; name: string }[] };
    const form = guide.materials.find((m) => m.name.includes('申请表'))!;
    const idCard = guide.materials.find((m) => m.name === '居民身份证')!;
    const countCases = async () => ((await (await clerkApi.api.get(`/api/v1/cases?item=${ITEM}`)).json()) as { total: number }).total;
    const before = await countCases();

    // ── gangshan.clerk takes in a walk-in at the window ──
    const page = await signedInPage(browser, 'gangshan.clerk');
    const nav = workbenchNav(page);
    for (const name of ['办件工作台', '一窗受理', '超期预警']) await expect(nav.getByRole('link', { name })).toBeVisible();
    await nav.getByRole('link', { name: '一窗受理' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('一窗受理');
    await expect(nav.getByRole('link', { name: '一窗受理' })).toHaveAttribute('aria-current', 'page');
    // The receiving place defaults to the clerk's own town.
    await expect(page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '收件地点' }) })).toContainText('钢山街道');
    // Window clerks take in walk-ins; 代办 (assist.act) starts from a help request, never from a switch here.
    await expect(page.getByRole('switch', { name: /帮办代办/ })).toHaveCount(0);
    await look(page, info, 'intake-empty');

    // The item, found by part of its name among what 钢山街道 offers.
    await page.getByRole('combobox', { name: '申请事项' }).click();
    await page.getByRole('combobox', { name: '申请事项' }).fill('能力评估');
    const option = openPopup(page).locator('.ant-select-item-option').filter({ hasText: ITEM_NAME }).first();
    await expect(option).toContainText(ITEM);
    await pickPopupOption(page, option);
    await expect(page.getByText('10 个工作日').first()).toBeVisible();
    const materials = page.locator('.intake-material');
    await expect(materials).toHaveCount(guide.materials.length);

    // Applicant: a wrong check digit is caught as it is typed; the right one shows the birth date.
    await page.getByLabel('姓名').fill(APPLICANT.name);
    const idField = page.getByLabel('身份证号码');
    await idField.fill(APPLICANT.badId);
    await expect(page.getByText('身份证号码不正确（请核对校验位）')).toBeVisible();
    // A card reader types the number and presses Enter: the form is not submitted, the cursor moves on.
    await idField.fill(APPLICANT.id);
    await idField.press('Enter');
    await expect(page.getByLabel('手机号码')).toBeFocused();
    await expect(page.getByText('校验通过：出生日期 1950-03-15')).toBeVisible();
    await page.getByLabel('手机号码').fill(APPLICANT.phone);
    await page.getByLabel('通讯地址（选填）').fill('邹城市钢山街道东关社区 3 号楼');

    // Submitting without materials or declaration: both at once — one summary at the top listing
    // every problem (a link to each), and each marked at its place; nothing created.
    await page.getByRole('button', { name: '提交并生成回执' }).click();
    const summary = page.locator('.intake-errors').getByRole('alert');
    await expect(summary).toContainText('申请还不完整');
    await expect(page.locator('.intake-errors')).toBeFocused();
    await expect(summary.getByRole('link', { name: /申请人承诺/ })).toHaveCount(1);
    await expect(summary.getByRole('link', { name: `「${idCard.name}」` })).toHaveCount(1);
    await expect(summary.getByRole('link', { name: `「${form.name}」` })).toHaveCount(1);
    await expect(page.locator('.ant-form-item').filter({ has: page.getByRole('checkbox', { name: /申请人承诺/ }) })).toContainText('请向申请人宣读并确认申请承诺');
    await expect(materials.filter({ hasText: idCard.name }).first()).toContainText('必要材料，请收取');
    await look(page, info, 'intake-all-problems');
    // A link takes the clerk to the field; what is put right leaves the list.
    await summary.getByRole('link', { name: /申请人承诺/ }).click();
    await expect(page.getByRole('checkbox', { name: /申请人承诺/ })).toBeFocused();
    await page.getByRole('checkbox', { name: /申请人承诺/ }).check();
    await expect(summary.getByRole('link', { name: /申请人承诺/ })).toHaveCount(0);
    await expect(summary).toContainText('申请材料不齐');
    await summary.getByRole('link', { name: `「${idCard.name}」` }).click();
    // a group of choices: its chosen option takes the focus
    await expect(materials.filter({ hasText: idCard.name }).first().getByRole('radio', { name: '未收取' })).toBeFocused();
    expect(await countCases()).toBe(before);

    // One material scanned and uploaded, one paper original checked.
    const formRow = materials.filter({ hasText: form.name });
    await formRow.locator('label').filter({ hasText: '扫描/上传' }).click();
    await expect(formRow.getByRole('radio', { name: '扫描/上传' })).toBeChecked();
    await page.getByTestId(`upload-${form.id}`).setInputFiles({ name: '能力评估申请表.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(formRow.getByRole('link', { name: '能力评估申请表.pdf' })).toBeVisible();
    const idRow = materials.filter({ hasText: idCard.name }).first();
    await idRow.locator('label').filter({ hasText: '纸质收取' }).click();
    await idRow.getByRole('checkbox', { name: `已核验原件：${idCard.name}` }).check();
    await look(page, info, 'intake-filled');

    // A double click makes one case (one Idempotency-Key per form).
    await page.getByRole('button', { name: '提交并生成回执' }).dblclick();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('收件回执');
    const success = page.getByRole('alert').filter({ hasText: '已收件，办件编号' }).or(page.locator('.ant-alert-success'));
    const caseNo = /(\d{25})/.exec((await success.first().textContent()) ?? '')?.[1];
    expect(caseNo, 'case number on the page').toMatch(/^370883001000\d{8}\d{5}$/);
    expect(await countCases()).toBe(before + 1);

    // The receipt: case number, item, masked ID, materials, time limit, tracking URL and its QR code.
    const receipt = page.getByRole('article', { name: '收件回执' });
    await expect(receipt).toContainText(caseNo!);
    await expect(receipt).toContainText(ITEM_NAME);
    await expect(receipt).toContainText(APPLICANT.masked);
    await expect(receipt).not.toContainText(APPLICANT.id);
    await expect(receipt).toContainText('10 个工作日');
    await expect(receipt.getByRole('row').filter({ hasText: form.name })).toContainText('电子（扫描/上传）');
    await expect(receipt.getByRole('row').filter({ hasText: idCard.name })).toContainText('已核验');
    const trackUrl = `${baseURL}/track?caseNo=${caseNo}`;
    await expect(receipt).toContainText(trackUrl);
    const qr = receipt.getByRole('img', { name: `办件进度查询二维码：${trackUrl}` });
    await expect(qr).toBeVisible();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await look(page, info, 'receipt');
    // Printed: only the receipt (no workbench header, menu, buttons).
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.wb-header')).toBeHidden();
    await expect(page.getByRole('button', { name: '打印回执' })).toBeHidden();
    await expect(receipt).toBeVisible();
    await page.screenshot({ path: info.outputPath('screens', 'receipt-print.png'), fullPage: true });
    await page.pdf({ path: info.outputPath('screens', 'receipt.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });

    // ── the queue: found by its number, waiting for acceptance ──
    await nav.getByRole('link', { name: '办件工作台' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('办件工作台');
    await look(page, info, 'queue');
    await page.getByLabel('办件编号或申请人').fill(caseNo!);
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${caseNo}`));
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('待受理');
    await expect(rows.nth(1)).toContainText('受理后开始计时');
    await expect(rows.nth(1)).toContainText(APPLICANT.masked);
    // waiting for the window's acceptance: the clerk's to do (等我处理), also under its own tab
    await expect(rows.nth(1)).toContainText('等我处理');
    await page.getByRole('navigation', { name: '按办理状态' }).getByRole('link', { name: /^等我处理/ }).click();
    await expect(page).toHaveURL(/awaiting=1/);
    await expect(page.getByRole('navigation', { name: '按办理状态' }).getByRole('link', { name: /^等我处理/ })).toHaveAttribute('aria-current', 'page');
    await expect(rows.filter({ hasText: caseNo! })).toHaveCount(1);
    // By name as well.
    await page.getByLabel('办件编号或申请人').fill('秀梅');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(rows.filter({ hasText: caseNo! })).toHaveCount(1);
    await rows.filter({ hasText: caseNo! }).getByRole('link').click();

    // ── the detail: accept ──
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/老年人能力评估/);
    const caseUrl = page.url();
    const main = page.getByRole('main');
    await expect(main).toContainText(APPLICANT.masked);
    await expect(main).toContainText('139****1111');
    await expect(main).not.toContainText(APPLICANT.id);
    await expect(main.getByRole('link', { name: `下载文件：${form.name}（能力评估申请表.pdf）` })).toHaveAttribute('href', /^\/api\/v1\/files\//);
    // 预览: the scanned PDF in the browser's viewer, framed in place (the paper original has no file)
    await expect(main.getByRole('button', { name: `预览：${idCard.name}` })).toHaveCount(0);
    await main.getByRole('button', { name: `预览：${form.name}` }).click();
    const preview = page.getByRole('dialog', { name: `预览：${form.name}` });
    const frame = preview.locator('iframe');
    await expect(frame).toHaveAttribute('src', /^\/api\/v1\/files\/[^?]+\?inline=1$/);
    await expect(preview).toContainText('能力评估申请表.pdf');
    const inline = await page.request.get((await frame.getAttribute('src'))!);
    expect(inline.headers()['content-disposition']).toMatch(/^inline/);
    expect(inline.headers()['x-frame-options']).toBe('SAMEORIGIN');
    await look(page, info, 'material-preview');
    // Closed by its own button: the browser's PDF viewer inside the frame may hold the keyboard.
    await preview.getByRole('button', { name: /关闭|Close/ }).first().click();
    await expect(preview).toBeHidden();
    await look(page, info, 'detail-pending');
    // The one-time correction notice dialog lists the item's materials, each with its reason.
    await page.getByRole('button', { name: '一次性告知补正' }).click();
    const correction = await settledDialog(page.getByRole('dialog', { name: '一次性告知补正' }));
    await expect(correction).toContainText('本环节只能告知一次');
    await correction.getByRole('checkbox', { name: new RegExp(idCard.name) }).check();
    await expect(correction.getByLabel(`「${idCard.name}」需补正的内容`)).toBeVisible();
    await look(page, info, 'dialog-correction');
    await correction.getByRole('button', { name: '取消' }).click();
    await expect(correction).toBeHidden();
    // 转办 offers the city's places (通办); not used here.
    await page.getByRole('button', { name: '转办' }).click();
    const transfer = await settledDialog(page.getByRole('dialog', { name: '转办' }));
    await expect(transfer.getByRole('combobox', { name: '转至' })).toBeVisible();
    await transfer.getByRole('button', { name: '确认转办' }).click();
    await expect(transfer.getByText('请选择转办的镇（街道）或村（社区）')).toBeVisible();
    await expect(transfer.getByText('请填写转办理由')).toBeVisible();
    await look(page, info, 'dialog-transfer');
    await transfer.getByRole('button', { name: '取消' }).click();
    await expect(transfer).toBeHidden();

    await page.getByRole('button', { name: '受理', exact: true }).click();
    const accept = await settledDialog(page.getByRole('dialog', { name: '受理' }));
    await expect(accept).toContainText('承诺时限 10 个工作日');
    await accept.getByLabel('意见（选填）').fill('材料齐全，予以受理');
    await look(page, info, 'dialog-accept');
    await accept.getByRole('button', { name: '确认受理' }).click();
    await expect(accept).toBeHidden();
    await expect(page.locator('.case-heading-meta')).toContainText('已受理（审查中）');
    await expect(page.locator('.case-heading-meta')).toContainText('剩 10 个工作日');
    await expect(page.getByRole('button', { name: '受理', exact: true })).toHaveCount(0);
    const timeline = page.locator('.case-timeline > li');
    await expect(timeline).toHaveCount(2);
    await expect(timeline.nth(1)).toContainText('受理');
    await expect(timeline.nth(1)).toContainText('孟晓燕(gangshan.clerk)');
    await expect(timeline.nth(1)).toContainText('意见：材料齐全，予以受理');
    await expect(timeline.nth(1)).toContainText('承诺办结日期');
    await page.context().close();

    // ── gangshan.approver: a stale page is refused and reloaded, then review and decision ──
    const approver = await signedInPage(browser, 'gangshan.approver');
    await approver.goto(caseUrl);
    await expect(approver.getByRole('button', { name: '审查通过（提交决定）' })).toBeVisible();
    // Meanwhile the same case moves on elsewhere (another window of the approver's).
    const approverApi = await staffApi(baseURL!, 'gangshan.approver');
    const caseId = caseUrl.split('/').pop()!;
    const moved = await approverApi.api.post(`/api/v1/cases/${caseId}/actions/approve`, {
      data: { opinion: '经审查，符合条件' },
      headers: { 'x-csrf-token': approverApi.csrf },
    });
    expect(moved.status(), await moved.text()).toBe(200);
    await approver.getByRole('button', { name: '审查通过（提交决定）' }).click();
    await (await settledDialog(approver.getByRole('dialog', { name: '审查通过（提交决定）' }))).getByRole('button', { name: '确认审查通过' }).click();
    const staleAlert = approver.getByRole('alert').filter({ hasText: '办件状态已变化' });
    await expect(staleAlert).toBeVisible();
    await expect(staleAlert).toContainText('页面已刷新为办件的最新状态');
    await expect(approver.locator('.case-heading-meta')).toContainText('待决定');
    await look(approver, info, 'detail-stale');

    await approver.getByRole('button', { name: '决定准予（办结）' }).click();
    const decide = await settledDialog(approver.getByRole('dialog', { name: '决定准予（办结）' }));
    await decide.getByLabel('决定意见（选填）').fill('准予');
    await decide.getByLabel('办理结果说明（选填）').fill('评估等级：能力完好');
    await look(approver, info, 'dialog-decide');
    await decide.getByRole('button', { name: '确认决定准予' }).click();
    await expect(decide).toBeHidden();
    await expect(approver.locator('.case-heading-meta')).toContainText('已办结（准予）');
    await expect(approver.getByRole('region', { name: '办理结果' })).toContainText('评估等级：能力完好');
    const steps = approver.locator('.case-timeline > li');
    await expect(steps).toHaveCount(4);
    await expect(steps.nth(0)).toContainText('提交申请');
    await expect(steps.nth(0)).toContainText('孟晓燕(gangshan.clerk)');
    await expect(steps.nth(0)).toContainText('窗口');
    await expect(steps.nth(1)).toContainText('受理');
    await expect(steps.nth(2)).toContainText('审查通过');
    await expect(steps.nth(2)).toContainText('曾庆海(gangshan.approver)');
    await expect(steps.nth(2)).toContainText('经审查，符合条件');
    await expect(steps.nth(3)).toContainText('决定准予');
    await expect(steps.nth(3)).toContainText('已办结（准予）');
    await look(approver, info, 'detail-approved');
    await approver.context().close();

    // ── qianquan.clerk cannot open it (404), nor find it ──
    const other = await signedInPage(browser, 'qianquan.clerk');
    await other.goto(caseUrl);
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('办件不存在或无权查看');
    await expect(other.getByRole('main')).toContainText('404');
    await expect(other.getByRole('main')).not.toContainText(APPLICANT.name);
    await look(other, info, 'detail-other-town');
    await other.goto(`/workbench/cases?q=${caseNo}`);
    await expect(other.getByText('共 0 件')).toBeVisible();
    await other.context().close();
    await clerkApi.api.dispose();
    await approverApi.api.dispose();
  });

  test('an item with an application form and a 情形引导 question: every problem at once, the phone typed once, accepted on the spot; the detail shows the answers labelled', async ({ browser }, info) => {
    test.setTimeout(120_000);
    const page = await signedInPage(browser, 'gangshan.clerk');
    await page.goto('/workbench/intake');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('一窗受理');
    await page.getByRole('combobox', { name: '申请事项' }).click();
    await page.getByRole('combobox', { name: '申请事项' }).fill('高龄津贴');
    await pickPopupOption(page, openPopup(page).locator('.ant-select-item-option').filter({ hasText: '37050100700001' }));
    const formSection = page.getByRole('region', { name: '3. 申请表' });
    await expect(formSection).toBeVisible();
    await page.getByLabel('姓名').fill('钱玉兰');
    await page.getByLabel('身份证号码').fill('370883194405061220');
    await page.getByLabel('手机号码').fill('13900002222');
    await page.getByLabel('通讯地址（选填）').fill('邹城市钢山街道孟庄社区 12 号');
    // The phone is typed once: the form's 联系电话 (filled from the profile online) takes the
    // applicant's, and follows it.
    const contactPhone = formSection.getByLabel(/联系电话/);
    await expect(contactPhone).toHaveValue('13900002222');
    await expect(formSection.locator('[data-field="contactPhone"]')).toContainText('同申请人手机号码');
    await page.getByLabel('手机号码').fill('13900002223');
    await expect(contactPhone).toHaveValue('13900002223');
    await page.getByLabel('手机号码').fill('13900002222');
    await expect(contactPhone).toHaveValue('13900002222');

    // Submitting now: every problem in one summary — the 情形引导 question, the form's three
    // unanswered fields, the three materials and the declaration (eight), not the phone.
    await page.getByRole('button', { name: '提交并生成回执' }).click();
    const summary = page.locator('.intake-errors').getByRole('alert');
    await expect(summary).toContainText('申请还不完整');
    const links = summary.getByRole('link');
    await expect(links).toHaveCount(8);
    for (const text of ['是否委托他人代为办理', '现居住地址', '开户银行', '银行账号', '「居民身份证」', '「居民户口簿」', '「本人银行账户信息（', '申请人承诺']) {
      await expect(links.filter({ hasText: text })).toHaveCount(1);
    }
    await expect(summary).not.toContainText('联系电话');
    await expect(formSection.getByText('请填写「现居住地址」')).toBeVisible();
    await look(page, info, 'intake-form-item-problems');
    // the link to a group of choices focuses its first choice
    await links.filter({ hasText: '开户银行' }).click();
    await expect(formSection.getByRole('group', { name: /开户银行/ }).getByRole('radio').first()).toBeFocused();
    await links.filter({ hasText: '是否委托他人代为办理' }).click();
    await expect(page.getByRole('group', { name: '是否委托他人代为办理？' }).getByRole('radio').first()).toBeFocused();

    // 情形引导: choosing 委托 makes the proxy's papers required; the applicant comes in person.
    const situation = page.getByRole('group', { name: '是否委托他人代为办理？' });
    await situation.getByText('委托家属或帮办代办员办理').click();
    await expect(page.locator('.intake-material').filter({ hasText: '授权委托书' })).toContainText('本情形需要');
    await situation.getByText('本人办理').click();
    await expect(page.locator('.intake-material').filter({ hasText: '授权委托书' })).toContainText('视情形提交');
    for (const name of ['居民身份证', '居民户口簿', '本人银行账户信息']) {
      const row = page.locator('.intake-material').filter({ hasText: name }).first();
      await row.locator('label').filter({ hasText: '纸质收取' }).click();
      await row.getByRole('checkbox', { name: /^已核验原件/ }).check();
    }
    await page.getByRole('checkbox', { name: /申请人承诺/ }).check();
    await formSection.getByLabel('镇（街道）').selectOption({ label: '钢山街道' });
    await formSection.getByLabel('详细地址（现居住地址）').fill('孟庄社区 12 号');
    await formSection.getByRole('group', { name: /开户银行/ }).getByText('邹城农商银行').click();
    await formSection.getByLabel(/银行账号/).fill('6228480319870002222');
    // everything put right: the summary has gone
    await expect(summary).toHaveCount(0);
    // 邮寄: the address starts as the applicant's.
    await page.getByText('邮寄', { exact: true }).click();
    await expect(page.getByLabel('邮寄地址')).toHaveValue('邹城市钢山街道孟庄社区 12 号');
    await look(page, info, 'intake-form-item');
    await page.getByRole('button', { name: '提交并生成回执' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('收件回执');
    await expect(page.getByRole('article', { name: '收件回执' })).toContainText('邮寄');

    // Accepted on the spot, from the receipt screen (the case page's own dialog; no trip to the queue).
    const next = page.getByRole('region', { name: '下一步' });
    await expect(next.getByRole('button', { name: '立即受理' })).toBeVisible();
    await look(page, info, 'intake-done-next');
    await next.getByRole('button', { name: '立即受理' }).click();
    const acceptNow = await settledDialog(page.getByRole('dialog', { name: '受理' }));
    await expect(acceptNow).toContainText('受理后开始计时');
    await acceptNow.getByRole('button', { name: '确认受理' }).click();
    await expect(acceptNow).toBeHidden();
    await expect(page.locator('.ant-alert-success')).toContainText('已受理（审查中）');
    // the decision is the approver's: nothing more for the clerk here; the acceptance notice prints
    await expect(next.getByRole('button')).toHaveCount(0);
    await expect(next).toContainText('后续环节不由您办理');
    await expect(page.getByRole('link', { name: /打印受理通知书/ })).toHaveAttribute('href', /\/documents\/acceptance$/);
    await look(page, info, 'intake-done-accepted');

    await page.getByRole('link', { name: '打开办件' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('高龄津贴（申领）');
    await expect(page.locator('.case-heading-meta')).toContainText('已受理（审查中）');
    const answers = page.getByRole('region', { name: '申请表内容' });
    await expect(answers).toContainText('开户银行');
    await expect(answers).toContainText('邹城农商银行');
    await expect(answers).toContainText('钢山街道孟庄社区 12 号');
    await expect(answers).toContainText('13900002222');
    await expect(page.getByRole('region', { name: '情形引导' })).toContainText('本人办理');
    await expect(page.getByRole('region', { name: '事项与办理地' })).toContainText('邮寄：邹城市钢山街道孟庄社区 12 号');
    // the 已受理 toast from the receipt screen fades out over this page: axe measures a fading toast's
    // contrast mid-animation, so scan once it has gone
    await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
    await look(page, info, 'detail-form-item');
    const caseUrl = page.url();

    // The approver extends once, runs a special procedure (clock stopped), and asks for one more paper.
    const approver = await signedInPage(browser, 'gangshan.approver');
    await approver.goto(caseUrl);
    const time = approver.getByRole('region', { name: '办理时限' });
    const dueBefore = (await time.locator('.case-kv__row').filter({ hasText: '承诺办结日期' }).locator('dd').textContent())!;
    await approver.getByRole('button', { name: '延期' }).click();
    const extend = await settledDialog(approver.getByRole('dialog', { name: '延期' }));
    await extend.getByLabel('延长的工作日').fill('5');
    await extend.getByLabel('延期理由').fill('需入户核实居住情况');
    await extend.getByRole('button', { name: '确认延期' }).click();
    await expect(time).toContainText('已延长 5 个工作日');
    await expect(time.locator('.case-kv__row').filter({ hasText: '承诺办结日期' }).locator('dd')).not.toHaveText(dueBefore);
    await expect(approver.getByRole('button', { name: '延期' })).toBeVisible(); // the server refuses a second one with a message
    await approver.getByRole('button', { name: '特别程序（暂停计时）' }).click();
    const pause = await settledDialog(approver.getByRole('dialog', { name: '特别程序（暂停计时）' }));
    await pause.getByLabel('特别程序名称').fill('现场勘查');
    await pause.getByLabel('特别程序的理由').fill('核实居住地址');
    await look(approver, info, 'dialog-pause');
    await pause.getByRole('button', { name: '确认特别程序' }).click();
    await expect(approver.locator('.case-heading-meta')).toContainText('特别程序中');
    await expect(time).toContainText('特别程序中，暂停计时');
    await approver.getByRole('button', { name: '特别程序结束（恢复计时）' }).click();
    await (await settledDialog(approver.getByRole('dialog', { name: '特别程序结束（恢复计时）' }))).getByRole('button', { name: '确认特别程序结束' }).click();
    await expect(approver.locator('.case-heading-meta')).toContainText('已受理（审查中）');
    await approver.getByRole('button', { name: '一次性告知补正' }).click();
    const correction = await settledDialog(approver.getByRole('dialog', { name: '一次性告知补正' }));
    await correction.getByRole('checkbox', { name: /居民户口簿/ }).check();
    await correction.getByLabel('「居民户口簿」需补正的内容').fill('请提供户口簿首页和本人页的原件');
    await correction.getByRole('button', { name: '确认一次性告知补正' }).click();
    await expect(approver.locator('.case-heading-meta')).toContainText('待补正');
    await expect(approver.getByRole('region', { name: '补正告知（一次性告知）' })).toContainText('请提供户口簿首页和本人页的原件');
    await approver.context().close();

    // The applicant brings the paper to the window: the clerk hands in the correction for them.
    await page.reload();
    await page.getByRole('button', { name: '代申请人补正材料' }).click();
    const resubmit = await settledDialog(page.getByRole('dialog', { name: '代申请人补正材料' }));
    await resubmit.getByRole('checkbox', { name: '已核验原件：居民户口簿' }).check();
    await look(page, info, 'dialog-resubmit');
    await resubmit.getByRole('button', { name: '确认代申请人补正材料' }).click();
    await expect(page.locator('.case-heading-meta')).toContainText('已受理（审查中）');
    const steps = page.locator('.case-timeline > li');
    await expect(steps.filter({ hasText: '延期' })).toContainText('延长 5 个工作日');
    await expect(steps.filter({ hasText: '特别程序：现场勘查' })).toHaveCount(1);
    await expect(steps.filter({ hasText: '一次性告知补正' })).toContainText('居民户口簿：请提供户口簿首页和本人页的原件');
    await expect(steps.filter({ hasText: '补正材料' }).last()).toContainText('代 申请人');
    await look(page, info, 'detail-after-correction');
    await page.context().close();
  });

  test('a helper (帮办代办员) opens intake at 孟庄社区 (代办 is started from a help request), follows their own cases in 我代办的, and has no work queue', async ({ browser }, info) => {
    const page = await signedInPage(browser, 'mengzhuang.helper');
    const nav = workbenchNav(page);
    await expect(nav.getByRole('link', { name: '一窗受理' })).toBeVisible();
    await expect(nav.getByRole('link', { name: '办件工作台' })).toHaveCount(0);
    // 我代办的: the demo helper's own 代办 (高龄津贴, forwarded to 钢山街道), and nobody else's
    await nav.getByRole('link', { name: '我代办的' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我代办的');
    const mine = page.getByRole('table');
    await expect(mine).toContainText('高龄津贴');
    await expect(mine).toContainText('孟庄社区 → 钢山街道');
    await expect(mine).not.toContainText('最低生活保障');
    await look(page, info, 'taken-in-helper');
    await mine.getByRole('row').filter({ hasText: '高龄津贴' }).first().getByRole('link').click();
    await expect(page.getByRole('link', { name: '← 我代办的' })).toBeVisible();
    await nav.getByRole('link', { name: '一窗受理' }).click();
    await expect(page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '收件地点' }) })).toContainText('孟庄社区');
    // 代办 starts from a help request with the person's consent (the helper workspace); here, the person is present
    await expect(page.getByRole('switch', { name: /帮办代办/ })).toHaveCount(0);
    await expect(page.getByText('申请人本人到场的，按窗口收件办理。')).toBeVisible();
    await expect(page.getByRole('link', { name: '帮办工作台' })).toHaveAttribute('href', '/helper');
    await look(page, info, 'intake-helper');
    await page.goto('/workbench/cases');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('无权访问');
    await page.context().close();
  });

  test('the overdue report leads to the queue of overdue cases; the city admin sees every town', async ({ browser }, info) => {
    const page = await signedInPage(browser, 'admin');
    await workbenchNav(page).getByRole('link', { name: '超期预警' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('超期预警');
    await expect(workbenchNav(page).getByRole('link', { name: '超期预警' })).toHaveAttribute('aria-current', 'page');
    await expect(workbenchNav(page).getByRole('link', { name: '办件工作台' })).not.toHaveAttribute('aria-current', 'page');
    const table = page.getByRole('table');
    await expect(table.getByRole('row').filter({ hasText: '千泉街道' })).toHaveCount(1);
    const gangshan = table.getByRole('row').filter({ hasText: '钢山街道' });
    await look(page, info, 'overdue-report');
    await gangshan.getByRole('link', { name: /钢山街道超期 \d+ 件/ }).click();
    await expect(page).toHaveURL(/\/workbench\/cases\?.*overdue=1/);
    await expect(page).toHaveURL(/region=370883001/);
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows.nth(1)).toContainText('红灯');
    await expect(rows.nth(1)).toContainText('最低生活保障');
    await expect(page.getByRole('table')).not.toContainText('千泉街道');
    await look(page, info, 'queue-overdue');
    await page.context().close();
  });

  test('on a phone: the queue as cards, the detail, intake and the report, with the menu in a drawer', async ({ browser }, info) => {
    const page = await signedInPage(browser, 'gangshan.clerk', true);
    await page.getByRole('button', { name: '打开菜单' }).click();
    await workbenchNav(page).getByRole('link', { name: '办件工作台' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('办件工作台');
    const cards = page.getByRole('list', { name: '办件列表' }).getByRole('listitem');
    // what waits for the clerk comes first; the overdue case waits for the approver's decision
    await expect(cards.first()).toContainText('等我处理');
    const overdue = cards.filter({ hasText: '红灯' }).first();
    await expect(overdue).toBeVisible();
    await look(page, info, 'phone-queue');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await overdue.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/最低生活保障/);
    await expect(page.getByRole('region', { name: '办理时限' })).toContainText('超期');
    await look(page, info, 'phone-detail');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: '代申请人撤回' }).click();
    await expect(page.getByRole('dialog', { name: '代申请人撤回' })).toBeVisible();
    await look(page, info, 'phone-dialog-withdraw');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

    await page.getByRole('button', { name: '打开菜单' }).click();
    await workbenchNav(page).getByRole('link', { name: '一窗受理' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('一窗受理');
    await look(page, info, 'phone-intake');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: '打开菜单' }).click();
    await workbenchNav(page).getByRole('link', { name: '超期预警' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('超期预警');
    await look(page, info, 'phone-overdue');
    await page.context().close();
  });
});
