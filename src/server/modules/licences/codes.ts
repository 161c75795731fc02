/**
 * 亮证 codes: what a holder shows, signed with Ed25519 so that anyone can check it — online at
 * GET /api/v1/licences/verify, or offline with the public key GET /api/v1/licences/keys publishes.
 *
 * Format (like a compact JWS, without its header): `BML1.<payload>.<signature>` where payload is the
 * base64url of the JSON below and signature the base64url Ed25519 signature of the ASCII bytes of
 * `BML1.<payload>`. The payload carries what the verifier may see, so an offline check shows it too;
 * an online check also asks whether the licence is still valid and whether the code was used before.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

export const CODE_PREFIX = 'BML1';

export interface CodePayload {
  /** the signing key's id */
  kid: string;
  /** the licence's id on this platform */
  lid: string;
  /** a random id of this code: accepted once */
  n: string;
  /** made at / good until (Unix seconds) */
  iat: number;
  exp: number;
  /** type, masked holder, number as shown (masked unless chosen), issuer, issued on, valid until (null: 长期) */
  t: string;
  hm: string;
  num: string;
  iss: string;
  io: string;
  vu: string | null;
  /** the holder's full name, when chosen */
  hn?: string;
  /** the number is shown in full (chosen) */
  nf?: true;
  /** the type's own fields the holder chose: [label, value] */
  f: [string, string][];
}

/** Labels of what the holder chose beyond what is always shown (the code carries no list of its own: a shorter code is an easier QR code). */
export function shownLabels(p: Pick<CodePayload, 'hn' | 'nf' | 'f'>, labels: { holderName: string; number: string }): string[] {
  return [...(p.hn !== undefined ? [labels.holderName] : []), ...(p.nf ? [labels.number] : []), ...p.f.map(([label]) => label)];
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function newNonce(): string {
  return randomBytes(12).toString('base64url');
}

/** A new Ed25519 key pair: the public key as raw base64url (32 bytes) and the private key as PKCS#8 PEM. */
export function generateSigningKey(): { publicKey: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: rawPublicKey(publicKey), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

export function privateKeyFromPem(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/** The raw 32-byte public key (base64url), as a JWK's `x`. */
export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' }) as { x?: string };
  if (!jwk.x) throw new Error('not an Ed25519 public key');
  return jwk.x;
}

export function publicKeyFromRaw(x: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

export function signCode(payload: CodePayload, key: SigningKey): string {
  const body = `${CODE_PREFIX}.${b64url(JSON.stringify(payload))}`;
  return `${body}.${b64url(sign(null, Buffer.from(body, 'ascii'), key.privateKey))}`;
}

export type DecodeResult =
  | { ok: true; payload: CodePayload }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'unknown_key' | 'expired'; payload?: CodePayload };

const isPayload = (p: unknown): p is CodePayload => {
  const o = p as Partial<CodePayload> | null;
  return typeof o === 'object' && o !== null && typeof o.kid === 'string' && typeof o.lid === 'string' && typeof o.n === 'string'
    && Number.isInteger(o.iat) && Number.isInteger(o.exp) && typeof o.t === 'string' && typeof o.hm === 'string' && typeof o.num === 'string'
    && typeof o.iss === 'string' && typeof o.io === 'string' && (o.vu === null || typeof o.vu === 'string') && Array.isArray(o.f) && o.f.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string')
    && (o.nf === undefined || o.nf === true)
    && (o.hn === undefined || typeof o.hn === 'string');
};

/** A code taken apart: its payload (well formed), the signed part and the signature (not yet checked). */
export interface ParsedCode {
  payload: CodePayload;
  signed: string;
  signature: Buffer;
}

/** Takes a code apart and checks its form only; undefined when it is not a code of this platform's format. */
export function parseCode(token: string): ParsedCode | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[0] !== CODE_PREFIX || !/^[A-Za-z0-9_-]+$/.test(parts[1]!) || !/^[A-Za-z0-9_-]+$/.test(parts[2]!)) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isPayload(payload)) return undefined;
  return { payload, signed: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
}

/** The digest of a whole code (payload and signature) the platform keeps of each code it issues. */
export function codeDigest(token: string): string {
  return createHash('sha256').update(token.trim(), 'ascii').digest('base64url');
}

/** Whether two digests are the same, in time that does not depend on where they differ. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64url');
  const y = Buffer.from(b, 'base64url');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function signatureHolds(code: ParsedCode, key: KeyObject): boolean {
  return code.signature.length === 64 && verify(null, Buffer.from(code.signed, 'ascii'), key, code.signature);
}

/**
 * Checks a code's form, signature and time, nothing else (the licence's state and whether the code
 * was used are the service's). `keyOf` gives the public key of a key id, or undefined.
 * The signature is checked before the expiry, so a changed code is called changed, not late.
 */
export function decodeCode(token: string, keyOf: (kid: string) => KeyObject | undefined, nowSeconds: number): DecodeResult {
  const code = parseCode(token);
  if (!code) return { ok: false, reason: 'malformed' };
  const key = keyOf(code.payload.kid);
  if (!key) return { ok: false, reason: 'unknown_key' };
  if (!signatureHolds(code, key)) return { ok: false, reason: 'bad_signature' };
  if (nowSeconds >= code.payload.exp) return { ok: false, reason: 'expired', payload: code.payload };
  return { ok: true, payload: code.payload };
}
