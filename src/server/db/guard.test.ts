import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgSchema, testEngine } from '../testing.js';
import { DatabaseBusyError, outsideTransaction, RootQueryInTransactionError, TransactionTimeoutError, withTransactionDeadline, type GuardOptions } from './guard.js';
import { openDatabase, type DbHandle } from './index.js';

const warnings: string[] = [];
let dbh: DbHandle;

async function open(guard: Partial<GuardOptions> = {}): Promise<DbHandle> {
  const databaseUrl = testEngine() === 'postgres' ? (await createPgSchema(process.env.TEST_DATABASE_URL!)).url : undefined;
  dbh = openDatabase({ databaseUrl, dataDir: '/tmp/unused', sqliteFile: ':memory:', guard: { warn: (m) => warnings.push(m), ...guard } });
  await sql`create table t (id integer primary key, v text)`.execute(dbh.db);
  return dbh;
}

const rows = async () => (await dbh.db.selectFrom('t' as never).selectAll().execute()).length;
afterEach(async () => {
  warnings.length = 0;
  await dbh.close();
});

describe('transactions on the guarded handle', () => {
  it('refuses a query through the root handle inside a transaction at once, naming where the transaction was opened', async () => {
    const { db } = await open();
    const attempt = db.transaction().execute(async (tx) => {
      await sql`insert into t (id, v) values (1, 'a')`.execute(tx);
      await sql`select 1`.execute(db); // the bug: the root handle, not tx
    });
    await expect(attempt).rejects.toBeInstanceOf(RootQueryInTransactionError);
    await expect(attempt).rejects.toThrow(/guard\.test\.ts/);
    expect(await rows()).toBe(0); // rolled back
  });

  it('refuses a transaction opened inside another', async () => {
    const { db } = await open();
    await expect(db.transaction().execute(() => db.transaction().execute(async () => 1))).rejects.toBeInstanceOf(RootQueryInTransactionError);
  });

  it('runs work started with outsideTransaction after the transaction, without deadlock', async () => {
    const { db } = await open();
    let background: Promise<number> | undefined;
    await db.transaction().execute(async (tx) => {
      await sql`insert into t (id, v) values (1, 'a')`.execute(tx);
      background = outsideTransaction(() => rows());
    });
    expect(await background).toBe(1);
  });

  it('rolls back a transaction that outlives its deadline, reports who opened it, and frees the connection', async () => {
    const { db } = await open({ transactionTimeoutMs: 200 });
    const never = new Promise<void>(() => undefined);
    const stuck = db.transaction().execute(async (tx) => {
      await sql`insert into t (id, v) values (1, 'a')`.execute(tx);
      await never;
    });
    await expect(stuck).rejects.toBeInstanceOf(TransactionTimeoutError);
    expect(warnings.join('\n')).toMatch(/rolled back after 200 ms[\s\S]*guard\.test\.ts/);
    expect(await rows()).toBe(0);
    await sql`insert into t (id, v) values (2, 'b')`.execute(db);
    expect(await rows()).toBe(1);
  });

  it('gives long imports a longer deadline when asked', async () => {
    const { db } = await open({ transactionTimeoutMs: 100 });
    await withTransactionDeadline(5000, () => db.transaction().execute(async (tx) => {
      await new Promise((r) => setTimeout(r, 250));
      await sql`insert into t (id, v) values (1, 'a')`.execute(tx);
    }));
    expect(await rows()).toBe(1);
  });
});

describe.runIf(testEngine() === 'sqlite')('waiting for the only SQLite connection', () => {
  it('answers DatabaseBusyError within the bound while a transaction holds it, and works again afterwards', async () => {
    const { db } = await open({ acquireTimeoutMs: 300, transactionTimeoutMs: 5000 });
    let release!: () => void;
    const held = db.transaction().execute(async (tx) => {
      await sql`insert into t (id, v) values (1, 'a')`.execute(tx);
      await new Promise<void>((r) => (release = r));
    });
    await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    await expect(outsideTransaction(() => rows())).rejects.toBeInstanceOf(DatabaseBusyError);
    expect(performance.now() - started).toBeLessThan(2000);
    release();
    await held;
    // The connection the abandoned wait was eventually given went back: the database still answers.
    expect(await rows()).toBe(1);
  });
});
