/**
 * Licence libraries outside the platform (电子证照库). In production the province's library is
 * plugged in here (docs/OPERATIONS.md, 电子证照: the adapter's contract); the demo deployment has
 * DemoLicenceLibrary, which answers for the demo citizens. The platform's own licences (issued
 * when a case is approved) are not a library: they are the licences table itself.
 *
 * A library is asked by the holder's ID number (or 统一社会信用代码) in clear, because that is how
 * such libraries are queried; its answer is mirrored into the licences table (by source and
 * sourceRef), so the wallet, 亮证, verification and reuse work the same for every licence, and a
 * licence the library no longer lists, or lists as revoked, is shown revoked at once.
 */
import type { Config } from '../../config.js';
import type { LicenceHolderKind } from '../../../shared/licences.js';

/** A licence as a library describes it (GB/T 36902 core fields and the type's own). */
export interface ExternalLicence {
  /** the library's own id of the licence (stable) */
  sourceRef: string;
  type: string;
  number: string;
  holderKind: LicenceHolderKind;
  holderName: string;
  /** ID number of a person, 统一社会信用代码 of an organisation */
  holderId: string;
  /** an organisation's legal representative's ID number: its licences show in their wallet */
  legalRepId?: string | null;
  issuer: string;
  issuedOn: string;
  validFrom: string;
  /** null: 长期有效 */
  validUntil: string | null;
  revoked: boolean;
  fields: Record<string, string>;
}

export interface LicenceLibrary {
  /** demo | province: the wallet's label for it (shared/licences.ts LICENCE_SOURCES) */
  readonly name: 'demo' | 'province';
  /**
   * Every licence of this person: held in their own name, and those of organisations they are the
   * legal representative of. Throws when the library cannot be reached (the wallet then shows what
   * was last seen and says so).
   */
  licencesOf(person: { idNumber: string; name: string }): Promise<ExternalLicence[]>;
}

/** The libraries LICENCE_LIBRARY names (config.ts). */
export function licenceLibrariesFor(config: Pick<Config, 'licenceLibrary'>): LicenceLibrary[] {
  return config.licenceLibrary === 'demo' ? [new DemoLicenceLibrary()] : [];
}

/** The demo library: what the province's would answer for the demo citizens (src/server/seed/demo.ts). */
export class DemoLicenceLibrary implements LicenceLibrary {
  readonly name = 'demo' as const;

  async licencesOf(person: { idNumber: string; name: string }): Promise<ExternalLicence[]> {
    return DEMO_LICENCES.filter((l) => l.holderId === person.idNumber || l.legalRepId === person.idNumber);
  }
}

const ZHANG = '370883195603124223';
const LI = '370883198807151016';
const WANG = '370883194811204522';
const SHOP = '92370883MA3C5K8L2Y';

const idCard = (sourceRef: string, holderId: string, holderName: string, sex: string, address: string, issuedOn: string, validUntil: string | null): ExternalLicence => ({
  sourceRef, type: '居民身份证', number: holderId, holderKind: 'person', holderName, holderId, issuer: '邹城市公安局',
  issuedOn, validFrom: issuedOn, validUntil, revoked: false,
  fields: { sex, ethnicity: '汉', birthDate: `${holderId.slice(6, 10)}年${Number(holderId.slice(10, 12))}月${Number(holderId.slice(12, 14))}日`, address },
});

const DEMO_LICENCES: readonly ExternalLicence[] = [
  idCard('demo-id-zhang', ZHANG, '张秀英', '女', '山东省邹城市钢山街道孟庄社区', '2016-03-18', null),
  {
    sourceRef: 'demo-hukou-zhang', type: '居民户口簿', number: '370883001004-0317', holderKind: 'person', holderName: '张秀英', holderId: ZHANG,
    issuer: '邹城市公安局钢山派出所', issuedOn: '2012-06-05', validFrom: '2012-06-05', validUntil: null, revoked: false,
    fields: { householdHead: '张秀英', householdType: '家庭户', relation: '户主', address: '山东省邹城市钢山街道孟庄社区' },
  },
  idCard('demo-id-li', LI, '李建国', '男', '山东省邹城市钢山街道孟庄社区', '2019-08-02', '2039-08-02'),
  {
    sourceRef: 'demo-marriage-li', type: '结婚证', number: 'J370883-2014-003187', holderKind: 'person', holderName: '李建国', holderId: LI,
    issuer: '邹城市民政局', issuedOn: '2014-05-20', validFrom: '2014-05-20', validUntil: null, revoked: false,
    fields: { registeredOn: '2014年5月20日', spouse: '赵丽' },
  },
  {
    sourceRef: 'demo-licence-shop', type: '营业执照', number: SHOP, holderKind: 'org', holderName: '邹城市建国便利店', holderId: SHOP, legalRepId: LI,
    issuer: '邹城市市场监督管理局', issuedOn: '2021-04-12', validFrom: '2021-04-12', validUntil: null, revoked: false,
    fields: { orgType: '个体工商户', legalRep: '李建国', registeredCapital: '—', foundedOn: '2021年4月12日', address: '山东省邹城市钢山街道孟庄社区东街 12 号', scope: '日用百货、食品销售' },
  },
  idCard('demo-id-wang', WANG, '王桂兰', '女', '山东省邹城市钢山街道孟庄社区', '2008-11-26', null),
  {
    sourceRef: 'demo-disability-wang', type: '残疾人证', number: '37088319481120452243', holderKind: 'person', holderName: '王桂兰', holderId: WANG,
    issuer: '邹城市残疾人联合会', issuedOn: '2021-09-10', validFrom: '2021-09-10', validUntil: '2031-09-10', revoked: false,
    fields: { category: '肢体残疾', grade: '三级' },
  },
  {
    sourceRef: 'demo-sscard-wang', type: '社会保障卡', number: 'S37088300219', holderKind: 'person', holderName: '王桂兰', holderId: WANG,
    issuer: '济宁市人力资源和社会保障局', issuedOn: '2018-03-01', validFrom: '2018-03-01', validUntil: '2028-03-01', revoked: false,
    fields: { bank: '中国农业银行' },
  },
];
