// Types shared by the bench harness (run.ts) and the scenario modules (modules/*.ts).
import type { DbHandle, Engine } from '../../src/server/db/index.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Pass/fail thresholds of one scenario. Omitted fields are not checked. */
export interface Target {
  /** Minimum req/s as a fraction of the baseline route's req/s in the same run (0.5 = 50%). */
  minRatio?: number;
  /** Maximum 99th-percentile latency in milliseconds. */
  maxP99Ms?: number;
  /** Minimum req/s in absolute terms (a throughput the product promises, e.g. 1,000 submissions/s). */
  minReqPerSec?: number;
}

/** One variant of a scenario's request (RequestSpec.variants). */
export interface RequestVariant {
  headers?: Record<string, string>;
  body?: unknown;
}

/** What a scenario's setup() may change about its request (e.g. a session cookie it obtained). */
export interface ScenarioOverrides {
  path?: string;
  /** a mix of paths made at setup (e.g. one per signed code) */
  paths?: string[];
  body?: unknown;
  headers?: Record<string, string>;
  /** requests' own headers and bodies, carried in turn (e.g. several citizens, each with their own upload) */
  variants?: RequestVariant[];
}

/** The request a load repeats (measure.ts sends it): a scenario's, or the baseline route's. */
export interface RequestSpec {
  method: HttpMethod;
  /** Path and query, e.g. '/api/v1/regions?parent=370883'. */
  path: string;
  /**
   * A mix of paths (same method) that each connection cycles through, e.g. different search
   * queries; `path` is then only the pre-check. Measures a realistic spread instead of one hot URL.
   */
  paths?: string[];
  /** A string is sent as is; anything else is sent as JSON (content-type set for you). */
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Variants the requests carry in turn: headers added to `headers`, and a body instead of
   * `body`. E.g. many citizens' sessions, each with their own uploaded file, where one account
   * would meet a per-person limit (applications a day).
   */
  variants?: RequestVariant[];
  /**
   * A header that gets a fresh random value (a UUID) on every request, e.g. 'idempotency-key'
   * for an endpoint that remembers keys.
   */
  uniqueHeader?: string;
}

export interface Scenario extends RequestSpec {
  /** Short, unique; shown in the table. */
  name: string;
  /** One sentence: what is measured and why. */
  description: string;
  /** Concurrent connections (default 50, the same as the baseline). */
  connections?: number;
  /**
   * Runs once against the live server after data generation and before any measurement, e.g. to
   * sign in and return the cookie the load should carry. Must not depend on other scenarios.
   */
  setup?(ctx: BenchContext): Promise<void | ScenarioOverrides>;
  target?: Target;
}

/**
 * A group of scenarios that belongs to one feature (one issue), with the generator of the data
 * set they need. Register new modules in tests/bench/scenarios.ts.
 */
/** A one-off operation timed end to end (e.g. importing a 5,000-row workbook), not a load. */
export interface TimedTask {
  name: string;
  description: string;
  /** Must finish within this many milliseconds. */
  targetMs: number;
  /**
   * Runs once after the load scenarios. Returns the measured milliseconds when only part of the
   * work is the operation (e.g. not the building of its input), and a short note for the report.
   */
  run(ctx: BenchContext): Promise<{ ms?: number; note?: string } | void>;
}

export interface BenchModule {
  name: string;
  tasks?: TimedTask[];
  /**
   * Loads this module's data set (e.g. 10,000 catalog items) after the cold-start measurement
   * and before any load. The demo seed is already in place. Runs once per bench run, in the
   * order modules are listed.
   */
  generateData?(ctx: DataContext): Promise<void>;
  scenarios: Scenario[];
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

export interface BenchContext {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  engine: Engine;
  /** The run's temporary DATA_DIR (SQLite file, data key). */
  dataDir: string;
  /** Set when the run targets PostgreSQL. */
  databaseUrl?: string;
  /** One HTTP request to the server under test (fetch). Objects in `body` are sent as JSON. */
  request(method: HttpMethod, path: string, opts?: { body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse>;
  /**
   * Signs a staff account in (default password: the demo password) and returns the headers a
   * signed-in write needs: Cookie and X-CSRF-Token. Throws unless the login answers 200.
   */
  staffSession(username: string, password?: string): Promise<Record<string, string>>;
  /** Progress line on stderr (stdout carries the report). */
  log(message: string): void;
}

export interface DataContext extends BenchContext {
  /**
   * A direct Kysely connection to the server's database, for bulk loads that would take too
   * long through the API. Migrations have already run. The harness closes it after generateData.
   */
  openDb(): Promise<DbHandle>;
  /**
   * Asks the harness to restart the server after all generators ran (same data, same port), for
   * data the server caches at boot (e.g. the region directory). Costs one more start.
   */
  requestRestart(reason: string): void;
}
