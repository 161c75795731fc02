import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Compilable, type OperationNodeSource, type PostgresCursor, type PostgresPool, type PostgresPoolClient, type Transaction,
} from 'kysely';
import pg from 'pg';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from './checkpointer.js';
import { DatabaseUnavailableError, guardedDialect, guardTransactions, isLostConnection, type GuardOptions } from './guard.js';
import type { Database } from './types.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: repository functions accept both. */
export type DbOrTx = Kysely<Database>;
export type Engine = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string;
  /** SQLite file; ':memory:' for tests */
  sqliteFile?: string;
  dataDir: string;
  /** PostgreSQL: name statements so each connection parses them once (off behind a transaction-pooling PgBouncer) */
  preparedStatements?: boolean;
  /** The transaction and connection-wait bounds (db/guard.ts); defaults suit a server. */
  guard?: Partial<GuardOptions>;
  /** SQLite's page cache in MiB (default 16): memory the process holds for it at most. */
  sqliteCacheMiB?: number;
}

/**
 * Defaults: a transaction may run 30 s (imports and seeding ask for longer with
 * withTransactionDeadline), a query waits at most 10 s for a connection, and — where the scope is
 * tracked (tests, development, BIANMIN_TRANSACTION_GUARD=1: the browser journeys) — a root-handle
 * query inside a transaction throws, except on PostgreSQL in production, where it is logged.
 */
function guardOptions(engine: Engine, given: Partial<GuardOptions> = {}): GuardOptions {
  const env = process.env.NODE_ENV;
  return {
    trackScope: env === 'test' || env === 'development' || process.env.BIANMIN_TRANSACTION_GUARD === '1',
    strict: engine === 'sqlite' || env !== 'production',
    transactionTimeoutMs: 30_000,
    acquireTimeoutMs: 10_000,
    warn: (message) => process.emitWarning(message, 'DatabaseGuard'),
    ...given,
  };
}

