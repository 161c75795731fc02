/**
 * Issue 12 §1 on a phone-sized screen (390 px), in normal mode and in 长辈版: a citizen signs in by
 * SMS with a phone the system has never seen, so the account has no name or ID number. They are
 * sent to 实名信息 first (the ID number's GB 11643 check character is checked in the page, before
 * anything is sent), then back to the application: they fill it in, submit, get the case number
 * and follow the case with the public tracker. Once verified (the demo verifier), the name and ID
 * number are locked and not asked again; the address can still change. Axe runs on
 * every page on the way.
 *
 * The phone and the ID number are new on every run (from the clock and a random number), so a
 * re-run against a database that already has the last run's citizen does not collide.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkPage } from './axe.js';
import { PHONE, signInBySms } from './helpers.js';

const ITEM = '37050100600001'; // 临时救助（急难型临时救助）: online application, as in cases-journey.spec.ts
const GANGSHAN = '370883001';
const APPLY_PATH = `/apply/${ITEM}?region=${GANGSHAN}`;
/** The demo's real-name verifier (REAL_NAME_VERIFIER=demo, the default in demo mode) says every valid number belongs to the name… */
const VERIFIED = '已核验（演示核验（非真实核验））';
/** … except for this name (src/server/modules/auth/real-name.ts DEMO_MISMATCH_NAME). */
const MISMATCH_NAME = '张冒名';
const PDF = { name: '材料.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };

// GB 11643-1999: the check character of an 18-character 居民身份证号码 (ISO 7064 MOD 11-2).
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';
function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/** A number new on every run: the clock in ms and three random digits. */
const unique = (): number => Date.now() * 1000 + Math.floor(Math.random() * 1000);

/** A mobile number (137…) nobody has signed in with. */
const newPhone = (n: number): string => `137${String(n % 100_000_000).padStart(8, '0')}`;

/** A valid ID number of 邹城市 (370883), born 1970–1994 (under 60: no 长辈版 offer in the page). */
function newIdNumber(n: number): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + (n % 9000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `370883${birth}${String(Math.floor(n / 9000) % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** The same number with a wrong check character. */
const withWrongCheck = (id: string): string => id.slice(0, 17) + ID_CHECK_CHARS[(ID_CHECK_CHARS.indexOf(id[17]) + 1) % 11];

type Mode = 'normal' | 'elder';

async function expectMode(page: Page, mode: Mode): Promise<void> {
  if (mode === 'elder') await expect(page.locator('html')).toHaveAttribute('data-elder', 'on');
  else await expect(page.locator('html')).not.toHaveAttribute('data-elder', /.*/);
}


test.use(PHONE);

for (const mode of ['normal', 'elder'] as const) {
  const label = mode === 'elder' ? '长辈版' : 'normal';

  test(`(journey, ${label}) a new phone: SMS sign-in → 实名信息 → online application → submitted → tracked`, async ({ page }) => {
    test.setTimeout(180_000);
    const n = unique();
    const phone = newPhone(n);
    const idNumber = newIdNumber(n);
    const name = mode === 'elder' ? '孟秀兰' : '孔繁星';
    const profileWrites: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT' && new URL(r.url()).pathname === '/api/v1/me/profile') profileWrites.push(r.url());
    });

    // Applying asks a visitor to sign in first, and comes back afterwards.
    await page.goto(APPLY_PATH);
    await expect(page).toHaveURL(/\/login\?next=/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('群众登录');
    if (mode === 'elder') {
      const elder = page.getByRole('region', { name: '无障碍工具' }).getByRole('switch', { name: '长辈版' });
      await elder.click();
      await expect(elder).toHaveAttribute('aria-checked', 'true');
    }
    await expectMode(page, mode);
    await signInBySms(page, phone);

    // A new account has no name or ID number: 实名信息 first, with the way back to the application.
    await expect(page).toHaveURL(/\/my\/profile\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe(APPLY_PATH);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('实名信息');
    await expect(page.getByText('网上申请需要本人实名信息；信息加密保存，仅用于办理您申请的事项。')).toBeVisible();
    await expect(page.getByTestId('real-name-status')).toHaveText('未填写');
    await expect(page.getByText('填写并保存后，将自动回到您刚才的页面继续办理。')).toBeVisible();
    await expectMode(page, mode);
    await checkPage(page, `real-name-empty-${mode}`);

    const nameField = page.getByRole('textbox', { name: /^姓名/ });
    const idField = page.getByRole('textbox', { name: /^身份证号码/ });
    const addressField = page.getByRole('textbox', { name: /^住址/ });
    const save = page.getByRole('button', { name: '保存', exact: true });
    const problems = page.getByTestId('profile-problems');

    // 保存 with nothing filled in: the summary lists both problems and takes the focus; its links lead to the fields.
    await save.click();
    await expect(problems).toBeFocused();
    await expect(problems).toContainText('有 2 处需要修改');
    await expect(nameField).toHaveAttribute('aria-invalid', 'true');
    await expect(idField).toHaveAttribute('aria-invalid', 'true');
    await problems.getByRole('link', { name: '姓名：请输入姓名' }).click();
    await expect(nameField).toBeFocused();
    await nameField.fill(name);
    await expect(nameField).not.toHaveAttribute('aria-invalid', /.*/);

    // A wrong check character is caught on leaving the field, and 保存 sends nothing.
    await idField.fill(withWrongCheck(idNumber));
    await idField.press('Tab');
    await expect(idField).toHaveAttribute('aria-invalid', 'true');
    await expect(idField).toHaveAccessibleDescription(/身份证号码不正确（请核对校验位）/);
    await save.click();
    await expect(problems).toBeFocused();
    await expect(problems).toContainText('有 1 处需要修改');
    await expect(problems.getByRole('link', { name: '身份证号码：身份证号码不正确（请核对校验位）' })).toBeVisible();
    await checkPage(page, `real-name-problems-${mode}`);
    expect(profileWrites).toHaveLength(0);

    // The right number (typed with a small x is fine: it is read as X) and an address.
    await idField.fill(idNumber.toLowerCase());
    await expect(idField).toHaveValue(idNumber);
    await expect(idField).not.toHaveAttribute('aria-invalid', /.*/);
    await addressField.fill('钢山街道岗山路 18 号');
    const profileSaved = () => page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/me/profile' && r.request().method() === 'PUT');

    if (mode === 'normal') {
      // A name that does not belong to the number (the verifier says so): nothing is stored, the page says why.
      await nameField.fill(MISMATCH_NAME);
      const refused = profileSaved();
      await save.click();
      expect((await refused).status()).toBe(422);
      await expect(problems).toBeFocused();
      await expect(problems).toContainText('姓名与身份证号码不一致');
      await expect(page).toHaveURL(/\/my\/profile\?next=/);
      await nameField.fill(name);
    }

    const saved = profileSaved();
    await save.click();
    const savedResponse = await saved;
    expect(savedResponse.status(), await savedResponse.text()).toBe(200);
    expect(await savedResponse.json()).toMatchObject({ name, complete: true, realName: { status: 'verified' } });
    expect(profileWrites).toHaveLength(mode === 'normal' ? 2 : 1);

    // Back on the application: the applicant is the citizen, with the masked ID number.
    await expect(page).toHaveURL(new RegExp(`/apply/${ITEM}\\?region=${GANGSHAN}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/网上申请：临时救助/);
    await expect(page.getByRole('heading', { level: 2, name: /第 1 步（共 4 步）：填写申请表/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: '请先填写实名信息' })).toHaveCount(0);
    await expect(page.getByTestId('applicant-name')).toHaveText(`${name}（本人）`);
    const maskedId = page.getByTestId('applicant-id');
    await expect(maskedId).toContainText(idNumber.slice(-4));
    await expect(maskedId).not.toContainText(idNumber);
    await expect(page.getByTestId('real-name-status')).toHaveText(VERIFIED);
    await expectMode(page, mode);

    // Step 1: the form (a new citizen: nothing to fill from earlier applications).
    await page.getByLabel(/遭遇的困难/).fill('家中突发火灾，房屋受损严重');
    await page.getByLabel(/申请救助金额/).fill('2000');
    await page.getByLabel('镇（街道）', { exact: true }).selectOption({ label: '钢山街道' });
    await page.getByLabel('详细地址（现居住地址）').fill('岗山路 18 号');
    await page.getByRole('radio', { name: '邹城农商银行' }).check();
    await page.getByLabel(/银行账号/).fill('6228480319870001234');
    await checkPage(page, `real-name-apply-form-${mode}`);
    await page.getByRole('button', { name: '下一步' }).click();

    // Step 2: every required material uploaded.
    await expect(page.getByRole('heading', { level: 2, name: /第 2 步（共 4 步）：提交材料/ })).toBeVisible();
    const items = page.locator('.apply-material');
    const count = await items.count();
    for (let i = 0; i < count; i++) {
      const item = items.nth(i);
      if (!(await item.getByText('（必交）').count())) continue;
      await item.getByLabel(/拍照或选择文件（/).setInputFiles(PDF);
      await expect(item.getByRole('button', { name: '删除 材料.pdf' })).toBeVisible();
    }
    await page.getByRole('button', { name: '下一步' }).click();

    // Step 3: delivery; step 4: review (the applicant again), declaration and submit.
    await page.getByRole('radio', { name: /电子送达/ }).check();
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /核对并提交/ })).toBeVisible();
    await expect(page.getByTestId('applicant-name')).toHaveText(name);
    await page.getByLabel(/本人承诺/).check();
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请已提交');
    const caseNo = (await page.getByTestId('case-no').textContent())?.trim() ?? '';
    expect(caseNo).toMatch(/^\d{25}$/);
    await expectMode(page, mode);
    await checkPage(page, `real-name-submitted-${mode}`);

    // Anyone with the case number and the phone can follow it.
    await page.getByRole('link', { name: '免登录查询页' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('办件进度查询');
    await expect(page.getByLabel('办件编号')).toHaveValue(caseNo);
    await page.getByLabel('申请人手机号码').fill(phone);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect(page.getByTestId('track-status')).toHaveText('已提交，等待预审');
    await expectMode(page, mode);
    await checkPage(page, `real-name-tracked-${mode}`);

    // 我的: the account now goes by the real name; 实名信息 is verified.
    await page.goto('/my');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的');
    await expect(page.getByRole('region', { name: '登录信息' })).toContainText(name);
    const entry = page.getByRole('region', { name: '实名信息' });
    await expect(entry.getByTestId('real-name-status')).toHaveText(VERIFIED);
    await entry.getByRole('link', { name: '查看或修改实名信息' }).click();

    // Verified: name and ID number are shown, not editable nor asked again; only the address changes.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('实名信息');
    await expect(page.getByRole('heading', { level: 2, name: '修改住址' })).toBeVisible();
    await expect(page.getByTestId('real-name-status')).toHaveText(VERIFIED);
    await expect(page.getByTestId('profile-name')).toHaveText(name);
    await expect(page.getByText(/姓名和身份证号码已经核验，不能在网上修改/)).toBeVisible();
    await expect(page.getByRole('textbox', { name: /^姓名/ })).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: /^身份证号码/ })).toHaveCount(0);
    await expect(addressField).toHaveValue('钢山街道岗山路 18 号');
    await addressField.fill('钢山街道孟庄社区 6 号');
    await expectMode(page, mode);
    await checkPage(page, `real-name-verified-${mode}`);
    const moved = profileSaved();
    await save.click();
    expect((await moved).status()).toBe(200);
    await expect(page).toHaveURL(/\/my$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的');
  });
}
