import { buildApp, createLogger } from './app.js';
import { createDeps } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';
import { purgeExpiredSessions } from './platform/sessions.js';
import { demoAccountsBanner } from './seed/demo.js';
import { seedDemoHistoryInChild, seedDemoInChild } from './seed/demo-seeding.js';
import { ensureCalendar } from './seed/calendar.js';
import { ensureSynonyms } from './modules/catalog/index.js';
import { ensureRegions } from './seed/regions.js';
import { startNotificationJobs } from './modules/notifications/index.js';
import { startAssistanceJobs } from './modules/assistance/index.js';
import { startRatingJobs } from './modules/ratings/index.js';
import { createServices } from './services.js';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const deps = await createDeps(config, log);
  const imported = await ensureRegions(deps.dbh.db);
  if (imported) log.info({ regions: imported }, 'loaded the bundled region tree (Zoucheng)');
  await deps.regions.load();
  await ensureSynonyms(deps);
  await ensureCalendar(deps);
  await deps.calendar.load();
  // The demo data, written by a child process: the heap that work grows leaves with it.
  const demo = config.seedDemo ? await seedDemoInChild() : null;
  if (demo) log.info(demo, 'demo data ready');
  const services = createServices(deps);
  const app = await buildApp(deps, services);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, database: deps.dbh.engine, startupMs: Math.round(performance.now() - started), seeded: demo?.seeded ?? false }, '便民 is listening');
  if (config.seedDemo) process.stdout.write(demoAccountsBanner(port) + '\n');
  process.stdout.write(`\n便民已启动：http://localhost:${port}   接口文档：http://localhost:${port}/api/docs\n\n`);

  // The demo history (three months of closed cases, ratings, 差评 follow-ups) for the dashboards: a
  // few seconds' work, written in the background once the server answers.
  const history = demo?.seeded && config.seedDemoHistory ? seedDemoHistoryInChild() : null;
  history?.done.then((h) => log.info(h, 'demo history ready'), (err: unknown) => log.warn({ err }, 'demo history failed'));

  const sweeper = setInterval(() => purgeExpiredSessions(deps.dbh.db, deps.clock).catch((err) => log.warn({ err }, 'session purge failed')), 10 * 60_000);
  sweeper.unref();
  // SMS dispatch with retries, and the daily time-limit warnings to staff.
  const jobs = startNotificationJobs(deps, services.notifications);
  // 帮办代办: requests past a time limit are escalated to the town's coordinator.
  const assistanceJobs = startAssistanceJobs(deps, services.assistance);
  // 好差评: SMS invitations of unrated handled cases, and 差评 follow-ups past a limit escalated to the city.
  const ratingJobs = startRatingJobs(deps, services.ratingInvitations, services.ratingFollowUps);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      log.error('in-flight requests did not finish within 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    history?.child.kill();
    await jobs.stop();
    await assistanceJobs.stop();
    await ratingJobs.stop();
    await app.close();
    await deps.dbh.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`便民 failed to start: ${(err as Error).stack ?? err}\n`);
  }
  process.exit(1);
});
