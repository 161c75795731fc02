import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataProtector, loadMasterKey } from './crypto.js';

describe('DataProtector', () => {
  const p = new DataProtector(randomBytes(32));

  it('round-trips and never stores the plaintext', () => {
    const enc = p.encrypt('370883195603124223');
    expect(enc).not.toContain('370883195603124223');
    expect(p.decrypt(enc)).toBe('370883195603124223');
    expect(p.encrypt('13800000001')).not.toBe(p.encrypt('13800000001'));
  });

  it('detects tampering and a wrong key', () => {
    const enc = p.encrypt('13800000001');
    const parts = enc.split('.');
    const ct = Buffer.from(parts[3], 'base64url');
    ct[0] ^= 1;
    expect(() => p.decrypt([parts[0], parts[1], parts[2], ct.toString('base64url')].join('.'))).toThrow();
    expect(() => new DataProtector(randomBytes(32)).decrypt(enc)).toThrow();
  });

  it('makes stable keyed lookup hashes that depend on the key', () => {
    expect(p.lookupHash('13800000001')).toBe(p.lookupHash('13800000001'));
    expect(new DataProtector(randomBytes(32)).lookupHash('13800000001')).not.toBe(p.lookupHash('13800000001'));
  });
});

describe('loadMasterKey', () => {
  it('creates DATA_DIR/secret.key with mode 0600 once, then reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bm-key-'));
    const k1 = loadMasterKey(dir);
    const file = path.join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadMasterKey(dir).equals(k1)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toHaveLength(64);
  });

  it('takes DATA_KEY from the environment and rejects a short one', () => {
    const hex = randomBytes(32).toString('hex');
    expect(loadMasterKey('/nonexistent', hex).toString('hex')).toBe(hex);
    expect(() => loadMasterKey('/nonexistent', 'abcd')).toThrow(/32 bytes/);
  });
});
