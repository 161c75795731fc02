/**
 * Keeps the database answering (issue 10: a server that stopped answering).
 *
 * On SQLite there is one connection. A transaction holds it until its callback returns, so a query
 * sent through the root handle from inside that callback waits for the transaction that is waiting
 * for it: both wait forever, and so does every request after them. On PostgreSQL the same query
 * quietly takes a second pooled connection and reads outside the transaction. Three guards:
 *
 * - **No root-handle query inside a transaction.** Each transaction's callback runs in an
 *   AsyncLocalStorage scope; acquiring a connection through the root handle while that scope is
 *   active throws at once (always on SQLite, where it would deadlock; in tests and development on
 *   PostgreSQL, where it is a bug that happens to work). Work that must run outside — a cache
 *   refreshing itself — starts through `outsideTransaction`.
 * - **A deadline per transaction.** A callback that has not finished within the bound is logged
 *   with the stack that opened it, and its transaction is rolled back (the callback's later queries
 *   then fail: Kysely refuses queries on a rolled-back transaction), so the connection comes back.
 * - **A bound on waiting for a connection.** A request that cannot get one within the bound fails
 *   with DatabaseBusyError (503 DATABASE_BUSY) instead of hanging.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type DatabaseConnection, type Dialect, type Driver, type Kysely, type TransactionBuilder } from 'kysely';

interface OpenTransaction {
  /** Built (not formatted) when the transaction opens: its stack is read only if something goes wrong. */
  openedBy: Error;
}

const openTransactions = new AsyncLocalStorage<OpenTransaction>();
/** Set while withTransactionDeadline's function runs: read synchronously when a transaction opens. */
let deadlineOverride: number | undefined;

/** Whether the current async context is inside a transaction's callback. */
export const insideTransaction = (): boolean => openTransactions.getStore() !== undefined;

/**
 * Runs `fn` as if no transaction were open in this async context: for work that is started from
 * inside a transaction but must not be part of it (a background cache refresh). It reads through
 * the root handle, so on SQLite it waits until the transaction has ended.
 */
export const outsideTransaction = <T>(fn: () => T): T => openTransactions.exit(fn);

/**
 * Runs `fn` with a longer deadline for the transaction it opens — synchronously, as in
 * `withTransactionDeadline(ms, () => db.transaction().execute(…))`: imports and seeding that write
 * tens of thousands of rows in one transaction on purpose. (A plain variable, not another
 * AsyncLocalStorage: see trackScope.)
 */
export function withTransactionDeadline<T>(ms: number, fn: () => T): T {
  const previous = deadlineOverride;
  deadlineOverride = ms;
  try {
    return fn();
  } finally {
    deadlineOverride = previous;
  }
}

/** No connection could be had within the bound: the database is busy or unreachable. */
export class DatabaseBusyError extends Error {
  constructor(message = 'no database connection became free in time') {
    super(message);
    this.name = 'DatabaseBusyError';
  }
}

/**
 * PostgreSQL cannot be reached (refused, reset, timed out) or ended the connection (a restart or
 * failover: 57P01–57P03, SQLSTATE class 08). Raised by the PostgreSQL pool wrapper (db/index.ts)
 * in place of the driver's error, so the HTTP layer can tell it from a bug: 503, not 500.
 */
export class DatabaseUnavailableError extends Error {
  constructor(readonly cause: unknown) {
    super(`the database cannot be reached: ${(cause as Error | null)?.message ?? String(cause)}`);
    this.name = 'DatabaseUnavailableError';
  }
}

const LOST_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', '57P01', '57P02', '57P03']);

/**
 * Whether an error of the PostgreSQL driver means the server is gone rather than the statement
 * wrong. node-postgres reports a socket that closed under it with a message and no code.
 */
export function isLostConnection(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (LOST_CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && /^Connection terminated|is not queryable/.test(message);
}

/** A root-handle query inside a transaction: a deadlock on SQLite, a bug on PostgreSQL. */
export class RootQueryInTransactionError extends Error {
  constructor(openedBy: Error) {
    super(
      'a query went through the root database handle while a transaction is open in the same async context; ' +
        'pass the transaction (tx) down, or start background work with outsideTransaction(). The transaction was opened at:\n' +
        (openedBy.stack ?? '').split('\n').slice(1).join('\n'),
    );
    this.name = 'RootQueryInTransactionError';
  }
}

export class TransactionTimeoutError extends Error {
  constructor(ms: number) {
    super(`the transaction did not finish within ${ms} ms and was rolled back`);
    this.name = 'TransactionTimeoutError';
  }
}

export interface GuardOptions {
  /**
   * Track which async context holds a transaction, so a root-handle query inside one is caught.
   * On in tests and development: on Node 20 an AsyncLocalStorage in use puts hooks on every promise
   * of the process, which halved the throughput of the lightest requests in the bench. Production
   * relies on the deadlines below, and on the caches refreshing outside transactions.
   */
  trackScope: boolean;
  /** Throw on a root-handle query inside a transaction (otherwise it is logged). */
  strict: boolean;
  /** How long a transaction's callback may run before it is rolled back. */
  transactionTimeoutMs: number;
  /** How long a query may wait for a connection before DatabaseBusyError. */
  acquireTimeoutMs: number;
  /** Where a rolled-back slow transaction or a non-strict misuse is reported. */
  warn: (message: string) => void;
}

/** A dialect whose driver refuses root-handle queries inside transactions and bounds waiting. */
export function guardedDialect(inner: Dialect, opts: GuardOptions): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => guardedDriver(inner.createDriver(), opts),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
  };
}

