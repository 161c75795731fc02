import { expect, test, type Page } from '@playwright/test';
import { settledDialog, staffSignIn, workbenchNav } from './helpers.js';

/**
 * Unsaved work and the browser's own buttons (LeaveGuard: react-router's useBlocker on the data
 * router, plus beforeunload). In the form designer as the city administrator: an unsaved field,
 * then the browser's back button asks 离开此页面？ — staying (by keyboard) keeps the URL and the
 * changes; leaving goes back to the list, and forward opens the form as it was saved. Closing the
 * tab with unsaved changes asks through the browser's beforeunload prompt. (Menu links asking is
 * covered by form-designer.spec.ts.) Nothing is saved: the demo form is left as it was.
 */

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const fieldList = (page: Page) => page.getByRole('region', { name: /^表单字段/ });
const props = (page: Page) => page.getByRole('region', { name: /^字段属性/ });
const labels = (page: Page) => fieldList(page).locator('.fd-field__label');
const leaveDialog = (page: Page) => page.getByRole('dialog', { name: '离开此页面？' });

const ITEM = '最低生活保障（新申请）';
const UNSAVED = '离开前未保存的字段';

/** Signs in as admin and opens the designer of 最低生活保障（新申请） from the list (so Back leads to the list). */
async function openDesigner(page: Page): Promise<void> {
  await staffSignIn(page, 'admin');
  await expect(page).toHaveURL(/\/workbench$/);
  await workbenchNav(page).getByRole('link', { name: '申请表单' }).click();
  await expect(h1(page)).toHaveText('申请表单');
  await page.getByRole('link', { name: `修改申请表单：${ITEM}` }).click();
  await expect(h1(page)).toHaveText(`申请表单：${ITEM}`);
  await expect(page.getByText('所有修改已保存')).toBeVisible();
}

/** Adds a text field named UNSAVED without saving; returns how many fields the saved form has. */
async function addUnsavedField(page: Page): Promise<number> {
  const saved = await labels(page).count();
  await page.getByRole('button', { name: '添加字段：单行文本' }).click();
  const title = props(page).getByLabel('标题', { exact: true });
  await expect(title).toBeFocused();
  await title.fill(UNSAVED);
  await expect(labels(page)).toHaveCount(saved + 1);
  await expect(page.getByText('有未保存的修改', { exact: true })).toBeVisible();
  return saved;
}

test.describe('leaving unsaved work', () => {
  test('the browser back button asks before the form designer loses unsaved changes', async ({ page }) => {
    await openDesigner(page);
    const designerUrl = page.url();
    const saved = await addUnsavedField(page);

    // Back: the dialog asks; 继续编辑 has the focus, so Enter stays.
    await page.goBack();
    const leave = leaveDialog(page);
    await expect(leave).toBeVisible();
    await expect(leave).toContainText('申请表单有未保存的修改，离开后这些修改将丢失。');
    const stay = leave.getByRole('button', { name: '继续编辑' });
    await expect(stay).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(leave).toBeHidden();
    // Still on the designer, at its address, with the unsaved field.
    await expect(page).toHaveURL(designerUrl);
    await expect(h1(page)).toHaveText(`申请表单：${ITEM}`);
    await expect(labels(page)).toHaveCount(saved + 1);
    await expect(labels(page).filter({ hasText: UNSAVED })).toHaveCount(1);
    await expect(props(page).getByLabel('标题', { exact: true })).toHaveValue(UNSAVED);
    await expect(page.getByText('有未保存的修改', { exact: true })).toBeVisible();

    // Back again; Escape also stays.
    await page.goBack();
    await expect(leave).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(leave).toBeHidden();
    await expect(page).toHaveURL(designerUrl);
    await expect(labels(page).filter({ hasText: UNSAVED })).toHaveCount(1);

    // Back once more, and leave: the list it came from.
    await page.goBack();
    // (a click while the dialog still zooms in can land beside its button: CI)
    await (await settledDialog(leave)).getByRole('button', { name: '放弃修改并离开' }).click();
    await expect(h1(page)).toHaveText('申请表单');
    await expect(page).toHaveURL(/\/workbench\/item-forms$/);
    await expect(leave).toBeHidden();

    // Forward: the designer again, as saved (the unsaved field is gone), and nothing to ask about.
    await page.goForward();
    await expect(h1(page)).toHaveText(`申请表单：${ITEM}`);
    await expect(page).toHaveURL(designerUrl);
    await expect(page.getByText('所有修改已保存')).toBeVisible();
    await expect(labels(page)).toHaveCount(saved);
    await expect(labels(page).filter({ hasText: UNSAVED })).toHaveCount(0);
    await page.goBack();
    await expect(h1(page)).toHaveText('申请表单');
    await expect(leave).toHaveCount(0);
  });

  test('closing the tab with unsaved changes asks through the browser', async ({ page }) => {
    await openDesigner(page);
    await addUnsavedField(page);

    // runBeforeUnload: the page's beforeunload handler runs (a trusted click came first, as browsers
    // require); dismissing the prompt keeps the page and the changes.
    const asked = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const prompt = await asked;
    expect(prompt.type()).toBe('beforeunload');
    await prompt.dismiss();
    expect(page.isClosed()).toBe(false);
    await expect(h1(page)).toHaveText(`申请表单：${ITEM}`);
    await expect(labels(page).filter({ hasText: UNSAVED })).toHaveCount(1);
    await expect(page.getByText('有未保存的修改', { exact: true })).toBeVisible();
  });
});
