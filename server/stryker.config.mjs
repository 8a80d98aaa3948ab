// Mutation testing (docs/testing.md): Stryker changes one thing at a time in the code where a
// silent break costs the most and checks that some test fails. `pnpm mutate` from the root.
import { createRequire } from 'node:module'

// pnpm keeps each package's dependencies to itself, so Stryker cannot find its plugins by
// scanning its own node_modules: name them from here.
const require = createRequire(import.meta.url)
// Runs over different folders at once need their own reports (docs/testing.md).
const reports = process.env.STRYKER_REPORT_DIR ?? 'reports/mutation'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'pnpm',
  plugins: [require.resolve('@stryker-mutator/vitest-runner'), require.resolve('@stryker-mutator/typescript-checker')],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  // Mutants that do not compile are discarded before any test runs.
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  mutate: [
    'src/realtime/**/*.ts',
    'src/access/**/*.ts',
    'src/limits/**/*.ts',
    'src/collections/*/hooks/**/*.ts',
    'src/hooks/**/*.ts',
    'src/auth/auth-cache.ts',
    // presence/: the pure parts with unit tests; its endpoints and fan-out only integration tests
    // reach (a Payload boot per mutant, docs/testing.md).
    'src/presence/window-throttle.ts',
    'src/presence/push-coalescer.ts',
    'src/presence/presence-audience.ts',
    'src/presence/dm-peers.ts',
    '!**/*.test.ts',
  ],
  // Each mutant runs only the tests that executed its code. Mutants in code run once at import
  // (constants, the schema's SQL) would need the whole suite each: skipped, and counted apart.
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  // Two shared cores: one test process at a time, and room for slow integration tests.
  concurrency: 1,
  timeoutMS: 15_000,
  dryRunTimeoutMinutes: 30,
  timeoutFactor: 2,
  // Re-test only mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: `${reports}/stryker-incremental.json`,
  reporters: ['html', 'clear-text', 'progress', 'json'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  cleanTempDir: 'always',
}
