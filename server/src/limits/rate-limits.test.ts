// The limiters' windows and the 429 they answer with: the Retry-After each limiter computes is
// what a client waits, so it is asserted exactly (limits.int checks the same over HTTP).
import type { PayloadRequest } from 'payload'
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { afterEach, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  Object.assign(process.env, {
    MESSAGE_RATE_PER_SECOND: '2',
    MESSAGE_BURST: '3',
    LOGIN_FAILURES_PER_IP_PER_DAY: '6',
    LOGIN_FAILURES_PER_ACCOUNT: '4',
    SIGNUPS_PER_IP: '5',
    PASSWORD_RESETS_PER_IP: '7',
  })
})

import { consumeOrReject, limiters } from './rate-limits'

const KEY = Symbol.for('payload-chat.limiters')
const fakeReq = (responseHeaders?: Headers) => ({ responseHeaders }) as PayloadRequest
const refusing = (msBeforeNext: number) => ({ consume: () => Promise.reject(new RateLimiterRes(0, msBeforeNext)) }) as unknown as RateLimiterMemory

afterEach(() => {
  vi.restoreAllMocks()
  delete process.env.LOGIN_FAILURES_PER_IP
})

describe('limiters', () => {
  it('count per window as configured: a day of login failures, a 15-minute lock, an hour of sign-ups and resets', () => {
    const { loginFailuresByAddress, loginFailuresByAccount, signups, passwordResets } = limiters()
    const shape = (l: RateLimiterAbstract) => [l.keyPrefix, l.points, l.duration, l.blockDuration]
    expect(shape(loginFailuresByAddress)).toEqual(['login-address', 6, 86_400, 0])
    expect(shape(loginFailuresByAccount)).toEqual(['login-account-address', 4, 86_400, 900])
    expect(shape(signups)).toEqual(['signup', 5, 3600, 0])
    expect(shape(passwordResets)).toEqual(['password-reset', 7, 3600, 0])
  })

  it('lets a user post the rate plus the burst, then refuses them alone, for at most the burst window', async () => {
    const { messages } = limiters()
    for (let i = 0; i < 5; i++) await messages.consume('user:1')
    const refused = await messages.consume('user:1').catch((rejection: RateLimiterRes) => rejection)
    expect(refused).toBeInstanceOf(RateLimiterRes)
    expect((refused as RateLimiterRes).msBeforeNext).toBeLessThanOrEqual(10_000)
    await expect(messages.consume('user:2')).resolves.toBeDefined()
  })

  it('are built once per process', () => {
    expect(limiters()).toBe(limiters())
  })

  it('warn about the LOGIN_FAILURES_PER_IP setting they no longer read', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const held = (globalThis as any)[KEY]
    try {
      delete (globalThis as any)[KEY]
      limiters()
      expect(warn).not.toHaveBeenCalled()
      delete (globalThis as any)[KEY]
      process.env.LOGIN_FAILURES_PER_IP = '5'
      limiters()
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/LOGIN_FAILURES_PER_IP is no longer read/))
    } finally {
      ;(globalThis as any)[KEY] = held
    }
  })
})

describe('consumeOrReject', () => {
  it('takes a point and lets the request through while there are points', async () => {
    const limiter = new RateLimiterMemory({ points: 2, duration: 60 })
    const req = fakeReq()
    await consumeOrReject(req, limiter, 'k', 'Too many.')
    expect((await limiter.get('k'))?.consumedPoints).toBe(1)
    expect(req.responseHeaders).toBeUndefined()
  })

  it('answers 429 with the wait the limiter computed, in the message, the data and Retry-After', async () => {
    const limiter = new RateLimiterMemory({ points: 1, duration: 60 })
    const req = fakeReq()
    await consumeOrReject(req, limiter, 'k', 'Too many tries.')
    const error = await consumeOrReject(req, limiter, 'k', 'Too many tries.').catch((e: any) => e)
    expect([error.status, error.message, error.data, error.isPublic]).toEqual([429, 'Too many tries. Retry in 60 s.', { retryAfter: 60 }, true])
    expect(req.responseHeaders?.get('retry-after')).toBe('60')
  })

  it('rounds the wait up to whole seconds, and never says 0', async () => {
    for (const [ms, seconds] of [
      [0, 1],
      [1, 1],
      [1000, 1],
      [1001, 2],
      [899_400, 900],
    ]) {
      const req = fakeReq()
      const error = await consumeOrReject(req, refusing(ms), 'k', 'Wait.').catch((e: any) => e)
      expect([error.data.retryAfter, req.responseHeaders?.get('retry-after')], `${ms} ms`).toEqual([seconds, String(seconds)])
    }
  })

  it('keeps the headers already set on the response', async () => {
    const headers = new Headers({ 'x-kept': 'yes' })
    const req = fakeReq(headers)
    await consumeOrReject(req, refusing(5000), 'k', 'Wait.').catch(() => {})
    expect(req.responseHeaders).toBe(headers)
    expect([headers.get('x-kept'), headers.get('retry-after')]).toEqual(['yes', '5'])
  })

  it('passes on a failure of the store itself, as it is', async () => {
    const broken = new Error('store down')
    const limiter = { consume: () => Promise.reject(broken) } as unknown as RateLimiterMemory
    const req = fakeReq()
    await expect(consumeOrReject(req, limiter, 'k', 'Wait.')).rejects.toBe(broken)
    expect(req.responseHeaders).toBeUndefined()
  })
})
