/**
 * The FileStore contract, run against both backends (LocalDiskStore, DatabaseFileStore on the
 * test engine: in-memory SQLite, or its own PostgreSQL schema when TEST_DB=postgres): round trips
 * from empty to many rows, streamed reads, idempotent puts, refused keys, an aborted upload that
 * leaves nothing, and copies of the stored form between the two (what files:migrate does).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase, type DbHandle } from '../db/index.js';
import { migrateToLatest } from '../db/migrate.js';
import { createPgSchema, testEngine } from '../testing.js';
import { DataProtector, FILE_RECORD_BYTES } from './crypto.js';
import { LocalDiskStore, type FileBackend } from './files.js';
import { DatabaseFileStore } from './files-database.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'bm-stores-'));
const protector = new DataProtector(randomBytes(32));
/** Small rows, so a file of a megabyte spans fifteen of them. */
const CHUNK = 70_000;
let dbh: DbHandle;

beforeAll(async () => {
  const databaseUrl = testEngine() === 'postgres' ? (await createPgSchema(process.env.TEST_DATABASE_URL!)).url : undefined;
  dbh = openDatabase({ databaseUrl, sqliteFile: ':memory:', dataDir: scratch });
  await migrateToLatest(dbh);
});
afterAll(async () => {
  await dbh?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const blobRows = async (key: string) =>
  Number((await dbh.db.selectFrom('file_blobs').select((eb) => eb.fn.countAll().as('n')).where('storage_key', '=', key).executeTakeFirstOrThrow()).n);
/** Rows of uploads not (or never to be) finished: their keys begin with ".tmp-". */
const tempRows = async () =>
  Number((await dbh.db.selectFrom('file_blobs').select((eb) => eb.fn.countAll().as('n')).where('storage_key', 'like', '.tmp-%').executeTakeFirstOrThrow()).n);
const diskEntries = (root: string): string[] => {
  try {
    return readdirSync(root, { recursive: true }) as string[];
  } catch {
    return [];
  }
};

async function* failingAfter(data: Buffer, bytes: number) {
  yield data.subarray(0, bytes);
  throw new Error('client went away');
}

const backends: { name: string; make: () => FileBackend; leftovers: () => Promise<number> }[] = [
  { name: 'LocalDiskStore', make: () => new LocalDiskStore(path.join(scratch, 'disk'), protector), leftovers: async () => diskEntries(path.join(scratch, 'disk')).filter((e) => e.endsWith('.tmp')).length },
  { name: `DatabaseFileStore (${testEngine()})`, make: () => new DatabaseFileStore(dbh.db, protector, { chunkBytes: CHUNK }), leftovers: tempRows },
];

describe.each(backends)('FileStore contract: $name', ({ make, leftovers }) => {
  let store: FileBackend;
  beforeAll(() => {
    store = make();
  });

  it('round-trips empty, small, record-sized and multi-row files, with their SHA-256 and size', async () => {
    for (const size of [0, 1, 65_536, 1_000_003]) {
      const data = randomBytes(size);
      const put = await store.put(data);
      expect(put).toMatchObject({ size, sha256: createHash('sha256').update(data).digest('hex') });
      expect(put.key).toMatch(/^[0-9a-f]{64}$/);
      expect(await store.has(put.key)).toBe(true);
      expect((await store.get(put.key)).equals(data)).toBe(true);
    }
  });

  it('streams a large file a record at a time and takes a stream of pieces', async () => {
    const data = randomBytes(1_500_000);
    async function* pieces() {
      for (let i = 0; i < data.length; i += 7_001) yield data.subarray(i, i + 7_001);
    }
    const { key } = await store.put(pieces());
    const sizes: number[] = [];
    const got: Buffer[] = [];
    for await (const piece of await store.open(key)) {
      sizes.push((piece as Buffer).length);
      got.push(piece as Buffer);
    }
    expect(Buffer.concat(got).equals(data)).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(FILE_RECORD_BYTES);
    expect(sizes.length).toBeGreaterThan(10);
  });

  it('stores the same content once, under the same key, however often it is put', async () => {
    const data = randomBytes(200_000);
    const [a, b] = await Promise.all([store.put(data), store.put(data)]);
    const c = await store.put(data);
    expect(new Set([a.key, b.key, c.key]).size).toBe(1);
    expect((await store.get(a.key)).equals(data)).toBe(true);
    expect(await leftovers()).toBe(0);
    if (store instanceof DatabaseFileStore) {
      // one object's rows (header + 200 000 bytes + 4 tags), not three
      expect(await blobRows(a.key)).toBe(Math.ceil((40 + 200_000 + 4 * 16) / CHUNK));
    }
  });

  it('refuses keys that are not content names, and reports a missing one', async () => {
    for (const bad of ['../../secret.key', 'A'.repeat(64), '', 'ab', `${'0'.repeat(63)}/`]) {
      await expect(store.get(bad)).rejects.toThrow(/invalid file key/);
      await expect(store.open(bad)).rejects.toThrow(/invalid file key/);
    }
    await expect(store.get('0'.repeat(64))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.has('0'.repeat(64))).toBe(false);
  });

  it('leaves nothing behind when the upload stream fails part way', async () => {
    const data = randomBytes(400_000);
    await expect(store.put(failingAfter(data, 250_000))).rejects.toThrow(/went away/);
    expect(await leftovers()).toBe(0);
    // the same content, put whole afterwards, is stored and read normally
    const { key } = await store.put(data);
    expect((await store.get(key)).equals(data)).toBe(true);
  });

  it('refuses a stored object that was changed', async () => {
    const data = randomBytes(150_000);
    const { key } = await store.put(data);
    if (store instanceof DatabaseFileStore) {
      const row = await dbh.db.selectFrom('file_blobs').select('bytes').where('storage_key', '=', key).where('seq', '=', 1).executeTakeFirstOrThrow();
      const bytes = Buffer.from(row.bytes);
      bytes[10] ^= 1;
      await dbh.db.updateTable('file_blobs').set({ bytes }).where('storage_key', '=', key).where('seq', '=', 1).execute();
    } else {
      const file = path.join(scratch, 'disk', key.slice(0, 2), key.slice(2, 4), key);
      const bytes = Buffer.from(await (await import('node:fs/promises')).readFile(file));
      bytes[100_000] ^= 1;
      writeFileSync(file, bytes);
    }
    await expect(store.get(key)).rejects.toThrow();
  });
});

describe(`DatabaseFileStore (${testEngine()})`, () => {
  it('reads a row at a time: a download stopped after its first piece has read one or two rows', async () => {
    const store = new DatabaseFileStore(dbh.db, protector, { chunkBytes: CHUNK });
    const { key } = await store.put(randomBytes(1_000_000));
    const reads = vi.spyOn(dbh.db, 'selectFrom');
    try {
      const stream = await store.open(key);
      for await (const piece of stream) {
        expect((piece as Buffer).length).toBeGreaterThan(0);
        break;
      }
      expect(reads.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      reads.mockRestore();
    }
  });

  it('sweeps uploads abandoned a day ago, and only those', async () => {
    const store = new DatabaseFileStore(dbh.db, protector, { chunkBytes: CHUNK });
    const now = Date.UTC(2026, 11, 8);
    const old = `.tmp-${String(now - 2 * 86_400_000).padStart(13, '0')}-x`;
    const recent = `.tmp-${String(now - 60_000).padStart(13, '0')}-y`;
    for (const storage_key of [old, recent]) await dbh.db.insertInto('file_blobs').values({ storage_key, seq: 0, bytes: Buffer.from('partial') }).execute();
    expect(await store.sweepAbandoned(now)).toBe(1);
    const left = await dbh.db.selectFrom('file_blobs').select('storage_key').where('storage_key', 'in', [old, recent]).execute();
    expect(left.map((r) => r.storage_key)).toEqual([recent]);
    await dbh.db.deleteFrom('file_blobs').where('storage_key', '=', recent).execute();
  });
});

describe('copying the stored form between backends (files:migrate)', () => {
  it('moves an object disk → database → disk under the same key, and serves files stored before encryption', async () => {
    const disk = new LocalDiskStore(path.join(scratch, 'copy-disk'), protector);
    const database = new DatabaseFileStore(dbh.db, protector, { chunkBytes: CHUNK });
    const back = new LocalDiskStore(path.join(scratch, 'copy-back'), protector);
    const data = randomBytes(333_333);
    const { key } = await disk.put(data);
    await database.putStored(key, await disk.openStored(key));
    await database.putStored(key, await disk.openStored(key));
    expect(await blobRows(key)).toBe(Math.ceil((40 + 333_333 + 6 * 16) / CHUNK));
    expect((await database.get(key)).equals(data)).toBe(true);
    await back.putStored(key, await database.openStored(key));
    expect((await back.get(key)).equals(data)).toBe(true);

    // an old plain file, named by its SHA-256
    const plain = Buffer.from('%PDF-1.4 stored before encryption');
    const plainKey = createHash('sha256').update(plain).digest('hex');
    const file = path.join(scratch, 'copy-disk', plainKey.slice(0, 2), plainKey.slice(2, 4), plainKey);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, plain);
    await database.putStored(plainKey, await disk.openStored(plainKey));
    expect((await database.get(plainKey)).equals(plain)).toBe(true);
  });
});

describe('FILE_STORE', () => {
  it('defaults to disk, takes database, and stops the start on anything else with a clear message', () => {
    expect(loadConfig({}).fileStore).toBe('disk');
    expect(loadConfig({ FILE_STORE: 'database' }).fileStore).toBe('database');
    for (const bad of ['s3', 'Database', '']) {
      expect(() => loadConfig({ FILE_STORE: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ FILE_STORE: bad })).toThrow(/FILE_STORE must be disk .* or database/);
    }
  });
});
