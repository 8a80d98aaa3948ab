// The suite as Stryker runs it against each mutant (docs/testing.md): the same settings, minus
// the tests that cannot kill a mutant or would cost minutes per mutant. Stryker activates a mutant
// in the test process, so tests that run the server in a child process (chaos, shutdown) always
// see the original code; the soak test measures the heap, which the instrumentation changes.
// MUTATE_TESTS (comma-separated globs) narrows the run to the tests written for one folder.
import { defineConfig } from 'vitest/config'

import base from './vitest.config'

const only = process.env.MUTATE_TESTS?.split(',').filter(Boolean)

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    ...(only?.length ? { include: only } : {}),
    // Instrumented code on shared cores is several times slower.
    testTimeout: 120_000,
    exclude: [
      ...(base.test?.exclude ?? []),
      'test/int/chaos.int.test.ts',
      'test/int/shutdown.int.test.ts',
      'test/int/soak.int.test.ts',
      // Volume and long generative runs: minutes per mutant, covered by smaller tests.
      'test/int/stream-burst.int.test.ts',
      'test/int/slow-consumer*.int.test.ts',
      'test/int/fuzz.int.test.ts',
    ],
  },
})
