import { ConfigError, type Config } from '../config.js';
import { verifyAuditChain } from '../platform/audit.js';
import { findMasterKey, masterKeyFile } from '../platform/crypto.js';
import { runCli } from './common.js';

/** The server's master key; never a new one, under which every signed row would look forged. */
function existingMasterKey(config: Config): Buffer {
  const key = findMasterKey(config.dataDir, config.dataKey);
  if (key) return key;
  const file = masterKeyFile(config.dataDir);
  throw new ConfigError(
    `找不到数据主密钥：未设置 DATA_KEY，${file} 也不存在。审计链用服务器的数据主密钥签名，没有它无法校验；请使用与服务器相同的 DATA_KEY 或 DATA_DIR。\n` +
    `no data master key: DATA_KEY is not set and ${file} does not exist. The audit chain is signed with the server's master key ` +
    'and cannot be verified without it; run this with the same DATA_KEY or DATA_DIR as the server.',
  );
}

await runCli(async (deps) => {
  const report = await verifyAuditChain(deps.dbh.db);
  if (report.ok) {
    const unkeyed = report.unkeyedRows ? `，其中前 ${report.unkeyedRows} 条是启用签名前的旧记录` : '';
    const unkeyedEn = report.unkeyedRows ? `, the first ${report.unkeyedRows} written before it was keyed` : '';
    process.stdout.write(`审计日志完整：${report.rows} 条记录的签名链校验通过${unkeyed}。audit chain OK (${report.rows} rows${unkeyedEn}).\n`);
    // Kept elsewhere, the last hash shows later whether the chain's tail was cut off and the head moved back.
    process.stdout.write(`链尾 (head)：第 ${report.rows} 条 ${report.head}\n`);
    return 0;
  }
  process.stderr.write(`审计日志被篡改：${report.reason}（第一个断点：第 ${report.brokenAtSeq} 条）。audit chain BROKEN at seq ${report.brokenAtSeq}.\n`);
  return 1;
}, { masterKey: existingMasterKey });
