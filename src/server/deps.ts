import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { DbHandle } from './db/index.js';
import type { DataProtector } from './platform/crypto.js';
import type { RegionTree } from './platform/regions.js';
import type { Clock } from './platform/ids.js';
import type { WorkingCalendar } from './platform/calendar.js';
import type { FileStore } from './platform/files.js';
import type { SmsSender } from './platform/sms.js';

/** Everything a module needs from outside, built once in main.ts (or a test) and passed in. */
export interface Deps {
  config: Config;
  dbh: DbHandle;
  protector: DataProtector;
  regions: RegionTree;
  clock: Clock;
  sms: SmsSender;
  files: FileStore;
  calendar: WorkingCalendar;
  log: FastifyBaseLogger;
}
