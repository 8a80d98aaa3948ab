// Rate limits counted in PostgreSQL, shared by every worker and instance on the database:
// rate-limiter-flexible's own PostgreSQL store over the table `rate_limits` (its migration:
// migrations-postgres/…_rate_limits.ts, so no limiter races another to create it). A pool of its
// own, opened before Payload's exists (limits/ is set up first) and kept small: a count is one
// short upsert per limited request.
import pg from 'pg'
import { RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible'

import type { SharedLimiters } from '../rate-limit-store'

export const RATE_LIMITS_TABLE = 'rate_limits'

// `key text`: the store's own CREATE would make it varchar(255), and a key is a prefix, an email
// and an address (an email alone may be 254 characters).
export const RATE_LIMITS_SCHEMA = `CREATE TABLE IF NOT EXISTS ${RATE_LIMITS_TABLE} (key text PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`

const POOL_SIZE = 4

export function postgresRateLimiters(databaseUrl: string): SharedLimiters {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE })
  // An idle connection the server dropped (a restart, a cut) must not bring the process down;
  // the pool replaces it at the next count.
  pool.on('error', (error) => console.error('rate-limit store: a PostgreSQL connection failed', error))
  return (options) =>
    new RateLimiterPostgres({
      ...options,
      storeClient: pool,
      storeType: 'pool',
      tableName: RATE_LIMITS_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: true,
      // Should the database fail (down, out of connections), this process counts in memory
      // meanwhile: a request is limited, never answered with a 500.
      insuranceLimiter: new RateLimiterMemory(options),
    })
}
