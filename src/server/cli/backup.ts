/**
 * npm run backup -- --out /backup/bianmin-2026-12-07 --key-out /secure/bianmin-data.key
 * An online backup (the server may keep running): see cli/backup-archive.ts. `--no-key`: do not
 * write the data key (the operator already keeps DATA_KEY elsewhere).
 */
import { loadConfig } from '../config.js';
import { argValue } from './common.js';
import { createBackup, runBackupCommand } from './backup-archive.js';

const USAGE = '用法 (usage): npm run backup -- --out <新的备份目录> --key-out <密钥文件，放在备份目录之外>  （或 --no-key）\n';

async function main(args: string[]): Promise<number> {
  const out = argValue(args, 'out');
  const keyOut = argValue(args, 'key-out');
  const noKey = args.includes('--no-key');
  if (!out || (!keyOut && !noKey) || (keyOut && noKey)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfig();
  const { manifest, keyOut: keyFile } = await createBackup({ config, out, keyOut: noKey ? null : keyOut! });
  const files = manifest.entries.filter((e) => e.path.startsWith('files/')).length;
  const bytes = manifest.entries.reduce((s, e) => s + e.size, 0);
  process.stdout.write(`备份完成 (backup done)：${out}（${manifest.engine}${manifest.pgSchema ? `，模式 ${manifest.pgSchema}` : ''}，数据库 + ${files} 个文件，共 ${(bytes / 1048576).toFixed(1)} MiB）。\n`);
  process.stdout.write(keyFile
    ? `数据密钥已写入 (data key written to) ${keyFile}：请与备份分开保管，没有它备份无法恢复。keep it apart from the backup; the backup cannot be restored without it.\n`
    : '未写出数据密钥 (--no-key)：恢复时需要服务器的 DATA_KEY。the restore needs the server\'s DATA_KEY.\n');
  process.stdout.write(`密钥指纹 (key fingerprint)：${manifest.keyFingerprint}\n`);
  return 0;
}

await runBackupCommand(main);
