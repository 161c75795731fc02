// The registry of bench modules. A later issue adds `tests/bench/modules/<feature>.ts`
// (a BenchModule: its scenarios and, if needed, generateData) and one entry below.
// See docs/BENCHMARKS.md, "Adding a scenario".
import { cases } from './modules/cases.js';
import { catalog } from './modules/catalog.js';
import { foundation } from './modules/foundation.js';
import { licences } from './modules/licences.js';
import { supervision } from './modules/supervision.js';
import { themes } from './modules/themes.js';
import { venues } from './modules/venues.js';
import type { BenchModule, Scenario } from './types.js';

// licences first after the foundation: its codes, made at setup, must be checked within their five minutes
export const benchModules: BenchModule[] = [foundation, licences, catalog, cases, supervision, venues, themes];

/** Every scenario, in the order they are measured. */
export const scenarios: Scenario[] = benchModules.flatMap((m) => m.scenarios);

/** The baseline: same server, same serializer, no database (src/server/app.ts). */
export const baseline: Scenario = {
  name: 'baseline GET /api/ping',
  description: 'Returns {pong:true} through the zod serializer without touching the database.',
  method: 'GET',
  path: '/api/ping',
  connections: 50,
};
