/**
 * The operator's path to a second county, with the real commands: `npm run admin:create` (which
 * loads the bundled 邹城市 tree into an empty database), `npm run regions:import` of 曲阜市 beside
 * it, and `npm run admin:create -- --region 370881` for its own administrator. Both engines.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import { openDatabase, type DbHandle } from '../db/index.js';
import { RegionDirectory } from '../modules/regions/index.js';
import { createPgSchema, testEngine } from '../testing.js';

const run = promisify(execFile);
const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'qufu-divisions.csv');
const dataDir = mkdtempSync(path.join(tmpdir(), 'bm-county-cli-'));
let databaseUrl: string | undefined;
let dbh: DbHandle | undefined;

async function npm(script: string, ...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATA_KEY: 'a'.repeat(64), BIANMIN_ADMIN_PASSWORD: 'County@2026x', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const { stdout } = await run('npm', ['run', '-s', script, '--', ...args], { cwd: projectRoot(), env, timeout: 90_000 });
  return stdout;
}

afterAll(async () => {
  await dbh?.close();
});

describe('npm run regions:import and admin:create for a second county', () => {
  it('imports 曲阜市 beside 邹城市 and makes its administrator over it alone', async () => {
    if (testEngine() === 'postgres') databaseUrl = (await createPgSchema(process.env.TEST_DATABASE_URL!)).url;
    expect(await npm('admin:create', '--username', `zc.admin.${randomBytes(2).toString('hex')}`, '--name', '周文华')).toContain('市级管理员');
    expect(await npm('regions:import', FIXTURE)).toContain('已导入 25 个行政区划');
    expect(await npm('admin:create', '--username', 'qf.admin', '--name', '孔繁华', '--region', '370881')).toContain('曲阜市 市级管理员');
    // importing it again (a corrected file) changes nothing of the order
    await npm('regions:import', FIXTURE);

    dbh = openDatabase({ dataDir, sqliteFile: path.join(dataDir, 'bianmin.sqlite'), databaseUrl });
    const tree = new RegionDirectory(dbh.db);
    await tree.load();
    expect((await tree.childrenOf(null))?.map((r) => r.code)).toEqual(['370883', '370881']);
    expect((await tree.subtree('370881')).length).toBe(25);
    const grants = await dbh.db.selectFrom('role_grants as g').innerJoin('staff_users as u', 'u.id', 'g.user_id')
      .select(['u.username', 'g.role', 'g.region_code']).orderBy('g.region_code').execute();
    expect(grants.map((g) => [g.role, g.region_code])).toEqual([['city_admin', '370881'], ['city_admin', '370883']]);
    expect(grants[0]!.username).toBe('qf.admin');
  }, 240_000);
});
