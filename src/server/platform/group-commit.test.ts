import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Db } from '../db/index.js';
import { GroupCommit } from './group-commit.js';

interface Row {
  n: number;
}

describe('GroupCommit', () => {
  let db: Db;
  let batches: number[][];
  let commit: GroupCommit<number, string>;

  beforeEach(async () => {
    db = new Kysely({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) }) as unknown as Db;
    await sql`create table t (n integer primary key)`.execute(db);
    batches = [];
    commit = new GroupCommit<number, string>((items) => db.transaction().execute(async (tx) => {
      batches.push([...items]);
      for (const n of items) await sql`insert into t (n) values (${n})`.execute(tx);
      return items.map((n) => `#${n}`);
    }), { maxBatch: 4 });
  });
  afterEach(() => db.destroy());

  const rows = async () => (await sql<Row>`select n from t order by n`.execute(db)).rows.map((r) => r.n);

  it('writes what arrives together in one transaction, in arrival order, at most maxBatch at a time, and answers each caller', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => commit.write(n)));
    expect(results).toEqual(['#1', '#2', '#3', '#4', '#5', '#6']);
    expect(batches).toEqual([[1, 2, 3, 4], [5, 6]]);
    expect(await rows()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a lone write goes at once in a batch of its own', async () => {
    expect(await commit.write(7)).toBe('#7');
    expect(batches).toEqual([[7]]);
  });

  it('one failing write fails alone: the batch is rolled back and the others are written one by one', async () => {
    await commit.write(2);
    batches = [];
    const settled = await Promise.allSettled([1, 2, 3].map((n) => commit.write(n)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.message).toMatch(/UNIQUE/);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(await rows()).toEqual([1, 2, 3]);
  });

  it('no caller hears of success before its batch has committed', async () => {
    let committed = false;
    const slow = new GroupCommit<number, boolean>((items) => db.transaction().execute(async (tx) => {
      await sql`insert into t (n) values (${items[0]!})`.execute(tx);
      await new Promise((r) => setTimeout(r, 20));
      return items.map(() => committed);
    }));
    const seen = slow.write(9).then(async () => (await rows()).includes(9));
    committed = true;
    expect(await seen).toBe(true);
  });

  it('with maxInFlight 2 a ready batch goes while the previous one is in flight; the writer is called in batch order', async () => {
    const started: number[][] = [];
    const release: (() => void)[] = [];
    const overlapping = new GroupCommit<number, number>(async (items) => {
      started.push([...items]);
      await new Promise<void>((r) => release.push(r));
      return [...items];
    }, { maxInFlight: 2 });
    const first = overlapping.write(1);
    await new Promise((r) => setImmediate(r));
    const second = overlapping.write(2);
    await new Promise((r) => setImmediate(r));
    const third = [overlapping.write(3), overlapping.write(4)];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([[1], [2]]);
    release.shift()!();
    expect(await first).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([[1], [2], [3, 4]]);
    while (release.length) release.shift()!();
    await new Promise((r) => setImmediate(r));
    while (release.length) release.shift()!();
    expect(await Promise.all([second, ...third])).toEqual([2, 3, 4]);
    await overlapping.idle();
  });

  it('a batch that does not overlap (overlaps: false) is followed by the next batch, not accompanied by it', async () => {
    const started: number[][] = [];
    const release: (() => void)[] = [];
    // numbers of 10 and more are heavy: nothing goes beside a batch holding one
    const heavyAlone = new GroupCommit<number, number>(async (items) => {
      started.push([...items]);
      await new Promise<void>((r) => release.push(r));
      return [...items];
    }, { maxInFlight: 2, overlaps: (batch) => batch.every((n) => n < 10) });
    const heavy = heavyAlone.write(10);
    await new Promise((r) => setImmediate(r));
    const next = [heavyAlone.write(1), heavyAlone.write(2)];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([[10]]);
    release.shift()!();
    expect(await heavy).toBe(10);
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([[10], [1, 2]]);
    // a light batch in flight: the next one goes beside it
    const beside = heavyAlone.write(3);
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([[10], [1, 2], [3]]);
    while (release.length) release.shift()!();
    await new Promise((r) => setImmediate(r));
    while (release.length) release.shift()!();
    expect(await Promise.all([...next, beside])).toEqual([1, 2, 3]);
    await heavyAlone.idle();
  });

  it('idle() waits for what is queued (shutdown closes the database only after)', async () => {
    expect(await Promise.race([commit.idle().then(() => 'idle'), new Promise((r) => setTimeout(() => r('hung'), 100))])).toBe('idle');
    const writes = [11, 12, 13].map((n) => commit.write(n));
    await commit.idle();
    expect(await rows()).toEqual([11, 12, 13]);
    await Promise.all(writes);
  });
});
