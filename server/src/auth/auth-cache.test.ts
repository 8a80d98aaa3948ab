import { describe, expect, it } from 'vitest'

import { AuthCache, type CachedUser } from './auth-cache'

const HOUR = 3600_000

function setup(ttlMs = 5000) {
  let now = 1_000_000
  const cache = new AuthCache<CachedUser>(ttlMs, 3, () => now)
  const user = (id: number, sid = `s${id}`, expiresAt = new Date(now + HOUR)): CachedUser => ({ id, _sid: sid, sessions: [{ id: sid, expiresAt }] })
  return { cache, user, advance: (ms: number) => (now += ms), at: () => now }
}

describe('AuthCache', () => {
  it('remembers a login for the TTL, then forgets it', () => {
    const { cache, user, advance } = setup()
    cache.set('k', user(1), cache.generation)
    expect(cache.get('k')?.id).toBe(1)
    advance(4999)
    expect(cache.get('k')?.id).toBe(1)
    advance(1)
    expect(cache.get('k')).toBeUndefined()
  })

  it('never past the session expiry, and not at all without a session', () => {
    const { cache, user, advance, at } = setup()
    cache.set('k', user(1, 's1', new Date(at() + 1000)), cache.generation)
    advance(1000)
    expect(cache.get('k')).toBeUndefined()
    cache.set('no-session', { id: 2 }, cache.generation)
    expect(cache.get('no-session')).toBeUndefined()
    cache.set('expired', user(3, 's3', new Date(at() - 1)), cache.generation)
    expect(cache.get('expired')).toBeUndefined()
  })

  it("forgets all of a user's logins when the user changes, and only theirs", () => {
    const { cache, user } = setup()
    cache.set('a1', user(1, 'x'), cache.generation)
    cache.set('a2', user(1, 'y'), cache.generation)
    cache.set('b', user(2), cache.generation)
    cache.forgetUser(1)
    expect(cache.get('a1')).toBeUndefined()
    expect(cache.get('a2')).toBeUndefined()
    expect(cache.get('b')?.id).toBe(2)
  })

  it('does not store a lookup that overlapped a change', () => {
    const { cache, user } = setup()
    const lookedUpAt = cache.generation
    cache.forgetUser(7)
    cache.set('k', user(1), lookedUpAt)
    expect(cache.get('k')).toBeUndefined()
  })

  it('keeps a logged-out session out even when a lookup brings it back before it is removed', () => {
    const { cache, user, advance } = setup()
    cache.revokeSessions(1, ['s1'])
    // A request that read the user before the logout removed the session.
    cache.set('k', user(1, 's1'), cache.generation)
    expect(cache.get('k')).toBeUndefined()
    // The user's other sessions are unaffected; the revocation itself expires with the TTL.
    cache.set('other', user(1, 's2'), cache.generation)
    expect(cache.get('other')?.id).toBe(1)
    advance(5000)
    cache.set('k', user(1, 's1'), cache.generation)
    expect(cache.get('k')?.id).toBe(1)
  })

  it('stores nothing of a user logged out everywhere, even a session being created meanwhile', () => {
    const { cache, user, advance } = setup()
    cache.revokeAllSessions(1)
    cache.set('new-session', user(1, 'fresh'), cache.generation)
    expect(cache.get('new-session')).toBeUndefined()
    cache.set('other-user', user(2), cache.generation)
    expect(cache.get('other-user')?.id).toBe(2)
    advance(5000)
    cache.set('new-session', user(1, 'fresh'), cache.generation)
    expect(cache.get('new-session')?.id).toBe(1)
  })

  it('never outlives the token it was made for', () => {
    const { cache, user, advance, at } = setup()
    cache.set('k', user(1), cache.generation, at() + 2000)
    advance(2000)
    expect(cache.get('k')).toBeUndefined()
  })

  it('holds at most its maximum, evicting the oldest', () => {
    const { cache, user } = setup()
    for (let id = 1; id <= 4; id++) cache.set(`k${id}`, user(id), cache.generation)
    expect(cache.size).toBe(3)
    expect(cache.get('k1')).toBeUndefined()
    expect(cache.get('k4')?.id).toBe(4)
  })

  it('stores nothing when the TTL is 0', () => {
    const { cache, user } = setup(0)
    expect(cache.enabled).toBe(false)
    cache.set('k', user(1), cache.generation)
    expect(cache.get('k')).toBeUndefined()
  })

  it('bounds an entry by the session it was made for, not by the user’s other sessions', () => {
    const { cache, advance, at } = setup()
    const user: CachedUser = { id: 1, _sid: 's2', sessions: [{ id: 's1', expiresAt: new Date(at() + HOUR) }, { id: 's2', expiresAt: new Date(at() + 1000) }] }
    cache.set('k', user, cache.generation)
    advance(999)
    expect(cache.get('k')?.id).toBe(1)
    advance(1)
    expect(cache.get('k')).toBeUndefined()
  })

  it('evicts the login stored longest ago: storing a key again renews it', () => {
    const { cache, user } = setup()
    for (let id = 1; id <= 3; id++) cache.set(`k${id}`, user(id), cache.generation)
    cache.set('k1', user(1), cache.generation)
    cache.set('k4', user(4), cache.generation)
    expect([cache.get('k1')?.id, cache.get('k2'), cache.get('k3')?.id, cache.get('k4')?.id]).toEqual([1, undefined, 3, 4])
  })

  it('keeps earlier logouts in force while it clears out the expired ones', () => {
    const { cache, user, advance } = setup()
    cache.revokeSessions(1, ['s1'])
    cache.revokeAllSessions(3)
    advance(1000)
    // Later logouts prune what has expired, and nothing else.
    cache.revokeSessions(2, ['s2'])
    cache.revokeAllSessions(4)
    for (const [key, u] of [['a', user(1, 's1')], ['b', user(3, 'fresh')]] as const) {
      cache.set(key, u, cache.generation)
      expect(cache.get(key), key).toBeUndefined()
    }
    advance(4000)
    cache.revokeSessions(5, ['s5'])
    cache.set('a', user(1, 's1'), cache.generation)
    cache.set('b', user(3, 'fresh'), cache.generation)
    expect([cache.get('a')?.id, cache.get('b')?.id]).toEqual([1, 3])
  })

  it('never serves a logged-out session, even when the logout named another user id', () => {
    const { cache, user } = setup()
    cache.set('k', user(1, 'shared'), cache.generation)
    // get() checks the session itself, not only the per-user index that forgetUser clears.
    cache.revokeSessions('1-other', ['shared'])
    expect(cache.get('k')).toBeUndefined()
  })
})
