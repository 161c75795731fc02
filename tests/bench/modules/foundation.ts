// Scenarios of the foundation issue: health, region tree, staff sign-in.
// Data set: the demo seed (6 staff, 3 citizens) plus the bundled Zoucheng region tree, both
// created by the server itself on the empty data dir, so there is no generateData here.
import type { BenchModule } from '../types.js';

/** Password of every demo account (src/server/seed/demo.ts). */
export const DEMO_PASSWORD = 'Demo@2026';

export const foundation: BenchModule = {
  name: 'foundation',
  scenarios: [
    {
      name: 'health',
      description: 'GET /api/health: the load balancer probe; one select 1 on the database (bounded at 2 s), zod-serialised.',
      method: 'GET',
      path: '/api/health',
    },
    {
      name: 'regions children of 370883',
      description: 'GET /api/v1/regions?parent=370883: the towns of Zoucheng, asked by every address picker.',
      method: 'GET',
      path: '/api/v1/regions?parent=370883',
      connections: 50,
      target: { minRatio: 0.5, maxP99Ms: 20 },
    },
    {
      name: 'staff login',
      description:
        'POST /api/v1/auth/staff/login as gangshan.clerk: argon2id verify (~50 ms CPU) + session + audit row. ' +
        'CPU bound by design, so few connections; every response must be 200. Five: one username has at most ' +
        'five sign-ins in flight (more are asked to retry, so parallel guesses never get more hash checks).',
      method: 'POST',
      path: '/api/v1/auth/staff/login',
      body: { username: 'gangshan.clerk', password: DEMO_PASSWORD },
      connections: 5,
    },
  ],
};
