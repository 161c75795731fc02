import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgSchema, testEngine } from '../testing.js';
import { openDatabase, type Db, type DbHandle } from './index.js';
import { preparedQuery } from './prepared.js';

let dbh: DbHandle;
beforeAll(async () => {
  const databaseUrl = testEngine() === 'postgres' ? (await createPgSchema(process.env.TEST_DATABASE_URL!)).url : undefined;
  dbh = openDatabase({ databaseUrl, dataDir: '/tmp/unused', sqliteFile: ':memory:' });
  await sql`create table t (id integer primary key, kind text, v text)`.execute(dbh.db);
  await sql`insert into t (id, kind, v) values (1, 'a', 'x'), (2, 'a', 'y'), (3, 'b', 'x')`.execute(dbh.db);
});
afterAll(() => dbh.close());

// an ad-hoc table: the typed Database does not know it
const anyDb = (db: Db) => db as unknown as import('kysely').Kysely<{ t: { id: number; kind: string; v: string } }>;

describe('preparedQuery', () => {
  it('compiles once per database and runs each call with its own values, fixed values kept', async () => {
    let builds = 0;
    const byKindAndV = preparedQuery<{ id: number }, [kind: string, v: string]>((db, slot) => {
      builds++;
      return anyDb(db).selectFrom('t').select('id').where('kind', '=', slot(0)).where('v', '=', slot(1)).where('id', '<', 100).orderBy('id');
    });
    const ids = async (kind: string, v: string) => (await dbh.db.executeQuery(byKindAndV(dbh.db, kind, v))).rows.map((r) => Number(r.id));
    expect(await ids('a', 'x')).toEqual([1]);
    expect(await ids('a', 'y')).toEqual([2]);
    expect(await ids('b', 'x')).toEqual([3]);
    expect(await ids('b', 'y')).toEqual([]);
    expect(builds).toBe(1);
  });

  it('refuses a query that does not use a slot as a bound value (the call would run with the placeholder)', () => {
    const forgetful = preparedQuery<{ id: number }, [kind: string]>((db) => anyDb(db).selectFrom('t').select('id').where('kind', '=', 'a'));
    expect(() => forgetful(dbh.db, 'b')).toThrow(/slot\(0\)/);
  });
});