export function openDatabase(opts: DbOptions): DbHandle {
  if (opts.databaseUrl) {
    // int8 (count(*)) comes back as a string by default; our counts fit in a JS number.
    pg.types.setTypeParser(20, (v) => Number(v));
    pg.types.setTypeParser(1700, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    const guard = guardOptions('postgres', opts.guard);
    // An idle pooled connection that PostgreSQL ends (a restart, a failover, a network cut) is an
    // 'error' event on the pool: unheard, it would end the process. The pool drops that
    // connection and opens a new one when next asked.
    pool.on('error', (err) => guard.warn(`an idle PostgreSQL connection failed and was dropped: ${err.message}`));
    // The pool stops listening for a client's errors while it is checked out — from the moment it
    // connects, before the caller has it. A backend ended then (between two statements of a
    // transaction, or in the same packet as its ready-for-query) was an unheard 'error' that ended
    // the process. Heard here, the client's next statement fails instead and its release drops it
    // (pg-pool checks _queryable).
    pool.on('connect', (client) => client.on('error', () => undefined));
    const dialect = new PostgresDialect({ pool: withPreparedStatements(pool, opts.preparedStatements !== false) });
    const db = guardTransactions(new Kysely<Database>({ dialect: guardedDialect(dialect, guard) }), guard);
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const file = opts.sqliteFile ?? path.join(opts.dataDir, 'bianmin.sqlite');
  if (file !== ':memory:') {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // SQLite would create the database with the umask's mode (0644) and gives its -wal and -shm
    // the database's mode: create it 0600 first, and tighten files an older version left readable.
    closeSync(openSync(file, 'a', 0o600));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      try {
        if (existsSync(f) && (statSync(f).mode & 0o077) !== 0) chmodSync(f, 0o600);
      } catch (err) {
        process.emitWarning(`cannot restrict ${f} to mode 600: ${(err as Error).message}`, 'DataDirPermissions');
      }
    }
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // 16 MiB of page cache instead of 2 MiB keeps the queue's hot index pages in memory; pages beyond
  // it come from the OS's file cache. 64 MiB was tried: reading a 10,000-item catalog filled it, and
  // it stayed in the process's RSS (docs/RELIABILITY.md, Memory).
  sqlite.pragma(`cache_size = ${-Math.round((opts.sqliteCacheMiB ?? 16) * 1024)}`);
  const checkpointer = file === ':memory:' ? null : startCheckpointer(file);
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const guard = guardOptions('sqlite', opts.guard);
  const db = guardTransactions(new Kysely<Database>({ dialect: guardedDialect(new SqliteDialect({ database: withStatementCache(sqlite) }), guard) }), guard);
  return {
    db, engine: 'sqlite',
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * PostgreSQL parses and plans every unnamed statement it is sent; the same few statements make up
 * most of the traffic, so each distinct SQL text gets a name and every connection prepares it
 * once (node-postgres keeps track per connection). Texts beyond `max` (a query with a long
 * IN-list of varying length, say) stay unnamed, so the server's memory per connection is bounded.
 * With `prepared` off (behind a transaction-pooling PgBouncer) every text stays unnamed; the
 * wrapper is still used, for its translation of a lost server into DatabaseUnavailableError.
 */
function withPreparedStatements(pool: pg.Pool, prepared: boolean, max = 2000): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    if (!prepared) return undefined;
    let name = names.get(text);
    if (!name && names.size < max) names.set(text, (name = `bm${names.size}`));
    return name;
  };
  // A server that is gone is told apart from a failing statement here, where the error surely
  // comes from node-postgres (db/guard.ts DatabaseUnavailableError → 503).
  const unavailable = (err: unknown) => (isLostConnection(err) ? new DatabaseUnavailableError(err) : err);
  return {
    async connect() {
      const client = await pool.connect().catch((err: unknown) => {
        throw unavailable(err);
      });
      const query = (text: string | PostgresCursor<unknown>, values?: readonly unknown[]) => {
        if (typeof text !== 'string') return client.query(text as never);
        const name = nameOf(text);
        return (name ? client.query({ name, text, values: values as unknown[] }) : client.query(text, values as unknown[])).catch((err: unknown) => {
          throw unavailable(err);
        });
      };
      return { query, release: (destroy?: boolean) => client.release(destroy) } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/**
 * Kysely asks better-sqlite3 to prepare every query it runs, and preparing costs more than
 * running most of them: keep the prepared statements by SQL text (the least recently used beyond
 * `max` are dropped). Safe because the driver runs one statement at a time on its connection and
 * SQLite re-prepares a statement itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/** A data-changing statement built with Kysely (an insert, update or delete, with or without RETURNING). */
export type WriteQuery = Compilable & OperationNodeSource;

/** A unique index refused the write (either engine). */
export const isUniqueViolation = (err: unknown): boolean => {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
};

/**
 * Runs statements that do not read each other's changes, in order, inside the caller's
 * transaction, and returns each one's RETURNING rows (an empty list for those without). On
 * PostgreSQL they go as one statement of data-modifying CTEs — one round trip instead of one
 * each, which is what a batch of writes costs most there; on SQLite, where a statement costs
 * microseconds, one after the other. Within one PostgreSQL statement every part sees the data as
 * it was before the statement, so no part may depend on another's rows (foreign keys are checked
 * at its end and are fine).
 */
export async function runTogether(tx: DbOrTx, queries: readonly { query: WriteQuery; returning?: boolean }[]): Promise<unknown[][]> {
  if (queries.length === 0) return [];
  if (!(tx.getExecutor().adapter instanceof PostgresAdapter) || queries.length === 1) {
    const out: unknown[][] = [];
    for (const { query } of queries) out.push((await tx.executeQuery(query.compile())).rows as unknown[]);
    return out;
  }
  const { ctes, parameters } = asCtes(queries.map(({ query }, i) => ({ name: `w${i}`, query })));
  const { rows } = await tx.executeQuery<Record<string, unknown[] | null>>(CompiledQuery.raw(`with ${ctes} select ${selectReturning(queries)}`, parameters));
  return queries.map((_, i) => rows[0]![`r${i}`] ?? []);
}

/**
 * Each part compiled on its own as a named CTE, its placeholders ($1…) moved past the parts
 * before it (Kysely sends every value as a parameter, so `$n` appears in the compiled text only as
 * a placeholder).
 */
function asCtes(parts: readonly { name: string; query: WriteQuery }[]): { ctes: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const ctes = parts.map(({ name, query }) => {
    const { sql: text, parameters: own } = query.compile();
    const offset = parameters.length;
    parameters.push(...own);
    return `"${name}" as (${renumbered(text, offset)})`;
  });
  return { ctes: ctes.join(', '), parameters };
}

/**
 * `text` with each placeholder $n moved to $(n + offset). The same few texts and offsets come
 * back batch after batch and a batch's text has thousands of placeholders, so results are kept
 * (up to 2000, then started afresh).
 */
function renumbered(text: string, offset: number): string {
  if (offset === 0) return text;
  const key = `${offset}|${text}`;
  let out = renumberedTexts.get(key);
  if (out === undefined) {
    out = text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    if (renumberedTexts.size >= 2000) renumberedTexts.clear();
    renumberedTexts.set(key, out);
  }
  return out;
}
const renumberedTexts = new Map<string, string>();

const selectReturning = (queries: readonly { returning?: boolean }[]) =>
  queries.map(({ returning }, i) => (returning ? `(select coalesce(json_agg("w${i}"), '[]') from "w${i}") as "r${i}"` : `null as "r${i}"`)).join(', ');

/** A guard of `writeIfUnchanged` found the data changed since it was read; nothing was written. */
export class StaleWriteError extends Error {
  constructor() {
    super('the rows a write was computed from have changed since; nothing was written');
    this.name = 'StaleWriteError';
  }
}

/** SQLSTATE that bianmin_expect() raises (migration 0008). */
const GUARD_FAILED = 'BM409';

/**
 * PostgreSQL only, outside a transaction: one statement — one round trip and one commit — that
 * runs the `guards` (updates of rows whose values the writes were computed from, each conditional
 * on those values still being there, each with RETURNING) and, only if every guard changed exactly
 * its `rows`, the `writes`. Otherwise the whole statement fails, nothing is written and
 * StaleWriteError is thrown.
 *
 * A statement is atomic on its own, and a guard's update locks its rows and re-checks its
 * condition against the latest committed version, so a concurrent writer (another process, or
 * another transaction of this one) cannot slip in between the read and the write.
 */
export async function writeIfUnchanged(
  db: Db,
  guards: readonly { query: WriteQuery; rows: number }[],
  writes: readonly { query: WriteQuery; returning?: boolean }[],
  opts: {
    /**
     * The guards expect the rows of an earlier write still in flight on another connection, which
     * this statement may have overtaken: resolves to whether it has committed since, in which case
     * the statement is sent once more.
     */
    previous?: Promise<boolean>;
  } = {},
): Promise<unknown[][]> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) throw new Error('writeIfUnchanged runs on PostgreSQL only');
  if (db.isTransaction) throw new Error('writeIfUnchanged is its own transaction');
  const { ctes, parameters } = asCtes([...guards.map(({ query }, i) => ({ name: `g${i}`, query })), ...writes.map(({ query }, i) => ({ name: `w${i}`, query }))]);
  // Guards first in the select list: their CTEs run (and lock) before any write's.
  const expected = guards.map(({ rows }, i) => `(select count(*) from "g${i}") = ${Math.trunc(rows)}`).join(' and ');
  const statement = CompiledQuery.raw(`with ${ctes} select bianmin_expect(${expected || 'true'}) as "ok", ${selectReturning(writes)}`, parameters);
  const send = async () => {
    try {
      const { rows } = await db.executeQuery<Record<string, unknown[] | null>>(statement);
      return writes.map((_, i) => rows[0]![`r${i}`] ?? []);
    } catch (err) {
      if ((err as { code?: string }).code === GUARD_FAILED) throw new StaleWriteError();
      throw err;
    }
  };
  try {
    return await send();
  } catch (err) {
    if (err instanceof StaleWriteError && opts.previous && (await opts.previous)) return send();
    throw err;
  }
}
