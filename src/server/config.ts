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
  DATABASE_PREPARED_STATEMENTS: booleanFromEnv(true),
  DEMO_MODE: booleanFromEnv(true),
  DATA_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanFromEnv(false),
  COOKIE_SECURE: booleanFromEnv(false),
  STAFF_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  CITIZEN_IDLE_MINUTES: z.coerce.number().int().min(1).max(43200).default(7 * 24 * 60),
  SMS_SENDER: z.enum(['outbox']).default('outbox'),
  SERVE_WEB: booleanFromEnv(true),
  SITE_NAME: z.string().default('邹城市政务服务'),
  SITE_PHONE: z.string().default('0537-12345'),
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
  /** Demo mode shows the latest SMS code on the sign-in page. Off in production. */
  demoMode: boolean;
  dataKey?: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  cookieSecure: boolean;
  staffIdleMinutes: number;
  citizenIdleMinutes: number;
  smsSender: 'outbox';
  serveWeb: boolean;
  siteName: string;
  sitePhone: string;
  /** The address citizens use (links in SMS and messages); default http://localhost:PORT */
  publicUrl: string;
  version: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError('Invalid configuration:\n' + lines.join('\n'));
  }
  const e = parsed.data;
  const root = projectRoot();
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(root, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    seedDemo: e.SEED_DEMO,
    demoMode: e.DEMO_MODE && e.SEED_DEMO,
    dataKey: e.DATA_KEY,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE,
    staffIdleMinutes: e.STAFF_IDLE_MINUTES,
    citizenIdleMinutes: e.CITIZEN_IDLE_MINUTES,
    smsSender: e.SMS_SENDER,
    serveWeb: e.SERVE_WEB,
    siteName: e.SITE_NAME,
    sitePhone: e.SITE_PHONE,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    version: (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version,
  };
}
