import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual, type Hmac } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const KEY_FILE = 'secret.key';

/**
 * The master key: DATA_KEY (64 hex chars or base64 of 32 bytes) or `DATA_DIR/secret.key`,
 * created with mode 0600 on first start. Losing it makes encrypted personal data unreadable:
 * OPERATIONS.md says to back it up apart from the database.
 */
export function loadMasterKey(dataDir: string, fromEnv?: string): Buffer {
  const existing = findMasterKey(dataDir, fromEnv);
  if (existing) return existing;
  const file = masterKeyFile(dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

export const masterKeyFile = (dataDir: string): string => path.join(dataDir, KEY_FILE);

/**
 * The master key as `loadMasterKey` finds it, or null where it would make a new one: for
 * commands that check data made with the server's key (audit:verify), where a new key would
 * only make everything look forged.
 */
export function findMasterKey(dataDir: string, fromEnv?: string): Buffer | null {
  if (fromEnv) return parseKey(fromEnv, 'DATA_KEY');
  const file = masterKeyFile(dataDir);
  return existsSync(file) ? parseKey(readFileSync(file, 'utf8').trim(), file) : null;
}

function parseKey(text: string, source: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${source}: the data key must be 32 bytes (64 hex characters or base64)`);
  return key;
}

/**
 * Stored files (uploaded materials, catalog attachments): an 8-byte magic ("\0BMFILE" and format
 * version 1), a 32-byte random salt, then the content in records of 64 KiB, each sealed with
 * AES-256-GCM (ciphertext followed by its 16-byte tag; the last record may be shorter, and is
 * sealed even when empty). The per-file key is HKDF(file key, salt), so nonces can be the record
 * number (11 bytes) and a last-record flag (1 byte) — the STREAM construction: records cannot be
 * reordered, dropped or cut off at the end without failing authentication. Records let a file be
 * written and read a piece at a time, never whole in memory.
 */
export const FILE_MAGIC = Buffer.from('\0BMFILE\x01', 'latin1');
export const FILE_HEADER_BYTES = FILE_MAGIC.length + 32;
const FILE_CHUNK_BYTES = 64 * 1024;
const GCM_TAG_BYTES = 16;
export const FILE_RECORD_BYTES = FILE_CHUNK_BYTES + GCM_TAG_BYTES;

/** Files stored before encryption begin with their own bytes (PDF, PNG, JPEG, Office, OFD), never with a NUL. */
export const isEncryptedFile = (head: Buffer): boolean => head.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC);

const asBuffer = (piece: Uint8Array): Buffer => (Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));

function recordNonce(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 3);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/**
 * Encrypts personal numbers (AES-256-GCM, random 96-bit IV) and makes keyed lookup hashes
 * (HMAC-SHA256) so an exact-match search never needs the plaintext in the database.
 * Stored form: "v1.<iv>.<tag>.<ciphertext>" in base64url.
 */
export class DataProtector {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;
  private readonly csrfKey: Buffer;
  private readonly auditKey: Buffer;
  private readonly fileKey: Buffer;
  private readonly fileNameKey: Buffer;

  constructor(master: Buffer) {
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
    this.encKey = derive('bianmin/encrypt/v1');
    this.hashKey = derive('bianmin/lookup-hash/v1');
    this.csrfKey = derive('bianmin/csrf/v1');
    this.auditKey = derive('bianmin/audit-chain/v1');
    this.fileKey = derive('bianmin/file-encrypt/v1');
    this.fileNameKey = derive('bianmin/file-name/v1');
  }

  /** Random bytes for IVs, drawn 4 KiB at a time: one call into the random source per 341 IVs, not one per value. */
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  private nextIv(): Buffer {
    if (this.ivOffset + 12 > this.ivPool.length) {
      this.ivPool = randomBytes(4092);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + 12);
    this.ivOffset += 12;
    return iv;
  }

  encrypt(plain: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(stored: string): string {
    const [version, iv, tag, ct] = stored.split('.');
    if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  lookupHash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value).digest('base64url');
  }

  csrfTokenFor(sessionToken: string): string {
    return createHmac('sha256', this.csrfKey).update(sessionToken).digest('base64url');
  }

  /** HMAC-SHA256 (hex) for the audit chain (platform/audit.ts): only a holder of the master key can extend or rewrite it. */
  auditMac(data: string): string {
    return createHmac('sha256', this.auditKey).update(data).digest('hex');
  }

  /**
   * A keyed hash of a file's content for its name on disk: content-addressed like a plain
   * SHA-256, but a copy of the folder does not confirm which known documents it holds.
   */
  fileNameHmac(): Hmac {
    return createHmac('sha256', this.fileNameKey);
  }

  private fileRecordKey(salt: Buffer): Buffer {
    return Buffer.from(hkdfSync('sha256', this.fileKey, salt, 'bianmin/file-record/v1', 32));
  }

  /** The stored form of a file (see FILE_MAGIC), yielded a header and then a record at a time. */
  async *encryptFile(source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
    const header = Buffer.concat([FILE_MAGIC, randomBytes(FILE_HEADER_BYTES - FILE_MAGIC.length)]);
    const key = this.fileRecordKey(header.subarray(FILE_MAGIC.length));
    yield header;
    const seal = (parts: Buffer[], index: number, last: boolean): Buffer => {
      const cipher = createCipheriv('aes-256-gcm', key, recordNonce(index, last));
      cipher.setAAD(header);
      const out = parts.map((p) => cipher.update(p));
      out.push(cipher.final(), cipher.getAuthTag());
      return Buffer.concat(out);
    };
    let parts: Buffer[] = [];
    let size = 0;
    let index = 0;
    for await (const piece of source) {
      let rest = asBuffer(piece);
      while (rest.length > 0) {
        // A full chunk is sealed only once more data shows it is not the last one.
        if (size === FILE_CHUNK_BYTES) {
          yield seal(parts, index++, false);
          parts = [];
          size = 0;
        }
        const n = Math.min(FILE_CHUNK_BYTES - size, rest.length);
        parts.push(rest.subarray(0, n));
        size += n;
        rest = rest.subarray(n);
      }
    }
    yield seal(parts, index, true);
  }

  /** The content of a stored file, from its header and the bytes after it; throws on any change to them. */
  async *decryptFile(header: Buffer, records: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
    if (header.length !== FILE_HEADER_BYTES || !isEncryptedFile(header)) throw new Error('unknown stored file format');
    const key = this.fileRecordKey(header.subarray(FILE_MAGIC.length));
    const open = (record: Buffer, index: number, last: boolean): Buffer => {
      if (record.length < GCM_TAG_BYTES) throw new Error('stored file is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, recordNonce(index, last));
      decipher.setAAD(header);
      decipher.setAuthTag(record.subarray(record.length - GCM_TAG_BYTES));
      const plain = decipher.update(record.subarray(0, record.length - GCM_TAG_BYTES));
      decipher.final();
      return plain;
    };
    let pending: Buffer = Buffer.alloc(0);
    let index = 0;
    for await (const piece of records) {
      pending = pending.length === 0 ? asBuffer(piece) : Buffer.concat([pending, piece]);
      // A whole record is opened only once more bytes show it is not the last one.
      while (pending.length > FILE_RECORD_BYTES) {
        yield open(pending.subarray(0, FILE_RECORD_BYTES), index++, false);
        pending = pending.subarray(FILE_RECORD_BYTES);
      }
    }
    yield open(pending, index, true);
  }
}

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/** JSON with sorted keys: the same request always hashes the same (Idempotency-Key checks). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
