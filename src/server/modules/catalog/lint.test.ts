import { describe, expect, it } from 'vitest';
import { diffCatalogs, noticeBody } from './diff.js';
import { makeItem } from './fixtures.js';
import { lintCatalog, lintItem, type LintOptions } from './lint.js';
import { localDetails, missingProfileFields, renderTemplate, townGovernment } from './local.js';
import { listProfileSchema } from './schemas.js';

const opts: LintOptions = { areaCode: '0537', level: 'town' };
const rules = (item: ReturnType<typeof makeItem>, o = opts) => lintItem(item, o).filter((f) => f.severity === 'error').map((f) => f.rule);

describe('catalog lint (DOMAIN.md §2 quality rules)', () => {
  it('passes a clean item', () => {
    expect(lintItem(makeItem(), opts)).toEqual([]);
  });

  it('即办 ⇔ 即办件', () => {
    expect(rules(makeItem({ promisedLimit: { value: 0, unit: 'instant' }, caseType: '2' }))).toContain('instant-case-type');
    expect(rules(makeItem({ caseType: '1' }))).toContain('instant-case-type');
    expect(rules(makeItem({ promisedLimit: { value: 0, unit: 'instant' }, caseType: '1' }))).toEqual([]);
  });

  it('visits need a reason; 全程网办 means no visit', () => {
    expect(rules(makeItem({ visits: 1, visitsReason: '' }))).toContain('visits-reason');
    expect(rules(makeItem({ visits: 1, onlineDepth: ['1', '2', '3', '4', '5', '6'] }))).toContain('fully-online-visits');
  });

  it('fees need items and basis; free items take no online payment', () => {
    expect(rules(makeItem({ fees: { charged: true, items: [] } }))).toContain('fee-items');
    expect(rules(makeItem({ onlinePayment: true }))).toContain('no-fee-payment');
  });

  it('consult and complaint phones differ and carry the area code', () => {
    expect(rules(makeItem({ complaintPhone: '0537-5211234' }))).toContain('phones');
    expect(lintItem(makeItem({ consultPhone: '5211234' }), opts).map((f) => f.rule)).toContain('phones');
  });

  it('行政许可 needs an FAQ and the five steps', () => {
    const licence = makeItem({ type: '01', faqs: [], steps: [{ name: '受理' }, { name: '审查' }, { name: '决定' }] });
    const found = lintItem(licence, opts).filter((f) => f.severity === 'error');
    expect(found.map((f) => f.rule)).toEqual(['licensing-faq', 'licensing-steps']);
    expect(found[1].message).toContain('办结、送达');
  });

  it('promised ≤ legal; village rows are public services only', () => {
    expect(rules(makeItem({ promisedLimit: { value: 40, unit: 'workday' } }))).toContain('promised-within-legal');
    expect(rules(makeItem({ type: '01', faqs: [{ q: 'q', a: 'a' }] }), { areaCode: '0537', level: 'village' })).toContain('village-public-service');
  });

  it('situations must reference existing materials', () => {
    const item = makeItem({ situations: [{ id: 's1', question: '家中有残疾人吗？', options: [{ id: 'y', label: '有', materialIds: ['m9'] }, { id: 'n', label: '没有', materialIds: [] }] }] });
    expect(rules(item)).toContain('situations');
  });

  it('summarises a catalog by rule', () => {
    const report = lintCatalog([
      { rowCode: 'a', name: 'A', item: makeItem() },
      { rowCode: 'b', name: 'B', item: makeItem({ visits: 2, visitsReason: '', onlinePayment: true }) },
    ], opts);
    expect(report).toMatchObject({ items: 2, errors: 2, warnings: 0 });
    expect(report.findings.map((f) => f.rowCode)).toEqual(['b']);
  });
});

describe('catalog diff', () => {
  it('finds added, removed and changed rows with field labels', () => {
    const a = makeItem();
    const b = makeItem({ handlingSeq: '02', handlingName: '变更' });
    const c = makeItem({ handlingSeq: '03', handlingName: '停止' });
    const before = new Map([['37200000100001', a], ['37200000100002', b]]);
    const after = new Map([['37200000100001', { ...a, consultPhone: '0537-5219999' }], ['37200000100003', c]]);
    const diff = diffCatalogs(before, after);
    expect(diff.added.map((x) => x.name)).toEqual(['城乡居民最低生活保障（停止）']);
    expect(diff.removed.map((x) => x.name)).toEqual(['城乡居民最低生活保障（变更）']);
    expect(diff.changed).toEqual([{ rowCode: '37200000100001', name: '城乡居民最低生活保障（新办）', fields: [{ field: 'consultPhone', label: '咨询电话' }] }]);
    const body = noticeBody('指导目录', 2, '2027-01-01', diff);
    expect(body).toContain('新增事项 1 项');
    expect(body).toContain('取消事项 1 项');
    expect(body).toContain('（咨询电话）');
  });
});

describe('implementation list local fields', () => {
  const village = { code: '370883001004', name: '孟庄社区居委会', shortName: '孟庄社区', level: 'village' as const, town: { name: '钢山街道', shortName: '钢山街道' } };
  it('renders the implementing body for towns and villages', () => {
    expect(townGovernment('钢山街道')).toBe('钢山街道办事处');
    expect(townGovernment('香城镇')).toBe('香城镇人民政府');
    expect(renderTemplate('{townGov}', village)).toBe('钢山街道办事处');
    expect(renderTemplate('{village}', village)).toBe('孟庄社区居委会');
    expect(renderTemplate('{villageName}便民服务站', village)).toBe('孟庄社区便民服务站');
  });

  it('takes override over profile over guidance, and flags what the list lacks', () => {
    const profile = listProfileSchema.parse({ location: '孟庄社区便民服务站', hours: '工作日', consultPhone: '', complaintPhone: '0537-12345', defaultHandlingMode: 'village_collect_town_decide' });
    const d = localDetails(makeItem(), village, profile, { consultPhone: '0537-5550001' });
    expect(d).toMatchObject({ location: '孟庄社区便民服务站', consultPhone: '0537-5550001', handlingModeLabel: '村受理、镇办结', missing: [] });
    const d2 = localDetails(makeItem(), village, profile, undefined);
    expect(d2.consultPhone).toBe('0537-5211234');
    expect(d2.missing).toEqual(['consultPhone']);
    expect(missingProfileFields(listProfileSchema.parse({}), 'village')).toEqual(['location', 'hours', 'consultPhone', 'complaintPhone', 'defaultHandlingMode']);
  });
});
