import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/index.js';
import { DataProtector, FILE_HEADER_BYTES, FILE_RECORD_BYTES } from './crypto.js';
import { LocalDiskStore, securePrivateDir } from './files.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'bm-store-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const mode = (p: string) => statSync(p).mode & 0o777;

describe('LocalDiskStore', () => {
  const protector = new DataProtector(randomBytes(32));
  const root = path.join(scratch, 'files');
  const store = new LocalDiskStore(root, protector);
  const fileOf = (key: string) => path.join(root, key.slice(0, 2), key.slice(2, 4), key);

  it('round-trips empty, one-record, exact-multiple and multi-record files', async () => {
    for (const size of [0, 1, 65_536, 2 * 65_536, 1_000_003]) {
      const data = randomBytes(size);
      const { key, size: stored } = await store.put(data);
      expect(stored).toBe(size);
      expect((await store.get(key)).equals(data)).toBe(true);
      expect(statSync(fileOf(key)).size).toBe(FILE_HEADER_BYTES + Math.max(1, Math.ceil(size / 65_536)) * 16 + size);
    }
  });

  it('takes a stream of pieces as well as a buffer, and names the file by a keyed hash', async () => {
    const data = randomBytes(300_000);
    async function* pieces() {
      for (let i = 0; i < data.length; i += 7_001) yield data.subarray(i, i + 7_001);
    }
    const streamed = await store.put(pieces());
    expect((await store.get(streamed.key)).equals(data)).toBe(true);
    expect(streamed.key).not.toBe(streamed.sha256);
    expect((await new LocalDiskStore(root, new DataProtector(randomBytes(32))).put(data)).key).not.toBe(streamed.key);
  });

  it('refuses a changed, reordered, cut-off or foreign-key file', async () => {
    const data = randomBytes(3 * 65_536 + 10);
    const { key } = await store.put(data);
    const original = readFileSync(fileOf(key));
    const tryWith = async (bytes: Buffer, reader = store) => {
      writeFileSync(fileOf(key), bytes);
      return reader.get(key);
    };
    const flipped = Buffer.from(original);
    flipped[FILE_HEADER_BYTES + 100] ^= 1;
    await expect(tryWith(flipped)).rejects.toThrow();
    const r = (i: number) => original.subarray(FILE_HEADER_BYTES + i * FILE_RECORD_BYTES, FILE_HEADER_BYTES + (i + 1) * FILE_RECORD_BYTES);
    await expect(tryWith(Buffer.concat([original.subarray(0, FILE_HEADER_BYTES), r(1), r(0), original.subarray(FILE_HEADER_BYTES + 2 * FILE_RECORD_BYTES)]))).rejects.toThrow();
    await expect(tryWith(original.subarray(0, FILE_HEADER_BYTES + 3 * FILE_RECORD_BYTES))).rejects.toThrow();
    await expect(tryWith(original, new LocalDiskStore(root, new DataProtector(randomBytes(32))))).rejects.toThrow();
    expect((await tryWith(original)).equals(data)).toBe(true);
  });
});

describe('data folder permissions', () => {
  it('creates DATA_DIR 0700 and tightens one an older version left open, with its key file', () => {
    const fresh = path.join(scratch, 'fresh', 'data');
    const log = { warn: vi.fn() };
    securePrivateDir(fresh, log);
    expect(mode(fresh)).toBe(0o700);

    const old = path.join(scratch, 'old');
    mkdirSync(path.join(old, 'files'), { recursive: true, mode: 0o755 });
    chmodSync(old, 0o755);
    chmodSync(path.join(old, 'files'), 0o755);
    writeFileSync(path.join(old, 'secret.key'), 'x', { mode: 0o644 });
    chmodSync(path.join(old, 'secret.key'), 0o644);
    securePrivateDir(old, log);
    expect([mode(old), mode(path.join(old, 'files')), mode(path.join(old, 'secret.key'))]).toEqual([0o700, 0o700, 0o600]);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('creates the SQLite database and its -wal and -shm with mode 0600, and tightens an older database', async () => {
    const dir = path.join(scratch, 'db', 'data');
    const dbh = openDatabase({ dataDir: dir });
    await dbh.db.schema.createTable('probe').addColumn('x', 'integer').execute();
    const file = path.join(dir, 'bianmin.sqlite');
    expect(mode(dir)).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f)).toBe(0o600);
    await dbh.close();

    chmodSync(file, 0o644);
    const again = openDatabase({ dataDir: dir });
    expect(mode(file)).toBe(0o600);
    await again.close();
  });
});
