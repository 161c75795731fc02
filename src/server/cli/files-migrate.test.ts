/**
 * files:migrate (cli/file-migration.ts) on the test engine: every object the files table names is
 * copied disk → database as stored (same key) and checked by reading it back; a second run skips
 * them; a missing object and one with a changed byte are reported (the bad copy is not kept); the
 * way back database → disk works the same; the source is left as it was. Then the command itself,
 * run as the operator runs it, on a DATA_DIR on disk.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeps } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { LocalDiskStore, insertFileRow } from '../platform/files.js';
import { DatabaseFileStore } from '../platform/files-database.js';
import { createPgSchema, createTestApp, testEngine } from '../testing.js';
import { migrateFiles } from './file-migration.js';

const root = mkdtempSync(path.join(tmpdir(), 'bm-files-migrate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const diskFile = (dataDir: string, key: string) => path.join(dataDir, 'files', key.slice(0, 2), key.slice(2, 4), key);

describe(`files:migrate (${testEngine()})`, () => {
  it('copies disk → database, resumes, reports missing and damaged objects, and copies back', async () => {
    const dataDir = path.join(root, 'app');
    const t = await createTestApp({ seed: false, config: { dataDir, fileStore: 'disk' } });
    try {
      const { deps } = t;
      const contents = [randomBytes(10), randomBytes(700_000), Buffer.alloc(0), randomBytes(65_536)];
      const keys: string[] = [];
      for (const [i, data] of contents.entries()) {
        const stored = await deps.files.put(data);
        keys.push(stored.key);
        await insertFileRow(deps.dbh.db, deps.clock, { name: `f${i}.bin`, mime: 'application/octet-stream', size: stored.size, sha256: stored.sha256, storageKey: stored.key, kind: 'upload', isPublic: false });
      }
      // a second row naming the same bytes, and one from before sha256 was recorded
      await insertFileRow(deps.dbh.db, deps.clock, { name: 'again.bin', mime: 'application/octet-stream', size: 10, sha256: null, storageKey: keys[0]!, kind: 'upload', isPublic: false });
      const sourceBefore = readdirSync(path.join(dataDir, 'files'), { recursive: true }).sort();

      const first = await migrateFiles(deps, { from: 'disk', to: 'database' });
      expect(first).toEqual({ objects: 4, copied: 4, present: 0, missing: [], failed: [] });
      const database = new DatabaseFileStore(deps.dbh.db, deps.protector);
      for (const [i, key] of keys.entries()) expect((await database.get(key)).equals(contents[i]!)).toBe(true);
      // never deletes the source
      expect(readdirSync(path.join(dataDir, 'files'), { recursive: true }).sort()).toEqual(sourceBefore);

      // resumable: what is there is skipped
      const again = await migrateFiles(deps, { from: 'disk', to: 'database' });
      expect(again).toEqual({ objects: 4, copied: 0, present: 4, missing: [], failed: [] });

      // a row whose bytes are nowhere, and an object changed on disk since it was stored
      const nowhere = createHash('sha256').update('nowhere').digest('hex');
      await insertFileRow(deps.dbh.db, deps.clock, { name: 'lost.bin', mime: 'application/octet-stream', size: 1, sha256: null, storageKey: nowhere, kind: 'upload', isPublic: false });
      const damaged = await deps.files.put(randomBytes(100_000));
      await insertFileRow(deps.dbh.db, deps.clock, { name: 'bad.bin', mime: 'application/octet-stream', size: damaged.size, sha256: damaged.sha256, storageKey: damaged.key, kind: 'upload', isPublic: false });
      const bytes = readFileSync(diskFile(dataDir, damaged.key));
      bytes[5_000] ^= 1;
      writeFileSync(diskFile(dataDir, damaged.key), bytes);
      const third = await migrateFiles(deps, { from: 'disk', to: 'database' });
      expect(third).toEqual({ objects: 6, copied: 0, present: 4, missing: [nowhere], failed: [damaged.key] });
      expect(await database.has(damaged.key)).toBe(false);

      // and back, into an empty disk store
      const back = new LocalDiskStore(path.join(root, 'back', 'files'), deps.protector);
      const returned = await migrateFiles(deps, { from: 'database', to: 'disk', stores: { from: database, to: back } });
      expect(returned).toEqual({ objects: 6, copied: 4, present: 0, missing: [damaged.key, nowhere].sort((a, b) => (a < b ? -1 : 1)), failed: [] });
      for (const [i, key] of keys.entries()) expect((await back.get(key)).equals(contents[i]!)).toBe(true);

      await expect(migrateFiles(deps, { from: 'disk', to: 'disk' })).rejects.toThrow(/相同/);
    } finally {
      await t.close();
    }
  });

  it('runs as npm run files:migrate does: counts, exit codes and usage', async () => {
    const dataDir = path.join(root, 'cli');
    const databaseUrl = testEngine() === 'postgres' ? (await createPgSchema(process.env.TEST_DATABASE_URL!)).url : undefined;
    const deps = await createDeps({ ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), databaseUrl }, pino({ level: 'silent' }));
    const data = randomBytes(300_000);
    let key: string;
    try {
      const stored = await deps.files.put(data);
      key = stored.key;
      await insertFileRow(deps.dbh.db, deps.clock, { name: 'x.pdf', mime: 'application/pdf', size: stored.size, sha256: stored.sha256, storageKey: stored.key, kind: 'upload', isPublic: false });
    } finally {
      await deps.dbh.close();
    }
    const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    delete (env as Record<string, string | undefined>).DATA_KEY;
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli/files-migrate.ts', ...args], { env, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });

    const usage = run('--from', 'disk', '--to', 'nowhere');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/用法 \(usage\)/);

    const ok = run('--from', 'disk', '--to', 'database');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/1 objects: 1 copied and verified, 0 already present, 0 missing/);
    const resumed = run('--from=disk', '--to=database');
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/0 copied and verified, 1 already present/);

    // the server, switched to the database, serves the file with DATA_DIR/files gone
    rmSync(path.join(dataDir, 'files'), { recursive: true });
    const switched = await createDeps({ ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', FILE_STORE: 'database' }), databaseUrl }, pino({ level: 'silent' }));
    try {
      expect((await switched.files.get(key)).equals(data)).toBe(true);
    } finally {
      await switched.dbh.close();
    }
    const back = run('--from', 'database', '--to', 'disk');
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/1 copied and verified/);
    expect(readFileSync(diskFile(dataDir, key)).length).toBeGreaterThan(data.length);
  }, 240_000); // four commands, each loading the app's modules: tens of seconds on a busy machine
});
