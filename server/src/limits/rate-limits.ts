// The server's rate limiters (rate-limiter-flexible). Counted in this process's memory, or with
// RATE_LIMIT_STORE=database (the default in cluster workers) in a SQLite side file every process
// on the database shares, so N workers do not multiply a limit (docs/scaling.md). On PostgreSQL the
// shared store is the database's own (db/).
import { APIError, type PayloadRequest } from 'payload'
import { BurstyRateLimiter, type IRateLimiterOptions, RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

import { sharedRateLimiters } from '../db'
import { env } from '../env'
import { processGlobal } from '../process-global.mjs'

const DAY_SECONDS = 24 * 60 * 60
const ACCOUNT_LOCK_SECONDS = 15 * 60
const SIGNUP_WINDOW_SECONDS = 60 * 60
const PASSWORD_RESET_WINDOW_SECONDS = 60 * 60
const BURST_WINDOW_SECONDS = 10
const UPLOAD_WINDOW_SECONDS = 60 * 60

export interface Limiters {
  // MESSAGE_RATE_PER_SECOND each second, and when that is spent, MESSAGE_BURST more per 10 s.
  messages: BurstyRateLimiter
  // rate-limiter-flexible's login protection: failures per address per day, and consecutive
  // failures per (account, address), which a success clears (see login-limits.ts).
  loginFailuresByAddress: RateLimiterAbstract
  loginFailuresByAccount: RateLimiterAbstract
  // An admin's unlock starts an account's count afresh: its generation number (the points this
  // key has taken) is part of the account's keys. Never expires.
  loginGenerations: RateLimiterAbstract
  signups: RateLimiterAbstract
  // Forgot-password requests per address: each one, real email or not, may send an email and
  // tells (by its time) whether the account exists.
  passwordResets: RateLimiterAbstract
  // POST /api/typing and POST /api/presence per user: each call costs a lookup or a fan-out.
  typing: RateLimiterAbstract
  presence: RateLimiterAbstract
  // POST /api/messages/:id/reactions per user: each toggle is a change row every participant gets.
  reactions: RateLimiterAbstract
  // Uploads (attachments and avatars) per user per hour: each is kept on disk until used or swept.
  uploads: RateLimiterAbstract
}

// Where the counts live (env.crossProcess.rateLimitStore).
function limiterFactory(): (options: IRateLimiterOptions) => RateLimiterAbstract {
  if (env.crossProcess.rateLimitStore === 'database') return sharedRateLimiters(env.databaseUrl)
  return (options) => new RateLimiterMemory(options)
}

function createLimiters(): Limiters {
  // Replaced, not renamed: its 15-minute window would not mean the same as the daily budget.
  if (process.env.LOGIN_FAILURES_PER_IP) {
    console.warn('LOGIN_FAILURES_PER_IP is no longer read: set LOGIN_FAILURES_PER_IP_PER_DAY and LOGIN_FAILURES_PER_ACCOUNT (README).')
  }
  const { messagesPerSecond, messageBurst, loginFailuresPerIpPerDay, loginFailuresPerAccount, signupsPerIp, passwordResetsPerIp, typingPer10s, presencePer10s, reactionsPer10s, uploadsPerHour } =
    env.limits
  const limiter = limiterFactory()
  return {
    messages: new BurstyRateLimiter(
      limiter({ keyPrefix: 'messages', points: messagesPerSecond, duration: 1 }),
      limiter({ keyPrefix: 'messages-burst', points: messageBurst, duration: BURST_WINDOW_SECONDS }),
    ),
    loginFailuresByAddress: limiter({ keyPrefix: 'login-address', points: loginFailuresPerIpPerDay, duration: DAY_SECONDS }),
    // Failures count for a day unless a login succeeds; past the limit that pair waits 15 minutes.
    loginFailuresByAccount: limiter({
      keyPrefix: 'login-account-address',
      points: loginFailuresPerAccount,
      duration: DAY_SECONDS,
      blockDuration: ACCOUNT_LOCK_SECONDS,
    }),
    loginGenerations: limiter({ keyPrefix: 'login-generation', points: Number.MAX_SAFE_INTEGER, duration: 0 }),
    signups: limiter({ keyPrefix: 'signup', points: signupsPerIp, duration: SIGNUP_WINDOW_SECONDS }),
    passwordResets: limiter({ keyPrefix: 'password-reset', points: passwordResetsPerIp, duration: PASSWORD_RESET_WINDOW_SECONDS }),
    typing: limiter({ keyPrefix: 'typing', points: typingPer10s, duration: BURST_WINDOW_SECONDS }),
    presence: limiter({ keyPrefix: 'presence', points: presencePer10s, duration: BURST_WINDOW_SECONDS }),
    reactions: limiter({ keyPrefix: 'reactions', points: reactionsPer10s, duration: BURST_WINDOW_SECONDS }),
    uploads: limiter({ keyPrefix: 'uploads', points: uploadsPerHour, duration: UPLOAD_WINDOW_SECONDS }),
  }
}

// One per process: a `next dev` module reload must not reset the counts.
export const limiters = (): Limiters => processGlobal('limiters', createLimiters)

// Takes one point for `key`; past the limit answers 429 with Retry-After (set on the response
// headers that Payload merges into its error response).
export async function consumeOrReject(
  req: PayloadRequest,
  limiter: RateLimiterAbstract | BurstyRateLimiter,
  key: string,
  message: string,
): Promise<void> {
  try {
    await limiter.consume(key)
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))
    req.responseHeaders ??= new Headers()
    req.responseHeaders.set('Retry-After', String(seconds))
    throw new APIError(`${message} Retry in ${seconds} s.`, 429, { retryAfter: seconds }, true)
  }
}
