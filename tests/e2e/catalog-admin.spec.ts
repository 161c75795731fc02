import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { chooseOption, PHONE, staffSignIn, workbenchNav, settledDialog, settledTooltip } from './helpers.js';

/**
 * Admin journeys of the service catalog: 实施清单 (town admin), 指导目录 versions, the item editor,
 * Excel import, 搜索同义词 (city admin), and who sees what.
 *
 * These journeys publish catalog versions and lists, which changes what the public pages show.
 * So that the rest of the suite still meets the demo data it expects, this file runs against a
 * server of its own (a fresh data directory, port E2E_PORT + 20), started from a snapshot of
 * dist/ (a rebuild of the web app during the run would otherwise remove the chunks it serves).
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const PORT = Number(process.env.E2E_PORT ?? 3100) + 20;
const BASE = `http://127.0.0.1:${PORT}`;
let server: ChildProcess | undefined;

/** The build under test: the one E2E_SERVER_ENTRY runs (e.g. a private build), else the checkout's dist/. */
const DIST = process.env.E2E_SERVER_ENTRY ? path.resolve(path.dirname(process.env.E2E_SERVER_ENTRY), '..') : path.join(ROOT, 'dist');

/** A copy of that dist/ beside links to everything else the server reads (package.json marks the root). */
function snapshotBuild(): string {
  const snap = path.join(os.tmpdir(), `bianmin-e2e-catalog-admin-build-${PORT}`);
  for (let attempt = 0; attempt < 5; attempt++) {
    rmSync(snap, { recursive: true, force: true });
    mkdirSync(snap, { recursive: true });
    for (const entry of readdirSync(ROOT)) {
      if (entry === 'dist' || entry.startsWith('.') || entry === 'test-results') continue;
      symlinkSync(path.join(ROOT, entry), path.join(snap, entry));
    }
    cpSync(DIST, path.join(snap, 'dist'), { recursive: true });
    const index = readFileSync(path.join(snap, 'dist', 'web', 'index.html'), 'utf8');
    const assets = [...index.matchAll(/\/assets\/[^"']+/g)].map((m) => path.join(snap, 'dist', 'web', m[0]));
    if (assets.every((a) => existsSync(a))) return snap;
  }
  throw new Error('dist/web kept changing while it was copied');
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const snap = snapshotBuild();
  server = spawn(process.execPath, ['tests/e2e/start-server.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      E2E_PORT: String(PORT),
      E2E_DATA_DIR: path.join(os.tmpdir(), `bianmin-e2e-catalog-admin-${PORT}`),
      E2E_SERVER_ENTRY: path.join(snap, 'dist', 'server', 'main.js'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 400));
  }
  throw new Error(`catalog-admin server did not start on ${PORT}`);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
});

test.use({ baseURL: BASE });

const GANGSHAN = '370883001';
/** 最低生活保障（新申请）: a town-level row. */
const DIBAO_TOWN = '37050100100001';
const DIBAO_NAME = '最低生活保障（新申请）';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The smallest file the upload sniffer takes for a PDF. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const versionIdOf = (page: Page) => /\/versions\/([0-9a-f-]{36})/.exec(page.url())![1];

async function guidePhone(page: Page, code: string, region: string): Promise<string> {
  const res = await page.request.get(`/api/v1/items/${code}?region=${region}`);
  expect(res.ok()).toBe(true);
  return (await res.json()).local.complaintPhone as string;
}

test.describe('catalog administration', () => {
  test('(a) gangshan.admin changes 钢山街道’s 监督投诉电话 and publishes; the public guide shows the new number', async ({ page }) => {
    test.setTimeout(120_000);
    const NEW_PHONE = '0537-5383999';
    await staffSignIn(page, 'gangshan.admin');
    await expect(page).toHaveURL(/\/workbench$/);
    const nav = workbenchNav(page);
    await expect(nav.getByRole('link')).toHaveText(['工作台', '消息', '办件工作台', '超期预警', '电子证照', '账号管理', '审计日志', '实施清单', '一件事主题', '服务网点', '自助终端', '标准化评估', '流动服务车', '帮办代办员', '帮办代办求助', '评价管理', '差评整改', '监督看板', '改革任务', '培训记录', '典型案例']);
    await nav.getByRole('link', { name: '实施清单' }).click();
    await expect(h1(page)).toHaveText('实施清单');
    await expect(page.getByRole('status').filter({ hasText: '份清单' })).toHaveText('共 29 份清单');
    const gangshanRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: '打开钢山街道实施清单' }) });
    await expect(gangshanRow).toContainText('已发布');
    await checkPage(page, 'adm-impl-lists');

    // 只看缺项: the villages whose station has no phone yet, the gap in words.
    await page.getByRole('checkbox', { name: '只看缺项' }).check();
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(/missing=1/);
    await expect(page.getByRole('row').filter({ hasText: '缺：咨询电话' }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: '打开钢山街道实施清单' })).toHaveCount(0);
    await page.getByRole('button', { name: '重置' }).click();

    await page.getByRole('link', { name: '打开钢山街道实施清单' }).click();
    await expect(h1(page)).toHaveText('钢山街道实施清单');
    await expect(page.getByText(/^已发布：群众看到的就是这里的内容/)).toBeVisible();
    // 办理地点, 办理时间 and 咨询电话 are the centre's (服务网点): shown, not edited here.
    await expect(page.getByRole('textbox', { name: '咨询电话' })).toHaveValue('0537-5383001');
    await expect(page.getByRole('textbox', { name: '咨询电话' })).toHaveAttribute('readonly', '');
    await expect(page.getByRole('link', { name: '服务网点「钢山街道为民服务中心」' })).toBeVisible();
    const phone = page.getByRole('textbox', { name: '监督投诉电话' });
    await expect(phone).toHaveValue('0537-12345');
    await checkPage(page, 'adm-impl-list');

    // A phone number the server refuses gets its message on the field.
    await phone.fill('0537-53839ab');
    await page.getByRole('button', { name: '保存本地信息' }).click();
    await expect(page.getByText('电话只能包含数字、连字符和分隔符')).toBeVisible();
    await expect(phone).toHaveAttribute('aria-invalid', 'true');

    await phone.fill(NEW_PHONE);
    await page.getByRole('button', { name: '保存本地信息' }).click();
    await expect(page.getByText('本地信息已保存（未发布）')).toBeVisible();
    // Until published, citizens see the previous version; the page says so.
    await expect(page.getByText('有未发布的修改')).toBeVisible();
    await expect(page.getByText(/发布前，群众看到的仍是上次发布的内容/)).toBeVisible();
    expect(await guidePhone(page, DIBAO_TOWN, GANGSHAN)).toBe('0537-12345');

    // One item: not implemented here (the switch), another with its own window (the drawer).
    const items = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '实施' }) });
    await page.getByLabel('事项名称、编码或部门').fill('高龄津贴');
    await expect(page.getByText(/^筛选出 \d+ 个事项/)).toBeVisible();
    const allowance = page.getByRole('switch', { name: '实施：高龄津贴（停发）' });
    await expect(allowance).toBeChecked();
    await allowance.click();
    await expect(page.getByText('高龄津贴（停发）：不实施（未发布）')).toBeVisible();
    await expect(allowance).not.toBeChecked();
    await page.getByLabel('事项名称、编码或部门').fill('');

    await items.getByRole('button', { name: `本地设置：${DIBAO_NAME}` }).click();
    const drawer = page.getByRole('dialog', { name: `本地设置：${DIBAO_NAME}` });
    await settledDialog(drawer);
    await expect(drawer.getByLabel('监督投诉电话')).toHaveValue('');
    await expect(drawer.getByText(`留空沿用：${NEW_PHONE}`)).toBeVisible();
    await drawer.getByLabel('窗口').fill('社会救助窗口（3 号）');
    await checkPage(page, 'adm-impl-override-drawer');
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    await expect(page.getByText(`已保存「${DIBAO_NAME}」的本地设置（未发布）`)).toBeVisible();
    await expect(drawer).toBeHidden();
    const dibaoRow = items.getByRole('row').filter({ hasText: DIBAO_TOWN });
    await expect(dibaoRow).toContainText('单独设置：窗口');
    // 预览 opens the public guide of this item for 钢山街道.
    await expect(dibaoRow.getByRole('link', { name: /^预览：/ })).toHaveAttribute('href', `/items/${DIBAO_TOWN}?region=${GANGSHAN}`);
    await checkPage(page, 'adm-impl-list-dirty');

    await page.getByRole('button', { name: '发布', exact: true }).first().click();
    await expect(page.getByText(/确定发布？$/)).toBeVisible();
    await (await settledTooltip(page)).getByRole('button', { name: '发布' }).click();
    await expect(page.getByText('钢山街道实施清单已发布，群众现在看到的是最新内容')).toBeVisible();
    await expect(page.getByText(/^已发布：群众看到的就是这里的内容.*第 2 次发布/)).toBeVisible();

    // The public guide (API and page) now shows the new number and window.
    expect(await guidePhone(page, DIBAO_TOWN, GANGSHAN)).toBe(NEW_PHONE);
    await page.goto(`/items/${DIBAO_TOWN}?region=${GANGSHAN}`);
    await expect(page.getByText(NEW_PHONE).first()).toBeVisible();
    await expect(page.getByText('社会救助窗口（3 号）').first()).toBeVisible();
  });

  test('(d) gangshan.clerk has no catalog menus; gangshan.admin cannot open 千泉街道’s list or the guidance catalogs', async ({ page }) => {
    await staffSignIn(page, 'gangshan.clerk');
    await expect(page).toHaveURL(/\/workbench$/);
    await expect(workbenchNav(page).getByRole('link')).toHaveText(['工作台', '消息', '办件工作台', '一窗受理', '超期预警', '电子证照']);
    await page.goto('/workbench/impl-lists');
    await expect(h1(page)).toHaveText('无权访问');
    await expect(page.getByText('您没有使用「实施清单」的权限（403）')).toBeVisible();
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/staff\/login/);

    await staffSignIn(page, 'gangshan.admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await expect(workbenchNav(page).getByRole('link', { name: '指导目录' })).toHaveCount(0);
    await expect(workbenchNav(page).getByRole('link', { name: '搜索同义词' })).toHaveCount(0);
    await page.goto('/workbench/impl-lists/370883002');
    await expect(h1(page)).toHaveText('无法打开实施清单');
    await expect(page.getByRole('alert')).toContainText('无权查看该实施清单（403）');
    await expect(page.getByRole('alert')).toContainText('您无权维护「千泉街道」的实施清单');
    await expect(page.getByRole('navigation', { name: '位置' })).toContainText('千泉街道');
    await checkPage(page, 'adm-impl-list-forbidden');
    await page.goto('/workbench/catalogs');
    await expect(page.getByText('「指导目录」由市级管理员维护（403）')).toBeVisible();
    await page.goto('/workbench/search-synonyms');
    await expect(page.getByText('「搜索同义词」由市级管理员维护（403）')).toBeVisible();
  });

  test('(b) admin creates version 2 of the town catalog, edits an item, sees the diff, submits and publishes it with a notice', async ({ page }) => {
    const NEW_PHONE = '0537-5221999';
    test.setTimeout(180_000);
    const NOTICE = '关于调整镇级指导目录咨询电话的公示';
    await staffSignIn(page, 'admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await expect(workbenchNav(page).getByRole('link')).toHaveText(['工作台', '消息', '办件工作台', '超期预警', '电子证照', '账号管理', '审计日志', '指导目录', '实施清单', '搜索同义词', '一件事主题', '申请表单', '服务网点', '自助终端', '标准化评估', '流动服务车', '帮办代办员', '帮办代办求助', '评价管理', '差评整改', '监督看板', '改革任务', '培训记录', '典型案例', '通知模板']);
    await workbenchNav(page).getByRole('link', { name: '指导目录' }).click();
    await expect(h1(page)).toHaveText('指导目录');
    const town = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: /乡镇（街道）政务服务事项指导目录/ }) });
    await expect(town).toContainText('演示目录');
    await expect(town.getByRole('row').filter({ hasText: '第 1 版' })).toContainText('已发布');
    await expect(town.getByRole('row').filter({ hasText: '第 1 版' })).toContainText('358');
    await checkPage(page, 'adm-catalogs');

    await page.getByRole('button', { name: '新建版本：镇级目录' }).click();
    const create = page.getByRole('dialog', { name: /^新建版本：/ });
    await settledDialog(create);
    await create.getByLabel('版本说明（选填）').fill('调整最低生活保障咨询电话');
    await checkPage(page, 'adm-catalog-create-version');
    await create.getByRole('button', { name: '新建草稿' }).click();
    await expect(page.getByText('已新建第 2 版（草稿）')).toBeVisible();
    await expect(h1(page)).toHaveText(/^镇级目录第 2 版\s*草稿$/);
    await expect(page.getByRole('status').filter({ hasText: '个事项' })).toHaveText('共 358 个事项');
    for (const name of ['新增事项', '导入 Excel', '提交审核', '导出 Excel']) await expect(page.getByRole(name === '新增事项' ? 'link' : 'button', { name })).toBeVisible();
    const versionId = versionIdOf(page);
    await checkPage(page, 'adm-catalog-version-draft');

    // Export: a real .xlsx download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/第2版\.xlsx$/);

    await page.getByLabel('事项名称、编码或主管部门').fill('最低生活保障');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByRole('status').filter({ hasText: '个事项' })).toHaveText('共 3 个事项（关键字「最低生活保障」）');
    await page.getByRole('link', { name: `编辑事项 ${DIBAO_NAME}` }).click();
    await expect(h1(page)).toHaveText(`编辑事项：${DIBAO_NAME}`);
    await expect(page.getByRole('complementary', { name: '质量检查' })).toContainText('通过：没有发现问题。');
    await checkPage(page, 'adm-catalog-item-editor');

    // A client-side check: 事项名称 cleared.
    const name = page.getByLabel('事项名称');
    await name.fill('');
    await page.getByRole('button', { name: '保存修改' }).click();
    await expect(page.locator('#item-editor_name_help')).toHaveText('请输入事项名称');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: '有 1 处需要修改' })).toBeVisible();
    // The summary above the form takes focus; its line leads to the field.
    await expect(page.locator('.item-editor__error')).toBeFocused();
    await page.getByRole('alert').getByRole('button', { name: '事项名称：请输入事项名称' }).click();
    await expect(name).toBeFocused();
    await name.fill('最低生活保障');

    // A server-side check lands on its field: 基本编码 with an unknown item type (99).
    const baseCode = page.getByLabel('基本编码');
    await baseCode.fill('379901001000');
    await page.getByRole('button', { name: '保存修改' }).click();
    await expect(page.locator('#item-editor_baseCode_help')).toContainText('基本编码应为 12 位');
    await expect(baseCode).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: '基本编码' })).toBeVisible();
    await checkPage(page, 'adm-catalog-item-editor-errors');
    await baseCode.fill('370501001000');

    // A lint finding shows beside the field and in the panel: 咨询电话 = 监督投诉电话.
    const consult = page.getByRole('textbox', { name: '咨询电话', exact: true });
    await consult.fill('0537-12345');
    await page.getByRole('button', { name: '保存修改' }).click();
    await expect(page.getByText('已保存。质量检查有 1 个错误，发布前需修正。')).toBeVisible();
    const panel = page.getByRole('complementary', { name: '质量检查' });
    await expect(panel).toContainText('咨询电话与监督投诉电话不能相同');
    await expect(page.locator('#item-editor_complaintPhone_help')).toContainText('质量错误：咨询电话与监督投诉电话不能相同');
    await panel.getByRole('button', { name: '转到字段：监督投诉电话' }).click();
    await expect(page.getByRole('textbox', { name: '监督投诉电话', exact: true })).toBeFocused();

    // The fix, and a blank form uploaded for the first material.
    await consult.fill(NEW_PHONE);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '更换文件：「最低生活保障申请书」的空白表格' }).click();
    await (await chooser).setFiles({ name: '最低生活保障申请书.pdf', mimeType: 'application/pdf', buffer: PDF });
    const uploaded = page.getByRole('link', { name: '最低生活保障申请书.pdf' });
    await expect(uploaded).toHaveAttribute('href', /^\/api\/v1\/files\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: '保存修改' }).click();
    await expect(page.getByText('已保存', { exact: true })).toBeVisible();
    await expect(panel).toContainText('通过：没有发现问题。');
    await expect(page.locator('#item-editor_complaintPhone_help')).toHaveCount(0);
    const fileRes = await page.request.get((await uploaded.getAttribute('href'))!);
    expect(fileRes.ok()).toBe(true);

    // 差异对比: one changed item, with the changed fields by name.
    await page.getByRole('link', { name: '返回事项列表' }).click();
    await expect(h1(page)).toHaveText(/^镇级目录第 2 版/);
    await page.getByRole('navigation', { name: '本版本' }).getByRole('link', { name: '差异对比' }).click();
    await expect(h1(page)).toHaveText(/^差异对比：镇级目录第 2 版/);
    await expect(page.getByRole('main').getByRole('status')).toHaveText('与第 1 版（现行发布版本）相比：新增 0 项，取消 0 项，调整 1 项。');
    const changed = page.getByRole('region', { name: '调整事项（1）' });
    await expect(changed.getByRole('link', { name: DIBAO_NAME })).toBeVisible();
    await expect(changed).toContainText('调整了：咨询电话、申请材料');
    await checkPage(page, 'adm-catalog-version-diff');

    await page.getByRole('navigation', { name: '本版本' }).getByRole('link', { name: '质量检查' }).click();
    await expect(page.getByText('全部 358 个事项通过质量检查')).toBeVisible();
    await checkPage(page, 'adm-catalog-version-lint');

    // Submit, then publish with an effective date and a notice title.
    await page.getByRole('navigation', { name: '本版本' }).getByRole('link', { name: '事项列表' }).click();
    await page.getByRole('button', { name: '提交审核' }).click();
    await (await settledTooltip(page)).getByRole('button', { name: '提交审核' }).click();
    await expect(page.getByText('第 2 版已提交审核')).toBeVisible();
    await expect(h1(page)).toHaveText(/^镇级目录第 2 版\s*审核中$/);
    await expect(page.getByRole('link', { name: '新增事项' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '退回修改' })).toBeVisible();

    // Under review an item opens read-only.
    await page.goto(`/workbench/catalogs/versions/${versionId}/items/${DIBAO_TOWN}`);
    await expect(h1(page)).toHaveText(`查看事项：${DIBAO_NAME}`);
    await expect(page.getByText(/本版本正在审核，只能查看/)).toBeVisible();
    await expect(page.getByRole('textbox', { name: '咨询电话' })).toBeDisabled();
    await expect(page.getByRole('button', { name: '保存修改' })).toHaveCount(0);
    await checkPage(page, 'adm-catalog-item-readonly');
    await page.getByRole('link', { name: '返回事项列表' }).click();

    await page.getByRole('button', { name: '发布', exact: true }).click();
    const publish = page.getByRole('dialog', { name: '发布第 2 版' });
    await settledDialog(publish);
    await expect(publish.getByText('质量检查通过：没有错误')).toBeVisible();
    await expect(publish).toContainText('新增 0 项，取消 0 项，调整 1 项。');
    await publish.getByRole('button', { name: '确认发布' }).click();
    await expect(publish.getByText('请选择生效日期')).toBeVisible();
    const date = publish.getByLabel('生效日期');
    await date.click();
    await date.fill('2026-12-01');
    await date.press('Enter');
    await expect(date).toHaveValue('2026-12-01');
    await publish.getByLabel('公示标题（选填）').fill(NOTICE);
    await checkPage(page, 'adm-catalog-publish-dialog');
    await publish.getByRole('button', { name: '确认发布' }).click();
    await expect(page.getByText('第 2 版已发布，调整公示已生成')).toBeVisible();
    await expect(h1(page)).toHaveText(/^镇级目录第 2 版\s*已发布$/);
    await expect(page.getByText(/生效 2026-12-01/)).toBeVisible();

    // The notice is public, and lists the change.
    const notices = await (await page.request.get('/api/v1/catalog-notices')).json();
    expect(notices.items[0].title).toBe(NOTICE);
    expect(notices.items[0].effectiveDate).toBe('2026-12-01');
    expect(notices.items[0].body).toContain(`${DIBAO_NAME}（咨询电话、申请材料）`);
    await page.goto('/notices');
    await expect(page.getByRole('link', { name: NOTICE })).toBeVisible();

    // The catalogs page shows the new version published and the old one superseded.
    await page.goto('/workbench/catalogs');
    await expect(town.getByRole('row').filter({ hasText: '第 2 版' })).toContainText('已发布');
    await expect(town.getByRole('row').filter({ hasText: '第 1 版' })).toContainText('已被替代');
  });

  test('(c) admin imports a broken workbook: the problems are listed by sheet, row and column, and nothing changes; lint errors block publishing', async ({ page }) => {
    test.setTimeout(120_000);
    await staffSignIn(page, 'admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await page.goto('/workbench/catalogs');
    await page.getByRole('button', { name: '新建版本：村级目录' }).click();
    await page.getByRole('dialog', { name: /^新建版本：/ }).getByRole('button', { name: '新建草稿' }).click();
    await expect(h1(page)).toHaveText(/^村级目录第 2 版\s*草稿$/);
    const versionId = versionIdOf(page);
    await expect(page.getByRole('status').filter({ hasText: '个事项' })).toHaveText('共 62 个事项');

    // Export, break one 基本编码 cell, upload.
    const exported = await page.request.get(`/api/v1/admin/catalog-versions/${versionId}/export`);
    expect(exported.ok()).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exported.body()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('事项')!;
    const header = sheet.getRow(1).values as unknown[];
    const col = header.indexOf('基本编码');
    expect(col).toBeGreaterThan(0);
    const original = String(sheet.getRow(3).getCell(col).value);
    sheet.getRow(3).getCell(col).value = '37XX0150';
    const broken = Buffer.from(await wb.xlsx.writeBuffer());

    await page.getByRole('button', { name: '导入 Excel' }).click();
    const dialog = page.getByRole('dialog', { name: '导入 Excel 到第 2 版' });
    await settledDialog(dialog);
    await expect(dialog).toContainText('替换');
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await expect(dialog.getByRole('alert')).toContainText('请先选择要导入的 Excel 文件');
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: '选择 Excel 文件' }).click();
    await (await chooser).setFiles({ name: '村级目录-有错误.xlsx', mimeType: XLSX, buffer: broken });
    await expect(dialog.getByText('已选择：村级目录-有错误.xlsx')).toBeVisible();
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await expect(dialog.getByRole('alert')).toContainText(/工作簿有 \d+ 处错误，未导入任何数据/);
    const problems = dialog.getByRole('table', { name: /^导入错误（共 \d+ 处）$/ });
    await expect(problems).toBeVisible();
    await expect(problems.getByRole('columnheader')).toHaveText(['工作表', '行', '列', '问题']);
    const problem = problems.getByRole('row').filter({ hasText: '第 3 行' }).first();
    await expect(problem).toContainText('事项');
    await expect(problem).toContainText('基本编码');
    expect(original).toMatch(/^\d{2}20\d{8}$/);
    await checkPage(page, 'adm-catalog-import-errors');
    await dialog.getByRole('button', { name: '关闭' }).first().click();
    await expect(dialog).toBeHidden();

    // Nothing changed: still 62 rows, the row of the broken cell still there.
    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: '个事项' })).toHaveText('共 62 个事项');
    const rows = await (await page.request.get(`/api/v1/admin/catalog-versions/${versionId}/items?pageSize=100`)).json();
    expect(rows.total).toBe(62);
    expect(rows.items.some((r: { rowCode: string }) => r.rowCode.startsWith(original))).toBe(true);

    // A lint error (no 咨询电话) stops publishing, with a message saying why.
    const first = rows.items[0] as { rowCode: string; name: string };
    await page.goto(`/workbench/catalogs/versions/${versionId}/items/${first.rowCode}`);
    await page.getByRole('textbox', { name: '咨询电话', exact: true }).fill('');
    await page.getByRole('button', { name: '保存修改' }).click();
    await expect(page.getByText('已保存。质量检查有 1 个错误，发布前需修正。')).toBeVisible();
    await expect(page.getByRole('complementary', { name: '质量检查' })).toContainText('缺少咨询电话');
    await page.getByRole('link', { name: '返回事项列表' }).click();
    await expect(page.getByRole('row').filter({ hasText: first.rowCode })).toContainText('1 个错误');
    await page.getByRole('navigation', { name: '本版本' }).getByRole('link', { name: '质量检查' }).click();
    const group = page.getByRole('region', { name: /咨询电话与监督投诉电话/ });
    await expect(group.getByRole('link', { name: first.name })).toHaveAttribute('href', `/workbench/catalogs/versions/${versionId}/items/${first.rowCode}`);
    await expect(group).toContainText('错误：缺少咨询电话');
    await checkPage(page, 'adm-catalog-lint-errors');
    await page.getByRole('navigation', { name: '本版本' }).getByRole('link', { name: '事项列表' }).click();
    await page.getByRole('button', { name: '提交审核' }).click();
    await (await settledTooltip(page)).getByRole('button', { name: '提交审核' }).click();
    await expect(h1(page)).toHaveText(/审核中$/);
    await page.getByRole('button', { name: '发布', exact: true }).click();
    const publish = page.getByRole('dialog', { name: '发布第 2 版' });
    await expect(publish.getByRole('alert')).toContainText('不能发布：目录有 1 处质量错误');
    await expect(publish.getByRole('button', { name: '确认发布' })).toBeDisabled();
    await checkPage(page, 'adm-catalog-publish-blocked');
    await publish.getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: '退回修改' }).click();
    await (await settledTooltip(page)).getByRole('button', { name: '退回修改' }).click();
    await expect(h1(page)).toHaveText(/草稿$/);
  });

  test('(f) admin keeps the search synonyms: add one, find it used by the public search, delete it', async ({ page }) => {
    await staffSignIn(page, 'admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await workbenchNav(page).getByRole('link', { name: '搜索同义词' }).click();
    await expect(h1(page)).toHaveText('搜索同义词');
    await checkPage(page, 'adm-synonyms');
    await page.getByLabel('群众说法').fill('领低保钱');
    await page.getByLabel('规范用词').fill('最低生活保障、低保');
    await page.getByRole('button', { name: '添加' }).click();
    await expect(page.getByText('已添加：领低保钱 → 最低生活保障、低保')).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: '领低保钱' });
    await expect(row).toContainText('最低生活保障');
    const search = await (await page.request.get(`/api/v1/items?q=${encodeURIComponent('领低保钱')}`)).json();
    expect(search.expandedTerms).toContain('最低生活保障');
    // The same term again: the server's refusal is shown.
    await page.getByLabel('群众说法').fill('领低保钱');
    await page.getByLabel('规范用词').fill('低保');
    await page.getByRole('button', { name: '添加' }).click();
    await expect(page.getByText('“领低保钱”已存在')).toBeVisible();
    const remove = row.getByRole('button', { name: '删除同义词：领低保钱' });
    await remove.click();
    const confirm = page.getByRole('tooltip').filter({ hasText: '确定删除「领低保钱」？' });
    await expect(confirm).toBeVisible();
    await checkPage(page, 'adm-synonyms-delete-confirm');
    // The full-page screenshot resizes the viewport, which can close the popover: open it again if so.
    if (!(await confirm.isVisible())) await remove.click();
    await settledTooltip(page);
    await confirm.getByRole('button', { name: '删除' }).click();
    await expect(page.getByText('已删除：领低保钱')).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: '领低保钱' })).toHaveCount(0);
  });
  test('(g) admin (city) filters the 实施清单 by town and by missing fields', async ({ page }) => {
    await staffSignIn(page, 'admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await workbenchNav(page).getByRole('link', { name: '实施清单' }).click();
    await expect(h1(page)).toHaveText('实施清单');
    await chooseOption(page, '镇（街道）', '千泉街道');
    await page.getByRole('checkbox', { name: '只看缺项' }).check();
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(/parent=370883002/);
    await expect(page.getByRole('status').filter({ hasText: '份清单' })).toHaveText(/^共 \d+ 份清单（千泉街道及其村居），只看缺项$/);
    const rows = page.getByRole('table').getByRole('row').filter({ hasText: '缺：' });
    await expect(rows.first()).toBeVisible();
    await expect(page.getByRole('button', { name: '导出千泉街道 Excel' })).toBeVisible();
    await checkPage(page, 'adm-impl-lists-filtered');
  });
});

