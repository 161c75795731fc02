/**
 * Several app processes starting together on one empty PostgreSQL each run the demo seeding
 * (seed/demo-worker.ts, forked by main.ts): exactly one seeds, the others wait for it and find the
 * demo there, and none fails on a duplicate. PostgreSQL only (the lock is pg_advisory_lock).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import { openDatabase } from '../db/index.js';
import { createPgSchema, testEngine } from '../testing.js';

const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function seedInChild(databaseUrl: string): Promise<{ seeded: boolean }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bm-seed-lock-')), DATA_KEY: 'b'.repeat(64), LOG_LEVEL: 'warn',
  };
  const child = fork(path.join(projectRoot(), 'src/server/seed/demo-worker.ts'), [], { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += String(d); });
  return new Promise((resolve, reject) => {
    let summary: { seeded: boolean } | undefined;
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('the demo seeding took over 150 s')); }, 150_000);
    child.once('message', (m) => (summary = m as { seeded: boolean }));
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && summary) resolve(summary);
      else reject(new Error(`demo worker exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

describe.skipIf(testEngine() !== 'postgres')('the demo seeding with several processes at once (PostgreSQL only: several processes share a database only there)', () => {
  it('seeds once', async () => {
    const { url } = await createPgSchema(process.env.TEST_DATABASE_URL!);
    // the schema migrated and the region tree in place first, as main.ts has them before it seeds
    const dbh = openDatabase({ dataDir: tmpdir(), databaseUrl: url });
    try {
      const { migrateToLatest } = await import('../db/migrate.js');
      await migrateToLatest(dbh);
      const { ensureRegions } = await import('../seed/regions.js');
      await ensureRegions(dbh.db);
      const results = await Promise.all([seedInChild(url), seedInChild(url)]);
      expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
      const staff = await dbh.db.selectFrom('staff_users').select('username').execute();
      expect(new Set(staff.map((s) => s.username)).size).toBe(staff.length);
      expect(staff.map((s) => s.username)).toContain('admin');
    } finally {
      await dbh.close();
    }
  }, 200_000);
});
