// The server's rate limiters, built on rate-limiter-flexible's in-memory store. The same classes
// exist over Redis and other stores (RateLimiterRedis…): several instances behind one balancer
// would swap the constructor here and share their counts.
import { APIError, type PayloadRequest } from 'payload'
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

import { env } from '../env'
import { processGlobal } from '../process-global.mjs'

const DAY_SECONDS = 24 * 60 * 60
const ACCOUNT_LOCK_SECONDS = 15 * 60
const SIGNUP_WINDOW_SECONDS = 60 * 60
const PASSWORD_RESET_WINDOW_SECONDS = 60 * 60
const BURST_WINDOW_SECONDS = 10

export interface Limiters {
  // MESSAGE_RATE_PER_SECOND each second, and when that is spent, MESSAGE_BURST more per 10 s.
  messages: BurstyRateLimiter
  // rate-limiter-flexible's login protection: failures per address per day, and consecutive
  // failures per (account, address), which a success clears (see login-limits.ts).
  loginFailuresByAddress: RateLimiterMemory
  loginFailuresByAccount: RateLimiterMemory
  signups: RateLimiterMemory
  // Forgot-password requests per address: each one, real email or not, may send an email and
  // tells (by its time) whether the account exists.
  passwordResets: RateLimiterMemory
  // POST /api/typing and POST /api/presence per user: each call costs a lookup or a fan-out.
  typing: RateLimiterMemory
  presence: RateLimiterMemory
}

function createLimiters(): Limiters {
  // Replaced, not renamed: its 15-minute window would not mean the same as the daily budget.
  if (process.env.LOGIN_FAILURES_PER_IP) {
    console.warn('LOGIN_FAILURES_PER_IP is no longer read: set LOGIN_FAILURES_PER_IP_PER_DAY and LOGIN_FAILURES_PER_ACCOUNT (README).')
  }
  const { messagesPerSecond, messageBurst, loginFailuresPerIpPerDay, loginFailuresPerAccount, signupsPerIp, passwordResetsPerIp, typingPer10s, presencePer10s } =
    env.limits
  return {
    messages: new BurstyRateLimiter(
      new RateLimiterMemory({ keyPrefix: 'messages', points: messagesPerSecond, duration: 1 }),
      new RateLimiterMemory({ keyPrefix: 'messages-burst', points: messageBurst, duration: BURST_WINDOW_SECONDS }),
    ),
    loginFailuresByAddress: new RateLimiterMemory({ keyPrefix: 'login-address', points: loginFailuresPerIpPerDay, duration: DAY_SECONDS }),
    // Failures count for a day unless a login succeeds; past the limit that pair waits 15 minutes.
    loginFailuresByAccount: new RateLimiterMemory({
      keyPrefix: 'login-account-address',
      points: loginFailuresPerAccount,
      duration: DAY_SECONDS,
      blockDuration: ACCOUNT_LOCK_SECONDS,
    }),
    signups: new RateLimiterMemory({ keyPrefix: 'signup', points: signupsPerIp, duration: SIGNUP_WINDOW_SECONDS }),
    passwordResets: new RateLimiterMemory({ keyPrefix: 'password-reset', points: passwordResetsPerIp, duration: PASSWORD_RESET_WINDOW_SECONDS }),
    typing: new RateLimiterMemory({ keyPrefix: 'typing', points: typingPer10s, duration: BURST_WINDOW_SECONDS }),
    presence: new RateLimiterMemory({ keyPrefix: 'presence', points: presencePer10s, duration: BURST_WINDOW_SECONDS }),
  }
}

// One per process: a `next dev` module reload must not reset the counts.
export const limiters = (): Limiters => processGlobal('limiters', createLimiters)

// Takes one point for `key`; past the limit answers 429 with Retry-After (set on the response
// headers that Payload merges into its error response).
export async function consumeOrReject(
  req: PayloadRequest,
  limiter: RateLimiterMemory | BurstyRateLimiter,
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
