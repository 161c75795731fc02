/* global module */
/**
 * The house rules the build checks (npm run lint, CI). See docs/ARCHITECTURE.md "Modules and their
 * dependencies". Test code (*.test.ts, fixtures.ts, src/server/testing.ts, tests/) is exempt from
 * the module rules but may never be imported by shipped code.
 */
const TEST_CODE = '(\\.test\\.ts$|/fixtures\\.ts$|^src/server/testing\\.ts$|^tests/)';

/**
 * A rule that fails the build: no file matching `from` may import one matching `to`.
 * @param {string} name
 * @param {string} comment why the rule holds (printed with each violation)
 * @param {import('dependency-cruiser').IRegularForbiddenRuleType['from']} from
 * @param {import('dependency-cruiser').IRegularForbiddenRuleType['to']} to
 * @returns {import('dependency-cruiser').IRegularForbiddenRuleType}
 */
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid('no-cycles', 'Modules and files depend one way: a cycle means one of them should declare a port the other implements.',
      { path: '^src/', pathNot: TEST_CODE },
      { circular: true, viaOnly: { pathNot: TEST_CODE } }),
    forbid('module-public-face', "Another module is used through its index.ts only: its files, tables and rules are its own.",
      { path: '^src/server/modules/([^/]+)/', pathNot: TEST_CODE },
      { path: '^src/server/modules/[^/]+/', pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$'] }),
    forbid('outside-uses-public-face', 'The composition root, platform and CLI use a module through its index.ts.',
      { path: '^src/server/(?!modules/)', pathNot: TEST_CODE },
      { path: '^src/server/modules/[^/]+/', pathNot: '^src/server/modules/[^/]+/index\\.ts$' }),
    forbid('frozen-migrations', 'A migration is replayed years later: it must compute what it computed the day it was written, so it imports no app code.',
      { path: '^src/server/db/migrations/' },
      { path: '^src/', pathNot: '^src/server/db/migrations/' }),
    forbid('foundations-below-modules', 'platform, db and shared are below every module: they never import one.',
      { path: '^src/(server/platform|server/db|shared)/', pathNot: TEST_CODE },
      { path: '^src/server/modules/' }),
    forbid('shared-is-shared', 'src/shared runs in the browser too: it imports nothing from the server or the web app.',
      { path: '^src/shared/' },
      { path: '^src/(server|web)/' }),
    forbid('web-uses-contracts-only', "The web app may import a module's schemas (its contract), never server implementation.",
      { path: '^src/web/' },
      { path: '^src/server/', pathNot: '^src/server/modules/[^/]+/schemas\\.ts$' }),
    forbid('no-test-code-in-the-product', 'Test code never ships in dist/.',
      { path: '^src/', pathNot: TEST_CODE },
      { path: TEST_CODE }),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
