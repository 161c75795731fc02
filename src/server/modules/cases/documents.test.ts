import { describe, expect, it } from 'vitest';
import { CASE_STATUS_CODES } from '../../../shared/cases.js';
import {
  contentDisposition, documentAvailability, documentFonts, documentList, fontsFrom, renderDocumentPdf, type DocumentContent,
} from './documents.js';
import { readPdf } from './pdf-text.js';

const CASE_NO = '3708830010002026112700001';
const sample = (over: Partial<DocumentContent> = {}): DocumentContent => ({
  kind: 'correction',
  title: '补正材料告知书',
  number: `邹城便民〔2026〕补字第 ${CASE_NO}-1 号`,
  issuer: '邹城市钢山街道便民服务中心',
  authority: '钢山街道办事处',
  salutation: '张秀英：',
  paragraphs: [`你于2026年11月27日提交的“城乡居民最低生活保障（新办）”申请（办件编号：${CASE_NO}），经审查，申请材料不齐全或者不符合法定形式。现将需要补正的全部内容一次性告知如下：`],
  facts: [['办件编号', CASE_NO], ['事项名称', '城乡居民最低生活保障（新办）'], ['申请人', '张秀英'], ['身份证号码', '3708**********1016'], ['告知日期', '2026年11月28日']],
  corrections: [{ name: '居民身份证', type: '申请材料', reason: '照片模糊，请上传清晰的正反面照片' }, { name: '家庭人口数', type: '填写内容', reason: '与户口簿不一致' }],
  closing: ['请按上述要求一次性补齐全部内容。'],
  date: '2026年11月28日',
  contacts: ['办理地点：钢山街道便民服务中心', '咨询电话：0537-5300001　　监督投诉电话：0537-12345'],
  trackUrl: `https://zwfw.example.cn/track?caseNo=${CASE_NO}`,
  ...over,
});

describe('which documents a case has issued', () => {
  it('follows the status and the events: acceptance once accepted, refusal when refused, correction once requested, completion once decided', () => {
    for (const status of CASE_STATUS_CODES) {
      const a = documentAvailability(status, ['submit']);
      expect(a.acceptance).toBe(false);
      expect(a.correction).toBe(false);
      expect(a.refusal).toBe(status === 'refused');
      expect(a.completion).toBe(['approved', 'denied', 'delivered'].includes(status));
    }
    // accepted at some point: still available after a later correction, a return or the decision
    expect(documentAvailability('correction', ['submit', 'accept', 'request-correction'])).toEqual({ acceptance: true, refusal: false, correction: true, completion: false });
    expect(documentAvailability('delivered', ['submit', 'accept', 'approve', 'approve', 'deliver'])).toEqual({ acceptance: true, refusal: false, correction: false, completion: true });
    // refused after a correction: both notices
    expect(documentAvailability('refused', ['submit', 'request-correction', 'refuse'])).toEqual({ acceptance: false, refusal: true, correction: true, completion: false });
    expect(documentList('accepted', ['submit', 'accept'])).toEqual([
      { kind: 'acceptance', title: '受理通知书', available: true },
      { kind: 'refusal', title: '不予受理通知书', available: false },
      { kind: 'correction', title: '补正材料告知书', available: false },
      { kind: 'completion', title: '办结通知书', available: false },
    ]);
  });
});

describe('helpers', () => {
  it('writes an RFC 5987 file name with an ASCII fallback', () => {
    const header = contentDisposition(`受理通知书-${CASE_NO}.pdf`, `acceptance-${CASE_NO}.pdf`);
    expect(header).toBe(`inline; filename="acceptance-${CASE_NO}.pdf"; filename*=UTF-8''%E5%8F%97%E7%90%86%E9%80%9A%E7%9F%A5%E4%B9%A6-${CASE_NO}.pdf`);
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe(`受理通知书-${CASE_NO}.pdf`);
    expect(contentDisposition("a'(b).pdf", 'x"y.pdf')).toBe(`inline; filename="x_y.pdf"; filename*=UTF-8''a%27%28b%29.pdf`);
  });
});

describe('the PDF', () => {
  it('is one A4 page with the Chinese text, the case number and the subset packaged font', async () => {
    const pdf = await renderDocumentPdf(sample(), (await fontsFrom('package'))!);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const read = readPdf(pdf);
    expect(read.pages).toBe(1);
    // subset (a six-letter tag before the name), regular and bold, nothing else
    expect(read.fonts).toHaveLength(2);
    expect(read.fonts).toEqual(expect.arrayContaining([expect.stringMatching(/^[A-Z]{6}\+NotoSerifSC-Bold$/), expect.stringMatching(/^[A-Z]{6}\+NotoSerifSC-Regular$/)]));
    const text = read.text.replace(/\s+/g, '');
    for (const s of ['邹城市钢山街道便民服务中心', '补正材料告知书', `邹城便民〔2026〕补字第${CASE_NO}-1号`, '张秀英：', '3708**********1016', '居民身份证', '照片模糊，请上传清晰的正反面照片', '（盖章）', '2026年11月28日', '监督投诉电话：0537-12345', `https://zwfw.example.cn/track?caseNo=${CASE_NO}`]) {
      expect(text).toContain(s);
    }
    expect(pdf.length).toBeLessThan(120_000);
  });

  it('draws a character the packaged font lacks from the system Noto CJK when it is installed', async (ctx) => {
    const all = await documentFonts();
    if (!all.fallback()) ctx.skip();
    const read = readPdf(await renderDocumentPdf(sample({ salutation: '吉𠮷祥：' }), all));
    expect(read.text).toContain('𠮷');
    expect(read.fonts.some((f) => /NotoS(erif|ans)CJKsc/.test(f))).toBe(true);
  });

  it('renders with the system font alone when the package is missing', async (ctx) => {
    const system = await fontsFrom('system');
    if (!system) ctx.skip();
    const read = readPdf(await renderDocumentPdf(sample(), system!));
    expect(read.text.replace(/\s+/g, '')).toContain(`补字第${CASE_NO}-1号`);
    expect(read.fonts.every((f) => /CJKsc/.test(f))).toBe(true);
  });

  it('flows a long correction list onto a second page and keeps the seal, the date and the foot together at the end', async () => {
    const corrections = Array.from({ length: 30 }, (_, i) => ({ name: `材料${i + 1}`, type: '申请材料', reason: '复印件不清晰，请重新提供加盖公章的复印件，并核验原件后提交' }));
    const read = readPdf(await renderDocumentPdf(sample({ corrections }), (await fontsFrom('package'))!));
    expect(read.pages).toBeGreaterThanOrEqual(2);
    expect(read.text).toContain('材料30');
    expect(read.text.match(/（盖章）/g)).toHaveLength(1);
    const lines = read.text.split('\n');
    expect(lines.indexOf('（盖章）')).toBeGreaterThan(lines.findIndex((l) => l.includes('材料30')));
  });

  it('renders fast: each document well under 200 ms once the fonts are loaded', async () => {
    const fonts = await documentFonts();
    await renderDocumentPdf(sample(), fonts);
    // CPU time of this process, not wall time: other test files and other jobs share the machine,
    // and a timing test must not fail because the machine is busy.
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.cpuUsage();
      await renderDocumentPdf(sample({ salutation: `申请人${i}：` }), fonts);
      const used = process.cpuUsage(t0);
      times.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    expect(times[2]).toBeLessThan(200);
  });
});
