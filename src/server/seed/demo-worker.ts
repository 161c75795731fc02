/**
 * The demo seeding (or, with the argument `history`, the demo history), run as a child process by seedDemoInChild (seed/demo-seeding.ts) with its own
 * database connection: everything it allocates leaves with the process, so the server does not
 * idle on the heap the seeding grew (a fresh demo start measured 216 MiB resident when the server
 * seeded itself; a restart without seeding 167 MiB). A worker thread was not enough: the memory
 * its native side (SQLite, malloc arenas) took stayed with the server after it ended.
 */
import { createLogger } from '../app.js';
import { createDeps } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { seedDemoData, seedDemoHistoryOnce } from './demo-data.js';

// A server that dies (kill -9, a crash) takes its seeding with it: the IPC channel closes, and an
// open transaction rolls back, instead of an orphan writing on into a database nobody serves.
process.on('disconnect', () => process.exit(2));

const config = loadConfig();
const deps = await createDeps(config, createLogger(config.logLevel));
try {
  await deps.regions.load();
  await deps.calendar.load();
  // `history`: the demo history, after the server listens (main.ts); otherwise the demo itself
  const summary = process.argv[2] === 'history' ? await seedDemoHistoryOnce(deps) : await seedDemoData(deps);
  await new Promise<void>((done) => (process.send ? process.send(summary, () => done()) : done()));
} finally {
  await deps.dbh.close();
}
// Nothing of the seeding's may keep the process alive (a retry timer, a refresh schedule).
process.exit(0);
