// The presence state machine with a hand-driven clock: grace period, away, several sessions.
import { describe, expect, it } from 'vitest'

import type { PresenceData } from '../protocol'
import { InProcessPresence, type PresenceClock } from './presence-state'

function manualClock(start = Date.UTC(2026, 10, 29, 12)) {
  let now = start
  const timers = new Map<number, { at: number; run: () => void }>()
  let next = 0
  const clock: PresenceClock & { advance(ms: number): void; pending(): number } = {
    now: () => now,
    setTimeout: (run, ms) => {
      timers.set(++next, { at: now + ms, run })
      return next
    },
    clearTimeout: (timer) => void timers.delete(timer as number),
    advance(ms) {
      now += ms
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue
        timers.delete(id)
        timer.run()
      }
    },
    pending: () => timers.size,
  }
  return clock
}

function presence(graceMs = 30_000) {
  const clock = manualClock()
  const store = new InProcessPresence(graceMs, clock)
  const changes: Array<[number, string]> = []
  const data: PresenceData[] = []
  store.subscribe((change) => {
    changes.push([change.user, change.status])
    data.push(change)
  })
  return { clock, store, changes, data }
}

const iso = (ms: number) => new Date(ms).toISOString()

describe('InProcessPresence', () => {
  it('is online while a stream is open, and offline only a grace period after the last one closed', async () => {
    const { clock, store, changes, data } = presence(30_000)
    const start = clock.now()
    store.streamOpened(1, 's1')
    expect(changes).toEqual([[1, 'online']])
    expect(data[0].lastSeen).toBe(iso(start))
    clock.advance(5_000)
    store.streamClosed(1, 's1')
    const closedAt = clock.now()
    clock.advance(29_999)
    expect(changes).toEqual([[1, 'online']])
    expect((await store.snapshot([1]))[0].status).toBe('online')
    clock.advance(1)
    expect(changes).toEqual([
      [1, 'online'],
      [1, 'offline'],
    ])
    expect(data[1].lastSeen).toBe(iso(closedAt))
    expect(await store.snapshot([1])).toEqual([{ user: 1, status: 'offline', lastSeen: iso(closedAt) }])
  })

  it('does not flicker when a stream comes back within the grace period (a reload)', () => {
    const { clock, store, changes } = presence(30_000)
    store.streamOpened(1, 's1')
    store.streamClosed(1, 's1')
    clock.advance(10_000)
    store.streamOpened(1, 's1')
    clock.advance(60_000)
    expect(changes).toEqual([[1, 'online']])
    expect(clock.pending()).toBe(0)
  })

  it('is away only when every session with streams is away, and online again when one is visible', () => {
    const { store, changes } = presence()
    store.streamOpened(1, 'laptop')
    store.streamOpened(1, 'phone')
    store.setAway(1, 'laptop', true)
    expect(changes).toEqual([[1, 'online']])
    store.setAway(1, 'phone', true)
    expect(changes).toEqual([
      [1, 'online'],
      [1, 'away'],
    ])
    store.setAway(1, 'phone', false)
    // The visible phone closes its stream: only the hidden laptop is left.
    store.streamClosed(1, 'phone')
    expect(changes.map(([, status]) => status)).toEqual(['online', 'away', 'online', 'away'])
  })

  it('counts streams per session: online until the last stream of the last session closes', () => {
    const { clock, store, changes } = presence(1_000)
    store.streamOpened(1, 'a')
    store.streamOpened(1, 'a')
    store.streamOpened(1, 'b')
    store.streamClosed(1, 'a')
    store.streamClosed(1, 'b')
    clock.advance(5_000)
    expect(changes).toEqual([[1, 'online']])
    store.streamClosed(1, 'a')
    clock.advance(999)
    expect(changes).toEqual([[1, 'online']])
    clock.advance(1)
    expect(changes).toEqual([
      [1, 'online'],
      [1, 'offline'],
    ])
    // A close without an open (or a second one) changes nothing.
    store.streamClosed(1, 'a')
    store.streamClosed(2, 'x')
    expect(changes).toHaveLength(2)
  })

  it('keeps an away flag set before the stream opened, and forgets it with the last stream', () => {
    const { clock, store, changes } = presence(1_000)
    store.setAway(1, 's', true)
    expect(changes).toEqual([])
    store.streamOpened(1, 's')
    expect(changes).toEqual([[1, 'away']])
    store.streamClosed(1, 's')
    clock.advance(1_000)
    store.streamOpened(1, 's')
    expect(changes.map(([, status]) => status)).toEqual(['away', 'offline', 'online'])
  })

  it('answers a snapshot for users never seen as offline with no lastSeen, in the order asked', async () => {
    const { clock, store } = presence()
    store.streamOpened(2, 's')
    clock.advance(1_234)
    expect(await store.snapshot([3, 2])).toEqual([
      { user: 3, status: 'offline', lastSeen: null },
      { user: 2, status: 'online', lastSeen: iso(clock.now()) },
    ])
  })

  it('tells each user apart, and stops telling a listener that unsubscribed', () => {
    const { store, changes } = presence()
    const other: string[] = []
    const stop = store.subscribe((change) => other.push(change.status))
    store.streamOpened(1, 's')
    stop()
    store.streamOpened(2, 's')
    expect(changes).toEqual([
      [1, 'online'],
      [2, 'online'],
    ])
    expect(other).toEqual(['online'])
  })

  it('goes offline a grace period after the last close even when that stream had come back once', () => {
    const { clock, store, changes } = presence(1_000)
    store.streamOpened(1, 's')
    store.streamClosed(1, 's')
    clock.advance(500)
    store.streamOpened(1, 's')
    store.streamClosed(1, 's')
    clock.advance(1_000)
    expect(changes).toEqual([
      [1, 'online'],
      [1, 'offline'],
    ])
  })

  it('keeps lastSeen at the last close when a hidden tab without a stream reports during the grace period', async () => {
    const { clock, store, data } = presence(1_000)
    store.streamOpened(1, 'a')
    store.streamClosed(1, 'a')
    const closedAt = clock.now()
    clock.advance(400)
    store.setAway(1, 'b', true)
    clock.advance(600)
    expect(data.map((d) => [d.status, d.lastSeen])).toEqual([
      ['online', iso(closedAt)],
      ['offline', iso(closedAt)],
    ])
    expect(clock.pending()).toBe(0)
  })

  it('reports a user who only said they were away, never with a stream, as offline with no lastSeen', async () => {
    const { clock, store, changes } = presence()
    store.setAway(5, 's', true)
    expect(await store.snapshot([5])).toEqual([{ user: 5, status: 'offline', lastSeen: null }])
    expect(changes).toEqual([])
    expect(clock.pending()).toBe(0)
  })

  it('ignores a close for a session that has an away flag but no stream', () => {
    const { store, changes } = presence()
    store.setAway(1, 's', true)
    store.streamClosed(1, 's')
    store.streamOpened(1, 's')
    expect(changes).toEqual([[1, 'away']])
  })

  it('remembers the away flag of at most 8 sessions without streams per user', () => {
    const { store, changes } = presence()
    const statuses = () => changes.map(([, status]) => status)
    // The open session here is the one without a session id.
    store.streamOpened(1, undefined)
    store.setAway(1, undefined, true)
    for (let i = 1; i <= 8; i++) store.setAway(1, `idle${i}`, true)
    expect(statuses()).toEqual(['online', 'away'])
    // A ninth session without a stream is not remembered: its stream starts visible.
    store.setAway(1, 'idle9', true)
    store.streamOpened(1, 'idle9')
    expect(statuses()).toEqual(['online', 'away', 'online'])
    store.streamClosed(1, 'idle9')
    expect(statuses()).toEqual(['online', 'away', 'online', 'away'])
    // A session already remembered may still change its flag at the cap.
    store.setAway(1, undefined, false)
    store.setAway(1, undefined, true)
    expect(statuses()).toEqual(['online', 'away', 'online', 'away', 'online', 'away'])
    // The eighth was remembered: its stream starts away, so the user stays away.
    store.streamOpened(1, 'idle8')
    expect(statuses()).toEqual(['online', 'away', 'online', 'away', 'online', 'away'])
  })

  it('treats streams without a session id as one session of their own', () => {
    const { clock, store, changes } = presence(1_000)
    store.streamOpened(1, undefined)
    store.setAway(1, undefined, true)
    store.streamClosed(1, undefined)
    clock.advance(1_000)
    expect(changes.map(([, status]) => status)).toEqual(['online', 'away', 'offline'])
  })

  // The shared store (presence-shared.ts) feeds it every live process's sessions of a user.
  it('runs on sessions from every process: away only when all are, offline a grace period after the database says they left', async () => {
    const { clock, store, changes, data } = presence(30_000)
    store.apply(1, [{ away: true }, { away: false }], null)
    store.apply(1, [{ away: true }, { away: true }], null)
    store.apply(1, [{ away: true }], null)
    expect(changes).toEqual([
      [1, 'online'],
      [1, 'away'],
    ])
    // They left 10 s ago (another process closed the stream, or its process died then).
    const leftAt = clock.now() - 10_000
    store.apply(1, [], leftAt)
    clock.advance(19_999)
    expect(changes.at(-1)).toEqual([1, 'away'])
    clock.advance(1)
    expect(changes.at(-1)).toEqual([1, 'offline'])
    expect(data.at(-1)!.lastSeen).toBe(iso(leftAt))
  })

  it('learns when someone already gone was last seen, without announcing anything', async () => {
    const { store, changes } = presence(30_000)
    expect(store.knows(2)).toBe(false)
    store.apply(2, [], Date.UTC(2026, 10, 1))
    expect(store.knows(2)).toBe(true)
    expect(changes).toEqual([])
    expect(await store.snapshot([2])).toEqual([{ user: 2, status: 'offline', lastSeen: iso(Date.UTC(2026, 10, 1)) }])
  })
})
