/**
 * Backups (npm run backup / npm run restore): a folder with the database (an online SQLite copy,
 * or a pg_dump of the connection's schema), the uploaded files as stored (already encrypted with
 * the data key) and a manifest.json listing every file with its size and SHA-256. The data key
 * is never in that folder: it is written to a file the operator names and keeps apart. The
 * manifest carries a fingerprint of the key and a MAC made with it, so a restore can tell a wrong
 * key or a changed backup before it writes anything.
 */
import { execFile } from 'node:child_process';
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { ConfigError, type Config } from '../config.js';
import { openDatabase } from '../db/index.js';
import { verifyAuditChain, type ChainReport } from '../platform/audit.js';
import { DataProtector, findMasterKey, masterKeyFile } from '../platform/crypto.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../platform/files.js';

const run = promisify(execFile);

export const BACKUP_FORMAT = 'bianmin-backup';
export const BACKUP_VERSION = 1;
const SQLITE_NAME = 'bianmin.sqlite';
const PG_DUMP_NAME = 'database.dump';
const MANIFEST = 'manifest.json';

export interface ManifestEntry { path: string; size: number; sha256: string }

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  engine: 'sqlite' | 'postgres';
  createdAt: string;
  appVersion: string;
  /** PostgreSQL: the schema dumped (the connection's current schema) */
  pgSchema?: string;
  /** which data key the encrypted fields and files need (a hash of it, which reveals nothing of it) */
  keyFingerprint: string;
  entries: ManifestEntry[];
  /** HMAC-SHA256 of everything above with a key derived from the data key */
  mac: string;
}

/** A refusal or failure to report as it is: Chinese, then English. */
export class BackupError extends Error {}
const fail = (zh: string, en: string): never => {
  throw new BackupError(`${zh}\n${en}`);
};

const derive = (key: Buffer, info: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
export const keyFingerprint = (key: Buffer): string => derive(key, 'bianmin/backup-key-check/v1').toString('hex').slice(0, 16);

function manifestMac(key: Buffer, m: Omit<Manifest, 'mac'>): string {
  const body = JSON.stringify({ ...m, entries: m.entries.map((e) => [e.path, e.size, e.sha256]) });
  return createHmac('sha256', derive(key, 'bianmin/backup-manifest/v1')).update(body).digest('hex');
}

/** A key file as the server writes it (64 hex characters) or base64 of 32 bytes. */
export function parseKeyText(text: string, source: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) fail(`${source} 不是数据密钥（应为 32 字节：64 个十六进制字符或 base64）。`, `${source} is not a data key (32 bytes: 64 hex characters or base64).`);
  return key;
}

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const piece of createReadStream(file)) h.update(piece as Buffer);
  return h.digest('hex');
}

/** Files under `dir`, relative, sorted; hidden names (a store's `.…tmp` being written) are skipped. */
async function listFiles(dir: string, rel = ''): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const d of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (d.name.startsWith('.')) continue;
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...(await listFiles(path.join(dir, d.name), r)));
    else if (d.isFile()) out.push(r);
  }
  return out;
}

