// Rate limits counted in the database every server process shares (RATE_LIMIT_STORE=database), so
// N processes do not multiply a limit. Each database has its own store (SQLite: ./sqlite/
// rate-limit-store.ts); limits/ takes one from db/index.ts and does not know which it got.
import type { IRateLimiterOptions, RateLimiterAbstract } from 'rate-limiter-flexible'

// Makes one limiter counting in the shared store (a new key prefix each, the same store).
export type SharedLimiters = (options: IRateLimiterOptions) => RateLimiterAbstract
