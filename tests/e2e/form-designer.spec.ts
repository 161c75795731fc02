import { expect, test, type Locator, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { staffSignIn, workbenchNav } from './helpers.js';

/**
 * The form designer (申请表单) as the city administrator: pick an item without a form, build a
 * form with a condition and an ID number, try it in the live preview, save it (the public form API
 * serves it), reload it, meet a stale second tab's 409, the unsaved-changes warning, and problems
 * placed on the property they belong to.
 */

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const fieldList = (page: Page) => page.getByRole('region', { name: /^表单字段/ });
const props = (page: Page) => page.getByRole('region', { name: /^字段属性/ });
const preview = (page: Page) => page.getByRole('region', { name: '预览（可试填）' });
const labels = (page: Page) => fieldList(page).locator('.fd-field__label');

interface PublicForm {
  itemName: string;
  version: number;
  configured: boolean;
  decidedBy: string;
  definition: { fields: { key: string; label: string; type: string; required: boolean; help: string; options: { value: string; label: string }[]; showIf: unknown }[] };
}

async function publicForm(page: Page, code: string): Promise<PublicForm> {
  const res = await page.request.get(`/api/v1/items/${code}/form`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as PublicForm;
}

/** Adds a field of a type from the palette; the new field's 标题 gets the focus. */
async function addField(page: Page, type: string, label: string): Promise<void> {
  await page.getByRole('button', { name: `添加字段：${type}` }).click();
  const title = props(page).getByLabel('标题', { exact: true });
  await expect(title).toBeFocused();
  await title.fill(label);
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: '保存表单' }).click();
}

