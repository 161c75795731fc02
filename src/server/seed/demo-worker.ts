/**
 * The demo seeding (or, with the argument `history`, the demo history), run as a child process by seedDemoInChild (seed/demo-seeding.ts) with its own
 * database connection: everything it allocates leaves with the process, so the server does not
 * idle on the heap the seeding grew (a fresh demo start measured 216 MiB resident when the server
 * seeded itself; a restart without seeding 167 MiB). A worker thread was not enough: the memory
 * its native side (SQLite, malloc arenas) took stayed with the server after it ended.
 */
import { sql } from 'kysely';
import { createLogger } from '../app.js';
import { createDeps } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { seedDemoData, seedDemoHistoryOnce } from './demo-data.js';

// A server that dies (kill -9, a crash) takes its seeding with it: the IPC channel closes, and an
// open transaction rolls back, instead of an orphan writing on into a database nobody serves.
process.on('disconnect', () => process.exit(2));
/**
 * pg_advisory_lock key of the demo seeding, with the schema as the second key: databases that hold
 * several deployments (or test runs) in schemas of their own do not wait for each other.
 */
const DEMO_SEED_LOCK = 73_708_830;

const config = loadConfig();
const deps = await createDeps(config, createLogger(config.logLevel));
try {
  await deps.regions.load();
  await deps.calendar.load();
  // `history`: the demo history, after the server listens (main.ts); otherwise the demo itself
  const seed = () => (process.argv[2] === 'history' ? seedDemoHistoryOnce(deps) : seedDemoData(deps));
  // Several app processes starting together on one empty PostgreSQL would each find it empty and
  // seed it: one at a time, the later ones find the demo there (a session lock, released when
  // this connection ends — also when the process dies). SQLite's write lock is per file anyway.
  const summary = deps.dbh.engine === 'postgres'
    ? await deps.dbh.db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${DEMO_SEED_LOCK}::int4, hashtext(current_schema()))`.execute(conn);
      try {
        return await seed();
      } finally {
        await sql`select pg_advisory_unlock(${DEMO_SEED_LOCK}::int4, hashtext(current_schema()))`.execute(conn);
      }
    })
    : await seed();
  await new Promise<void>((done) => (process.send ? process.send(summary, () => done()) : done()));
} finally {
  await deps.dbh.close();
}
// Nothing of the seeding's may keep the process alive (a retry timer, a refresh schedule).
process.exit(0);