function guardedDriver(inner: Driver, opts: GuardOptions): Driver {
  const driver: Driver = {
    init: () => inner.init(),
    async acquireConnection(): Promise<DatabaseConnection> {
      const open = openTransactions.getStore();
      if (open) {
        const error = new RootQueryInTransactionError(open.openedBy);
        if (opts.strict) throw error;
        opts.warn(error.message);
      }
      return acquireWithin(inner, opts.acquireTimeoutMs);
    },
    beginTransaction: (connection, settings) => inner.beginTransaction(connection, settings),
    commitTransaction: (connection) => inner.commitTransaction(connection),
    rollbackTransaction: (connection) => inner.rollbackTransaction(connection),
    releaseConnection: (connection) => inner.releaseConnection(connection),
    destroy: () => inner.destroy(),
  };
  if (inner.savepoint) driver.savepoint = inner.savepoint.bind(inner);
  if (inner.rollbackToSavepoint) driver.rollbackToSavepoint = inner.rollbackToSavepoint.bind(inner);
  if (inner.releaseSavepoint) driver.releaseSavepoint = inner.releaseSavepoint.bind(inner);
  return driver;
}

/**
 * The inner driver's connection, or DatabaseBusyError once it has waited `ms`. One shared sweep
 * (not a timer per query: this is on every request's path) fails the waits that ran out. A
 * connection that arrives after its caller gave up is handed straight back, or it would be held
 * forever (on SQLite, the only one).
 */
function acquireWithin(inner: Driver, ms: number): Promise<DatabaseConnection> {
  return new Promise((resolve, reject) => {
    const wait: Waiting = { since: performance.now(), ms, reject, gaveUp: false };
    waiting.add(wait);
    startSweep();
    inner.acquireConnection().then(
      (connection) => {
        waiting.delete(wait);
        if (wait.gaveUp) void inner.releaseConnection(connection);
        else resolve(connection);
      },
      (err: unknown) => {
        waiting.delete(wait);
        if (!wait.gaveUp) reject(err);
      },
    );
  });
}

interface Waiting {
  since: number;
  ms: number;
  reject: (err: Error) => void;
  gaveUp: boolean;
}
const waiting = new Set<Waiting>();
let sweep: NodeJS.Timeout | null = null;
const SWEEP_MS = 100;

function startSweep(): void {
  if (sweep) return;
  sweep = setInterval(() => {
    const now = performance.now();
    for (const wait of waiting) {
      if (now - wait.since < wait.ms) continue;
      wait.gaveUp = true;
      waiting.delete(wait);
      wait.reject(new DatabaseBusyError(`no database connection became free within ${wait.ms} ms`));
    }
    if (waiting.size === 0 && sweep) {
      clearInterval(sweep);
      sweep = null;
    }
  }, SWEEP_MS);
  sweep.unref();
}

/**
 * `db` with every transaction's callback run inside the open-transaction scope and under the
 * deadline. Patched on the instance (Kysely's builders are final classes with private state).
 */
export function guardTransactions<DB>(db: Kysely<DB>, opts: GuardOptions): Kysely<DB> {
  const begin = db.transaction.bind(db);
  db.transaction = () => guardedBuilder(begin(), opts);
  return db;
}

function guardedBuilder<DB>(builder: TransactionBuilder<DB>, opts: GuardOptions): TransactionBuilder<DB> {
  return new Proxy(builder, {
    get(target, prop) {
      if (prop === 'execute') {
        return <T>(callback: Parameters<TransactionBuilder<DB>['execute']>[0] & ((...args: never[]) => Promise<T>)) => {
          const open: OpenTransaction = { openedBy: new Error('transaction opened here') };
          const ms = deadlineOverride ?? opts.transactionTimeoutMs;
          return target.execute((tx) => (opts.trackScope
            ? openTransactions.run(open, () => withinDeadline(callback(tx), ms, open, opts))
            : withinDeadline(callback(tx), ms, open, opts)));
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      // setIsolationLevel / setAccessMode return new builders: guard those too.
      return (...args: unknown[]) => {
        const out = (value as (...a: unknown[]) => unknown).apply(target, args);
        return out && typeof out === 'object' && 'execute' in out ? guardedBuilder(out as TransactionBuilder<DB>, opts) : out;
      };
    },
  });
}

function withinDeadline<T>(work: Promise<T>, ms: number, open: OpenTransaction, opts: GuardOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      opts.warn(`transaction rolled back after ${ms} ms without finishing; it was opened at:\n${(open.openedBy.stack ?? '').split('\n').slice(1).join('\n')}`);
      reject(new TransactionTimeoutError(ms));
    }, ms);
    timer.unref();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/**
 * Whether the database answers a real query within `ms` (the health check: a process whose
 * database does not answer must leave the load balancer, even though its HTTP side still does).
 */
export async function answersWithin<DB>(db: Kysely<DB>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const query = outsideTransaction(() => sql`select 1 as ok`.execute(db)).then(() => true, () => false);
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The deadline for imports and seeding that write tens of thousands of rows in one transaction. */
export const IMPORT_TRANSACTION_MS = 10 * 60_000;