test.describe('form designer', () => {
  test('admin designs a form with a condition and an ID number, previews, saves; a stale tab gets 409', async ({ page }) => {
    test.setTimeout(150_000);
    await staffSignIn(page, 'admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await workbenchNav(page).getByRole('link', { name: '申请表单' }).click();
    await expect(h1(page)).toHaveText('申请表单');
    // The demo forms are listed (最低生活保障 among them).
    await expect(page.getByRole('heading', { level: 2, name: /^已设计的表单（\d+）$/ })).toBeVisible();
    await expect(page.getByRole('link', { name: '修改申请表单：最低生活保障（新申请）' })).toBeVisible();

    // Pick an item of the published catalogs that has no form yet.
    await page.getByLabel('事项名称、拼音或常用说法').fill('生育');
    await page.getByRole('button', { name: '查找事项' }).click();
    await expect(page.getByRole('status').filter({ hasText: /找到 \d+ 个事项/ })).toBeVisible();
    await checkPage(page, 'fd-list');
    const found = (await (await page.request.get('/api/v1/items?q=生育&pageSize=10')).json()) as { items: { code: string; name: string }[] };
    const existing = (await (await page.request.get('/api/v1/admin/item-forms')).json()) as { items: { itemCode: string }[] };
    const target = found.items.find((i) => !existing.items.some((f) => f.itemCode === i.code))!;
    expect(target, 'an item about 生育 without a form').toBeTruthy();
    await page.getByRole('link', { name: `设计申请表单：${target.name}` }).click();
    await expect(h1(page)).toHaveText(`申请表单：${target.name}`);
    await expect(page.getByText('尚未设计表单（保存后生效）')).toBeVisible();
    await expect(fieldList(page)).toContainText('还没有字段');

    // 1. 是否首次申领: a required single choice with 是 / 否 (the key follows the label in pinyin).
    await addField(page, '单选', '是否首次申领');
    // 字段标识 is an advanced setting, folded under the title and shown in its summary
    const advanced = props(page).locator('details.fd-advanced');
    await expect(advanced.locator('summary')).toContainText('高级设置：字段标识 shiFouShouCiShenLing（按标题自动生成）');
    await expect(props(page).getByLabel('字段标识', { exact: true })).toBeHidden();
    await advanced.locator('summary').click();
    await expect(props(page).getByLabel('字段标识', { exact: true })).toHaveValue('shiFouShouCiShenLing');
    await advanced.locator('summary').click();
    await props(page).getByRole('checkbox', { name: /^必填/ }).check();
    await props(page).getByLabel('第 1 个选项', { exact: true }).fill('是');
    await props(page).getByLabel('第 2 个选项', { exact: true }).fill('否');
    await expect(props(page).getByLabel('第 2 个选项的取值')).toHaveValue('fou');

    // 2. 上次申领地点: text shown (and required) only when the answer is 否.
    await addField(page, '单行文本', '上次申领地点');
    await props(page).getByRole('checkbox', { name: /^必填/ }).check();
    await props(page).getByRole('checkbox', { name: '只在前面某一项选了特定答案时显示本字段' }).check();
    await expect(props(page).getByRole('combobox', { name: '根据哪一项的回答' })).toBeVisible();
    await props(page).getByRole('group', { name: '回答为以下任一选项时显示：' }).getByRole('checkbox', { name: '否' }).check();
    await expect(props(page).getByText('当「是否首次申领」选择「否」时显示本字段')).toBeVisible();

    // 3. A required ID number.
    await addField(page, '身份证号', '申请人身份证号');
    await props(page).getByRole('checkbox', { name: /^必填/ }).check();
    await expect(labels(page)).toHaveText([/^是否首次申领/, /^上次申领地点/, /^申请人身份证号/]);

    // Reordering by keyboard: the moved field's button keeps the focus.
    const up = fieldList(page).getByRole('button', { name: '上移字段「申请人身份证号」' });
    await up.focus();
    await page.keyboard.press('Enter');
    await expect(labels(page)).toHaveText([/^是否首次申领/, /^申请人身份证号/, /^上次申领地点/]);
    await expect(up).toBeFocused();
    await expect(page.getByText('「申请人身份证号」已移到第 2 位')).toBeAttached();
    const down = fieldList(page).getByRole('button', { name: '下移字段「申请人身份证号」' });
    await down.focus();
    await page.keyboard.press('Enter');
    await expect(labels(page)).toHaveText([/^是否首次申领/, /^上次申领地点/, /^申请人身份证号/]);

    // The live preview: the condition shows and hides the field; the validator speaks.
    const pv = preview(page);
    await expect(pv.getByRole('status')).toHaveText('显示 2 个字段（共 3 个）');
    await expect(pv.getByLabel(/^上次申领地点/)).toHaveCount(0);
    await pv.getByRole('radio', { name: '否' }).check();
    await expect(pv.getByLabel(/^上次申领地点/)).toBeVisible();
    await pv.getByRole('radio', { name: '是' }).check();
    await expect(pv.getByLabel(/^上次申领地点/)).toHaveCount(0);
    const id = pv.getByLabel(/^申请人身份证号/);
    await id.fill('370883195001010013');
    await expect(pv.getByText('「申请人身份证号」身份证号码不正确（请核对校验位）')).toBeVisible();
    await expect(id).toHaveAttribute('aria-invalid', 'true');
    await id.fill('370883195001010018');
    await expect(pv.getByText('「申请人身份证号」身份证号码不正确（请核对校验位）')).toHaveCount(0);
    await pv.getByRole('radio', { name: '否' }).check();
    await pv.getByRole('button', { name: '模拟提交（检查全部）' }).click();
    await expect(pv.getByText('请填写「上次申领地点」')).toBeVisible();
    await expect(pv.getByRole('status')).toHaveText('显示 3 个字段（共 3 个），1 处提示');
    await checkPage(page, 'fd-designer');

    // Save; the public form API serves the fields at once.
    await expect(page.getByText('有未保存的修改')).toBeVisible();
    await save(page);
    await expect(page.getByText('已保存（第 1 版），网上申请和窗口收件即刻使用新表单')).toBeVisible();
    await expect(page.getByText('所有修改已保存')).toBeVisible();
    const form = await publicForm(page, target.code);
    expect(form.configured).toBe(true);
    expect(form.version).toBe(1);
    expect(form.definition.fields.map((f) => [f.label, f.type, f.required])).toEqual([
      ['是否首次申领', 'choice', true],
      ['上次申领地点', 'text', true],
      ['申请人身份证号', 'id_number', true],
    ]);
    expect(form.definition.fields[0].options).toEqual([{ value: 'shi', label: '是' }, { value: 'fou', label: '否' }]);
    expect(form.definition.fields[1].showIf).toEqual({ field: 'shiFouShouCiShenLing', anyOf: ['fou'] });

    // A reload shows the saved form (and the list counts it).
    await page.reload();
    await expect(h1(page)).toHaveText(`申请表单：${target.name}`);
    await expect(labels(page)).toHaveText([/^是否首次申领/, /^上次申领地点/, /^申请人身份证号/]);
    await expect(page.getByText(/^事项编码 \d{14} · 第 1 版，最后保存于/)).toBeVisible();

    // A second tab opens version 1; this tab saves version 2; the second tab's save is refused.
    const other = await page.context().newPage();
    await other.goto(page.url());
    await expect(labels(other)).toHaveCount(3);
    await page.bringToFront();
    await fieldList(page).getByRole('button', { name: /^申请人身份证号/ }).click();
    await props(page).getByLabel('填写说明（可选）').fill('18 位，末位可能是 X');
    await save(page);
    await expect(page.getByText('已保存（第 2 版），网上申请和窗口收件即刻使用新表单')).toBeVisible();

    await other.bringToFront();
    await fieldList(other).getByRole('button', { name: /^上次申领地点/ }).click();
    await props(other).getByLabel('标题', { exact: true }).fill('上次申领的镇（街道）');
    await save(other);
    const conflict = other.getByRole('alert').filter({ hasText: '未能保存：表单已被他人修改，请刷新后再保存' });
    await expect(conflict).toBeVisible();
    await expect(other.locator('.fd-failure')).toBeFocused();
    await checkPage(other, 'fd-conflict');
    await conflict.getByRole('button', { name: '重新加载最新表单' }).click();
    await expect(labels(other)).toHaveText([/^是否首次申领/, /^上次申领地点/, /^申请人身份证号/]);
    await expect(other.getByText(/· 第 2 版，最后保存于/)).toBeVisible();
    await expect(other.getByText('所有修改已保存')).toBeVisible();
    expect((await publicForm(page, target.code)).definition.fields[2].help).toBe('18 位，末位可能是 X');
    await other.close();
    await page.bringToFront();

    // A problem the shared rules find is placed on its property, and the summary leads there.
    await fieldList(page).getByRole('button', { name: /^是否首次申领/ }).click();
    const title = props(page).getByLabel('标题', { exact: true });
    await title.fill('');
    await expect(props(page).getByText('请填写标题')).toBeVisible();
    await expect(title).toHaveAttribute('aria-invalid', 'true');
    await save(page);
    const summary = page.getByRole('alert').filter({ hasText: '有 1 处需要修改，修改后才能保存' });
    await expect(summary).toBeVisible();
    await fieldList(page).getByRole('button', { name: /^申请人身份证号/ }).click();
    await summary.getByRole('button', { name: /第 1 个字段.*标题：请填写标题/ }).click();
    await expect(title).toBeFocused();
    await title.fill('是否首次申领');
    await expect(page.getByText('所有修改已保存')).toBeVisible();
    await save(page);
    await expect(page.getByText('没有需要保存的修改（当前为第 2 版）')).toBeVisible();
    await fieldList(page).getByRole('button', { name: /^上次申领地点/ }).click();
    const placeholder = props(page).getByLabel('输入提示（可选）');
    await placeholder.fill('如 香城镇');

    // What the server refuses lands on the property it names (definition.fields.N.prop).
    await page.route(`**/api/v1/admin/item-forms/${target.code}`, (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: '提交的内容有误', details: [{ field: 'definition.fields.1.placeholder', message: '输入提示不超过 60 字' }] } }),
      }),
    );
    await save(page);
    await expect(page.getByRole('alert').filter({ hasText: '提交的内容有误：有 1 处需要修改' })).toBeVisible();
    await fieldList(page).getByRole('button', { name: /^申请人身份证号/ }).click();
    await page.getByRole('button', { name: /第 2 个字段「上次申领地点」 · 输入提示：输入提示不超过 60 字/ }).click();
    await expect(placeholder).toBeFocused();
    await expect(placeholder).toHaveAttribute('aria-invalid', 'true');
    await expect(fieldList(page).getByRole('button', { name: /^上次申领地点/ })).toContainText('1 处需要修改');
    await page.unroute(`**/api/v1/admin/item-forms/${target.code}`);
    await placeholder.fill('如 香城镇（街道）');
    await expect(placeholder).not.toHaveAttribute('aria-invalid', 'true');

    // Leaving with unsaved changes asks first.
    await expect(page.getByText('有未保存的修改')).toBeVisible();
    await workbenchNav(page).getByRole('link', { name: '申请表单' }).click();
    const leave: Locator = page.getByRole('dialog', { name: '离开此页面？' });
    await expect(leave).toBeVisible();
    await expect(leave).toContainText('申请表单有未保存的修改，离开后这些修改将丢失。');
    await checkPage(page, 'fd-leave');
    await leave.getByRole('button', { name: '继续编辑' }).click();
    await expect(leave).toBeHidden();
    await expect(h1(page)).toHaveText(`申请表单：${target.name}`);
    await workbenchNav(page).getByRole('link', { name: '申请表单' }).click();
    await page.getByRole('dialog', { name: '离开此页面？' }).getByRole('button', { name: '放弃修改并离开' }).click();
    await expect(h1(page)).toHaveText('申请表单');
    await expect(page.getByRole('link', { name: `修改申请表单：${target.name}` })).toBeVisible();
  });

  test('a town administrator has no 申请表单 and is refused at its address', async ({ page }) => {
    await staffSignIn(page, 'gangshan.admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await expect(workbenchNav(page).getByRole('link', { name: '申请表单' })).toHaveCount(0);
    await page.goto('/workbench/item-forms/37050100100001');
    await expect(h1(page)).toHaveText('无权访问');
    await expect(page.getByText('「申请表单」由市级管理员维护（403）')).toBeVisible();
    const res = await page.request.get('/api/v1/admin/item-forms');
    expect(res.status()).toBe(403);
  });
});
