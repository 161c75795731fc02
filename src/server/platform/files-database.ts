import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Db } from '../db/index.js';
import { FILE_HEADER_BYTES, type DataProtector } from './crypto.js';
import { assertFileKey, contentFromStored, LocalDiskStore, sealForStore, type FileBackend } from './files.js';

/** Rows of 512 KiB: few enough rows for a large scan, small enough that a read holds little in memory. */
export const DEFAULT_BLOB_CHUNK_BYTES = 512 * 1024;

/**
 * An upload in progress lives under `.tmp-<ms since 1970, 13 digits>-<uuid>`: never a valid key,
 * so never served, and ordered by time, so leftovers of a crashed process are found by one range.
 */
const TEMP_PREFIX = '.tmp-';
const tempKey = (now: number): string => `${TEMP_PREFIX}${String(now).padStart(13, '0')}-${randomUUID()}`;
/** A put still unfinished after a day was abandoned by a process that died. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e.message ?? '');
}

/**
 * FILE_STORE=database: the stored form of each file (the same bytes LocalDiskStore writes) in the
 * file_blobs table, in rows of `chunkBytes` numbered from 0. On PostgreSQL every app machine sees
 * the same files and pg_dump backs them up with the rest; on SQLite it is one file to copy.
 *
 * Written a row at a time under a temporary key, outside any transaction (an upload of minutes must
 * not hold the database's one writer on SQLite, or a pooled connection, for its duration), then
 * renamed to its key in one short transaction: a put that fails or is abandoned leaves no object
 * anyone can read. Read a row at a time: open() never holds a whole file.
 *
 * put() must not be called inside a transaction (db/guard.ts): store the bytes first, then write
 * the row that names them, as every caller does — so a row never names missing bytes.
 */
export class DatabaseFileStore implements FileBackend {
  private swept = false;
  private readonly chunkBytes: number;

  constructor(private readonly db: Db, private readonly protector: DataProtector, opts: { chunkBytes?: number } = {}) {
    this.chunkBytes = opts.chunkBytes ?? DEFAULT_BLOB_CHUNK_BYTES;
    // The first row must hold the whole header, so open() can tell the format from one row.
    if (this.chunkBytes < FILE_HEADER_BYTES) throw new Error(`chunkBytes must be at least ${FILE_HEADER_BYTES}`);
  }

  async put(data: Buffer | AsyncIterable<Uint8Array>): Promise<{ key: string; sha256: string; size: number }> {
    const sealed = sealForStore(this.protector, data);
    const tmp = await this.writeTemp(sealed.stored);
    const facts = sealed.facts();
    await this.publish(tmp, facts.key);
    return facts;
  }

  async putStored(key: string, stored: AsyncIterable<Uint8Array>): Promise<void> {
    assertFileKey(key);
    if (await this.has(key)) return;
    await this.publish(await this.writeTemp(stored), key);
  }

  async has(key: string): Promise<boolean> {
    assertFileKey(key);
    const row = await this.db.selectFrom('file_blobs').select('seq').where('storage_key', '=', key).where('seq', '=', 0).executeTakeFirst();
    return row !== undefined;
  }

  async get(key: string): Promise<Buffer> {
    return Buffer.concat(await (await this.open(key)).toArray());
  }

  async open(key: string): Promise<Readable> {
    const first = await this.chunk(key, 0);
    if (!first) throw Object.assign(new Error('stored file not found'), { code: 'ENOENT' });
    const rest = this.chunksFrom(key, first.subarray(FILE_HEADER_BYTES), 1);
    return contentFromStored(this.protector, first.subarray(0, FILE_HEADER_BYTES), rest);
  }

  async openStored(key: string): Promise<AsyncIterable<Buffer>> {
    const first = await this.chunk(key, 0);
    if (!first) throw Object.assign(new Error('stored file not found'), { code: 'ENOENT' });
    return this.chunksFrom(key, first, 1);
  }

  async remove(key: string): Promise<void> {
    assertFileKey(key);
    await this.db.deleteFrom('file_blobs').where('storage_key', '=', key).execute();
  }

  /** Removes what puts abandoned more than a day before `now` left behind (a process killed mid-upload). */
  async sweepAbandoned(now = Date.now()): Promise<number> {
    const before = `${TEMP_PREFIX}${String(now - ABANDONED_AFTER_MS).padStart(13, '0')}`;
    const result = await this.db.deleteFrom('file_blobs').where('storage_key', '>=', TEMP_PREFIX).where('storage_key', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async chunk(key: string, seq: number): Promise<Buffer | undefined> {
    assertFileKey(key);
    const row = await this.db.selectFrom('file_blobs').select('bytes').where('storage_key', '=', key).where('seq', '=', seq).executeTakeFirst();
    if (!row) return undefined;
    return Buffer.isBuffer(row.bytes) ? row.bytes : Buffer.from(row.bytes);
  }

  private async *chunksFrom(key: string, first: Buffer, seq: number): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    for (let next = seq; ; next++) {
      const bytes = await this.chunk(key, next);
      if (!bytes) return;
      yield bytes;
    }
  }

  private async writeTemp(stored: AsyncIterable<Uint8Array>): Promise<string> {
    if (!this.swept) {
      this.swept = true;
      await this.sweepAbandoned().catch(() => undefined);
    }
    const tmp = tempKey(Date.now());
    let seq = 0;
    let parts: Buffer[] = [];
    let size = 0;
    const flush = async (bytes: Buffer) => {
      await this.db.insertInto('file_blobs').values({ storage_key: tmp, seq: seq++, bytes }).execute();
    };
    try {
      for await (const piece of stored) {
        let rest = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
        while (rest.length > 0) {
          const n = Math.min(this.chunkBytes - size, rest.length);
          parts.push(rest.subarray(0, n));
          size += n;
          rest = rest.subarray(n);
          if (size === this.chunkBytes) {
            await flush(Buffer.concat(parts));
            parts = [];
            size = 0;
          }
        }
      }
      if (size > 0 || seq === 0) await flush(Buffer.concat(parts));
      return tmp;
    } catch (err) {
      await this.discard(tmp);
      throw err;
    }
  }

  /** Gives the rows under `tmp` their key in one transaction; the same content stored before (or meanwhile) wins. */
  private async publish(tmp: string, key: string): Promise<void> {
    assertFileKey(key);
    try {
      const renamed = await this.db.transaction().execute(async (tx) => {
        const there = await tx.selectFrom('file_blobs').select('seq').where('storage_key', '=', key).where('seq', '=', 0).executeTakeFirst();
        if (there) return false;
        await tx.updateTable('file_blobs').set({ storage_key: key }).where('storage_key', '=', tmp).execute();
        return true;
      });
      if (!renamed) await this.discard(tmp);
    } catch (err) {
      // Another machine put the same content between our check and our rename: theirs is identical.
      if (isUniqueViolation(err) && (await this.has(key))) {
        await this.discard(tmp);
        return;
      }
      await this.discard(tmp);
      throw err;
    }
  }

  private async discard(tmp: string): Promise<void> {
    await this.db.deleteFrom('file_blobs').where('storage_key', '=', tmp).execute().catch(() => undefined);
  }
}

export type FileStoreKind = 'disk' | 'database';

/** The backend FILE_STORE names, for the composition root and files:migrate (which opens both). */
export function fileBackendFor(kind: FileStoreKind, parts: { dataDir: string; db: Db; protector: DataProtector }): FileBackend {
  return kind === 'database' ? new DatabaseFileStore(parts.db, parts.protector) : new LocalDiskStore(path.join(parts.dataDir, 'files'), parts.protector);
}
