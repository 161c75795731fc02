import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DbOrTx } from '../db/index.js';
import type { FileTable } from '../db/types.js';
import { iso, newId, type Clock } from './ids.js';

/**
 * Where file bytes live. The default is a folder under DATA_DIR, content-addressed by SHA-256;
 * an S3-compatible store implements the same two calls for several machines.
 */
export interface FileStore {
  put(data: Buffer): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Buffer>;
}

export class LocalDiskStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error('invalid file key');
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(data: Buffer): Promise<{ key: string; sha256: string }> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const target = this.pathOf(sha256);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, target);
    return { key: sha256, sha256 };
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
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

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
