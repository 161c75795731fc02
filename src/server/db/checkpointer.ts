/**
 * SQLite WAL checkpoints on a thread of their own.
 *
 * By default SQLite checkpoints inside whichever commit pushes the write-ahead log past 1,000
 * pages: that commit copies the log into the database file and waits for the disk, on the event
 * loop, while every request waits behind it (about a tenth of the server's time under a stream
 * of submissions). Here a worker thread with its own connection runs a PASSIVE checkpoint every
 * `everyMs`: it never blocks writers or readers, and the log is reused from its start once a
 * checkpoint has caught up. The server's own connection keeps an automatic checkpoint at a much
 * larger size, so the log stays bounded even if the worker stops.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages (4 KiB) after which the server's own connection checkpoints anyway: about 64 MiB. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_000;

// Plain JavaScript evaluated in the worker, so it runs the same from TypeScript sources (tests)
// and from the build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
let stopping = false;
const tick = () => {
  if (stopping) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
  setTimeout(tick, workerData.everyMs);
};
setTimeout(tick, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m === 'stop') {
    stopping = true;
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
    db.close();
    parentPort.postMessage({ stopped: true });
  }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, everyMs = 250): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs } });
  worker.unref();
  let exited = false;
  // a failed checkpoint is tried again at the next tick; the fallback autocheckpoint bounds the log meanwhile
  const warn = (message: string) => process.emitWarning(`SQLite checkpoint failed: ${message}`);
  worker.on('message', (m: { error?: string }) => {
    if (m.error) warn(m.error);
  });
  worker.on('error', (err) => warn(err.message));
  worker.on('exit', () => (exited = true));
  return {
    async stop() {
      if (exited) return;
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        worker.once('exit', done);
        worker.once('message', () => void worker.terminate().then(done, done));
        worker.postMessage('stop');
        setTimeout(() => void worker.terminate().then(done, done), 2000).unref();
      });
    },
  };
}
