import { expect, test, type Browser, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { PHONE, settledDialog, staffSignIn } from './helpers.js';

/**
 * 培训记录: 钢山街道's administrator records a session (its date is today's, whatever today is),
 * adds 孟晓燕 (gangshan.clerk) from the town's staff and a community 代办员 without an account
 * (her phone shown masked), marks the clerk attended with an assessment and the 代办员 on leave,
 * uploads the slides (a PDF), cites a 教学案例 (the demo's published 典型案例 the city recommends
 * for training, listed first; its link leads to the portal's page) and opens the clerk's record; the
 * clerk finds the session in 我的培训 with its 学时 and may not open the session itself. axe on the
 * list, the dialogs, the session, the record and 我的培训 (and the session on a phone).
 */

const SUFFIX = Date.now().toString(36).slice(-5);
const TOPIC = `帮办代办员业务培训 ${SUFFIX}`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const HELPER = { name: '周秀兰', unit: '钢山街道铁山社区居委会', phone: '13705379876' };
/** the demo's published 典型案例 recommended for training (seed/practices.ts) */
const CASE_TITLE = '帮办代办+上门服务，让行动不便的老人办事不出门';

async function signedInPage(browser: Browser, username: string, phone = false): Promise<Page> {
  const context = await browser.newContext(phone ? { ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } : {});
  const page = await context.newPage();
  await staffSignIn(page, username);
  await expect(page).toHaveURL(/\/workbench$/);
  return page;
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test.describe('培训记录', () => {
  test('the town records a session, its participants and attendance; the clerk sees it in 我的培训', async ({ browser }) => {
    test.setTimeout(180_000);
    const town = await signedInPage(browser, 'gangshan.admin');
    await town.goto('/workbench/training');
    await expect(h1(town)).toHaveText('培训记录');
    await expect(town.getByRole('region', { name: /年培训统计（钢山街道）/ })).toBeVisible();
    await checkPage(town, 'training-list');

    // 登记培训: the form refuses what is missing, then takes the session
    await town.getByRole('button', { name: '登记培训' }).click();
    let dialog = await settledDialog(town.getByRole('dialog', { name: '登记培训' }));
    await dialog.getByRole('button', { name: '登记培训' }).click();
    await expect(dialog).toContainText('请填写培训主题');
    await dialog.getByLabel('培训主题').fill(TOPIC);
    await dialog.getByRole('spinbutton', { name: '学时' }).fill('2.5');
    await dialog.getByRole('textbox', { name: '授课人', exact: true }).fill('孔令军');
    await dialog.getByLabel('授课人单位（选填）').fill('钢山街道便民服务中心');
    await dialog.getByLabel('培训地点（选填）').fill('钢山街道便民服务中心二楼会议室');
    await dialog.getByLabel('培训内容（选填）').fill('代办事项的材料要求；上门代办的授权委托和材料交接。');
    await expect(dialog.getByRole('radio', { name: '集中授课' })).toBeChecked();
    await checkPage(town, 'training-create-dialog');
    await dialog.getByRole('button', { name: '登记培训' }).click();
    await expect(h1(town)).toHaveText(TOPIC);
    const info = town.getByRole('region', { name: '培训信息' });
    await expect(info).toContainText('钢山街道');
    await expect(info).toContainText('集中授课');

    // 添加参训人员: the clerk found by username, and a 代办员 without an account
    await town.getByRole('button', { name: '添加参训人员' }).click();
    dialog = await settledDialog(town.getByRole('dialog', { name: '添加参训人员' }));
    await dialog.getByLabel('姓名或用户名').fill('gangshan.clerk');
    await dialog.getByRole('button', { name: '查找' }).click();
    await dialog.getByRole('checkbox', { name: /孟晓燕（gangshan\.clerk/ }).check();
    await dialog.getByRole('button', { name: '添加一行' }).click();
    await dialog.getByLabel('第 1 人 姓名').fill(HELPER.name);
    await dialog.getByLabel('第 1 人 单位').fill(HELPER.unit);
    await dialog.getByLabel('第 1 人 手机号（选填）').fill(HELPER.phone);
    await checkPage(town, 'training-add-dialog');
    await dialog.getByRole('button', { name: /^添加（已选 1 名工作人员）/ }).click();
    await expect(dialog).toBeHidden();
    const people = town.getByRole('region', { name: /^参训人员/ });
    await expect(people).toContainText('孟晓燕');
    await expect(people).toContainText(HELPER.name);
    await expect(people).toContainText('137****9876');
    await expect(people).not.toContainText(HELPER.phone);

    // 登记参训情况: the clerk attended (合格, 95 分); the 代办员 was on leave
    await people.getByRole('button', { name: '登记 孟晓燕 的参训情况' }).click();
    dialog = await settledDialog(town.getByRole('dialog', { name: '登记参训情况：孟晓燕' }));
    await expect(dialog.getByRole('radio', { name: '已参训' })).toBeChecked();
    await dialog.getByRole('radio', { name: '合格', exact: true }).check();
    await dialog.getByRole('spinbutton', { name: '考核成绩（选填）' }).fill('95');
    await checkPage(town, 'training-attendance-dialog');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(people).toContainText('合格，95 分');
    await people.getByRole('button', { name: `登记 ${HELPER.name} 的参训情况` }).click();
    dialog = await settledDialog(town.getByRole('dialog', { name: `登记参训情况：${HELPER.name}` }));
    await dialog.getByRole('radio', { name: '请假' }).check();
    await expect(dialog).toContainText('缺席、请假的不计学时');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(town.getByRole('heading', { name: '参训人员（实到 1 人，名单 2 人）' })).toBeVisible();
    await expect(people.getByRole('row', { name: new RegExp(HELPER.name) })).toContainText('请假');
    // the slides, checked by their bytes
    await town.getByLabel(/^上传资料/).setInputFiles({ name: `课件 ${SUFFIX}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    const materials = town.getByRole('region', { name: '培训资料' });
    await expect(materials.getByRole('link', { name: `课件 ${SUFFIX}.pdf` })).toBeVisible();
    // 教学案例: the published practice the city recommends for training comes first
    const cases = town.getByRole('region', { name: '教学案例' });
    await expect(cases).toContainText('还没有选用教学案例');
    await cases.getByRole('button', { name: '选用教学案例' }).click();
    dialog = await settledDialog(town.getByRole('dialog', { name: '选用教学案例' }));
    const choices = dialog.getByRole('list', { name: '已发布的典型案例' }).getByRole('listitem');
    await expect(choices.first()).toContainText(CASE_TITLE);
    await expect(choices.first()).toContainText('推荐用于培训');
    await checkPage(town, 'training-cases-dialog');
    await dialog.getByRole('button', { name: `选用「${CASE_TITLE}」` }).click();
    await expect(choices.first()).toContainText('已选用');
    await dialog.getByRole('button', { name: '完成' }).click();
    await expect(dialog).toBeHidden();
    const caseLink = cases.getByRole('link', { name: CASE_TITLE });
    await expect(caseLink).toHaveAttribute('href', /^\/practices\/[0-9a-f-]{36}$/);
    await checkPage(town, 'training-session');
    const sessionUrl = town.url();

    // the link opens the practice on the portal
    await caseLink.click();
    await expect(h1(town)).toHaveText(CASE_TITLE);
    await town.goto(sessionUrl);
    await expect(h1(town)).toHaveText(TOPIC);

    // the clerk's record, from their name
    await people.getByRole('link', { name: '孟晓燕' }).click();
    await expect(h1(town)).toHaveText('孟晓燕的培训档案');
    await expect(town.getByRole('region', { name: '参加的培训' })).toContainText(TOPIC);
    await checkPage(town, 'training-person');

    // the list finds it by its words
    await town.goto('/workbench/training');
    await town.getByLabel('关键词').fill(SUFFIX);
    await town.getByRole('button', { name: '查询' }).click();
    await expect(town.getByText('共 1 次培训')).toBeVisible();
    await expect(town.getByRole('link', { name: TOPIC })).toBeVisible();

    // 我的培训 as the clerk: the session with its 2.5 学时 and the assessment
    const clerk = await signedInPage(browser, 'gangshan.clerk');
    await clerk.goto('/workbench/my-training');
    await expect(h1(clerk)).toHaveText('我的培训');
    const mine = clerk.getByRole('region', { name: '参加的培训' });
    await expect(mine.getByRole('row', { name: new RegExp(TOPIC) })).toContainText('2.5');
    await expect(mine.getByRole('row', { name: new RegExp(TOPIC) })).toContainText('合格，95 分');
    await checkPage(clerk, 'my-training');
    // the clerk has no 培训记录 of their own to keep
    await clerk.goto(sessionUrl);
    await expect(h1(clerk)).toHaveText('无权访问');

    // the session on a phone
    const phone = await signedInPage(browser, 'gangshan.admin', true);
    await phone.goto(sessionUrl);
    await expect(h1(phone)).toHaveText(TOPIC);
    await expect(phone.getByRole('list', { name: '参训人员' })).toContainText('孟晓燕');
    await checkPage(phone, 'training-session-phone');
  });
});
