// SharedPresence (./presence-shared.ts) against a fake database, for what the real ones make
// hard to provoke: a write that fails once while a beat runs, and commit signals that never stop.
import { describe, expect, it, vi } from 'vitest'

import type { PresenceWrite, SharedPresenceDb } from '../db/presence-store'
import { SharedPresence } from './presence-shared'

function fakeDb(overrides: Partial<SharedPresenceDb> = {}): SharedPresenceDb & { writes: PresenceWrite[] } {
  const writes: PresenceWrite[] = []
  return {
    writes,
    async write(_processId, change) {
      writes.push(change)
      return change.away.map(() => true)
    },
    beat: async () => true,
    reap: async () => undefined,
    typing: async () => undefined,
    latestEvent: async () => 0,
    eventsAfter: async () => [],
    sessionsOf: async (ids) => ids.map((userId) => ({ userId, sessions: [], seenAt: null })),
    ...overrides,
  }
}

const options = (db: SharedPresenceDb) => ({ db: () => db, graceMs: 0, heartbeatMs: 10, expiryMs: 1000, logError: () => undefined })

describe('SharedPresence', () => {
  it('retries a failed write even when a beat ran while it was in flight', async () => {
    const db = fakeDb()
    const write = db.write
    const presence = new SharedPresence(options(db))
    presence.streamOpened(1, 's')
    await vi.waitFor(() => expect(db.writes).toHaveLength(1))

    // The closing write hangs until a beat has run, then fails once.
    let beats = 0
    db.beat = async () => (beats++, true)
    let failed = false
    db.write = async (processId, change) => {
      if (failed) return write(processId, change)
      failed = true
      const seen = beats
      await vi.waitFor(() => expect(beats).toBeGreaterThan(seen + 1))
      throw new Error('SQLITE_BUSY')
    }
    presence.streamClosed(1, 's')
    await vi.waitFor(() => expect(db.writes.at(-1)?.closed).toEqual([{ userId: 1, sessionId: 's' }]), { timeout: 2000 })
  })

  it('answers a snapshot while commit signals keep coming', async () => {
    const woken: { presence?: SharedPresence } = {}
    let reads = 0
    const db = fakeDb({
      // Every read is followed by another commit signal, as on a busy cluster.
      eventsAfter: async () => {
        reads++
        await new Promise((resolve) => setTimeout(resolve, 1))
        woken.presence?.wake()
        return []
      },
    })
    const presence = (woken.presence = new SharedPresence(options(db)))
    presence.wake()
    await vi.waitFor(() => expect(reads).toBeGreaterThan(2))
    const answered = await Promise.race([presence.snapshot([1]), new Promise((resolve) => setTimeout(() => resolve('hung'), 1000))])
    expect(answered).toEqual([expect.objectContaining({ user: 1, status: 'offline' })])
  })
})
