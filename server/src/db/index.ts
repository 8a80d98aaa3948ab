// Where the rest of the app gets its storage from. Today SQLite only; a PostgreSQL feed is chosen
// here by the adapter in use, and nothing that takes a ChangeFeed or CrossProcess changes.
import type { Payload } from 'payload'

import type { ChangeFeed } from './change-feed'
import type { CrossProcess } from './cross-process'
import { env } from '../env'
import { sqliteChangeFeed } from './sqlite/change-feed'
import { sqliteCrossProcess } from './sqlite/cross-process'

// The rate limits' shared store (raw SQL goes through ./sql.ts, imported as is).
import { RateLimiterMemory } from 'rate-limiter-flexible'
import { dialectOfUrl } from './dialect'
import type { SharedLimiters } from './rate-limit-store'
import { sqliteRateLimiters } from './sqlite/rate-limit-store'

export { markRemoval } from './sqlite/change-feed'
export { claimOpenReport, releaseReport } from './report-claim'

export function changeFeedOf(payload: Payload): ChangeFeed {
  return sqliteChangeFeed(payload)
}

export function crossProcessOf(payload: Payload): CrossProcess {
  return sqliteCrossProcess(payload, env.databaseUrl)
}

export type { SharedLimiters } from './rate-limit-store'

// A dialect without a shared store yet counts in each process's memory, and says so once: a
// limiter that threw would answer every limited request with a 500.
export function sharedRateLimiters(databaseUrl: string): SharedLimiters {
  const dialect = dialectOfUrl(databaseUrl)
  if (dialect === 'sqlite') return sqliteRateLimiters(databaseUrl)
  console.warn(`RATE_LIMIT_STORE=database has no ${dialect} store: rate limits count in each process's memory.`)
  return (options) => new RateLimiterMemory(options)
}
