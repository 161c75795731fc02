/**
 * npm run restore -- --from /backup/bianmin-2026-12-07 --key /secure/bianmin-data.key [--force]
 * Restores into DATA_DIR (and DATABASE_URL on PostgreSQL), which must be empty unless --force;
 * the server must be stopped. Without --key the key is DATA_KEY. See cli/backup-archive.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { argValue } from './common.js';
import { parseKeyText, restoreBackup, runBackupCommand } from './backup-archive.js';

const USAGE = '用法 (usage): npm run restore -- --from <备份目录> --key <密钥文件>（或设置 DATA_KEY） [--force]\n';

async function main(args: string[]): Promise<number> {
  const from = argValue(args, 'from');
  const keyFile = argValue(args, 'key');
  const config = loadConfig();
  if (!from || (!keyFile && !config.dataKey)) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (keyFile && !existsSync(keyFile)) {
    process.stderr.write(`找不到密钥文件 ${keyFile}：请用备份时 --key-out 写出的文件。\nkey file ${keyFile} not found: use the file backup wrote with --key-out.\n`);
    return 1;
  }
  const key = keyFile ? parseKeyText(readFileSync(keyFile, 'utf8'), keyFile) : parseKeyText(config.dataKey!, 'DATA_KEY');
  const { manifest, audit, previousDataDir } = await restoreBackup({ config, from, key, force: args.includes('--force') });
  const target = config.databaseUrl ? `${config.dataDir} + PostgreSQL 模式 ${manifest.pgSchema}` : config.dataDir;
  process.stdout.write(`已恢复 (restored) ${manifest.createdAt} 的备份到 ${target}。\n`);
  if (previousDataDir) process.stdout.write(`原有数据已改名保留在 (the previous data is kept in) ${previousDataDir}\n`);
  if (!audit.ok) {
    process.stderr.write(`审计日志校验失败：${audit.reason}（第 ${audit.brokenAtSeq} 条）。audit chain BROKEN at seq ${audit.brokenAtSeq}.\n`);
    return 1;
  }
  process.stdout.write(`审计日志完整：${audit.rows} 条记录校验通过。audit chain OK (${audit.rows} rows), head ${audit.head}\n`);
  return 0;
}

await runBackupCommand(main);