test.describe('catalog administration on a phone', () => {
  test.use(PHONE);

  test('(e) the admin pages work at 390 px: cards instead of tables, the editor and the list detail', async ({ page }) => {
    test.setTimeout(120_000);
    const noSideScroll = async () => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'page scrolls sideways').toBeLessThanOrEqual(0);
    };
    await staffSignIn(page, 'admin');
    await expect(page).toHaveURL(/\/workbench$/);
    await page.getByRole('button', { name: '打开菜单' }).click();
    await workbenchNav(page).getByRole('link', { name: '指导目录' }).click();
    await expect(h1(page)).toHaveText('指导目录');
    await expect(page.getByRole('list', { name: '镇级目录的版本' })).toBeVisible();
    await noSideScroll();
    await checkPage(page, 'adm-catalogs-phone');

    await page.getByRole('list', { name: '镇级目录的版本' }).getByRole('link', { name: /^打开镇级目录第 1 版/ }).click();
    await expect(h1(page)).toHaveText(/^镇级目录第 1 版/);
    const cards = page.getByRole('list', { name: '事项列表' });
    await expect(cards.getByRole('listitem')).toHaveCount(50);
    await noSideScroll();
    await checkPage(page, 'adm-catalog-version-phone');

    await cards.getByRole('link', { name: `查看事项 ${DIBAO_NAME}` }).click();
    await expect(h1(page)).toHaveText(`查看事项：${DIBAO_NAME}`);
    await noSideScroll();
    await checkPage(page, 'adm-catalog-item-phone');

    await page.goto('/workbench/impl-lists');
    await expect(page.getByRole('list', { name: '实施清单' }).getByRole('listitem').first()).toBeVisible();
    await noSideScroll();
    await checkPage(page, 'adm-impl-lists-phone');

    await page.goto(`/workbench/impl-lists/${GANGSHAN}`);
    await expect(h1(page)).toHaveText('钢山街道实施清单');
    await expect(page.getByRole('list', { name: '事项' }).getByRole('listitem')).toHaveCount(20);
    await noSideScroll();
    await checkPage(page, 'adm-impl-list-phone');
    await page.getByRole('list', { name: '事项' }).getByRole('button', { name: `本地设置：${DIBAO_NAME}` }).click();
    await expect(page.getByRole('dialog', { name: `本地设置：${DIBAO_NAME}` })).toBeVisible();
    await checkPage(page, 'adm-impl-override-phone');
    await page.keyboard.press('Escape');

    await page.goto('/workbench/search-synonyms');
    await expect(page.getByRole('list', { name: '同义词' })).toBeVisible();
    await noSideScroll();
    await checkPage(page, 'adm-synonyms-phone');
  });
});
