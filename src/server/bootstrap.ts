import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { openDatabase, type DbOptions } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { RegionDirectory } from './modules/regions/index.js';
import { bindAuditKey, sealUnkeyedRows } from './platform/audit.js';
import { WorkingCalendar } from './platform/calendar.js';
import { DataProtector, loadMasterKey } from './platform/crypto.js';
import { securePrivateDir } from './platform/files.js';
import { fileBackendFor } from './platform/files-database.js';
import { systemClock, type Clock } from './platform/ids.js';
import { OutboxSmsSender } from './platform/sms.js';

/** Opens the database, runs migrations and wires the shared services. */
export async function createDeps(
  config: Config,
  log: FastifyBaseLogger,
  opts: { clock?: Clock; sqliteFile?: DbOptions['sqliteFile']; masterKey?: Buffer } = {},
): Promise<Deps> {
  securePrivateDir(config.dataDir, log);
  const dbh = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, sqliteFile: opts.sqliteFile, preparedStatements: config.databasePreparedStatements,
    sqliteCacheMiB: config.sqliteCacheMiB,
    guard: { acquireTimeoutMs: config.databaseWaitMs, transactionTimeoutMs: config.databaseTransactionMs, warn: (message) => log.error(message) },
  });
  let applied: string[];
  try {
    applied = await migrateToLatest(dbh);
  } catch (err) {
    await dbh.close();
    throw err;
  }
  const clock = opts.clock ?? systemClock;
  const protector = new DataProtector(opts.masterKey ?? loadMasterKey(config.dataDir, config.dataKey));
  bindAuditKey(dbh.db, protector);
  // Only now, right after the migration that recorded the boundary: see sealUnkeyedRows.
  if (applied.includes('0009_audit_hmac')) await sealUnkeyedRows(dbh.db);
  const regions = new RegionDirectory(dbh.db);
  const sms = new OutboxSmsSender(protector, clock, log);
  const files = fileBackendFor(config.fileStore, { dataDir: config.dataDir, db: dbh.db, protector });
  const calendar = new WorkingCalendar(dbh.db);
  return { config, dbh, protector, regions, clock, sms, log, files, calendar };
}
