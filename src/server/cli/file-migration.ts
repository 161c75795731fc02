/**
 * The work of `npm run files:migrate` (cli/files-migrate.ts): copies every stored file the
 * database names from one FILE_STORE backend to the other, as stored (encrypted, same key), and
 * reads each copy back before counting it. Never deletes from the source.
 */
import { createHash } from 'node:crypto';
import { ConfigError, type Config } from '../config.js';
import type { Deps } from '../deps.js';
import { findMasterKey, masterKeyFile } from '../platform/crypto.js';
import type { FileBackend } from '../platform/files.js';
import { fileBackendFor, type FileStoreKind } from '../platform/files-database.js';

export const FILE_STORE_KINDS: readonly FileStoreKind[] = ['disk', 'database'];

export interface FileMigrationReport {
  /** distinct storage keys the files table names */
  objects: number;
  copied: number;
  /** already in the target (an earlier run, or uploads since the switch): left as they are */
  present: number;
  /** named by a row but in neither store */
  missing: string[];
  /** copied, but the copy read back does not match its key or its row's SHA-256 (the copy is removed) */
  failed: string[];
}

/**
 * The server's master key; never a new one: a copy is checked against its key (a keyed hash of the
 * content), which only the server's key reproduces.
 */
export function existingMasterKey(config: Config): Buffer {
  const key = findMasterKey(config.dataDir, config.dataKey);
  if (key) return key;
  const file = masterKeyFile(config.dataDir);
  throw new ConfigError(
    `找不到数据主密钥：未设置 DATA_KEY，${file} 也不存在。文件用服务器的数据主密钥加密，没有它无法核对副本；请使用与服务器相同的 DATA_KEY 或 DATA_DIR。\n` +
    `no data master key: DATA_KEY is not set and ${file} does not exist. Stored files are encrypted with the server's master key ` +
    'and the copies cannot be checked without it; run this with the same DATA_KEY or DATA_DIR as the server.',
  );
}

/**
 * Whether the object under `key` in `store` holds the content its key names: a keyed hash of the
 * content (or, for a file stored before encryption, its SHA-256), and the row's SHA-256 where set.
 * Reads the content a record at a time.
 */
async function verifyCopy(deps: Deps, store: FileBackend, key: string, sha256: string | null): Promise<boolean> {
  try {
    const name = deps.protector.fileNameHmac();
    const hash = createHash('sha256');
    for await (const piece of await store.open(key)) {
      name.update(piece as Buffer);
      hash.update(piece as Buffer);
    }
    const [keyed, plain] = [name.digest('hex'), hash.digest('hex')];
    return (keyed === key || plain === key) && (sha256 === null || sha256 === plain);
  } catch {
    // A record that fails authentication (a changed or cut-off byte) throws while it is read.
    return false;
  }
}

export async function migrateFiles(
  deps: Deps,
  opts: { from: FileStoreKind; to: FileStoreKind; progress?: (done: number, of: number) => void; stores?: { from: FileBackend; to: FileBackend } },
): Promise<FileMigrationReport> {
  if (opts.from === opts.to) throw new Error(`--from 与 --to 相同（${opts.from}），没有可迁移的。--from and --to are the same.`);
  const parts = { dataDir: deps.config.dataDir, db: deps.dbh.db, protector: deps.protector };
  const source = opts.stores?.from ?? fileBackendFor(opts.from, parts);
  const target = opts.stores?.to ?? fileBackendFor(opts.to, parts);
  // storage_key is the only column naming stored objects (files rows; every module's attachments are files rows).
  const rows = await deps.dbh.db.selectFrom('files').select(['storage_key', 'sha256']).where('storage_key', 'is not', null).orderBy('storage_key').execute();
  const wanted = new Map<string, string | null>();
  for (const r of rows) if (!wanted.has(r.storage_key!) || r.sha256) wanted.set(r.storage_key!, r.sha256);
  const report: FileMigrationReport = { objects: wanted.size, copied: 0, present: 0, missing: [], failed: [] };
  let done = 0;
  for (const [key, sha256] of wanted) {
    done++;
    if (await target.has(key)) {
      report.present++;
    } else if (!(await source.has(key))) {
      report.missing.push(key);
    } else {
      await target.putStored(key, await source.openStored(key));
      if (await verifyCopy(deps, target, key, sha256)) {
        report.copied++;
      } else {
        report.failed.push(key);
        // Left in place, a bad copy would be skipped as present by the next run.
        await target.remove(key);
      }
    }
    if (done % 500 === 0) opts.progress?.(done, wanted.size);
  }
  return report;
}
