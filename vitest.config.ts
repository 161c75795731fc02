import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that replace a module (vi.mock) run in a fresh module graph of their own; all others
 * share their worker's, so the app's ~700 modules load once per worker rather than once per file
 * (the suite took a third of the time). Module-level state is keyed or reset so that files do not
 * see each other's (sessions are per token; caches per database handle).
 */
const MOCKING = ['src/server/modules/auth/login-abuse.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Test files share one machine with two cores; argon2 hashing is CPU-bound.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'shared-modules', include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'], isolate: false, exclude: [...configDefaults.exclude, ...MOCKING] } },
      { extends: true, test: { name: 'own-modules', include: MOCKING } },
    ],
  },
});
