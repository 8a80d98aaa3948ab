import { describe, expect, it } from 'vitest'

import { initialPresence, presenceLabel, presenceReducer, type PresenceState } from './presence-reducer'

const event = (state: PresenceState, user: number, status: 'online' | 'away' | 'offline', lastSeen: string | null = null) =>
  presenceReducer(state, { type: 'event', presence: { user, status, lastSeen } })

describe('presenceReducer', () => {
  it('takes a snapshot, then follows events', () => {
    let state = presenceReducer(initialPresence, {
      type: 'snapshot',
      askedAt: 0,
      presence: [
        { user: 2, status: 'online', lastSeen: '2026-01-01T12:00:00.000Z' },
        { user: 3, status: 'offline', lastSeen: null },
      ],
    })
    expect(state.byUser[2].status).toBe('online')
    state = event(state, 2, 'away', '2026-01-01T12:01:00.000Z')
    state = event(state, 3, 'online')
    expect(state.byUser[2]).toMatchObject({ status: 'away', lastSeen: '2026-01-01T12:01:00.000Z' })
    expect(state.byUser[3].status).toBe('online')
  })

  it('a snapshot asked before an event never undoes it; one asked after does apply', () => {
    let state = initialPresence
    const askedAt = state.seq
    state = event(state, 2, 'offline', '2026-01-01T12:05:00.000Z') // arrives while the snapshot is on its way
    state = presenceReducer(state, { type: 'snapshot', askedAt, presence: [{ user: 2, status: 'online', lastSeen: null }, { user: 3, status: 'away', lastSeen: null }] })
    expect(state.byUser[2].status).toBe('offline')
    expect(state.byUser[3].status).toBe('away')
    state = presenceReducer(state, { type: 'snapshot', askedAt: state.seq, presence: [{ user: 2, status: 'online', lastSeen: null }] })
    expect(state.byUser[2].status).toBe('online')
  })
})

describe('presenceLabel', () => {
  const now = new Date('2026-01-01T12:30:00.000Z')
  it('says online, away, offline with when last seen, and offline for someone unknown', () => {
    expect(presenceLabel({ status: 'online', lastSeen: null, seq: 0 }, now)).toBe('online')
    expect(presenceLabel({ status: 'away', lastSeen: null, seq: 0 }, now)).toBe('away')
    expect(presenceLabel({ status: 'offline', lastSeen: '2026-01-01T12:25:00.000Z', seq: 0 }, now)).toBe('offline, last seen 5 min ago')
    expect(presenceLabel({ status: 'offline', lastSeen: '2026-01-01T12:29:30.000Z', seq: 0 }, now)).toBe('offline, last seen just now')
    expect(presenceLabel({ status: 'offline', lastSeen: '2026-01-01T09:00:00.000Z', seq: 0 }, now)).toBe('offline, last seen 3 h ago')
    expect(presenceLabel(undefined, now)).toBe('offline')
  })
})
