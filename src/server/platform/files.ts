import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, createReadStream, createWriteStream, mkdirSync, statSync } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { DbOrTx } from '../db/index.js';
import type { FileTable } from '../db/types.js';
import { FILE_HEADER_BYTES, FILE_RECORD_BYTES, isEncryptedFile, type DataProtector } from './crypto.js';
import { iso, newId, type Clock } from './ids.js';

/**
 * Where file bytes live (FILE_STORE): a folder under DATA_DIR (LocalDiskStore, the default) or the
 * database (DatabaseFileStore in files-database.ts, which several app machines share). Both hold
 * the same form: content-addressed by a keyed hash and encrypted with the data key.
 */
export interface FileStore {
  /** Stores the bytes (a buffer, or the pieces of a stream); `key` finds them again. */
  put(data: Buffer | AsyncIterable<Uint8Array>): Promise<{ key: string; sha256: string; size: number }>;
  get(key: string): Promise<Buffer>;
  /** The bytes as a stream, decrypted a record at a time, so a large file is never whole in memory. */
  open(key: string): Promise<Readable>;
}

/** Folders under DATA_DIR hold personal data: only the service's own user may enter them. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates DATA_DIR (mode 0700) or tightens one made before modes were set, with the folders and
 * key file that older versions left readable to every local user. A folder the service cannot
 * change (owned by another user, a read-only mount) is reported, not fatal: the operator fixes it.
 */
export function securePrivateDir(dataDir: string, log: Pick<FastifyBaseLogger, 'warn'>): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const wanted: [string, number][] = [
    [dataDir, PRIVATE_DIR_MODE], [path.join(dataDir, 'files'), PRIVATE_DIR_MODE], [path.join(dataDir, 'speech'), PRIVATE_DIR_MODE],
    [path.join(dataDir, 'secret.key'), PRIVATE_FILE_MODE],
  ];
  for (const [target, mode] of wanted) {
    try {
      if ((statSync(target).mode & 0o777 & ~mode) !== 0) chmodSync(target, mode);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      log.warn({ err, path: target }, `cannot restrict ${target} to mode ${mode.toString(8)}; other local users may read it`);
    }
  }
}

/**
 * A FileStore that can also hand over and take its stored form as it is (encrypted, under the same
 * key), for `npm run files:migrate` between backends: nothing is decrypted and re-encrypted, and
 * files stored before encryption (named by their SHA-256) keep their names.
 */
export interface FileBackend extends FileStore {
  /** Whether a complete object is stored under `key`. */
  has(key: string): Promise<boolean>;
  /** The stored bytes (header and records) as they are, a piece at a time. */
  openStored(key: string): Promise<AsyncIterable<Buffer>>;
  /** Stores bytes read from another backend under their key; all or nothing, and a no-op when the key is already there. */
  putStored(key: string, stored: AsyncIterable<Uint8Array>): Promise<void>;
  /** Drops the object (files:migrate, a copy that failed its check); the app itself never deletes stored files. */
  remove(key: string): Promise<void>;
}

const FILE_KEY = /^[0-9a-f]{64}$/;

/** Keys come from rows and the command line: anything but a content name is refused before it reaches a path or a query. */
export function assertFileKey(key: string): void {
  if (!FILE_KEY.test(key)) throw new Error('invalid file key');
}

/**
 * The stored form of `data` (see DataProtector.encryptFile) a piece at a time, and — once every
 * piece has been read — the key it goes under (a keyed hash of the content), its SHA-256 and size.
 * Both backends store exactly this, so an object keeps its key wherever it is copied.
 */
export function sealForStore(protector: DataProtector, data: Buffer | AsyncIterable<Uint8Array>): {
  stored: AsyncGenerator<Buffer>;
  facts(): { key: string; sha256: string; size: number };
} {
  const sha256 = createHash('sha256');
  const name = protector.fileNameHmac();
  let size = 0;
  let finished = false;
  async function* counted() {
    for await (const piece of Buffer.isBuffer(data) ? [data] : data) {
      sha256.update(piece);
      name.update(piece);
      size += piece.byteLength;
      yield piece;
    }
    finished = true;
  }
  return {
    stored: protector.encryptFile(counted()),
    facts: () => {
      if (!finished) throw new Error('the content has not been read to its end');
      return { key: name.digest('hex'), sha256: sha256.digest('hex'), size };
    },
  };
}

