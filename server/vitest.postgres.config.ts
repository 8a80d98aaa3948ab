// The PostgreSQL pass of `pnpm test` (`pnpm --filter ./server test:postgres`): the integration
// tests again, each file on a fresh database of a throwaway PostgreSQL cluster (TEST_DATABASE=postgres,
// test/helpers/test-env.ts). The same settings as vitest.config.ts; left out are the files that
// would only repeat the SQLite pass: unit tests (no database), the pg-* files (PostgreSQL
// already, in the SQLite pass too), files whose subject is SQLite itself (each also skips its
// tests on PostgreSQL with `skipIf(onPostgres)`, saying which test covers PostgreSQL), and the
// slowest file whose subject is not the database, to keep CI's PostgreSQL pass short.
import { defineConfig } from 'vitest/config'

import base from './vitest.config'

export const SQLITE_ONLY = [
  // SQLITE_BUSY under other writers of the file.
  'test/int/busy-database.int.test.ts',
  // The rate limits' SQLite side file.
  'test/int/limits-store.int.test.ts',
  // Upgrades of old SQLite files by their migrations.
  'test/int/mentions-upgrade.int.test.ts',
  'test/int/moderation-feed-upgrade.int.test.ts',
  'test/int/read-feed-upgrade.int.test.ts',
  'test/int/stream-rooms-upgrade.int.test.ts',
]

// The slowest file, whose subject is not the database's: 2,000 streams opened and left every way
// (their release is the stream's). Chaos (SIGKILLs while another process writes) does run here.
export const REPEATS_ONLY = ['test/int/soak.int.test.ts']

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/int/**/*.test.ts'],
    exclude: [...(base.test?.exclude ?? []), 'test/int/pg-*.test.ts', ...SQLITE_ONLY, ...REPEATS_ONLY],
  },
})
