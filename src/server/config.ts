import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, found by walking up from this file (works from src/ and dist/). */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

const booleanFromEnv = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  SEED_DEMO: booleanFromEnv(true),
  SEED_DEMO_HISTORY: booleanFromEnv(true),
  DATABASE_PREPARED_STATEMENTS: booleanFromEnv(true),
  DEMO_MODE: booleanFromEnv(true),
  DATA_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default('false').transform(parseTrustedProxies).pipe(z.array(z.string())),
  CITIZEN_APPLICATIONS_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(20),
  RATING_RECTIFY_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  DATABASE_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  SQLITE_CACHE_MIB: z.coerce.number().int().min(1).max(4096).default(16),
  DATABASE_TRANSACTION_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  COOKIE_SECURE: booleanFromEnv(false),
  STAFF_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  CITIZEN_IDLE_MINUTES: z.coerce.number().int().min(1).max(43200).default(7 * 24 * 60),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  SMS_SENDER: z.enum(['outbox']).default('outbox'),
  FILE_STORE: z.enum(['disk', 'database'], { error: 'FILE_STORE must be disk (DATA_DIR/files, one machine) or database (the file_blobs table, shared by every app machine)' }).default('disk'),
  REAL_NAME_VERIFIER: z.enum(['demo', 'none']).optional(),
  LICENCE_LIBRARY: z.enum(['demo', 'none']).optional(),
  SERVE_WEB: booleanFromEnv(true),
  SITE_NAME: z.string().default('邹城市政务服务'),
  SITE_PHONE: z.string().default('0537-12345'),
  /** the county this public site serves when one database holds several (docs/SCALING.md); unset: every county, the first on top */
  SITE_REGION: z.string().regex(/^\d{6}$/, 'SITE_REGION must be a county code such as 370881').optional(),
  /** the service map's tiles, e.g. https://t{s}.tianditu.gov.cn/vec_w/wmts?…&tk=KEY; unset: no external tiles */
  MAP_TILE_URL: z.string().regex(/^https:\/\/[^\s]+\{z\}[^\s]*$/, 'MAP_TILE_URL must be an https tile template with {z}, {x} and {y}').optional(),
  MAP_TILE_ATTRIBUTION: z.string().default('地图数据 © 天地图'),
  PUBLIC_URL: z.url('PUBLIC_URL must be a URL such as https://zwfw.example.gov.cn').optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL: prepare each distinct statement once per connection (turn off behind a transaction-pooling PgBouncer) */
  databasePreparedStatements: boolean;
  seedDemo: boolean;
  /**
   * With the demo, three months of closed cases, ratings and 差评 follow-ups for the dashboards
   * (seed/history.ts), written in the background after the server listens (a few seconds).
   */
  seedDemoHistory: boolean;
  /** Demo mode shows the latest SMS code on the sign-in page. Off in production. */
  demoMode: boolean;
  dataKey?: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /**
   * Addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For is believed (empty: none).
   * Anything else could forge its address past rate limits and into the audit log.
   */
  trustedProxies: string[];
  /** Online applications one citizen account may submit in a (China) day: each one sends official SMS. */
  citizenApplicationsPerDay: number;
  /** 差评整改时限: working days from a 差评 to its rectification (DOMAIN.md §4; Dezhou uses 5) */
  ratingRectifyDays: number;
  /** How long a request waits for a database connection before 503 DATABASE_BUSY. */
  databaseWaitMs: number;
  /** SQLite's page cache (MiB), held in the process's memory. */
  sqliteCacheMiB: number;
  /** How long a transaction may run before it is rolled back and reported. */
  databaseTransactionMs: number;
  cookieSecure: boolean;
  staffIdleMinutes: number;
  citizenIdleMinutes: number;
  /**
   * Sign-in requests (staff password, citizen SMS code) one client address may make a minute, per
   * route. 60 lets a town hall of ~30 clerks behind one NAT address sign in at opening time; raise
   * it only for load tests that sign in from one address.
   */
  loginRateLimitPerMinute: number;
  smsSender: 'outbox';
  /**
   * Where uploaded files' bytes live: 'disk' (DATA_DIR/files; one machine) or 'database' (table
   * file_blobs: on PostgreSQL shared by every app machine). `npm run files:migrate` copies between them.
   */
  fileStore: 'disk' | 'database';
  /**
   * Who checks a citizen's name against their ID number (auth/real-name.ts): 'demo' (demo mode
   * only: anything valid passes, marked 演示核验) or 'none' (no identity source: profiles are
   * stored as declared, 本人申报、未核验). Default: 'demo' in demo mode, otherwise 'none'.
   */
  realNameVerifier: 'demo' | 'none';
  /**
   * The 电子证照 library outside the platform (licences/sources.ts): 'demo' (demo mode only: the
   * demo citizens' licences) or 'none' (only the licences the platform issues). The province's
   * library is plugged in as code (docs/OPERATIONS.md, 电子证照). Default: 'demo' in demo mode.
   */
  licenceLibrary: 'demo' | 'none';
  serveWeb: boolean;
  siteName: string;
  /** SITE_REGION: the top of the public region tree (GET /regions) is this county alone */
  siteRegion?: string;
  sitePhone: string;
  /** The address citizens use (links in SMS and messages); default http://localhost:PORT */
  publicUrl: string;
  /** The service map's base tiles; null: none (the map works offline on our own layer). `origin` is what the CSP allows images from. */
  mapTiles: { url: string; attribution: string; origin: string } | null;
  version: string;
};