/**
 * The content of a stored object from its first bytes (`head`, up to FILE_HEADER_BYTES) and the
 * rest: decrypted a record at a time, or as it is for a file stored before encryption.
 */
export function contentFromStored(protector: DataProtector, head: Buffer, rest: AsyncIterable<Uint8Array>): Readable {
  if (!isEncryptedFile(head)) {
    return Readable.from((async function* () {
      if (head.length > 0) yield head;
      for await (const piece of rest) yield Buffer.from(piece);
    })(), { objectMode: false });
  }
  return Readable.from(protector.decryptFile(head, rest), { objectMode: false });
}

export class LocalDiskStore implements FileBackend {
  constructor(private readonly root: string, private readonly protector: DataProtector) {}

  private pathOf(key: string): string {
    assertFileKey(key);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(data: Buffer | AsyncIterable<Uint8Array>): Promise<{ key: string; sha256: string; size: number }> {
    const sealed = sealForStore(this.protector, data);
    // The name comes from the content, known only at the end: written beside the folders, then moved.
    const tmp = await this.writeTemp(sealed.stored);
    try {
      const facts = sealed.facts();
      await this.moveInto(tmp, facts.key);
      return facts;
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  async putStored(key: string, stored: AsyncIterable<Uint8Array>): Promise<void> {
    if (await this.has(key)) return;
    const tmp = await this.writeTemp(stored);
    try {
      await this.moveInto(tmp, key);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  private async writeTemp(stored: AsyncIterable<Uint8Array>): Promise<string> {
    await mkdir(this.root, { recursive: true, mode: PRIVATE_DIR_MODE });
    const tmp = path.join(this.root, `.${randomUUID()}.tmp`);
    try {
      await pipeline(stored, createWriteStream(tmp, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
      return tmp;
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  private async moveInto(tmp: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
    await rename(tmp, target);
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  async openStored(key: string): Promise<AsyncIterable<Buffer>> {
    const file = this.pathOf(key);
    await stat(file);
    // Opened on the first read: a copy skipped because the target has it already leaves no open file.
    return (async function* () {
      yield* createReadStream(file) as AsyncIterable<Buffer>;
    })();
  }

  async get(key: string): Promise<Buffer> {
    return Buffer.concat(await (await this.open(key)).toArray());
  }

  async open(key: string): Promise<Readable> {
    const handle = await open(this.pathOf(key), 'r');
    try {
      const head = Buffer.alloc(FILE_HEADER_BYTES);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      // Files stored before encryption (plain bytes, named by their SHA-256) are served as they are.
      if (!isEncryptedFile(head.subarray(0, bytesRead))) return handle.createReadStream({ start: 0 });
      const records = handle.createReadStream({ start: FILE_HEADER_BYTES, highWaterMark: FILE_RECORD_BYTES });
      const plain = contentFromStored(this.protector, head.subarray(0, bytesRead), records);
      // A download abandoned before its first read never starts the generator: close the file anyway.
      plain.once('close', () => records.destroy());
      return plain;
    } catch (err) {
      await handle.close();
      throw err;
    }
  }
}

export type FileRow = FileTable;

export async function insertFileRow(
  db: DbOrTx,
  clock: Clock,
  f: { name: string; mime: string; size: number; sha256: string | null; storageKey: string | null; kind: FileTable['kind']; meta?: unknown; isPublic: boolean; createdBy?: string | null; id?: string },
): Promise<string> {
  const id = f.id ?? newId();
  await db.insertInto('files').values({
    id, name: f.name, mime: f.mime, size: f.size, sha256: f.sha256, storage_key: f.storageKey, kind: f.kind,
    meta: JSON.stringify(f.meta ?? {}), public: f.isPublic ? 1 : 0, created_at: iso(clock.now()), created_by: f.createdBy ?? null,
  }).execute();
  return id;
}

export const findFile = (db: DbOrTx, id: string) => db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();

/** What a list shows of files (name, type, size), by id: one query for a case's materials. */
export async function fileFacts(db: DbOrTx, ids: readonly string[]): Promise<Map<string, { name: string; mime: string; size: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('files').select(['id', 'name', 'mime', 'size']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, mime: r.mime, size: Number(r.size) }]));
}

/**
 * A name to store and send a file under: path separators, characters Windows forbids and control
 * characters become "_", at most 120 characters; `fallback` when nothing is left.
 */
export function safeFileName(name: string, fallback: string): string {
  return Array.from(name, (ch) => (/[\\/:*?"<>|]/.test(ch) || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('').slice(0, 120) || fallback;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
