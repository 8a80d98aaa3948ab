// The shared presence tables (src/db/*/presence-store.ts) written directly, on this file's
// database (SQLite, or PostgreSQL with TEST_DATABASE=postgres): one flush that ends many sessions
// of one user (logout everywhere, a password reset) commits, and records the user last seen once;
// the latest away flag wins whatever process writes it when, and a stale one tells nobody.
import { getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { presenceDbOf } from '../../src/db'
import type { SharedPresenceDb } from '../../src/db/presence-store'
import config from '../../src/payload.config'

const EXPIRY_MS = 60_000

describe('shared presence store', () => {
  let payload: Payload
  let db: SharedPresenceDb
  beforeAll(async () => {
    payload = await getPayload({ config })
    db = presenceDbOf(payload)
  })
  afterAll(() => payload.destroy())

  it('closes every session of a user in one flush', async () => {
    // Enough rows that a per-row clock crosses a millisecond between two of them.
    const sessions = Array.from({ length: 5000 }, (_, i) => ({ userId: 41, sessionId: `s${i}` }))
    await db.write('p1', { opened: sessions, closed: [], away: [] })
    expect((await db.sessionsOf([41], EXPIRY_MS))[0]?.sessions).toHaveLength(5000)
    await db.write('p1', { opened: [], closed: sessions, away: [] })
    const [user] = await db.sessionsOf([41], EXPIRY_MS)
    expect(user?.sessions).toEqual([])
    expect(user?.seenAt).toEqual(expect.any(Number))
  })

  const awayOf = async (userId: number) => (await db.sessionsOf([userId], EXPIRY_MS))[0]?.sessions.map((session) => session.away)

  it('keeps the latest away flag, not the last written', async () => {
    // A link opened in a background tab: the stream opens on A; the page's {away} goes to B, whose
    // write is late (a retry); {online}, said after it, goes to C and is written first.
    await db.write('A', { opened: [{ userId: 42, sessionId: 'tab' }], closed: [], away: [{ userId: 42, sessionId: 'tab', away: false, ageMs: 3000 }] })
    await db.write('C', { opened: [], closed: [], away: [{ userId: 42, sessionId: 'tab', away: false, ageMs: 0 }] })
    const before = await db.latestEvent()
    const applied = await db.write('B', { opened: [], closed: [], away: [{ userId: 42, sessionId: 'tab', away: true, ageMs: 1000 }] })
    expect(applied).toEqual([false])
    expect(await awayOf(42)).toEqual([false])
    // The stale flag changed nothing, so no process is woken to recompute the user.
    expect(await db.latestEvent()).toBe(before)
    // A flag said later is written, and tells every process.
    expect(await db.write('B', { opened: [], closed: [], away: [{ userId: 42, sessionId: 'tab', away: true, ageMs: 0 }] })).toEqual([true])
    expect(await awayOf(42)).toEqual([true])
    expect(await db.latestEvent()).toBeGreaterThan(before)
  })

  it('keeps a flag said before its stream was written, and across a re-write after a stall', async () => {
    await db.write('B', { opened: [], closed: [], away: [{ userId: 43, sessionId: 'hidden', away: true, ageMs: 0 }] })
    await db.write('A', { opened: [{ userId: 43, sessionId: 'hidden' }], closed: [], away: [] })
    expect(await awayOf(43)).toEqual([true])
    // A stalled process writes its sessions again: the tab is still hidden.
    await db.write('A', { opened: [{ userId: 43, sessionId: 'hidden' }], closed: [], away: [] })
    expect(await awayOf(43)).toEqual([true])
  })
})
