/**
 * 电子证照 (GB/T 36902-2018, DOMAIN.md §9): the licence types the platform knows, their holders and
 * the fields each carries beyond the standard's core (number, holder, issuer, issue date, valid
 * from/to, status). Shared by the server (wallet, 亮证 codes, verification) and the web pages.
 *
 * A licence type is named as the catalog names it: a material's 关联电子证照类型 ("居民身份证")
 * and an item's 办理结果 of type 证照 ("山东省老年人优待证") are type names, so a licence issued
 * as one item's result satisfies another item's material of the same name.
 */

export type LicenceHolderKind = 'person' | 'org';

export interface LicenceFieldDef {
  key: string;
  label: string;
}

export interface LicenceTypeDef {
  name: string;
  holder: LicenceHolderKind;
  /** The number is a personal number (the ID number itself): masked wherever the holder is not looking. */
  personalNumber: boolean;
  /** Fields beyond the core, in the order a card shows them. */
  fields: readonly LicenceFieldDef[];
}

/** The standard types every deployment knows (DOMAIN.md §9; the names the catalog's materials use). */
export const STANDARD_LICENCE_TYPES: readonly LicenceTypeDef[] = [
  { name: '居民身份证', holder: 'person', personalNumber: true, fields: [{ key: 'sex', label: '性别' }, { key: 'ethnicity', label: '民族' }, { key: 'birthDate', label: '出生' }, { key: 'address', label: '住址' }] },
  { name: '居民户口簿', holder: 'person', personalNumber: false, fields: [{ key: 'householdHead', label: '户主姓名' }, { key: 'householdType', label: '户别' }, { key: 'relation', label: '与户主关系' }, { key: 'address', label: '住址' }] },
  { name: '营业执照', holder: 'org', personalNumber: false, fields: [{ key: 'orgType', label: '类型' }, { key: 'legalRep', label: '法定代表人' }, { key: 'registeredCapital', label: '注册资本' }, { key: 'foundedOn', label: '成立日期' }, { key: 'address', label: '住所' }, { key: 'scope', label: '经营范围' }] },
  { name: '不动产权证书', holder: 'person', personalNumber: false, fields: [{ key: 'location', label: '坐落' }, { key: 'unitNo', label: '不动产单元号' }, { key: 'rightType', label: '权利类型' }, { key: 'use', label: '用途' }, { key: 'area', label: '面积' }] },
  { name: '结婚证', holder: 'person', personalNumber: false, fields: [{ key: 'registeredOn', label: '登记日期' }, { key: 'spouse', label: '配偶姓名' }] },
  { name: '残疾人证', holder: 'person', personalNumber: false, fields: [{ key: 'category', label: '残疾类别' }, { key: 'grade', label: '残疾等级' }] },
  { name: '社会保障卡', holder: 'person', personalNumber: false, fields: [{ key: 'bank', label: '发卡银行' }] },
  { name: '老年人优待证', holder: 'person', personalNumber: false, fields: [{ key: 'birthDate', label: '出生日期' }] },
];

const STANDARD_BY_NAME = new Map(STANDARD_LICENCE_TYPES.map((t) => [t.name, t]));

/** The definition of a type; a catalog result's type (not a standard one) is a person's licence with only the core and the fields it was issued with. */
export function licenceTypeDef(name: string): LicenceTypeDef {
  return STANDARD_BY_NAME.get(name) ?? { name, holder: 'person', personalNumber: false, fields: [] };
}

export const LICENCE_STATUSES = { valid: '有效', expired: '已过期', revoked: '已注销' } as const;
export type LicenceStatus = keyof typeof LICENCE_STATUSES;

/** Where a licence in the wallet came from. */
export const LICENCE_SOURCES = { platform: '本平台办结签发', demo: '演示证照库', province: '山东省电子证照库' } as const;

/** A 亮证 code is good for this long (issue 15: five minutes). */
export const LICENCE_CODE_TTL_SECONDS = 300;

/**
 * What the holder may choose to show when presenting a licence, beyond what every verifier sees
 * (the type, the holder's masked name, the masked number, the issuer, the validity and the status):
 * the full name, the full number, and any of the type's own fields.
 */
export const DISCLOSABLE_CORE = { holderName: '持证人姓名（完整）', number: '证照编号（完整）' } as const;

/** Why a code is not accepted, as verification answers it. */
export const LICENCE_CODE_REASONS = {
  malformed: '无法识别的证照码，请持证人重新亮证',
  bad_signature: '证照码校验失败：内容被改动或不是本平台签发的',
  unknown_key: '证照码的签发密钥不认识：不是本平台签发的',
  expired: '证照码已过期（亮证码 5 分钟内有效），请持证人刷新后重新出示',
  replayed: '此证照码已被核验过，不能重复使用，请持证人刷新后重新出示',
  not_found: '证照已不存在',
  revoked: '证照已注销',
  licence_expired: '证照已超过有效期',
} as const;
export type LicenceCodeReason = keyof typeof LICENCE_CODE_REASONS;

/** 3708**********4223: the first four and last four characters of a number. */
export function maskLicenceNumber(number: string): string {
  if (number.length <= 8) return number.length <= 2 ? '*'.repeat(number.length) : `${number[0]}${'*'.repeat(number.length - 2)}${number.at(-1)}`;
  return `${number.slice(0, 4)}${'*'.repeat(number.length - 8)}${number.slice(-4)}`;
}
