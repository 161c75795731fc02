/**
 * Issue 5's journey on a phone-sized screen: a citizen applies online with uploads → the clerk asks
 * for a correction (一次性告知) → the citizen corrects → the clerk accepts → the approver approves →
 * the citizen sees the result and downloads the notice. Axe runs on every citizen page on the way.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { PHONE, requestSmsCode, staffSignIn } from './helpers.js';

const ITEM = '37050100600001'; // 临时救助（急难型临时救助）
const GANGSHAN = '370883001';
const PDF = { name: '材料.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };
/** A photo as a phone's camera gives one (a 1×1 PNG: the server checks the content, not the name). */
const PHOTO = {
  name: '身份证正面.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
};

async function citizenSignIn(page: Page, phone: string, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('手机号码').fill(phone);
  const code = await requestSmsCode(page);
  await page.getByLabel('短信验证码').fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function staffPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await staffSignIn(page, username);
  await expect(page).toHaveURL(/\/workbench/);
  return page;
}

/** Takes an action through the staff API with the page's session (the workbench UI has its own journey). */
async function staffAct(page: Page, caseId: string, action: string, body: Record<string, unknown>) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'bm_csrf')?.value ?? '';
  const detail = await (await page.request.get(`/api/v1/cases/${caseId}`)).json();
  const res = await page.request.post(`/api/v1/cases/${caseId}/actions/${action}`, { data: { version: detail.version, ...body }, headers: { 'x-csrf-token': csrf } });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

test.use(PHONE);

