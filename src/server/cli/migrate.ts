import { runCli } from './common.js';

// createDeps runs the migrations; this command only reports them.
await runCli(async (deps) => {
  process.stdout.write(`数据库 (${deps.dbh.engine}) 已迁移到最新结构。database is at the latest schema.\n`);
  return 0;
});
