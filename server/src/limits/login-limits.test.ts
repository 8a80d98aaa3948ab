// Failed-login limits as login-limits.ts applies them, per client address (the TCP peer, set as
// the servers set it) and per (account, address). A "failure" is an attempt taken and never
// forgiven, as the Users hooks do when the password is wrong.
import type { PayloadRequest } from 'payload'
import { describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  Object.assign(process.env, { LOGIN_FAILURES_PER_ACCOUNT: '3', LOGIN_FAILURES_PER_IP_PER_DAY: '10' })
  delete process.env.TRUST_PROXY
})

import { forgetAccountFailures, forgiveLoginAttempt, normalizeEmail, takeLoginAttempt } from './login-limits'
import { peerAwareListener } from './peer-address.mjs'
import { limiters } from './rate-limits'

type Outcome = { ok: true } | { ok: false; status: number; message: string; retryAfter: string | null }

// One login request from `peer`: takes the attempt, and forgives it when the password was right.
function attempt(peer: string, email: unknown, { passwordRight = false, headers = {} as Record<string, string> } = {}): Promise<Outcome> {
  const req = { headers: new Headers(headers) } as PayloadRequest
  const run = peerAwareListener(async () => {
    try {
      await takeLoginAttempt(req, email)
    } catch (error: any) {
      return { ok: false, status: error.status, message: error.message, retryAfter: req.responseHeaders?.get('retry-after') ?? null }
    }
    if (passwordRight) await forgiveLoginAttempt(req)
    return { ok: true }
  })
  return run({ socket: { remoteAddress: peer } } as any, undefined) as Promise<Outcome>
}
const failures = (peer: string, email: string, n: number) => Promise.all(Array.from({ length: n }, () => attempt(peer, email)))
const usedAt = async (address: string) => (await limiters().loginFailuresByAddress.get(address))?.consumedPoints ?? 0

describe('failed logins', () => {
  it('lock an account for 15 minutes at the address that failed, and only there', async () => {
    expect((await failures('10.0.1.1', 'ann@test.io', 3)).every((o) => o.ok)).toBe(true)
    const locked = await attempt('10.0.1.1', 'ann@test.io', { passwordRight: true })
    expect(locked).toEqual({ ok: false, status: 429, message: expect.stringMatching(/^Too many failed logins for this account from this address\. Retry in 900 s\.$/), retryAfter: '900' })
    // Refused before any password check: the address is not charged for it.
    expect(await usedAt('10.0.1.1')).toBe(3)
    // The owner elsewhere, and other accounts from there, are not affected.
    expect(await attempt('10.0.1.2', 'ann@test.io', { passwordRight: true })).toEqual({ ok: true })
    expect(await attempt('10.0.1.1', 'bob@test.io', { passwordRight: true })).toEqual({ ok: true })
  })

  it('count an email however it is written', async () => {
    await failures('10.0.2.1', 'Cid@Test.io', 2)
    expect(await attempt('10.0.2.1', '  cid@test.IO ')).toEqual({ ok: true })
    expect(await attempt('10.0.2.1', 'cid@test.io')).toMatchObject({ ok: false, status: 429 })
  })

  it('are forgiven by a successful login: the address gets its point back, the run of failures ends', async () => {
    await failures('10.0.3.1', 'dee@test.io', 2)
    expect(await attempt('10.0.3.1', 'dee@test.io', { passwordRight: true })).toEqual({ ok: true })
    expect(await usedAt('10.0.3.1')).toBe(2)
    expect((await failures('10.0.3.1', 'dee@test.io', 2)).every((o) => o.ok)).toBe(true)
    expect(await usedAt('10.0.3.1')).toBe(4)
  })

  it('limit an address to its daily budget over all accounts, for the rest of the day', async () => {
    for (let i = 0; i < 10; i++) expect(await attempt('10.0.4.1', `user${i}@test.io`)).toEqual({ ok: true })
    const refused = await attempt('10.0.4.1', 'new@test.io', { passwordRight: true })
    expect(refused).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(/^Too many failed logins from this address\./) })
    const wait = Number((refused as { retryAfter: string }).retryAfter)
    expect(wait).toBeGreaterThan(86_400 - 60)
    expect(wait).toBeLessThanOrEqual(86_400)
    expect(await attempt('10.0.4.2', 'new@test.io')).toEqual({ ok: true })
  })

  it('start afresh for an account an admin unlocked, at every address', async () => {
    await failures('10.0.5.1', 'eve@test.io', 3)
    await failures('10.0.5.2', 'eve@test.io', 3)
    expect(await attempt('10.0.5.1', 'eve@test.io')).toMatchObject({ ok: false })
    await forgetAccountFailures(' EVE@test.io')
    expect(await attempt('10.0.5.1', 'eve@test.io')).toEqual({ ok: true })
    expect(await attempt('10.0.5.2', 'eve@test.io')).toEqual({ ok: true })
    // A second unlock starts afresh again (the generation moves on each time).
    await failures('10.0.5.1', 'eve@test.io', 2)
    expect(await attempt('10.0.5.1', 'eve@test.io')).toMatchObject({ ok: false })
    await forgetAccountFailures('eve@test.io')
    expect(await attempt('10.0.5.1', 'eve@test.io')).toEqual({ ok: true })
  })

  it('are counted at the TCP peer, not at an address the client claims (no trusted proxy)', async () => {
    await failures('10.0.6.1', 'fay@test.io', 3)
    expect(await attempt('10.0.6.1', 'fay@test.io', { headers: { 'x-forwarded-for': '10.0.6.99' } })).toMatchObject({ ok: false })
  })

  it('forgive an attempt once, and only one that was taken', async () => {
    await failures('10.0.7.1', 'gus@test.io', 2)
    const req = { headers: new Headers() } as PayloadRequest
    const run = peerAwareListener(async () => {
      await forgiveLoginAttempt(req) // never taken: nothing to give back
      await takeLoginAttempt(req, 'gus@test.io')
      await forgiveLoginAttempt(req)
      await forgiveLoginAttempt(req) // a second time gives nothing more back
    })
    await run({ socket: { remoteAddress: '10.0.7.1' } } as any, undefined)
    expect(await usedAt('10.0.7.1')).toBe(2)
  })
})

describe('normalizeEmail', () => {
  it('trims, lower-cases and bounds an email; anything else is the empty account', () => {
    expect(normalizeEmail('  Ann@Test.IO ')).toBe('ann@test.io')
    expect(normalizeEmail(`${'a'.repeat(400)}@x.io`)).toBe('a'.repeat(320))
    for (const other of [undefined, null, 42, { email: 'a@b.c' }]) expect(normalizeEmail(other)).toBe('')
  })
})
