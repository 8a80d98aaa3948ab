// Rate limits counted in SQLite, shared by every process on the database: rate-limiter-flexible's
// own SQLite store over a side file next to the database (`<file>-limits`), not the database
// itself. A count is one small write per request on the message path; on the main file it would
// queue behind the chat's writes and, with SQLITE_SYNCHRONOUS=FULL, cost an fsync each. Counts
// lost to a power cut only reset some windows, so the side file syncs only at checkpoints
// (synchronous=NORMAL in WAL). `libsql` is the engine @libsql/client runs on, with the
// better-sqlite3 interface the store expects.
import Database from 'libsql'
import { RateLimiterMemory, RateLimiterSQLite } from 'rate-limiter-flexible'

import { sqliteFileOf } from '../client'
import type { SharedLimiters } from '../rate-limit-store'

const TABLE = 'rate_limits'

export const limitsFileOf = (databaseUrl: string): string => `${sqliteFileOf(databaseUrl, 'RATE_LIMIT_STORE=database')}-limits`

export function sqliteRateLimiters(databaseUrl: string): SharedLimiters {
  const db = new Database(limitsFileOf(databaseUrl))
  // Several processes open and write it: wait for another's lock (microseconds) rather than fail.
  // First, before anything that takes a lock: the workers' first requests open the file at once,
  // and the switch to WAL of one made another's fail with SQLITE_BUSY.
  db.exec('PRAGMA busy_timeout = 5000')
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA synchronous = NORMAL')
  // The store's own table, created here once so that no limiter is used before it exists.
  db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)`)
  return (options) =>
    new RateLimiterSQLite({
      ...options,
      storeClient: db,
      storeType: 'better-sqlite3',
      tableName: TABLE,
      tableCreated: true,
      clearExpiredByTimeout: true,
      // Should the file fail (locked past the busy timeout, disk full), this process counts in
      // memory meanwhile: a request is limited, never answered with a 500.
      insuranceLimiter: new RateLimiterMemory(options),
    })
}
