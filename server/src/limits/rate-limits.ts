// The server's rate limiters, built on rate-limiter-flexible's in-memory store. The same classes
// exist over Redis and other stores (RateLimiterRedis…): several instances behind one balancer
// would swap the constructor here and share their counts.
import { APIError, type PayloadRequest } from 'payload'
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

import { env } from '../env'

const LOGIN_WINDOW_SECONDS = 15 * 60
const SIGNUP_WINDOW_SECONDS = 60 * 60
const BURST_WINDOW_SECONDS = 10

export interface Limiters {
  // MESSAGE_RATE_PER_SECOND each second, and when that is spent, MESSAGE_BURST more per 10 s.
  messages: BurstyRateLimiter
  loginFailures: RateLimiterMemory
  signups: RateLimiterMemory
}

function createLimiters(): Limiters {
  const { messagesPerSecond, messageBurst, loginFailuresPerIp, signupsPerIp } = env.limits
  return {
    messages: new BurstyRateLimiter(
      new RateLimiterMemory({ keyPrefix: 'messages', points: messagesPerSecond, duration: 1 }),
      new RateLimiterMemory({ keyPrefix: 'messages-burst', points: messageBurst, duration: BURST_WINDOW_SECONDS }),
    ),
    loginFailures: new RateLimiterMemory({ keyPrefix: 'login', points: loginFailuresPerIp, duration: LOGIN_WINDOW_SECONDS }),
    signups: new RateLimiterMemory({ keyPrefix: 'signup', points: signupsPerIp, duration: SIGNUP_WINDOW_SECONDS }),
  }
}

// On globalThis like the realtime runtime: a `next dev` module reload must not reset the counts.
const KEY = Symbol.for('payload-chat.limiters')
type Holder = typeof globalThis & { [KEY]?: Limiters }

export function limiters(): Limiters {
  const holder = globalThis as Holder
  return (holder[KEY] ??= createLimiters())
}

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