export class ConfigError extends Error {}

/**
 * The origin a tile template's images come from, for the CSP: https://t{s}.tianditu.gov.cn/… →
 * https://*.tianditu.gov.cn (a {s} subdomain becomes a wildcard label).
 */
export function tileOrigin(template: string): string {
  const url = new URL(template.replace(/\{[sxyz]\}/g, '0'));
  const host = new URL(template.replace(/\{s\}/g, 'SUB').replace(/\{[xyz]\}/g, '0')).host;
  const labels = host.split('.');
  return labels[0]!.includes('SUB') ? `https://*.${labels.slice(1).join('.')}` : `${url.protocol}//${url.host}`;
}

const IPV4_OR_CIDR = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/;
const IPV6_OR_CIDR = /^[0-9a-f:]+(\/\d{1,3})?$/i;
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: `false` (default), or the proxies' addresses/CIDRs, comma separated
 * (`127.0.0.1,10.0.0.0/8`; the names loopback, linklocal and uniquelocal are accepted too).
 * `true` once meant "trust any X-Forwarded-For"; it now means the proxy on this machine
 * (loopback), the usual nginx in front of the app.
 */
function parseTrustedProxies(value: string, ctx: z.RefinementCtx): string[] {
  const v = value.trim().toLowerCase();
  if (['', 'false', '0', 'no'].includes(v)) return [];
  if (['true', '1', 'yes'].includes(v)) return ['loopback'];
  const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!PROXY_RANGE_NAMES.includes(entry) && !IPV4_OR_CIDR.test(entry) && !IPV6_OR_CIDR.test(entry)) {
      ctx.addIssue({ code: 'custom', message: `TRUST_PROXY: "${entry}" is not an IP address or CIDR range (e.g. 127.0.0.1,10.0.0.0/8)` });
    }
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError('Invalid configuration:\n' + lines.join('\n'));
  }
  const e = parsed.data;
  const root = projectRoot();
  const demoMode = e.DEMO_MODE && e.SEED_DEMO;
  // The demo verifier passes anything: outside demo mode it would mark unchecked identities verified.
  if (e.REAL_NAME_VERIFIER === 'demo' && !demoMode) {
    throw new ConfigError('Invalid configuration:\n  REAL_NAME_VERIFIER: demo verifies nothing and is allowed only in demo mode (DEMO_MODE and SEED_DEMO on); use none');
  }
  if (e.LICENCE_LIBRARY === 'demo' && !demoMode) {
    throw new ConfigError('Invalid configuration:\n  LICENCE_LIBRARY: demo serves made-up licences and is allowed only in demo mode (DEMO_MODE and SEED_DEMO on); use none');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(root, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    seedDemo: e.SEED_DEMO,
    seedDemoHistory: e.SEED_DEMO_HISTORY,
    demoMode,
    dataKey: e.DATA_KEY,
    logLevel: e.LOG_LEVEL,
    trustedProxies: e.TRUST_PROXY,
    citizenApplicationsPerDay: e.CITIZEN_APPLICATIONS_PER_DAY,
    ratingRectifyDays: e.RATING_RECTIFY_DAYS,
    databaseWaitMs: e.DATABASE_WAIT_MS,
    sqliteCacheMiB: e.SQLITE_CACHE_MIB,
    databaseTransactionMs: e.DATABASE_TRANSACTION_MS,
    cookieSecure: e.COOKIE_SECURE,
    staffIdleMinutes: e.STAFF_IDLE_MINUTES,
    citizenIdleMinutes: e.CITIZEN_IDLE_MINUTES,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    smsSender: e.SMS_SENDER,
    fileStore: e.FILE_STORE,
    realNameVerifier: e.REAL_NAME_VERIFIER ?? (demoMode ? 'demo' : 'none'),
    licenceLibrary: e.LICENCE_LIBRARY ?? (demoMode ? 'demo' : 'none'),
    serveWeb: e.SERVE_WEB,
    siteName: e.SITE_NAME,
    siteRegion: e.SITE_REGION,
    sitePhone: e.SITE_PHONE,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    mapTiles: e.MAP_TILE_URL ? { url: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION, origin: tileOrigin(e.MAP_TILE_URL) } : null,
    version: (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version,
  };
}
