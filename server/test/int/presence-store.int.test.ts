// The shared presence tables (src/db/*/presence-store.ts) written directly, on this file's
// database (SQLite, or PostgreSQL with TEST_DATABASE=postgres): one flush that ends many sessions
// of one user (logout everywhere, a password reset) commits, and records the user last seen once.
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
})
