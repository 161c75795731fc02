import { pino } from 'pino';
import { createDeps } from '../bootstrap.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import type { Deps } from '../deps.js';

/**
 * Runs a command-line task against the configured database (same config as the server).
 * `masterKey`: how the task gets the master key, when it must not be made on first use as the
 * server does (a ConfigError it throws is printed as it is).
 */
export async function runCli(task: (deps: Deps, args: string[]) => Promise<number>, opts: { masterKey?: (config: Config) => Buffer } = {}): Promise<void> {
  let deps: Deps | undefined;
  try {
    const config = loadConfig();
    deps = await createDeps(config, pino({ level: 'warn' }), { masterKey: opts.masterKey?.(config) });
    process.exitCode = await task(deps, process.argv.slice(2));
  } catch (err) {
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `错误 (error): ${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await deps?.dbh.close();
  }
}

export function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}
