import { verifyAuditChain } from '../platform/audit.js';
import { runCli } from './common.js';

await runCli(async (deps) => {
  const report = await verifyAuditChain(deps.dbh.db);
  if (report.ok) {
    process.stdout.write(`审计日志完整：${report.rows} 条记录的哈希链校验通过。audit chain OK (${report.rows} rows).\n`);
    return 0;
  }
  process.stderr.write(`审计日志被篡改：${report.reason}（第一个断点：第 ${report.brokenAtSeq} 条）。audit chain BROKEN at seq ${report.brokenAtSeq}.\n`);
  return 1;
});
