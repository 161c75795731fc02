/**
 * The demo data a `SEED_DEMO` server starts with: accounts, catalog and cases on an empty database,
 * then each later module's demo rows where it has none yet (a demo database seeded before that
 * module existed gets them too). Run by seed/demo-worker.ts, off the server's own heap.
 */
import type { Deps } from '../deps.js';
import { seedDemoCatalog } from '../modules/catalog/index.js';
import { seedDemoHelpers } from '../modules/helpers/index.js';
import { seedDemoServiceBus } from '../modules/service-bus/index.js';
import { seedDemoAssessments } from '../modules/venue-standards/index.js';
import { seedDemoVenues } from '../modules/venues/index.js';
import { hasThemes, seedDemoThemes } from '../modules/themes/index.js';
import { assessedVenues, createServices } from '../services.js';
import { seedDemoAssistedCase } from './assisted-case.js';
import { seedDemoCases } from './cases.js';
import { seedDemoForms } from './forms.js';
import { seedDemoHistory } from './history.js';
import { DEMO_HISTORY_KEY } from './history-key.js';
import { isEmpty, seedDemo } from './demo.js';
import { startDemoHelpRequests } from './help-requests.js';
import { seedDemoReform } from './reform.js';
import { seedDemoTraining } from './training.js';
import { seedDemoPractices } from './practices.js';

export interface DemoSeedSummary {
  /** accounts, catalog and cases were written (the database was empty) */
  seeded: boolean;
  venues: number;
  busStops: number;
  assessments: number;
  helpers: number;
  helpRequests: number;
  themes: number;
  /** 改革任务 of the 2022 plan, decomposed to the city bureau and towns */
  reformTasks: number;
  trainingSessions: number;
  practices: number;
}

export async function seedDemoData(deps: Deps): Promise<DemoSeedSummary> {
  let seeded = false;
  if (await isEmpty(deps)) {
    await seedDemo(deps);
    await seedDemoCatalog(deps);
    await seedDemoCases(deps);
    seeded = true;
  }
  const services = createServices(deps);
  const venues = await seedDemoVenues(deps, services.catalog.publicCatalog);
  // Its stops are dated from today, so a fresh demo always has some to come.
  const busStops = await seedDemoServiceBus(deps);
  const assessments = await seedDemoAssessments(deps, assessedVenues(services.venueBriefs));
  // 帮办代办 requests, where there are none: the first comes in before the roster exists, so nobody
  // covers its village and it waits as 待分派; the others are dispatched to the roster's helpers.
  const helpRequests = await startDemoHelpRequests(deps, services);
  // A coordinator per town, helpers in the villages of three towns.
  const helpers = await seedDemoHelpers(deps, services.catalog.publicCatalog, async (username) => (await services.staff.forSignIn(username))?.id ?? null);
  const helpRequestCount = (await helpRequests?.afterRoster()) ?? 0;
  // 刘桂芝's 代办 for 王桂兰 with her consent, from a help request (once, with the other requests)
  if (helpRequests) await seedDemoAssistedCase(deps, services);
  // 一件事 themes over the demo catalog's items (出生, 退休, 残疾人服务, 开办餐饮店, 身后); their shared
  // fields fill the items' demo forms, which a database seeded before the themes may lack (only
  // missing forms are added)
  if (!(await hasThemes(deps))) await seedDemoForms(deps);
  const themes = await seedDemoThemes(deps);
  // the 2022 plan's 改革任务, decomposed to the city bureau and towns, deadlines around today (once)
  const reformTasks = await seedDemoReform(deps);
  // a year of 培训记录 by the city and 钢山街道, the demo staff and a few community 代办员 on them (once)
  const trainingSessions = await seedDemoTraining(deps, services);
  // 典型案例 of 钢山街道, 孟庄社区 and 千泉街道: three published, one waiting for the city's review, one draft (once)
  const practices = await seedDemoPractices(deps, services);
  return { seeded, venues, busStops, assessments, helpers, helpRequests: helpRequestCount, themes, reformTasks, trainingSessions, practices };
}

/**
 * The demo history (seed/history.ts) once: three months of closed cases, their ratings and 差评
 * follow-ups, for the supervision dashboards and 好差评. Run after the server listens (main.ts, in a
 * child process), so a fresh start is not slowed by it; a meta row says it was done.
 */
export async function seedDemoHistoryOnce(deps: Deps): Promise<{ historyCases: number }> {
  const done = await deps.dbh.db.selectFrom('meta').select('value').where('key', '=', DEMO_HISTORY_KEY).executeTakeFirst();
  if (done) return { historyCases: 0 };
  const history = await seedDemoHistory(deps, createServices(deps));
  await deps.dbh.db.insertInto('meta').values({ key: DEMO_HISTORY_KEY, value: new Date().toISOString() }).execute();
  return { historyCases: history.cases };
}
