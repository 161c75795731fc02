/**
 * 亮证 codes (codes.ts): `BML1.<payload>.<signature>`, Ed25519 over `BML1.<payload>`. decodeCode
 * checks the form, then the key, then the signature, then the time — so a changed code is called
 * changed even when it is also late. The licence's state and replays are the service's
 * (licences.api.test.ts).
 */
import type { KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CODE_PREFIX, codeDigest, decodeCode, generateSigningKey, newNonce, privateKeyFromPem, publicKeyFromRaw, sameDigest, signCode, type CodePayload, type SigningKey,
} from './codes.js';

const NOW = 1_795_000_000;

function keyPair(kid: string): { signing: SigningKey; publicKey: KeyObject; raw: string } {
  const { publicKey, privateKeyPem } = generateSigningKey();
  return { signing: { kid, privateKey: privateKeyFromPem(privateKeyPem) }, publicKey: publicKeyFromRaw(publicKey), raw: publicKey };
}

const key = keyPair('k1');
const other = keyPair('k2');
const keyOf = (kid: string) => (kid === 'k1' ? key.publicKey : kid === 'k2' ? other.publicKey : undefined);

const payload = (over: Partial<CodePayload> = {}): CodePayload => ({
  kid: 'k1', lid: 'lic-1', n: newNonce(), iat: NOW, exp: NOW + 300,
  t: '居民身份证', hm: '张*英', num: '3708**********4223', iss: '邹城市公安局', io: '2016-03-18', vu: null,
  hn: '张秀英', f: [['性别', '女']],
  ...over,
});

const parts = (token: string) => token.split('.') as [string, string, string];
const encode = (p: unknown) => Buffer.from(JSON.stringify(p)).toString('base64url');

