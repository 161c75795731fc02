import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { DEMO_PASSWORD, openPopup, PHONE, pickPopupOption, settledDialog, staffSignIn, workbenchNav } from './helpers.js';

/**
 * 电子证照 on the workbench (issue 15): at the 钢山街道 window a material linked to 居民身份证 is
 * handed in as the applicant's 电子证照 (免提交) — refused, at the material, for someone the licence
 * library does not know, accepted with no upload for 张秀英 — and the clerk sees the licence inside
 * the case; the approver finds the licences 钢山街道 issued (张秀英's 老年人优待证 of the demo among
 * them) and revokes one with a reason, the row then showing 已注销. axe on every page.
 */

/** 老年人能力评估 at 钢山街道: two required materials, 居民身份证 (linked to the licence type) and 申请表. */
const ITEM = '37200101700001';
const ITEM_NAME = '老年人能力评估';
/** 老年人优待证办理（新办）: decided at the window (即办); its result is the licence 山东省老年人优待证. */
const PASS_ITEM = '37200101100001';
const GANGSHAN = '370883001';
const ZHANG = { name: '张秀英', id: '370883195603124223', phone: '13800000001' };
/** Not a demo citizen: the demo licence library holds no 居民身份证 of hers. */
const SUN = { name: '孙玉兰', id: '370883194809053120', phone: '13900003333' };

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

interface CaseState {
  id: string;
  status: string;
  version: number;
  allowedActions: string[];
}

/**
 * 孙玉兰's 老年人优待证 taken in at the 钢山街道 window and decided there (即办), by the API: the
 * licence it issues is the one the approver revokes (the demo's own licences stay as they are for
 * the other journeys).
 */
async function issuePass(baseURL: string): Promise<string> {
  const { api, csrf } = await staffApi(baseURL, 'gangshan.clerk');
  const guide = (await (await api.get(`/api/v1/items/${PASS_ITEM}?region=${GANGSHAN}`)).json()) as { materials: { id: string; name: string; necessityCode: string }[] };
  const materials = guide.materials.filter((m) => m.name === '居民身份证').map((m) => ({ materialId: m.id, source: 'paper', checkedOriginal: true, copies: 1 }));
  const submitted = await api.post('/api/v1/cases', {
    headers: { 'x-csrf-token': csrf },
    data: {
      itemCode: PASS_ITEM,
      regionCode: GANGSHAN,
      applicant: { kind: 'person', name: SUN.name, idType: 'id_card', idNumber: SUN.id, phone: SUN.phone, address: '邹城市钢山街道孟庄社区 8 号' },
      materials,
      formData: { contactPhone: SUN.phone },
      intakeChannel: 'window',
      declaration: true,
    },
  });
  expect(submitted.ok(), await submitted.text()).toBe(true);
  const { id } = (await submitted.json()) as { id: string };
  const read = async () => (await (await api.get(`/api/v1/cases/${id}`)).json()) as CaseState;
  // 受理, then 审查 and 决定准予 at the window, each as the case now allows
  for (let c = await read(); c.status !== 'approved'; c = await read()) {
    const action = c.allowedActions.includes('accept') ? 'accept' : 'approve';
    expect(c.allowedActions, `the clerk may ${action} (${c.status})`).toContain(action);
    const body = action === 'approve' ? { version: c.version, opinion: '符合条件', resultNote: '优待证当场发放' } : { version: c.version, opinion: '' };
    const res = await api.post(`/api/v1/cases/${id}/actions/${action}`, { headers: { 'x-csrf-token': csrf }, data: body });
    expect(res.ok(), await res.text()).toBe(true);
  }
  await api.dispose();
  return id;
}

