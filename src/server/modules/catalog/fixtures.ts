/** Valid catalog rows for tests: a factory with sensible defaults and overrides. */
import { catalogItemSchema, type CatalogItem, type CatalogItemInput } from '../../../shared/catalog-item.js';

export function makeItem(overrides: Partial<CatalogItemInput> = {}): CatalogItem {
  return catalogItemSchema.parse({
    baseCode: '372000001000',
    handlingSeq: '01',
    name: '城乡居民最低生活保障',
    handlingName: '新办',
    type: '20',
    exerciseLevel: '5',
    powerSource: '2',
    legalBasis: '《社会救助暂行办法》第九条',
    implementingBody: '{townGov}',
    implementingBodyNature: '1',
    handlingOrg: '{town}社会事务办公室',
    department: '邹城市民政局',
    legalLimit: { value: 30, unit: 'workday' },
    promisedLimit: { value: 20, unit: 'workday' },
    caseType: '2',
    conditions: '共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定。',
    steps: [{ name: '受理' }, { name: '审核' }, { name: '决定' }, { name: '办结' }, { name: '送达' }],
    fees: { charged: false, items: [] },
    audience: ['1'],
    themes: ['社会救助'],
    channels: ['1', '3'],
    visits: 1,
    visitsReason: '需入户调查并核验原件',
    onlineDepth: ['1', '2'],
    onlineUrl: 'https://www.shandong.gov.cn/',
    mobile: true,
    consultPhone: '0537-5211234',
    complaintPhone: '0537-12345',
    keywords: ['低保'],
    materials: [
      { id: 'm1', name: '申请书', necessity: 'required', kind: 'original', form: 'paper', source: 'applicant', blankFormFileId: null },
      { id: 'm2', name: '居民身份证', necessity: 'required', kind: 'original', form: 'paper', source: 'government', licenceType: '居民身份证' },
    ],
    ...overrides,
  });
}
