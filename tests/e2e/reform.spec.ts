import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { chooseOption, PHONE, settledDialog, staffSignIn } from './helpers.js';

/**
 * 改革任务: the city's administrator opens the demo plan's 推行网上办、掌上办 and decomposes a
 * sub-task to 钢山街道 (its deadline defaults to the parent's, so nothing depends on today's date);
 * 钢山街道's administrator finds it in the tracker, reports 50 % with an evidence file (a PDF) and
 * then 100 % (报请验收); the city accepts it (已完成) and the tracker's summary and list show it.
 * axe on the tracker and the task page (and the tracker on a phone).
 */

const SUFFIX = Date.now().toString(36).slice(-5);
const TITLE = `钢山街道网上办事指导员配备 ${SUFFIX}`;
const UNIT = `钢山街道政务服务办 ${SUFFIX}`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function signedInPage(browser: Browser, username: string, phone = false): Promise<Page> {
  const context = await browser.newContext(phone ? { ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } : {});
  const page = await context.newPage();
  await staffSignIn(page, username);
  await expect(page).toHaveURL(/\/workbench$/);
  return page;
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const actions = (page: Page) => page.getByRole('region', { name: '任务操作' });
const timeline = (page: Page) => page.getByRole('region', { name: '进展情况' });

async function openAction(page: Page, button: string, title: string): Promise<Locator> {
  await actions(page).getByRole('button', { name: button }).click();
  return settledDialog(page.getByRole('dialog', { name: title }));
}

test.describe('改革任务', () => {
  test('the city decomposes a task to 钢山街道; the town reports with evidence and 100 %; the city accepts; the tracker shows it', async ({ browser }) => {
    test.setTimeout(180_000);
    const city = await signedInPage(browser, 'admin');
    await city.goto('/workbench/reform-tasks');
    await expect(h1(city)).toHaveText('改革任务');
    await expect(city.getByRole('region', { name: '牵头单位进展汇总' })).toContainText('钢山街道');
    await checkPage(city, 'reform-tasks');

    // the demo's top task 推行网上办、掌上办 → 分解子任务 to 钢山街道
    await city.getByRole('link', { name: '推行网上办、掌上办', exact: true }).click();
    await expect(h1(city)).toHaveText('推行网上办、掌上办');
    await expect(city.getByRole('region', { name: /^子任务/ })).toContainText('高频事项接入“爱山东”邹城分厅');
    const dialog = await openAction(city, '分解子任务', '分解子任务');
    await dialog.getByRole('button', { name: '保存子任务' }).click();
    await expect(dialog).toContainText('请填写任务名称');
    await dialog.getByLabel('任务名称').fill(TITLE);
    await dialog.getByLabel('工作要求').fill('每个社区便民服务站配备 1 名网上办事指导员，指导群众使用“爱山东”App 办事。');
    await dialog.getByLabel('牵头单位').fill(UNIT);
    await chooseOption(city, /^牵头地区/, '钢山街道', dialog);
    await dialog.getByLabel('配合单位').fill('市大数据中心、钢山街道各社区');
    await checkPage(city, 'reform-decompose-dialog');
    await dialog.getByRole('button', { name: '保存子任务' }).click();
    await expect(dialog).toBeHidden();
    const children = city.getByRole('region', { name: /^子任务/ });
    await expect(children).toContainText(TITLE);
    await children.getByRole('link', { name: TITLE }).click();
    await expect(h1(city)).toHaveText(TITLE);
    const taskUrl = city.url();
    await expect(city.getByRole('region', { name: '任务信息' })).toContainText(`${UNIT}（钢山街道）`);
    await expect(city.getByRole('region', { name: '任务信息' })).toContainText('市大数据中心、钢山街道各社区');

    // 钢山街道's administrator: the task is in their tracker; 填报进展 50 % with a PDF
    const town = await signedInPage(browser, 'gangshan.admin');
    await town.goto('/workbench/reform-tasks');
    await expect(h1(town)).toHaveText('改革任务');
    await town.getByLabel('关键词').fill(SUFFIX);
    await town.getByRole('button', { name: '查询' }).click();
    await expect(town.getByText('共 1 项任务')).toBeVisible();
    await town.getByRole('link', { name: TITLE }).click();
    await expect(h1(town)).toHaveText(TITLE);
    await expect(town.getByRole('navigation', { name: '位置' })).toContainText('推行网上办、掌上办');
    let report = await openAction(town, '填报进展', '填报进展');
    await report.getByLabel('完成进度（%）').fill('50');
    await report.getByLabel('本期完成情况').fill('已完成 12 个社区指导员配备，并开展首次培训。');
    await report.getByLabel('存在问题').fill('部分社区人员兼职，服务时间不固定。');
    await report.locator('#reform-evidence').setInputFiles({ name: '指导员名单.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(report.getByRole('list', { name: '已上传（证明材料）' })).toContainText('指导员名单.pdf');
    await checkPage(town, 'reform-report-dialog');
    await report.getByRole('button', { name: '提交进展' }).click();
    await expect(report).toBeHidden();
    await expect(timeline(town)).toContainText('进展填报：完成 50%');
    await expect(timeline(town)).toContainText('部分社区人员兼职');
    const evidence = timeline(town).getByRole('link', { name: '下载 指导员名单.pdf' });
    await expect(evidence).toBeVisible();
    const file = await town.request.get((await evidence.getAttribute('href'))!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('application/pdf');
    await expect(town.getByRole('region', { name: '任务信息' })).toContainText('50%');
    await checkPage(town, 'reform-task-reported');

    // 100 %: 报请验收 (待验收); nothing more to report
    report = await openAction(town, '填报进展', '填报进展');
    await report.getByLabel('完成进度（%）').fill('100');
    await report.getByLabel('本期完成情况').fill('全部 22 个社区已配备网上办事指导员。');
    await report.getByRole('button', { name: '提交并报请验收' }).click();
    await expect(report).toBeHidden();
    await expect(town.locator('.reform-flags').first()).toContainText('待验收');
    await expect(actions(town)).toContainText('已报请验收');

    // the city accepts
    await city.goto(taskUrl);
    await expect(city.locator('.reform-flags').first()).toContainText('待验收');
    const accept = await openAction(city, '验收通过', '验收通过');
    await accept.getByLabel('验收意见（选填）').fill('材料齐全');
    await accept.getByRole('button', { name: '确认验收通过' }).click();
    await expect(accept).toBeHidden();
    await expect(city.locator('.reform-flags').first()).toContainText('已完成');
    await expect(timeline(city).getByRole('listitem').first()).toContainText('验收通过');
    await expect(city.getByRole('region', { name: '任务信息' })).toContainText('周文华');
    await checkPage(city, 'reform-task-done');

    // the tracker: the unit's row in the summary, the task 已完成 in the list
    await city.goto('/workbench/reform-tasks');
    const summary = city.getByRole('region', { name: '牵头单位进展汇总' }).getByRole('row').filter({ hasText: UNIT });
    await expect(summary).toContainText('钢山街道');
    await expect(summary).toContainText('100%');
    await city.getByLabel('关键词').fill(SUFFIX);
    await city.getByRole('button', { name: '查询' }).click();
    const row = city.getByRole('row').filter({ hasText: TITLE });
    await expect(row).toContainText('已完成');
    await expect(row).toContainText('推行网上办、掌上办');

    // on a phone, the town's tracker as cards
    const phone = await signedInPage(browser, 'gangshan.admin', true);
    await phone.goto('/workbench/reform-tasks');
    await expect(h1(phone)).toHaveText('改革任务');
    await expect(phone.getByRole('list', { name: '改革任务列表' })).toContainText(TITLE);
    await checkPage(phone, 'reform-tasks-phone');
  });
});