test.describe('电子证照: staff', () => {
  test('(a) window intake uses 张秀英’s 居民身份证 from the licence library (免提交); the case shows the licence', async ({ browser, baseURL }) => {
    test.setTimeout(150_000);
    const { api } = await staffApi(baseURL!, 'gangshan.clerk');
    const guide = (await (await api.get(`/api/v1/items/${ITEM}?region=${GANGSHAN}`)).json()) as { materials: { id: string; name: string; licenceType: string | null }[] };
    const idCard = guide.materials.find((m) => m.licenceType === '居民身份证')!;
    const form = guide.materials.find((m) => m.name.includes('申请表'))!;
    expect(idCard, 'a material linked to 居民身份证').toBeTruthy();
    await api.dispose();

    const page = await signedInPage(browser, 'gangshan.clerk');
    await workbenchNav(page).getByRole('link', { name: '一窗受理' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('一窗受理');
    await page.getByRole('combobox', { name: '申请事项' }).click();
    await page.getByRole('combobox', { name: '申请事项' }).fill('能力评估');
    await pickPopupOption(page, openPopup(page).locator('.ant-select-item-option').filter({ hasText: ITEM_NAME }).first());
    const materials = page.locator('.intake-material');
    await expect(materials).toHaveCount(guide.materials.length);
    const idRow = materials.filter({ hasText: idCard.name }).first();
    const formRow = materials.filter({ hasText: form.name }).first();
    // Only the linked material offers the licence; the form is scanned or taken on paper.
    await expect(idRow.getByRole('radio', { name: '使用电子证照（免提交）' })).toHaveCount(1);
    await expect(formRow.getByRole('radio', { name: '使用电子证照（免提交）' })).toHaveCount(0);

    // Someone the licence library does not know: the server says so at the material, nothing is created.
    await page.getByLabel('姓名').fill(SUN.name);
    await page.getByLabel('身份证号码').fill(SUN.id);
    await page.getByLabel('手机号码').fill(SUN.phone);
    await idRow.locator('label').filter({ hasText: '使用电子证照（免提交）' }).click();
    await expect(idRow.getByRole('radio', { name: '使用电子证照（免提交）' })).toBeChecked();
    await expect(idRow).toContainText('在证照库中查找其「居民身份证」');
    await formRow.locator('label').filter({ hasText: '纸质收取' }).click();
    await formRow.getByRole('checkbox', { name: `已核验原件：${form.name}` }).check();
    await page.getByRole('checkbox', { name: /申请人承诺/ }).check();
    await page.getByRole('button', { name: '提交并生成回执' }).click();
    const notFound = '未在证照库中找到申请人的「居民身份证」，请上传材料';
    await expect(idRow).toContainText(notFound);
    await expect(page.locator('.intake-errors').getByRole('alert')).toContainText(notFound);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('一窗受理');
    await checkPage(page, 'licence-intake-not-found');

    // 张秀英 holds one: accepted with no upload and nothing taken on paper for it.
    await page.getByLabel('姓名').fill(ZHANG.name);
    await page.getByLabel('身份证号码').fill(ZHANG.id);
    await page.getByLabel('手机号码').fill(ZHANG.phone);
    await page.getByRole('button', { name: '提交并生成回执' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('收件回执');
    const receipt = page.getByRole('article', { name: '收件回执' });
    await expect(receipt.getByRole('row').filter({ hasText: idCard.name })).toContainText('电子证照');
    const next = page.getByRole('region', { name: '下一步' });
    await next.getByRole('button', { name: '立即受理' }).click();
    const accept = page.getByRole('dialog', { name: '受理' });
    await accept.getByRole('button', { name: '确认受理' }).click();
    await expect(accept).toBeHidden();
    await expect(page.locator('.ant-alert-success')).toContainText('已受理');

    // The clerk's review: the material says 电子证照（免提交）, and the licence opens inside the case.
    await page.getByRole('link', { name: '打开办件' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ITEM_NAME);
    const section = page.getByRole('region', { name: /申请材料/ });
    const material = section.getByRole('listitem').filter({ hasText: idCard.name }).first();
    await expect(material).toContainText('电子证照（免提交）');
    await expect(material.getByRole('link', { name: /下载/ })).toHaveCount(0);
    await material.getByRole('button', { name: `查看证照：${idCard.name}` }).click();
    const dialog = await settledDialog(page.getByRole('dialog', { name: '电子证照：居民身份证' }));
    await expect(dialog).toContainText(ZHANG.name);
    // in full: staff on a case that used it
    await expect(dialog).toContainText(ZHANG.id);
    await expect(dialog.locator('.licence-status')).toHaveText('有效');
    await expect(dialog).toContainText('发证机关');
    await expect(dialog).toContainText('有效期');
    await expect(dialog).toContainText(`代替材料「${idCard.name}」`);
    await checkPage(page, 'licence-case-modal');
    await dialog.getByRole('button', { name: '关闭' }).first().click();
    await expect(dialog).toBeHidden();

    // The clerk sees the area's issued licences but revokes none (that is the approvers').
    await workbenchNav(page).getByRole('link', { name: '电子证照' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('电子证照');
    await expect(page.getByRole('table').getByRole('row').filter({ hasText: ZHANG.name }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: /^注销/ })).toHaveCount(0);
    await page.context().close();
  });

  test('(b) the approver finds the licences 钢山街道 issued and revokes one with a reason', async ({ browser, baseURL }) => {
    test.setTimeout(150_000);
    await issuePass(baseURL!);

    const page = await signedInPage(browser, 'gangshan.approver');
    const nav = workbenchNav(page);
    await expect(nav.getByRole('link')).toHaveText(['工作台', '消息', '办件工作台', '超期预警', '电子证照']);
    await nav.getByRole('link', { name: '电子证照' }).click();
    await expect(page).toHaveURL(/\/workbench\/licences$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('电子证照');
    await expect(nav.getByRole('link', { name: '电子证照' })).toHaveAttribute('aria-current', 'page');
    const table = page.getByRole('table');
    // 张秀英's 老年人优待证 of the demo (decided at 钢山街道), with the case it came from
    const zhang = table.getByRole('row').filter({ hasText: ZHANG.name }).filter({ hasText: '老年人优待证' });
    await expect(zhang).toHaveCount(1);
    await expect(zhang).toContainText('有效');
    await expect(zhang.getByRole('link', { name: /^办件 \d{25}$/ })).toHaveCount(1);
    await checkPage(page, 'licences-list');

    // Found by the holder's name; the filter is kept in the address.
    await page.getByLabel('证照类型、持证人或编号').fill(SUN.name);
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(/q=/);
    await expect(page.getByRole('status').filter({ hasText: '共 1 张电子证照' })).toBeVisible();
    const row = table.getByRole('row').filter({ hasText: SUN.name });
    await expect(row).toContainText('老年人优待证');
    await expect(row).toContainText('有效');

    // 注销: the reason is required; the dialog says what follows before it is confirmed.
    await row.getByRole('button', { name: /^注销/ }).click();
    const dialog = await settledDialog(page.getByRole('dialog', { name: '注销电子证照' }));
    await expect(dialog).toContainText(SUN.name);
    await expect(dialog).toContainText('注销后不可恢复');
    await dialog.getByRole('button', { name: '确认注销' }).click();
    await expect(dialog).toContainText('请填写注销原因');
    await checkPage(page, 'licences-revoke-dialog');
    const reason = '持证人户籍迁出本市，优待证收回';
    await dialog.getByLabel('注销原因（持证人可见）').fill(reason);
    await dialog.getByRole('button', { name: '确认注销' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('已注销');
    await expect(row).toContainText(reason);
    await expect(row.getByRole('button', { name: /^注销/ })).toHaveCount(0);

    // As the server now has it (not only the page's copy): 已注销 under that filter too.
    await page.getByRole('button', { name: '重置' }).click();
    await page.getByRole('combobox', { name: '状态' }).click();
    await pickPopupOption(page, openPopup(page).locator('.ant-select-item-option').filter({ hasText: /^已注销$/ }));
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(/status=revoked/);
    await expect(table.getByRole('row').filter({ hasText: SUN.name })).toContainText(reason);
    await expect(table.getByRole('row').filter({ hasText: ZHANG.name })).toHaveCount(0);
    await checkPage(page, 'licences-revoked');
    await page.context().close();

    // On a phone: the licences as cards.
    const phone = await signedInPage(browser, 'gangshan.approver', true);
    await phone.goto('/workbench/licences');
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText('电子证照');
    const cards = phone.getByRole('list', { name: '电子证照列表' });
    await expect(cards.getByRole('listitem').filter({ hasText: ZHANG.name }).first()).toBeVisible();
    await checkPage(phone, 'licences-phone');
    await phone.context().close();
  });
});
