import { describe, expect, it } from 'vitest';
import { makeItem } from './fixtures.js';
import { CatalogSearchIndex } from './search.js';

const items = [
  makeItem({ baseCode: '372000001000', handlingSeq: '01', name: '城乡居民最低生活保障', handlingName: '新办', keywords: ['低保'] }),
  makeItem({ baseCode: '372000001000', handlingSeq: '02', name: '城乡居民最低生活保障', handlingName: '停止', keywords: ['低保'], visits: 0, visitsReason: '', onlineDepth: ['1', '2', '3', '4', '5', '6'], appointment: true }),
  makeItem({ baseCode: '372003002000', handlingSeq: '01', name: '生育登记', handlingName: '', department: '邹城市卫生健康局', themes: ['生育收养'], keywords: ['准生证'], mobile: false }),
  makeItem({ baseCode: '372004003000', handlingSeq: '01', name: '城乡居民基本养老保险待遇申领', handlingName: '', department: '邹城市人力资源和社会保障局', themes: ['社会保障'], keywords: [], visits: 2, visitsReason: '本人到场认证' }),
  makeItem({ baseCode: '370101004000', handlingSeq: '01', name: '个体工商户登记', handlingName: '设立', type: '01', audience: ['2', '6'], department: '邹城市市场监督管理局', themes: ['设立变更'], keywords: ['开店'], faqs: [{ q: '要钱吗', a: '不收费' }] }),
];
const synonyms = [
  { term: '生孩子', targets: ['生育登记'] },
  { term: '低保', targets: ['最低生活保障'] },
  { term: '退休', targets: ['养老保险待遇'] },
];
const index = new CatalogSearchIndex(items.map((item, i) => ({ level: 'town' as const, sortOrder: i, item })), synonyms);
const names = (q: string, filters = {}) => index.search(q, filters, 1, 20).hits.map((h) => h.entry.name);

describe('catalog search', () => {
  it('finds Chinese words and highlights them', () => {
    const r = index.search('最低生活', {}, 1, 20);
    expect(r.hits.map((h) => h.entry.name)).toEqual(['城乡居民最低生活保障（新办）', '城乡居民最低生活保障（停止）']);
    expect(r.hits[0].highlights).toEqual([{ start: 4, end: 8 }]);
  });

  it('understands full pinyin, partial pinyin and initials', () => {
    expect(names('dibao')).toContain('城乡居民最低生活保障（新办）');
    expect(names('db')[0]).toBe('城乡居民最低生活保障（新办）');
    expect(names('zuidishenghuo')).toHaveLength(2);
    expect(names('shengyudengji')).toEqual(['生育登记']);
    expect(names('sydj')).toEqual(['生育登记']);
    const h = index.search('shengyu', {}, 1, 20).hits[0];
    expect(h.entry.name).toBe('生育登记');
    expect(h.highlights).toEqual([{ start: 0, end: 2 }]);
  });

  it('expands colloquial synonyms (kept as data)', () => {
    expect(names('生孩子')).toEqual(['生育登记']);
    expect(names('退休')).toEqual(['城乡居民基本养老保险待遇申领']);
    expect(names('低保')).toHaveLength(2);
    expect(index.search('生孩子', {}, 1, 20).expandedTerms).toEqual(['生育登记']);
  });

  it('matches keywords and requires every word of a multi-word query', () => {
    expect(names('准生证')).toEqual(['生育登记']);
    expect(names('开店')).toEqual(['个体工商户登记（设立）']);
    expect(names('低保 停止')).toEqual(['城乡居民最低生活保障（停止）']);
  });

  it('ranks exact and prefix name matches first', () => {
    expect(names('生育登记')[0]).toBe('生育登记');
  });

  it('filters by audience, department, theme and quick filters', () => {
    expect(names('', { audience: 'business' })).toEqual(['个体工商户登记（设立）']);
    expect(names('', { department: '邹城市卫生健康局' })).toEqual(['生育登记']);
    expect(names('', { theme: '社会保障' })).toEqual(['城乡居民基本养老保险待遇申领']);
    expect(names('', { quick: ['fullyOnline'] })).toEqual(['城乡居民最低生活保障（停止）']);
    expect(names('', { quick: ['zeroVisit'] })).toEqual(['城乡居民最低生活保障（停止）']);
    expect(names('', { quick: ['atMostOneVisit'] })).not.toContain('城乡居民基本养老保险待遇申领');
    expect(names('', { quick: ['appointment', 'mobile'] })).toEqual(['城乡居民最低生活保障（停止）']);
    expect(names('', { allowed: new Set(['37200300200001']) })).toEqual(['生育登记']);
  });

  it('counts facets over all matches and suggests something when nothing matches', () => {
    const all = index.search('', {}, 1, 2);
    expect(all.total).toBe(5);
    expect(all.hits).toHaveLength(2);
    expect(all.facets.departments.find((d) => d.name === '邹城市民政局')?.count).toBe(2);
    const none = index.search('生活补助金', {}, 1, 20);
    expect(none.total).toBe(0);
    expect(none.suggestions).toContain('城乡居民最低生活保障');
  });

  it('treats full-width input and case the same', () => {
    expect(names('ＤＩＢＡＯ')).toContain('城乡居民最低生活保障（新办）');
  });
});

describe('synonym ranking', () => {
  it('puts what the colloquial word stands for above names that merely contain it', () => {
    const idx = new CatalogSearchIndex([
      { level: 'town', sortOrder: 0, item: makeItem({ baseCode: '372000010000', name: '低保边缘家庭认定', handlingName: '', keywords: [] }) },
      { level: 'town', sortOrder: 1, item: makeItem({ baseCode: '372000001000', name: '城乡居民最低生活保障', handlingName: '新办', keywords: [] }) },
    ], [{ term: '低保', targets: ['最低生活保障'] }]);
    expect(idx.search('低保', {}, 1, 10).hits.map((h) => h.entry.name)).toEqual(['城乡居民最低生活保障（新办）', '低保边缘家庭认定']);
    expect(idx.search('dibao', {}, 1, 10).hits[0].entry.name).toBe('城乡居民最低生活保障（新办）');
  });
});
