// The server under test: build if stale, spawn `node dist/server/main.js` directly (so the child
// PID is the real server's), wait for health, read its RSS, stop it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const SERVER_ENTRY = path.join('dist', 'server', 'main.js');

function newestMtime(dir: string): { mtimeMs: number; file: string } {
  let best = { mtimeMs: 0, file: '' };
  if (!existsSync(dir)) return best;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = newestMtime(full);
      if (inner.mtimeMs > best.mtimeMs) best = inner;
    } else if (!entry.name.endsWith('.test.ts')) {
      // tsconfig.server.json excludes tests, so a changed test does not call for a rebuild.
      const m = statSync(full).mtimeMs;
      if (m > best.mtimeMs) best = { mtimeMs: m, file: full };
    }
  }
  return best;
}

/** Runs `npm run build:server` when dist/server/main.js is missing or older than src/server or src/shared. */
export function ensureBuilt(root: string, log: (m: string) => void): void {
  const entry = path.join(root, SERVER_ENTRY);
  const sources = [newestMtime(path.join(root, 'src', 'server')), newestMtime(path.join(root, 'src', 'shared'))]
    .sort((a, b) => b.mtimeMs - a.mtimeMs)[0];
  let reason: string | undefined;
  if (!existsSync(entry)) reason = `${SERVER_ENTRY} is missing`;
  else if (statSync(entry).mtimeMs < sources.mtimeMs) reason = `${path.relative(root, sources.file)} is newer than ${SERVER_ENTRY}`;
  if (!reason) {
    log(`build: ${SERVER_ENTRY} is up to date`);
    return;
  }
  log(`build: ${reason}; running npm run build:server`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // stdout of the build goes to stderr: stdout is the report.
  const res = spawnSync(npm, ['run', 'build:server'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (res.status !== 0) throw new Error(`npm run build:server failed (exit ${res.status ?? res.signal})`);
}

/** A port that was free a moment ago (the OS picks it; tiny race accepted). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Server environment variables the harness decides; any value the caller had is replaced. */
const SERVER_ENV_KEYS = ['PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'SEED_DEMO', 'SEED_DEMO_HISTORY', 'DEMO_MODE', 'DATA_KEY', 'LOG_LEVEL', 'SERVE_WEB', 'TRUST_PROXY', 'LOGIN_RATE_LIMIT_PER_MINUTE', 'CITIZEN_APPLICATIONS_PER_DAY'];

export interface ServerOptions {
  root: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** the server's entry file (default dist/server/main.js under root), e.g. a private build */
  entry?: string;
  /** node options before the entry, e.g. ['--import', 'tsx'] to run src/server/main.ts without a build */
  nodeArgs?: string[];
  /** server environment added to (or replacing) the harness's own choices, e.g. a longer session idle time */
  env?: Record<string, string>;
}

export class ServerProcess {
  readonly child: ChildProcess;
  readonly spawnedAt: number;
  private output = '';
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exitPromise: Promise<void>;

  constructor(readonly opts: ServerOptions) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of SERVER_ENV_KEYS) delete env[k];
    Object.assign(env, {
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      DATA_DIR: opts.dataDir,
      SEED_DEMO: 'true',
      // the demo history is written in the background after start: not while the bench measures
      SEED_DEMO_HISTORY: 'false',
      LOG_LEVEL: 'warn',
      SERVE_WEB: 'false',
      // The sign-in scenario is thousands of sign-ins a minute from this one address, which the
      // per-address sign-in throttle (60 a minute by default) exists to refuse.
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
      // The 一件事 submission load is thousands of applications from a few dozen accounts; the
      // per-account daily limit (20 by default) is there to refuse that from real people.
      CITIZEN_APPLICATIONS_PER_DAY: '10000',
      // Set-ups that make many accounts (the 一件事 applicants) say a client address of their own
      // for each (X-Forwarded-For), as many people would come from many addresses; the per-address
      // limits (实名信息 changes: ten a minute) stay as they are.
      TRUST_PROXY: 'loopback',
    });
    if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
    Object.assign(env, opts.env);
    this.spawnedAt = performance.now();
    // node itself, not npm: the child PID is the server's PID (RSS, signals).
    this.child = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.entry ?? SERVER_ENTRY], { cwd: opts.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exitPromise = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve();
      });
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the server process did not start');
    return this.child.pid;
  }

  get running(): boolean {
    return this.exited === undefined;
  }

  /** The last ~20 kB the server wrote to stdout and stderr. */
  get recentOutput(): string {
    return this.output;
  }

  /**
   * Polls GET /api/health every 20 ms until it answers 200; returns ms since spawn and the body.
   * Throws if the process exits first or nothing answers within `timeoutMs`.
   */
  async waitHealthy(baseUrl: string, timeoutMs = 60_000): Promise<{ ms: number; body: { status: string; database: 'sqlite' | 'postgres'; version: string } }> {
    const deadline = this.spawnedAt + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`the server exited during start-up (${this.describeExit()}):\n${this.output}`);
      try {
        const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 200) {
          const ms = performance.now() - this.spawnedAt;
          return { ms, body: (await res.json()) as never };
        }
        await res.arrayBuffer();
      } catch {
        // not listening yet
      }
      if (performance.now() > deadline) throw new Error(`the server did not answer /api/health with 200 within ${timeoutMs} ms:\n${this.output}`);
      await sleep(20);
    }
  }

  /** VmRSS of the server process in MiB, from /proc (Linux). undefined elsewhere. */
  rssMiB(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** SIGTERM (graceful), then SIGKILL after `graceMs`. Safe to call twice. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.running) return;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exitPromise;
    clearTimeout(timer);
  }

  /** Synchronous last resort for process 'exit' handlers. */
  killNow(): void {
    if (this.running) this.signal('SIGKILL');
  }

  private signal(sig: NodeJS.Signals): void {
    try {
      process.kill(this.pid, sig);
    } catch {
      // already gone
    }
  }

  private describeExit(): string {
    return this.exited ? (this.exited.signal ? `signal ${this.exited.signal}` : `exit code ${this.exited.code}`) : 'running';
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
