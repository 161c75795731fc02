/**
 * The licences module's contract (电子证照, issue 15): the wallet, one licence with its 用证记录,
 * 亮证 codes and their verification, the public keys for checking codes offline, and the staff's
 * views (a licence a case used; the licences the platform issued, and revoking one). The web app
 * infers its types from these (type-only imports). API-CONTRACT.md fixes the wallet's item fields,
 * `{ token, expiresAt }` of show and the verification's `{ valid, reason?, licence? }`.
 */
import { z } from 'zod';
import { LICENCE_CODE_REASONS, LICENCE_SOURCES, LICENCE_STATUSES } from '../../../shared/licences.js';
import { freeText, regionCode } from '../../../shared/fields.js';
import { pageQuery } from '../../platform/openapi.js';

export const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '证照编号不正确') });
export const caseLicenceParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '办件编号不正确'),
  licenceId: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '证照编号不正确'),
});

const status = z.enum(Object.keys(LICENCE_STATUSES) as [keyof typeof LICENCE_STATUSES, ...(keyof typeof LICENCE_STATUSES)[]]);
const source = z.enum(Object.keys(LICENCE_SOURCES) as [keyof typeof LICENCE_SOURCES, ...(keyof typeof LICENCE_SOURCES)[]]);
const day = z.string().describe('YYYY-MM-DD');

export const licenceField = z.object({ key: z.string(), label: z.string(), value: z.string() });

/** A licence as the wallet lists it (the number masked when it is a personal number). */
export const licenceSummary = z.object({
  id: z.string(),
  type: z.string().describe('licence type, as the catalog names it (居民身份证, 山东省老年人优待证 …)'),
  number: z.string().describe('masked when it is a personal number (the ID number itself)'),
  holderName: z.string(),
  holderKind: z.enum(['person', 'org']),
  issuer: z.string(),
  issuedOn: day,
  validFrom: day,
  validUntil: day.nullable().describe('null: 长期有效'),
  status,
  statusLabel: z.string(),
  source,
  sourceLabel: z.string(),
});

export const walletSource = z.object({ name: source, label: z.string(), ok: z.boolean(), message: z.string().nullable() });
export const wallet = z.object({
  items: z.array(licenceSummary),
  /** each licence library asked, and whether it answered (a library that did not leaves its licences as last seen) */
  sources: z.array(walletSource),
  /** false: the account has no ID number on file (实名信息 not filled in), so no licence can be found for it */
  idNumberOnFile: z.boolean(),
});

/** One use of a licence: a case it stood in for a material, or a 亮证 code someone verified. */
export const licenceUse = z.object({
  kind: z.enum(['case', 'verify']),
  at: z.string(),
  licenceId: z.string(),
  licenceType: z.string(),
  caseNo: z.string().nullable(),
  itemName: z.string().nullable(),
  materialName: z.string().nullable(),
  /** who used it: 本人网上申请, 钢山街道 窗口收件, 帮办代办员代为申请, 扫码核验 */
  by: z.string(),
  /** what a verifier was shown beyond the always-shown fields (labels) */
  shown: z.array(z.string()),
});
export const licenceUses = z.object({ items: z.array(licenceUse) });

export const licenceDetail = licenceSummary.extend({
  number: z.string().describe('in full: the holder (or staff on a case that used it) is looking'),
  holderIdMasked: z.string(),
  fields: z.array(licenceField),
  caseNo: z.string().nullable().describe('the case whose result it is (licences the platform issued)'),
  itemName: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  /** what the holder may choose to show a verifier (key and label) */
  disclosable: z.array(z.object({ key: z.string(), label: z.string() })),
  uses: z.array(licenceUse),
});

export const showBody = z.strictObject({
  fields: z.array(z.string().min(1).max(40)).max(20).default([]).describe('keys from the licence\'s `disclosable`: what the verifier sees beyond the always-shown fields'),
});
export const shownCode = z.object({
  token: z.string().describe('the signed 亮证 code (Ed25519); GET /api/v1/licences/verify accepts it once, until expiresAt'),
  expiresAt: z.string(),
  verifyUrl: z.string().describe('the page a phone camera opens from the QR code'),
  qrSvg: z.string().describe('the QR code of verifyUrl, as SVG'),
  shown: z.array(z.string()).describe('labels of what the verifier will see beyond the always-shown fields'),
});

export const verifyQuery = z.object({ token: z.string().min(1, '请输入证照码').max(4000, '证照码过长') });
const reason = z.enum(Object.keys(LICENCE_CODE_REASONS) as [keyof typeof LICENCE_CODE_REASONS, ...(keyof typeof LICENCE_CODE_REASONS)[]]);
export const verification = z.object({
  valid: z.boolean(),
  reason: reason.optional(),
  message: z.string().describe('in words, for the person checking'),
  checkedAt: z.string(),
  licence: z.object({
    type: z.string(),
    holderMasked: z.string(),
    number: z.string().describe('masked unless the holder chose to show it in full'),
    issuer: z.string(),
    validUntil: day.nullable(),
    issuedOn: day,
    status,
    holderName: z.string().optional().describe('only when the holder chose to show it'),
    fields: z.array(z.object({ label: z.string(), value: z.string() })).describe('the type\'s own fields the holder chose to show'),
    shownAt: z.string().describe('when the code was made'),
  }).optional(),
});

export const publicKeys = z.object({
  algorithm: z.literal('Ed25519'),
  format: z.string().describe('how a code is built and checked'),
  keys: z.array(z.object({
    kid: z.string(),
    publicKey: z.string().describe('the raw 32-byte public key, base64url'),
    jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string() }),
    createdAt: z.string(),
    retiredAt: z.string().nullable(),
  })),
});

/** The workbench's list: licences the platform issued in the staff member's area. */
export const staffListQuery = z.object({
  region: regionCode.optional(),
  status: status.optional(),
  q: freeText(50).optional().describe('licence type, number or holder name'),
  ...pageQuery,
});
export const issuedLicence = licenceSummary.extend({
  number: z.string(),
  holderIdMasked: z.string(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  itemName: z.string().nullable(),
  issuerRegionCode: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  /** the staff member may revoke it (case.decide over the issuing place) */
  canRevoke: z.boolean(),
});
export const issuedList = z.object({ total: z.number().int(), items: z.array(issuedLicence) });
export const revokeBody = z.strictObject({ reason: freeText(500).min(2, '请填写注销原因') });