describe('亮证 codes', () => {
  it('round trip: what was signed is what decodes, with the prefix and three parts', () => {
    const p = payload();
    const token = signCode(p, key.signing);
    expect(parts(token)).toHaveLength(3);
    expect(token.startsWith(`${CODE_PREFIX}.`)).toBe(true);
    expect(decodeCode(token, keyOf, NOW)).toEqual({ ok: true, payload: p });
    // surrounding whitespace (a pasted code) is no change
    expect(decodeCode(`  ${token}\n`, keyOf, NOW + 299)).toEqual({ ok: true, payload: p });
    // the raw public key is the JWK's x (32 bytes) and checks the code on its own
    expect(Buffer.from(key.raw, 'base64url')).toHaveLength(32);
    expect(decodeCode(token, () => publicKeyFromRaw(key.raw), NOW).ok).toBe(true);
  });

  it('a changed payload (same signature) is bad_signature', () => {
    const token = signCode(payload(), key.signing);
    const [prefix, body, signature] = parts(token);
    const decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CodePayload;
    for (const changed of [{ ...decoded, hn: '李建国' }, { ...decoded, exp: decoded.exp + 3600 }, { ...decoded, num: '370883195603124223' }, { ...decoded, lid: 'lic-2' }]) {
      expect(decodeCode(`${prefix}.${encode(changed)}.${signature}`, keyOf, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    }
    // one byte of the payload's JSON changed in place
    const bytes = Buffer.from(body, 'base64url');
    const at = bytes.indexOf('"lic-1"') + 5;
    bytes[at] = '2'.charCodeAt(0);
    expect(decodeCode(`${prefix}.${bytes.toString('base64url')}.${signature}`, keyOf, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('a changed signature, a short one, or one by another key is bad_signature', () => {
    const token = signCode(payload(), key.signing);
    const [prefix, body, signature] = parts(token);
    const sig = Buffer.from(signature, 'base64url');
    expect(sig).toHaveLength(64);
    for (const i of [0, 31, 63]) {
      const flipped = Buffer.from(sig);
      flipped[i] = flipped[i]! ^ 0x01;
      expect(decodeCode(`${prefix}.${body}.${flipped.toString('base64url')}`, keyOf, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    }
    expect(decodeCode(`${prefix}.${body}.${sig.subarray(0, 63).toString('base64url')}`, keyOf, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    // signed by k2's private key but naming k1
    const forged = signCode(payload(), { kid: 'k1', privateKey: other.signing.privateKey });
    expect(decodeCode(forged, keyOf, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    // the same code under the other key's id: signature checked with k2's public key
    const [, body2, sig2] = parts(signCode(payload({ kid: 'k2' }), key.signing));
    expect(decodeCode(`${prefix}.${body2}.${sig2}`, keyOf, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('wrong prefix, wrong number of parts, not base64url, not JSON or not a payload: malformed', () => {
    const token = signCode(payload(), key.signing);
    const [, body, signature] = parts(token);
    const malformed = [
      '', 'garbage', '...', 'BML1', `BML1.${body}`, `${token}.extra`, `BML2.${body}.${signature}`, `bml1.${body}.${signature}`,
      `BML1..${signature}`, `BML1.${body}.`, `BML1.${body}+.${signature}`, `BML1.${body}.${signature}=`, `BML1.${body}.sig nature`,
      `BML1.${Buffer.from('not json').toString('base64url')}.${signature}`,
      `BML1.${encode({ kid: 'k1' })}.${signature}`,
      `BML1.${encode({ ...payload(), iat: 'soon' })}.${signature}`,
      `BML1.${encode({ ...payload(), vu: 5 })}.${signature}`,
      `BML1.${encode({ ...payload(), hn: 7 })}.${signature}`,
      `BML1.${encode(null)}.${signature}`,
      `BML1.${encode([1, 2, 3])}.${signature}`,
    ];
    for (const bad of malformed) expect(decodeCode(bad, keyOf, NOW), bad).toEqual({ ok: false, reason: 'malformed' });
  });

  it('a key id not known is unknown_key', () => {
    const token = signCode(payload({ kid: 'k-retired-elsewhere' }), key.signing);
    expect(decodeCode(token, keyOf, NOW)).toEqual({ ok: false, reason: 'unknown_key' });
    expect(decodeCode(signCode(payload(), key.signing), () => undefined, NOW)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('expired once exp is reached (the payload still given); a tampered and expired code is bad_signature', () => {
    const p = payload();
    const token = signCode(p, key.signing);
    expect(decodeCode(token, keyOf, p.exp - 1)).toEqual({ ok: true, payload: p });
    expect(decodeCode(token, keyOf, p.exp)).toEqual({ ok: false, reason: 'expired', payload: p });
    expect(decodeCode(token, keyOf, p.exp + 86_400)).toMatchObject({ ok: false, reason: 'expired' });
    const [prefix, , signature] = parts(token);
    const tampered = `${prefix}.${encode({ ...p, hn: '王桂兰' })}.${signature}`;
    expect(decodeCode(tampered, keyOf, p.exp + 10)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('1,000 codes, each with its own nonce, all verify (speed is measured elsewhere, not asserted here)', () => {
    const made = Array.from({ length: 1000 }, (_, i) => payload({ lid: `lic-${i}`, iat: NOW + i, exp: NOW + i + 300 }));
    const tokens = made.map((p) => signCode(p, key.signing));
    expect(new Set(tokens).size).toBe(1000);
    expect(new Set(made.map((p) => p.n)).size).toBe(1000);
    const results = tokens.map((tk) => decodeCode(tk, keyOf, NOW + 250));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.map((r) => (r.ok ? r.payload.lid : null))).toEqual(made.map((p) => p.lid));
  });

  it('a code\'s digest covers all of it: one character changed anywhere is another digest; surrounding space is not part of the code', () => {
    const token = signCode(payload(), key.signing);
    const digest = codeDigest(token);
    expect(digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sameDigest(digest, codeDigest(` ${token}\n`))).toBe(true);
    for (const at of [0, 10, token.indexOf('.', 5) + 3, token.length - 1]) {
      const changed = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
      expect(sameDigest(digest, codeDigest(changed)), `changed at ${at}`).toBe(false);
    }
    expect(sameDigest(digest, digest.slice(0, 20))).toBe(false);
  });
});
