/**
 * npm run files:migrate -- --from disk --to database   (or --from database --to disk)
 * Copies every stored file the database names to the other FILE_STORE backend, checks each copy by
 * reading it back, and prints the counts. Run it again at any time: what is already there is
 * skipped. The source is never deleted (remove DATA_DIR/files, or the file_blobs rows, yourself
 * once the server runs on the new backend). See docs/OPERATIONS.md, Scale-out.
 */
import { argValue, runCli } from './common.js';
import { existingMasterKey, FILE_STORE_KINDS, migrateFiles } from './file-migration.js';
import type { FileStoreKind } from '../platform/files-database.js';

const USAGE = '用法 (usage): npm run files:migrate -- --from disk|database --to database|disk\n';

const isKind = (v: string | undefined): v is FileStoreKind => v !== undefined && (FILE_STORE_KINDS as readonly string[]).includes(v);

await runCli(async (deps, args) => {
  const from = argValue(args, 'from');
  const to = argValue(args, 'to');
  if (!isKind(from) || !isKind(to) || from === to) {
    process.stderr.write(USAGE);
    return 2;
  }
  process.stdout.write(`正在把文件从 ${from} 复制到 ${to}（源不删除）。copying stored files from ${from} to ${to} (the source is kept).\n`);
  const report = await migrateFiles(deps, { from, to, progress: (done, of) => process.stdout.write(`  ${done} / ${of}\n`) });
  process.stdout.write(
    `共 ${report.objects} 个文件：复制并核对 ${report.copied}，目标已有 ${report.present}，缺失 ${report.missing.length}，核对失败 ${report.failed.length}。\n` +
    `${report.objects} objects: ${report.copied} copied and verified, ${report.present} already present, ${report.missing.length} missing, ${report.failed.length} failed verification.\n`,
  );
  for (const key of report.missing) process.stderr.write(`缺失 (missing in ${from}): ${key}\n`);
  for (const key of report.failed) process.stderr.write(`核对失败，副本已删除 (copy failed verification and was removed): ${key}\n`);
  if (report.missing.length > 0 || report.failed.length > 0) return 1;
  process.stdout.write(`完成。现在可以设置 FILE_STORE=${to} 并重启服务。done: set FILE_STORE=${to} and restart the server.\n`);
  return 0;
}, { masterKey: existingMasterKey });
