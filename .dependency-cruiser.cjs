/* global module */
/**
 * The house rules the build checks (npm run lint, CI). See docs/ARCHITECTURE.md "Modules and their
 * dependencies". Test code (*.test.ts, fixtures.ts, src/server/testing.ts, tests/) is exempt from
 * the module rules but may never be imported by shipped code.
 */
const TEST_CODE = '(\\.test\\.ts$|/fixtures\\.ts$|^src/server/testing\\.ts$|^tests/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules and files depend one way: a cycle means one of them should declare a port the other implements.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_CODE },
      to: { circular: true, viaOnly: { pathNot: TEST_CODE } },
    },
    {
      name: 'module-public-face',
      comment: "Another module is used through its index.ts only: its files, tables and rules are its own.",
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/', pathNot: TEST_CODE },
      to: { path: '^src/server/modules/[^/]+/', pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-uses-public-face',
      comment: 'The composition root, platform and CLI use a module through its index.ts.',
      severity: 'error',
      from: { path: '^src/server/(?!modules/)', pathNot: TEST_CODE },
      to: { path: '^src/server/modules/[^/]+/', pathNot: '^src/server/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'frozen-migrations',
      comment: 'A migration is replayed years later: it must compute what it computed the day it was written, so it imports no app code.',
      severity: 'error',
      from: { path: '^src/server/db/migrations/' },
      to: { path: '^src/', pathNot: '^src/server/db/migrations/' },
    },
    {
      name: 'foundations-below-modules',
      comment: 'platform, db and shared are below every module: they never import one.',
      severity: 'error',
      from: { path: '^src/(server/platform|server/db|shared)/', pathNot: TEST_CODE },
      to: { path: '^src/server/modules/' },
    },
    {
      name: 'shared-is-shared',
      comment: 'src/shared runs in the browser too: it imports nothing from the server or the web app.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(server|web)/' },
    },
    {
      name: 'web-uses-contracts-only',
      comment: "The web app may import a module's schemas (its contract), never server implementation.",
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/', pathNot: '^src/server/modules/[^/]+/schemas\\.ts$' },
    },
    {
      name: 'no-test-code-in-the-product',
      comment: 'Test code never ships in dist/.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