test('(journey) apply with uploads → correction → corrected → accepted → approved → result and notice', async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The guide offers 在线申请; it asks the citizen to sign in first and comes back.
  await page.goto(`/items/${ITEM}?region=${GANGSHAN}`);
  await page.getByRole('link', { name: /在线申请/ }).click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await citizenSignIn(page, '13800000002', `/apply/${ITEM}?region=${GANGSHAN}`);
  await expect(page).toHaveURL(new RegExp(`/apply/${ITEM}`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/网上申请：临时救助/);
  // The document is named after the item too (the heading is made of parts: it was empty).
  await expect(page).toHaveTitle(/^网上申请：临时救助.* - /);

  // Step 1: the form. 李建国 applied for this before: address and bank account are filled and marked.
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(/第 1 步（共 4 步）：填写申请表/);
  await expect(page.getByText(/已自动填充：取自 .* 的申请/).first()).toBeVisible();
  await expect(page.getByLabel(/详细地址/)).toHaveValue('岗山路 66 号');
  await checkPage(page, 'apply-form-phone');
  // A required field left empty is caught in the page.
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText('请填写「遭遇的困难」')).toBeVisible();
  await page.getByLabel(/遭遇的困难/).fill('家中房屋因暴雨倒塌，暂无住处');
  await page.getByLabel(/申请救助金额/).fill('3000');
  await page.getByRole('button', { name: '下一步' }).click();

  // Step 2: materials — upload each required one (the ID card can come from the licence wallet later).
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(/第 2 步（共 4 步）：提交材料/);
  await checkPage(page, 'apply-materials-phone');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText(/^请提交：/)).toBeVisible();
  const items = page.locator('.apply-material');
  const count = await items.count();
  // The upload control: one large labelled button (the file input itself is hidden), not the 25 px native one.
  const firstRequired = items.filter({ hasText: '（必交）' }).first();
  const chooser = firstRequired.getByLabel(/^拍照或选择文件（/);
  await expect(chooser).toHaveAttribute('type', 'file');
  await expect(chooser).not.toHaveAttribute('capture', /.*/);
  const face = firstRequired.locator('label.file-upload__button').first();
  expect((await face.boundingBox())!.height).toBeGreaterThanOrEqual(48);
  // The camera, where offered (touch screens), is a separate choice that opens the back camera.
  const camera = firstRequired.locator('input[capture]');
  if (await camera.count()) await expect(camera).toHaveAttribute('capture', 'environment');
  // A photo: its thumbnail shows; 删除 says what it deletes, and deletes it.
  await chooser.setInputFiles(PHOTO);
  await expect(firstRequired.getByRole('img', { name: `预览：${PHOTO.name}` })).toBeVisible();
  const removePhoto = firstRequired.getByRole('button', { name: `删除 ${PHOTO.name}` });
  await expect(removePhoto).toHaveText('删除');
  expect((await removePhoto.boundingBox())!.height).toBeLessThan(80); // one line, not three
  await checkPage(page, 'apply-materials-photo-phone');
  await removePhoto.click();
  await expect(firstRequired.getByRole('img', { name: `预览：${PHOTO.name}` })).toHaveCount(0);
  await expect(chooser).toBeFocused();
  for (let i = 0; i < count; i++) {
    const item = items.nth(i);
    if (!(await item.getByText('（必交）').count())) continue;
    const licence = item.getByRole('radio', { name: '上传文件' });
    if (await licence.count()) await licence.check();
    await item.getByLabel(/拍照或选择文件（/).setInputFiles(PDF);
    // a PDF is shown by its icon and name, with its own 删除
    await expect(item.getByText(PDF.name, { exact: true })).toBeVisible();
    await expect(item.getByRole('button', { name: `删除 ${PDF.name}` })).toBeVisible();
  }
  // The problem box does not stay once the materials are there.
  await expect(page.getByText(/^请提交：/)).toHaveCount(0);
  // A fake PDF (an EXE) is refused with a clear message.
  const optional = items.filter({ hasText: '（选交）' }).first();
  if (await optional.count()) {
    await optional.getByLabel(/拍照或选择文件（/).setInputFiles({ name: '假的.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff') });
    await expect(optional.getByRole('alert')).toContainText(/文件/);
  }
  await expect(page.getByText(/草稿已自动保存/)).toBeVisible();
  await page.getByRole('button', { name: '下一步' }).click();

  // Step 3: delivery; step 4: review, declaration and submit.
  await page.getByRole('radio', { name: /电子送达/ }).check();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(/核对并提交/);
  await checkPage(page, 'apply-review-phone');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('请阅读并勾选申请承诺')).toBeVisible();
  await page.getByLabel(/本人承诺/).check();
  // A double tap: two clicks in the same moment, before the page can disable the button.
  await page.getByRole('button', { name: '提交申请' }).evaluate((b: HTMLButtonElement) => { b.click(); b.click(); });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请已提交');
  await expect(page).toHaveTitle(/^申请已提交：临时救助/);
  // The case number: grouped for the eye, the plain 25 digits to copy and to read out; 复制 beside it.
  const caseNo = (await page.getByTestId('case-no').textContent())?.trim() ?? '';
  expect(caseNo).toMatch(/^370883001000\d{8}\d{5}$/);
  await expect(page.getByTestId('case-no').locator('.case-no__group')).toHaveCount(5);
  await page.getByRole('button', { name: '复制办件编号' }).click();
  await expect(page.getByText(/办件编号已复制|没能自动复制/)).toBeVisible();
  // What happens next: the item's steps and its promised time limit, in plain words, never 。。.
  const next = page.getByRole('region', { name: '接下来怎么办' });
  await expect(next.getByRole('listitem')).toHaveText([/^受理：/, /^审查：/, /^决定：.*准予或不予给付/]);
  await expect(next).toContainText(/承诺在受理后 \d+ 个工作日内办结/);
  await expect(page.getByText('已提交，等待预审', { exact: true })).toBeVisible();
  expect(await page.locator('main').textContent()).not.toMatch(/。。|(^|\D)0 个工作日/);
  await checkPage(page, 'apply-submitted-phone');
  await page.getByRole('link', { name: '查看办理进度' }).click();
  // the case's own page (the submitted page says the same things: wait for the address, CI read it too early)
  await expect(page).toHaveURL(/\/my\/cases\/[^/?#]+$/);
  await expect(page.getByText('已提交，等待预审', { exact: true })).toBeVisible();
  await expect(page.getByTestId('case-no')).toHaveText(caseNo);
  await expect(page.getByRole('button', { name: '复制办件编号' })).toBeVisible();
  const caseId = page.url().split('/').pop()!;
  // The double tap made one case.
  const mine = await (await page.request.get('/api/v1/cases/mine')).json();
  expect(mine.items.filter((c: { caseNo: string }) => c.caseNo === caseNo)).toHaveLength(1);

  // The clerk asks, once, for everything missing.
  const clerk = await staffPage(browser, 'gangshan.clerk');
  await staffAct(clerk, caseId, 'request-correction', {
    opinion: '请一次性补齐以下内容后重新提交',
    items: [{ materialId: 'hardship-proof', reason: '请提供房屋受损的照片或村（居）委会出具的证明' }],
  });

  // The citizen sees the 一次性告知 and corrects.
  await page.reload();
  await expect(page.getByRole('heading', { name: '需要补正（一次性告知）' })).toBeVisible();
  await expect(page.getByText('请提供房屋受损的照片或村（居）委会出具的证明')).toBeVisible();
  await checkPage(page, 'case-correction-phone');
  await page.getByRole('button', { name: '提交补正材料' }).click();
  await expect(page.getByText(/还需要补正：/)).toBeVisible();
  await page.getByLabel(/拍照或选择文件（遭遇困难情况的说明或证明材料）/).setInputFiles(PHOTO);
  await expect(page.getByRole('img', { name: `预览：${PHOTO.name}` })).toBeVisible();
  await expect(page.getByRole('button', { name: `删除 ${PHOTO.name}` })).toBeVisible();
  // the box that listed what is missing has gone now that it is there
  await expect(page.getByText(/还需要补正：/)).toHaveCount(0);
  await page.getByRole('button', { name: '提交补正材料' }).click();
  await expect(page.getByRole('heading', { name: '需要补正（一次性告知）' })).toBeHidden();

  // The clerk accepts; the approver reviews and decides.
  await staffAct(clerk, caseId, 'accept', { opinion: '材料齐全，予以受理' });
  const approver = await staffPage(browser, 'gangshan.approver');
  await staffAct(approver, caseId, 'approve', { opinion: '情况属实' });
  await staffAct(approver, caseId, 'approve', { opinion: '准予临时救助', resultNote: '救助金 3000 元，5 个工作日内发放' });

  // The citizen sees the result and downloads the notice.
  await page.reload();
  await expect(page.getByText(/已办结（准予）/).first()).toBeVisible();
  await expect(page.getByText('准予：救助金 3000 元，5 个工作日内发放')).toBeVisible();
  const timeline = page.getByRole('region', { name: '办理过程' });
  // Plain milestones, each once, ending with the decision; staff only as the office, never by name or login.
  await expect(timeline.locator('.timeline__head')).toHaveText(['已提交', '需补正', '已补正', '已受理', '决定准予（已办结）']);
  await expect(timeline).toContainText('钢山街道为民服务中心');
  for (const internal of ['审查通过', '情况属实', '孟晓燕', '曾庆海', 'gangshan.']) await expect(timeline).not.toContainText(internal);
  await checkPage(page, 'case-result-phone');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /下载办结通知/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');

  // Anyone with the case number and the phone can follow it without signing in.
  const anon = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
  const track = await anon.newPage();
  await track.goto(`/track?caseNo=${caseNo}`);
  await expect(track.getByLabel('办件编号')).toHaveValue(caseNo);
  await track.getByLabel('申请人手机号码').fill('13800000003');
  await track.getByRole('button', { name: '查询' }).click();
  await expect(track.getByText(/没有查到/)).toBeVisible();
  await track.getByLabel('申请人手机号码').fill('13800000002');
  await track.getByRole('button', { name: '查询' }).click();
  await expect(track.getByTestId('track-status')).toHaveText('已办结（准予）');
  await expect(track.locator('.timeline__head')).toHaveText(['已提交', '需补正', '已补正', '已受理', '决定准予（已办结）']);
  await checkPage(track, 'track-phone');
});
