import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { actOk, MENGZHUANG, onlineBody, seedCaseCatalog, signInCast, submitOk, VILLAGE_ITEM, windowBody, consentFor } from './fixtures.js';
import { readPdf } from './pdf-text.js';

let t: TestApp;
let citizen: TestClient, other: TestClient, clerk: TestClient, qianquan: TestClient, approver: TestClient, helper: TestClient;
let fileId: string;
beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-documents-test-${process.pid}` } });
  await seedCaseCatalog(t);
  ({ citizen, other, clerk, qianquan, approver, helper, fileId } = await signInCast(t));
});
afterAll(async () => {
  await t.close();
});

const url = (id: string, kind: string) => `/api/v1/cases/${id}/documents/${kind}`;

/** Downloads a document, checks the HTTP envelope and returns its text. */
async function download(client: TestClient, id: string, kind: string, caseNo: string, title: string): Promise<string> {
  const res = await client.get(url(id, kind));
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['cache-control']).toBe('private, no-store');
  expect(res.headers['content-disposition']).toBe(`inline; filename="${kind}-${caseNo}.pdf"; filename*=UTF-8''${encodeURIComponent(`${title}-${caseNo}.pdf`)}`);
  const pdf = res.rawPayload;
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const read = readPdf(pdf);
  expect(read.pages).toBe(1);
  expect(read.fonts.length).toBeGreaterThan(0);
  // subset, and only the packaged font: these texts need no fallback
  expect(read.fonts.every((f) => /^[A-Z]{6}\+NotoSerifSC-(Regular|Bold)$/.test(f))).toBe(true);
  const text = read.text.replace(/\s+/g, '');
  expect(text).toContain(title);
  expect(text).toContain(caseNo);
  // the tracking QR's address, from PUBLIC_URL (here the default, http://localhost:PORT)
  expect(text).toContain(`进度查询：${t.deps.config.publicUrl}/track?caseNo=${caseNo}`);
  return text;
}

/** Each phrase is in the document's text (checked in order: a failure names the first one missing). */
function expectPhrases(text: string, phrases: string[]): void {
  for (const phrase of phrases) expect(text).toContain(phrase);
}

async function notAvailable(client: TestClient, id: string, kind: string) {
  const res = await client.get(url(id, kind));
  expect(res.statusCode, `${kind}: ${res.body}`).toBe(409);
  expect(res.json().error).toMatchObject({ code: 'DOCUMENT_NOT_AVAILABLE', message: expect.stringMatching(/^本办件尚未出具/) });
}

describe('case documents', () => {
  it('an online application: correction notice, then acceptance, then completion — each only once its step is reached', async () => {
    const { id, caseNo } = await submitOk(citizen, onlineBody(fileId));
    let detail = (await citizen.get(`/api/v1/cases/${id}`)).json();
    expect(detail.documents).toEqual([
      { kind: 'acceptance', title: '受理通知书', available: false },
      { kind: 'refusal', title: '不予受理通知书', available: false },
      { kind: 'correction', title: '补正材料告知书', available: false },
      { kind: 'completion', title: '办结通知书', available: false },
    ]);
    for (const kind of ['acceptance', 'refusal', 'correction', 'completion']) await notAvailable(citizen, id, kind);

    // 补正: exactly what is missing and why, from the notice
    await actOk(clerk, id, 'request-correction', { items: [{ materialId: 'm2', reason: '身份证照片模糊，请重新上传清晰的正反面' }, { field: 'familySize', reason: '家庭人口数与户口簿不符' }], opinion: '请一次性补齐' });
    detail = (await citizen.get(`/api/v1/cases/${id}`)).json();
    expect(detail.documents.filter((d: { available: boolean }) => d.available).map((d: { kind: string }) => d.kind)).toEqual(['correction']);
    let text = await download(citizen, id, 'correction', caseNo, '补正材料告知书');
    expectPhrases(text, [`邹城便民〔2026〕补字第${caseNo}-1号`, '邹城市钢山街道便民服务中心', '李建国：', '3708**********1016']);
    expect(text).not.toContain('370883198807151016');
    expectPhrases(text, ['居民身份证', '身份证照片模糊，请重新上传清晰的正反面', '家庭人口数与户口簿不符', '其他说明：请一次性补齐', '一次性告知', '（盖章）', '2026年11月27日']);
    await notAvailable(citizen, id, 'acceptance');

    await actOk(citizen, id, 'resubmit', { materials: [{ materialId: 'm2', source: 'upload', fileId }], formData: { familySize: 4 } });
    await actOk(clerk, id, 'accept');
    text = await download(citizen, id, 'acceptance', caseNo, '受理通知书');
    expectPhrases(text, [`邹城便民〔2026〕受字第${caseNo}号`, '决定予以受理', '20个工作日', '受理日期2026年11月27日']);
    // the correction notice stays downloadable (the latest one)
    await download(clerk, id, 'correction', caseNo, '补正材料告知书');
    await notAvailable(citizen, id, 'completion');

    await actOk(approver, id, 'approve', { opinion: '经审查，符合条件' });
    await notAvailable(citizen, id, 'completion');
    await actOk(approver, id, 'approve', { opinion: '准予享受最低生活保障', resultNote: '低保证编号 DB2026-0001' });
    text = await download(citizen, id, 'completion', caseNo, '办结通知书');
    expectPhrases(text, [`邹城便民〔2026〕结字第${caseNo}号`, '决定准予办理', '办理意见：准予享受最低生活保障', '低保证编号DB2026-0001', '送达方式窗口自取', '领取办理结果']);
    expect(text).not.toContain('行政复议');

    await actOk(clerk, id, 'deliver', { method: 'electronic' });
    text = await download(citizen, id, 'completion', caseNo, '办结通知书');
    expect(text).toContain('送达方式电子送达');
    expect(text).toContain('送达日期2026年11月27日');
    detail = (await citizen.get(`/api/v1/cases/${id}`)).json();
    expect(detail.documents.map((d: { available: boolean }) => d.available)).toEqual([true, false, true, true]);
  });

  it('who may download: the applicant and staff who may see the case; everyone else gets 404 or 401', async () => {
    const { id, caseNo } = await submitOk(citizen, onlineBody(fileId));
    await actOk(clerk, id, 'accept');
    await download(citizen, id, 'acceptance', caseNo, '受理通知书');
    await download(clerk, id, 'acceptance', caseNo, '受理通知书');
    await download(approver, id, 'acceptance', caseNo, '受理通知书');
    for (const outsider of [other, qianquan]) {
      const res = await outsider.get(url(id, 'acceptance'));
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('CASE_NOT_FOUND');
      // the same answer whether or not the document exists yet: nothing leaks
      expect((await outsider.get(url(id, 'completion'))).statusCode).toBe(404);
    }
    expect((await new TestClient(t.app).get(url(id, 'acceptance'))).statusCode).toBe(401);
  });

  it.each([
    ['https://zwfw.zoucheng.gov.cn/', 'https://zwfw.zoucheng.gov.cn'],
    // not set: the default names localhost, and still no request header is used instead
    [undefined, undefined],
  ])('the QR code and the foot use PUBLIC_URL (%s), whatever host the request names', async (publicUrl, expected) => {
    const { id, caseNo } = await submitOk(citizen, onlineBody(fileId));
    await actOk(clerk, id, 'accept');
    const saved = t.deps.config.publicUrl;
    if (publicUrl) t.deps.config.publicUrl = publicUrl;
    try {
      const res = await citizen.request('GET', url(id, 'acceptance'), undefined, { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const text = readPdf(res.rawPayload).text.replace(/\s+/g, '');
      expect(text).toContain(`进度查询：${expected ?? saved}/track?caseNo=${caseNo}`);
      expect(text).not.toContain('evil');
      if (publicUrl) expect(text).not.toContain('localhost');
    } finally {
      t.deps.config.publicUrl = saved;
    }
  });

  it('refuses an unknown kind, a malformed id and an unknown case with clear errors', async () => {
    const { id } = await submitOk(citizen, onlineBody(fileId));
    const bad = await citizen.get(url(id, 'receipt'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'kind', message: expect.stringContaining('acceptance') })] });
    expect((await citizen.get(url('not-a-uuid', 'acceptance'))).statusCode).toBe(400);
    const unknown = await citizen.get(url('01900000-0000-7000-8000-000000000000', 'acceptance'));
    expect(unknown.statusCode).toBe(404);
  });

  it('a walk-in refused at the window: 不予受理通知书 with the reason and the remedies (行政复议 60 days, 行政诉讼 6 months)', async () => {
    const { id, caseNo } = await submitOk(clerk, windowBody());
    await notAvailable(clerk, id, 'refusal');
    await actOk(clerk, id, 'refuse', { reason: '申请人户籍不在本街道，不属于本机关受理范围，请到户籍所在地镇（街道）申请' });
    const text = await download(clerk, id, 'refusal', caseNo, '不予受理通知书');
    expectPhrases(text, [`邹城便民〔2026〕不受字第${caseNo}号`, '王桂兰：', '决定不予受理', '申请人户籍不在本街道，不属于本机关受理范围，请到户籍所在地镇（街道）申请', '自收到本通知书之日起60日内向邹城市人民政府申请行政复议', '6个月内依法向人民法院提起行政诉讼', '钢山街道办事处']);
    for (const kind of ['acceptance', 'correction', 'completion']) await notAvailable(clerk, id, kind);
    // the applicant has an account with that ID number: the notice is theirs too
    const wang = await new TestClient(t.app).loginCitizen('13800000003');
    await download(wang, id, 'refusal', caseNo, '不予受理通知书');
  });

  it('a denial: 办结通知书 says 不予办理 with the reason and the remedies', async () => {
    const { id, caseNo } = await submitOk(clerk, windowBody({ deliveryMethod: 'pickup' }));
    await actOk(clerk, id, 'accept');
    await actOk(approver, id, 'approve', { opinion: '转决定' });
    await actOk(approver, id, 'deny', { reason: '家庭人均收入高于本市城乡居民最低生活保障标准' });
    const text = await download(clerk, id, 'completion', caseNo, '办结通知书');
    expectPhrases(text, ['决定不予办理', '家庭人均收入高于本市城乡居民最低生活保障标准', '办理结果不予办理', '申请行政复议']);
  });

  it('a correction asked by the village that collects the case is issued by the village station', async () => {
    const { id, caseNo } = await submitOk(helper, windowBody({ itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, intakeChannel: 'assist', helpRequestId: await consentFor(t, helper) }));
    await actOk(helper, id, 'request-correction', { items: [{ materialId: 'm1', reason: '申请书未签名' }] });
    const text = await download(helper, id, 'correction', caseNo, '补正材料告知书');
    expectPhrases(text, ['邹城市钢山街道孟庄社区便民服务站', '申请书未签名', '办理地点：370883001004服务中心']);
    // the town sees the village's case too and may print it
    await download(clerk, id, 'correction', caseNo, '补正材料告知书');
  });

  it('a village-level item forwarded to the town and refused there: issued by the town centre, with the town list\'s place and phones', async () => {
    const { id, caseNo } = await submitOk(helper, windowBody({ itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, intakeChannel: 'assist', helpRequestId: await consentFor(t, helper) }));
    await actOk(helper, id, 'forward', { opinion: '转报镇街' });
    await actOk(clerk, id, 'refuse', { reason: '申请人未满七十周岁' });
    const text = await download(clerk, id, 'refusal', caseNo, '不予受理通知书');
    expect(text).toContain('邹城市钢山街道便民服务中心');
    expect(text).not.toContain('孟庄社区便民服务站');
    expectPhrases(text, ['办理地点：370883001服务中心', '咨询电话：0537-5300001', '监督投诉电话：0537-12345']);
  });
});
