import { buildApp, createLogger } from './app.js';
import { createDeps } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';
import { purgeExpiredSessions } from './platform/sessions.js';
import { demoAccountsBanner, isEmpty, seedDemo } from './seed/demo.js';
import { ensureCalendar } from './seed/calendar.js';
import { ensureSynonyms, seedDemoCatalog } from './modules/catalog/index.js';
import { seedDemoCases } from './seed/cases.js';
import { seedDemoVenues } from './modules/venues/index.js';
import { seedDemoServiceBus } from './modules/service-bus/index.js';
import { seedDemoAssessments } from './modules/venue-standards/index.js';
import { ensureRegions } from './seed/regions.js';
import { startNotificationJobs } from './modules/notifications/index.js';
import { assessedVenues, createServices } from './services.js';

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
  let seeded = false;
  if (config.seedDemo && (await isEmpty(deps))) {
    await seedDemo(deps);
    await seedDemoCatalog(deps);
    await seedDemoCases(deps);
    seeded = true;
  }
  const services = createServices(deps);
  // Demo venues also reach a demo database seeded before the service map existed (only where there are none).
  if (config.seedDemo) {
    const venues = await seedDemoVenues(deps, services.catalog.publicCatalog);
    if (venues) log.info({ venues }, 'seeded the demo service map');
    // The same for the service bus: its stops are dated from today, so a fresh demo always has some to come.
    const busStops = await seedDemoServiceBus(deps);
    if (busStops) log.info({ busStops }, 'seeded the demo service bus');
    // Standardisation assessments of the demo centres and stations (only where there are none).
    const assessments = await seedDemoAssessments(deps, assessedVenues(services.venueBriefs));
    if (assessments) log.info({ assessments }, 'seeded the demo venue assessments');
  }
  const app = await buildApp(deps, services);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, database: deps.dbh.engine, startupMs: Math.round(performance.now() - started), seeded }, '便民 is listening');
  if (config.seedDemo) process.stdout.write(demoAccountsBanner(port) + '\n');
  process.stdout.write(`\n便民已启动：http://localhost:${port}   接口文档：http://localhost:${port}/api/docs\n\n`);

  const sweeper = setInterval(() => purgeExpiredSessions(deps.dbh.db, deps.clock).catch((err) => log.warn({ err }, 'session purge failed')), 10 * 60_000);
  sweeper.unref();
  // SMS dispatch with retries, and the daily time-limit warnings to staff.
  const jobs = startNotificationJobs(deps, services.notifications);

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
    await jobs.stop();
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
