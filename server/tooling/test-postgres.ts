// `pnpm --filter ./server test:postgres`: the PostgreSQL pass of the server tests
// (vitest.postgres.config.ts), when PostgreSQL is there to run it: an installed server (Debian's
// `postgresql` package; the tests start a throwaway cluster of their own) or TEST_POSTGRES_URL (a
// running server). Without either it says so and passes: `pnpm test` on a machine without
// PostgreSQL runs the SQLite pass only; CI installs it (.ci/run). Arguments go to vitest.
import { spawnSync } from 'node:child_process'

import { postgresAvailable } from '../test/helpers/postgres'

if (!postgresAvailable()) {
  console.log('PostgreSQL pass skipped: PostgreSQL is not installed (apt-get install -y postgresql) and TEST_POSTGRES_URL is unset.')
  process.exit(0)
}

const vitest = spawnSync('vitest', ['run', '--config', 'vitest.postgres.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE: 'postgres' },
})
process.exit(vitest.status ?? 1)