const isInside = (child: string, parent: string): boolean => {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

async function isEmptyDir(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return true;
  if (!(await stat(dir)).isDirectory()) return false;
  return (await readdir(dir)).length === 0;
}

/** A PostgreSQL URL without its password (which goes to the tools in PGPASSWORD, not onto their command line). */
function pgTarget(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  // libpq reads "+" in a query as itself, not as a space (options=-c+search_path%3Dx): spell spaces %20.
  const query = [...u.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  u.search = query ? `?${query}` : '';
  return { url: u.toString(), env };
}

async function pgQuery<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function tool(bin: string, args: string[], env: NodeJS.ProcessEnv, what: string): Promise<string> {
  try {
    return (await run(bin, args, { env, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') fail(`找不到 ${bin}：请安装 PostgreSQL 客户端工具（版本不低于服务器）。`, `${bin} not found: install the PostgreSQL client tools (same or newer version than the server).`);
    return fail(`${what} 失败：${(e.stderr ?? e.message).trim()}`, `${what} failed.`);
  }
}

export interface BackupOptions {
  config: Config;
  /** the backup folder: must not exist yet, or be empty */
  out: string;
  /** where to write the data key (outside `out`); null: not written (the operator already keeps DATA_KEY elsewhere) */
  keyOut: string | null;
  now?: Date;
  pgDump?: string;
}

export interface BackupResult { out: string; keyOut: string | null; manifest: Manifest }

/**
 * Backs up while the server runs: the database first (SQLite's online backup API, or pg_dump,
 * both a consistent snapshot), then the files. Stored files are content-addressed and never
 * change, and a file is stored before the row that names it, so every file the snapshot names is
 * there. Written to `<out>.partial-…` and renamed at the end: a failed backup leaves nothing that
 * looks like a backup.
 */
export async function createBackup(opts: BackupOptions): Promise<BackupResult> {
  const { config } = opts;
  const out = path.resolve(opts.out);
  const keyOut = opts.keyOut === null ? null : path.resolve(opts.keyOut);
  if (!(await isEmptyDir(out))) fail(`备份目录 ${out} 已存在且不是空的；请换一个新目录。`, `backup folder ${out} exists and is not empty; choose a new one.`);
  if (keyOut && isInside(keyOut, out)) fail(`数据密钥不能写在备份目录里（${keyOut}）：密钥和数据要分开保管。`, `the data key must not be written inside the backup folder (${keyOut}): keep key and data apart.`);
  if (keyOut && existsSync(keyOut)) fail(`密钥文件 ${keyOut} 已存在，不会覆盖。`, `key file ${keyOut} exists; not overwriting it.`);
  const key = findMasterKey(config.dataDir, config.dataKey);
  if (!key) {
    return fail(`找不到数据密钥：未设置 DATA_KEY，${masterKeyFile(config.dataDir)} 也不存在。请用与服务器相同的 DATA_DIR / DATA_KEY 运行。`,
      `no data key: DATA_KEY is not set and ${masterKeyFile(config.dataDir)} does not exist. Run with the server's DATA_DIR / DATA_KEY.`);
  }
  const engine = config.databaseUrl ? 'postgres' : 'sqlite';
  const staging = `${out}.partial-${randomBytes(4).toString('hex')}`;
  await mkdir(staging, { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    let pgSchema: string | undefined;
    if (engine === 'sqlite') {
      const source = path.join(config.dataDir, SQLITE_NAME);
      if (!existsSync(source)) fail(`找不到数据库 ${source}。`, `database ${source} not found.`);
      const db = new SQLite(source, { fileMustExist: true });
      try {
        db.pragma('busy_timeout = 5000');
        await db.backup(path.join(staging, SQLITE_NAME));
      } finally {
        db.close();
      }
      // One self-contained file (no -wal beside it): the server turns WAL back on when it opens it.
      const copy = new SQLite(path.join(staging, SQLITE_NAME), { fileMustExist: true });
      try {
        copy.pragma('journal_mode = DELETE');
        const check = copy.pragma('quick_check', { simple: true });
        if (check !== 'ok') fail(`备份的数据库校验失败：${String(check)}`, `the backed-up database failed its check: ${String(check)}`);
      } finally {
        copy.close();
      }
    } else {
      const [row] = await pgQuery<{ schema: string }>(config.databaseUrl!, 'select current_schema() as schema');
      pgSchema = row!.schema;
      const target = pgTarget(config.databaseUrl!);
      await tool(opts.pgDump ?? 'pg_dump', ['-Fc', '--no-owner', '--no-privileges', '-n', pgSchema, '-f', path.join(staging, PG_DUMP_NAME), `--dbname=${target.url}`], target.env, 'pg_dump');
    }
    await chmod(path.join(staging, engine === 'sqlite' ? SQLITE_NAME : PG_DUMP_NAME), PRIVATE_FILE_MODE);
    const filesDir = path.join(config.dataDir, 'files');
    for (const rel of await listFiles(filesDir)) {
      const dest = path.join(staging, 'files', ...rel.split('/'));
      await mkdir(path.dirname(dest), { recursive: true, mode: PRIVATE_DIR_MODE });
      await copyFile(path.join(filesDir, ...rel.split('/')), dest);
    }
    const entries: ManifestEntry[] = [];
    for (const rel of await listFiles(staging)) {
      const file = path.join(staging, ...rel.split('/'));
      entries.push({ path: rel, size: (await stat(file)).size, sha256: await sha256File(file) });
    }
    const body: Omit<Manifest, 'mac'> = {
      format: BACKUP_FORMAT, version: BACKUP_VERSION, engine, createdAt: (opts.now ?? new Date()).toISOString(), appVersion: config.version,
      ...(pgSchema ? { pgSchema } : {}), keyFingerprint: keyFingerprint(key), entries,
    };
    const manifest: Manifest = { ...body, mac: manifestMac(key, body) };
    await writeFile(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
    if (keyOut) {
      await mkdir(path.dirname(keyOut), { recursive: true, mode: PRIVATE_DIR_MODE });
      await writeFile(keyOut, key.toString('hex') + '\n', { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    }
    if (existsSync(out)) await rmdir(out);
    await rename(staging, out);
    return { out, keyOut, manifest };
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}

/** The manifest, checked: format, key, MAC, and every file's size and SHA-256 (nothing is written). */
export async function verifyBackup(from: string, key: Buffer): Promise<Manifest> {
  const dir = path.resolve(from);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch (err) {
    return fail(`${dir} 不是便民备份（读不到 manifest.json：${(err as Error).message}）。`, `${dir} is not a bianmin backup (cannot read manifest.json).`);
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION || !Array.isArray(manifest.entries)) {
    fail(`${dir}/manifest.json 不是本版本能恢复的备份格式（${String(manifest.format)} v${String(manifest.version)}）。`, `unsupported backup format in ${dir}/manifest.json.`);
  }
  if (manifest.keyFingerprint !== keyFingerprint(key)) {
    fail('给出的数据密钥不是做这份备份时的密钥（指纹不符）；用它恢复，身份证号、手机号和文件都将无法解密。', 'the data key given is not the one this backup was made with (fingerprint differs).');
  }
  const { mac, ...body } = manifest;
  if (mac !== manifestMac(key, body)) fail('manifest.json 被改动过（校验码不符），拒绝恢复。', 'manifest.json has been changed (MAC mismatch); refusing to restore.');
  const dbName = manifest.engine === 'sqlite' ? SQLITE_NAME : PG_DUMP_NAME;
  if (!manifest.entries.some((e) => e.path === dbName)) fail(`备份里缺少数据库文件 ${dbName}。`, `the backup has no ${dbName}.`);
  for (const e of manifest.entries) {
    if (e.path.split('/').some((p) => p === '' || p === '.' || p === '..') || path.isAbsolute(e.path)) fail(`manifest.json 里有不安全的路径：${e.path}`, `unsafe path in manifest.json: ${e.path}`);
    const file = path.join(dir, ...e.path.split('/'));
    if (!existsSync(file)) fail(`备份不完整：缺少 ${e.path}。`, `the backup is incomplete: ${e.path} is missing.`);
    if ((await stat(file)).size !== e.size || (await sha256File(file)) !== e.sha256) {
      fail(`备份文件 ${e.path} 已损坏或被改动（SHA-256 不符），拒绝恢复。`, `backup file ${e.path} is damaged or changed (SHA-256 mismatch); refusing to restore.`);
    }
  }
  return manifest;
}

export interface RestoreOptions {
  config: Config;
  from: string;
  key: Buffer;
  /** replace a target that is not empty (SQLite: the old DATA_DIR is kept beside it, renamed) */
  force?: boolean;
  pgRestore?: string;
}

export interface RestoreResult { manifest: Manifest; audit: ChainReport; previousDataDir?: string }

async function copyEntries(from: string, to: string, entries: ManifestEntry[], only: (p: string) => boolean): Promise<void> {
  for (const e of entries.filter((x) => only(x.path))) {
    const dest = path.join(to, ...e.path.split('/'));
    await mkdir(path.dirname(dest), { recursive: true, mode: PRIVATE_DIR_MODE });
    await copyFile(path.join(from, ...e.path.split('/')), dest);
    await chmod(dest, PRIVATE_FILE_MODE);
  }
}

/**
 * Restores a backup into config's DATA_DIR (and DATABASE_URL's schema on PostgreSQL), which must
 * be empty unless `force`. Everything is checked first; the data folder is built beside the
 * target and renamed into place, and pg_restore runs in one transaction, so a failure leaves the
 * target as it was. The audit chain is verified with the key before the SQLite folder is moved
 * into place (on PostgreSQL, after the restore: a broken chain is then reported).
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const { config, key } = opts;
  const from = path.resolve(opts.from);
  const manifest = await verifyBackup(from, key);
  const engine = config.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.engine !== engine) {
    fail(`这是 ${manifest.engine} 的备份，而当前配置的数据库是 ${engine}（${engine === 'postgres' ? '设置了' : '未设置'} DATABASE_URL）。`,
      `this is a ${manifest.engine} backup but the configured database is ${engine}.`);
  }
  const dataDir = path.resolve(config.dataDir);
  const filesDir = path.join(dataDir, 'files');
  const protector = new DataProtector(key);
  // The key goes where the server looks for it, unless the server gets it from DATA_KEY.
  const writeKey = async (dir: string) => {
    if (!config.dataKey) await writeFile(masterKeyFile(dir), key.toString('hex') + '\n', { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  };
  const staging = `${dataDir}.restoring-${randomBytes(4).toString('hex')}`;

  if (engine === 'sqlite') {
    const occupied = !(await isEmptyDir(dataDir));
    if (occupied && !opts.force) fail(`目标数据目录 ${dataDir} 不是空的，拒绝覆盖（确认要替换时加 --force，旧目录会改名保留）。`, `target data folder ${dataDir} is not empty; refusing to overwrite it (add --force to replace it; the old folder is kept, renamed).`);
    await mkdir(path.dirname(dataDir), { recursive: true });
    await mkdir(staging, { mode: PRIVATE_DIR_MODE });
    try {
      await copyEntries(from, staging, manifest.entries, () => true);
      await writeKey(staging);
      const dbh = openDatabase({ dataDir: staging });
      let audit: ChainReport;
      try {
        audit = await verifyAuditChain(dbh.db, { key: protector });
      } finally {
        await dbh.close();
      }
      if (!audit.ok) fail(`恢复出的审计日志校验失败：${audit.reason}（第 ${audit.brokenAtSeq} 条），未写入目标目录。`, `the restored audit chain is broken at seq ${audit.brokenAtSeq}; the target was not touched.`);
      let previousDataDir: string | undefined;
      if (occupied) {
        previousDataDir = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        await rename(dataDir, previousDataDir);
      } else if (existsSync(dataDir)) {
        await rmdir(dataDir);
      }
      await rename(staging, dataDir);
      return { manifest, audit, previousDataDir };
    } catch (err) {
      await rm(staging, { recursive: true, force: true });
      throw err;
    }
  }

  // PostgreSQL
  const url = config.databaseUrl!;
  const schema = manifest.pgSchema ?? 'public';
  // current_schema() is null while the search_path's schema does not exist yet: then the first one named.
  const [row] = await pgQuery<{ schema: string | null; path: string }>(url, "select current_schema() as schema, current_setting('search_path') as path");
  const named = row?.path.split(',').map((p) => p.trim().replace(/^"(.*)"$/, '$1')).find((p) => p !== '$user' && p !== '');
  const current = row?.schema ?? named ?? null;
  if (current !== schema) {
    fail(`备份的是模式 ${schema}，而 DATABASE_URL 的当前模式是 ${current ?? '（无）'}：请让 search_path 指向 ${schema}（例如 ?options=-c%20search_path%3D${schema}）。`,
      `the backup holds schema ${schema} but DATABASE_URL's current schema is ${current ?? '(none)'}; point search_path at ${schema}.`);
  }
  const [{ n: tables } = { n: 0 }] = await pgQuery<{ n: number }>(url, 'select count(*)::int as n from information_schema.tables where table_schema = $1', [schema]);
  const [{ n: schemas } = { n: 0 }] = await pgQuery<{ n: number }>(url, 'select count(*)::int as n from information_schema.schemata where schema_name = $1', [schema]);
  const filesOccupied = !(await isEmptyDir(filesDir)) || (!config.dataKey && existsSync(masterKeyFile(dataDir)));
  if ((tables > 0 || filesOccupied) && !opts.force) {
    fail(`目标不是空的（模式 ${schema} 里已有 ${tables} 张表${filesOccupied ? `，${dataDir} 里已有文件或密钥` : ''}），拒绝覆盖（确认要替换时加 --force）。`,
      `the target is not empty (${tables} tables in schema ${schema}${filesOccupied ? `, files or a key in ${dataDir}` : ''}); refusing to overwrite it (add --force to replace it).`);
  }
  await mkdir(staging, { recursive: true, mode: PRIVATE_DIR_MODE });
  let previousDataDir: string | undefined;
  try {
    await copyEntries(from, staging, manifest.entries, (p) => p.startsWith('files/'));
    await writeKey(staging);
    const target = pgTarget(url);
    const dump = path.join(from, PG_DUMP_NAME);
    const bin = opts.pgRestore ?? 'pg_restore';
    // A schema that already exists (public always does) is not created again.
    let list: string | undefined;
    if (schemas > 0) {
      const toc = await tool(bin, ['-l', dump], target.env, 'pg_restore -l');
      list = path.join(staging, '.restore-list');
      await writeFile(list, toc.split('\n').filter((l) => !/^\d+; \d+ \d+ (SCHEMA|COMMENT) - (SCHEMA )?\S+ /.test(l)).join('\n'));
    }
    await tool(bin, [
      '--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', ...(opts.force ? ['--clean', '--if-exists'] : []), ...(list ? ['-L', list] : []),
      `--dbname=${target.url}`, dump,
    ], target.env, 'pg_restore');
    if (list) await rm(list);
    // The files: DATA_DIR/files and the key file replaced as a whole.
    await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    if (filesOccupied) {
      previousDataDir = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await mkdir(previousDataDir, { mode: PRIVATE_DIR_MODE });
      if (existsSync(filesDir)) await rename(filesDir, path.join(previousDataDir, 'files'));
      if (!config.dataKey && existsSync(masterKeyFile(dataDir))) await rename(masterKeyFile(dataDir), masterKeyFile(previousDataDir));
    } else if (existsSync(filesDir)) {
      await rmdir(filesDir);
    }
    if (existsSync(path.join(staging, 'files'))) await rename(path.join(staging, 'files'), filesDir);
    if (existsSync(masterKeyFile(staging))) await rename(masterKeyFile(staging), masterKeyFile(dataDir));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const dbh = openDatabase({ databaseUrl: url, dataDir });
  try {
    const audit = await verifyAuditChain(dbh.db, { key: protector });
    return { manifest, audit, previousDataDir };
  } finally {
    await dbh.close();
  }
}

/** Runs `npm run backup` / `npm run restore`: a refusal in its own words (Chinese, then English), anything else as an error; exit 1 either way. */
export async function runBackupCommand(main: (args: string[]) => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(err instanceof BackupError || err instanceof ConfigError ? `${err.message}\n` : `错误 (error): ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
