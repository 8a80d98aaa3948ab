// The poller against a stand-in for the change feed (an array of events behind the ChangeFeed
// interface), with fake timers: every schedule, wake-up and interleaving is exact, and nothing
// waits for the clock. The feed's SQL itself is covered by the change-feed integration tests.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { ChangeEvent, ChangeFeed } from '../db/change-feed'
import { ChangePoller, type PollerOptions } from './poller'

const HOUR = 60 * 60 * 1000

function fakeFeed() {
  const changes: ChangeEvent[] = []
  let seq = 0
  const prunes: Array<{ retentionDays: number; at: number }> = []
  const errors: Array<{ message: string; err: unknown }> = []
  let reads = 0
  let hold: Promise<void> | undefined
  let failNext: 'read' | 'latest' | undefined
  const feed = {
    latest: async () => {
      if (failNext === 'latest') {
        failNext = undefined
        throw new Error('no sequence')
      }
      return seq
    },
    prune: async (retentionDays: number) => {
      prunes.push({ retentionDays, at: Date.now() })
      return 0
    },
    read: async ({ after, limit }: { after: number; limit: number }) => {
      reads += 1
      if (failNext === 'read') {
        failNext = undefined
        throw new Error('database is locked')
      }
      // The read sees what was committed when it ran, even if it returns later.
      const events = changes.filter((c) => c.id > after).slice(0, limit)
      if (hold) await hold
      return { events, through: events.length ? events[events.length - 1].id : null, full: events.length === limit }
    },
  } as Partial<ChangeFeed> as ChangeFeed
  return {
    feed,
    logError: (err: unknown, message: string) => errors.push({ message, err }),
    prunes,
    errors,
    get reads() {
      return reads
    },
    commit(count = 1) {
      for (let i = 0; i < count; i++) {
        seq += 1
        changes.push({ id: seq, type: 'message.deleted', audience: ['user:1', 'user:2'], data: { id: 100 + seq, sender: 1, receiver: 2, room: null, by: 'sender' } })
      }
    },
    // Holds every read until the returned function is called.
    holdReads(): () => void {
      let open!: () => void
      hold = new Promise((resolve) => (open = resolve))
      return () => {
        hold = undefined
        open()
      }
    },
    failNext(what: 'read' | 'latest') {
      failNext = what
    },
  }
}

type SetupOptions = Partial<Pick<PollerOptions, 'intervalMs' | 'batchSize' | 'retentionDays' | 'onStart'>>

function setup({ intervalMs = 60_000, batchSize = 200, retentionDays = 7, onStart }: SetupOptions = {}) {
  const feed = fakeFeed()
  const published: ChangeEvent[] = []
  const poller = new ChangePoller({
    intervalMs,
    batchSize,
    retentionDays,
    feed: () => feed.feed,
    logError: feed.logError,
    publish: (e) => published.push(e),
    onStart,
  })
  const ids = () => published.map((e) => e.id)
  return { feed, poller, published, ids }
}

// Runs every timer that is due now and everything they chain, without moving the clock. The
// poller's pause between batches (setImmediate) stays real: it passes in one turn of the loop.
const settle = async () => {
  for (let i = 0; i < 30; i++) {
    await vi.advanceTimersByTimeAsync(0)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-29T12:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('ChangePoller', () => {
  it('prepares (the audience index) at its starting cursor before it is ready or publishes anything', async () => {
    const feed = fakeFeed()
    feed.commit(3)
    const calls: string[] = []
    const poller = new ChangePoller({
      intervalMs: 60_000,
      batchSize: 200,
      retentionDays: 7,
      feed: () => feed.feed,
      logError: feed.logError,
      onStart: async (cursor) => {
        await new Promise((resolve) => setImmediate(resolve)) // the memberships' read
        calls.push(`start at ${cursor}`)
        // A change committed while the index loads is after the cursor: the poller publishes it.
        feed.commit()
        return () => calls.push(`apply ${cursor}`)
      },
      publish: (e) => calls.push(`publish ${e.id}`),
    })
    poller.start()
    await poller.ready
    calls.push('ready')
    await settle()
    expect(calls).toEqual(['start at 3', 'apply 3', 'ready', 'publish 4'])
    poller.stop()
  })

  it('starts from the latest change: earlier ones are not published, later ones are, in order, once', async () => {
    const { feed, poller, published, ids } = setup()
    feed.commit(3)
    expect(poller.isActive).toBe(false)
    poller.start()
    await poller.ready
    expect([poller.isActive, poller.position]).toEqual([true, 3])
    await settle()
    expect(published).toEqual([])
    feed.commit(2)
    poller.wake()
    await settle()
    expect(ids()).toEqual([4, 5])
    expect(published[0]).toEqual({ id: 4, type: 'message.deleted', audience: ['user:1', 'user:2'], data: { id: 104, sender: 1, receiver: 2, room: null, by: 'sender' } })
    expect(poller.position).toBe(5)
    poller.wake()
    await settle()
    expect(ids()).toEqual([4, 5])
    poller.stop()
  })

  it('reads a burst batch after batch until a short batch, in one poll', async () => {
    const { feed, poller, ids } = setup({ batchSize: 2 })
    poller.start()
    await settle()
    feed.commit(4)
    const before = { reads: feed.reads, polls: poller.polls }
    poller.wake()
    await settle()
    expect(ids()).toEqual([1, 2, 3, 4])
    // Two full batches, then the empty read that shows the burst is over.
    expect([feed.reads - before.reads, poller.polls - before.polls]).toEqual([3, 3])
    feed.commit(3)
    const reads = feed.reads
    poller.wake()
    await settle()
    expect(ids()).toEqual([1, 2, 3, 4, 5, 6, 7])
    // A short batch is the end: no read to find nothing more.
    expect(feed.reads).toBe(reads + 2)
    expect(poller.position).toBe(7)
    poller.stop()
  })

  it('polls again at once when woken during a poll, so a commit made meanwhile is not left for the interval', async () => {
    const { feed, poller, ids } = setup()
    poller.start()
    await settle()
    const release = feed.holdReads()
    poller.wake()
    await settle()
    // Polling, not waiting: tests (stream-wake.int) read "polled and has a timer" as idle.
    expect(poller.hasTimer).toBe(false)
    // The read in flight has already looked: this commit is for the next one.
    feed.commit()
    poller.wake()
    release()
    await settle()
    expect(ids()).toEqual([1])
    poller.stop()
  })

  it('falls back to the interval for writes it is not woken for', async () => {
    const { feed, poller, ids } = setup({ intervalMs: 1000 })
    poller.start()
    await settle()
    expect(poller.hasTimer).toBe(true)
    feed.commit()
    await vi.advanceTimersByTimeAsync(999)
    expect(ids()).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    await settle()
    expect(ids()).toEqual([1])
    feed.commit()
    await vi.advanceTimersByTimeAsync(1000)
    await settle()
    expect(ids()).toEqual([1, 2])
    // A wake-up replaces the pending interval rather than adding a second, overlapping poll.
    poller.wake()
    await settle()
    const reads = feed.reads
    await vi.advanceTimersByTimeAsync(1000)
    await settle()
    expect(feed.reads).toBe(reads + 1)
    poller.stop()
  })

  it('stops: no timer, no reads, no wake-ups, and a read in flight publishes nothing', async () => {
    const { feed, poller, ids } = setup({ intervalMs: 1000 })
    poller.start()
    await settle()
    feed.commit()
    const release = feed.holdReads()
    poller.wake()
    await settle()
    poller.wake() // asks for another poll after this one
    poller.stop()
    expect([poller.isActive, poller.hasTimer]).toEqual([false, false])
    const readsAtStop = feed.reads
    release()
    await settle()
    expect([ids(), feed.reads]).toEqual([[], readsAtStop])
    const reads = feed.reads
    poller.wake()
    await vi.advanceTimersByTimeAsync(10_000)
    expect([feed.reads, ids(), poller.hasTimer]).toEqual([reads, [], false])
  })

  it('after a stop and a start, begins again from the latest change', async () => {
    const { feed, poller, ids } = setup()
    poller.start()
    await settle()
    poller.stop()
    feed.commit(2)
    poller.start()
    await settle()
    expect(poller.position).toBe(2)
    feed.commit()
    poller.wake()
    await settle()
    expect(ids()).toEqual([3])
    poller.stop()
  })

  it('reads nothing when woken while stopped or never started: no subscriber, no database load', async () => {
    const { feed, poller } = setup()
    poller.wake()
    await settle()
    poller.start()
    await settle()
    poller.stop()
    const reads = feed.reads
    poller.wake()
    await vi.advanceTimersByTimeAsync(HOUR)
    expect([feed.reads, reads, poller.hasTimer]).toEqual([reads, 1, false])
  })

  it('applies only the newest start\'s preparation: an older start finishing last does not overwrite it', async () => {
    const applied: string[] = []
    // Each start's read of the memberships finishes when the test says so.
    const reads: Array<{ cursor: number; finish: () => void }> = []
    const { feed, poller } = setup({
      onStart: (cursor) =>
        new Promise<() => void>((resolve) => reads.push({ cursor, finish: () => resolve(() => applied.push(`members at ${cursor}`)) })),
    })
    feed.commit(2)
    poller.start()
    await settle()
    poller.stop()
    feed.commit(3)
    poller.start()
    await settle()
    expect(reads.map((r) => r.cursor)).toEqual([2, 5])
    reads[1].finish()
    await settle()
    reads[0].finish()
    await settle()
    expect(applied).toEqual(['members at 5'])
    expect(poller.isActive).toBe(true)
    poller.stop()
  })

  it('a start overtaken by a stop does not activate, nor read the memberships for it', async () => {
    const prepared: number[] = []
    const { feed, poller } = setup({ onStart: async (cursor) => (prepared.push(cursor), () => undefined) })
    poller.start()
    poller.stop()
    await settle()
    expect([poller.isActive, poller.hasTimer, prepared, feed.reads]).toEqual([false, false, [], 0])
  })

  it('logs a failed poll and keeps polling at the interval; logs a failed start', async () => {
    const { feed, poller, ids } = setup({ intervalMs: 1000 })
    poller.start()
    await settle()
    feed.commit()
    feed.failNext('read')
    poller.wake()
    await settle()
    expect([feed.errors, ids()]).toEqual([[{ message: 'change feed poll failed', err: new Error('database is locked') }], []])
    await vi.advanceTimersByTimeAsync(1000)
    await settle()
    expect(ids()).toEqual([1])
    poller.stop()

    feed.failNext('latest')
    poller.start()
    await settle()
    expect(feed.errors.map((e) => [e.message, (e.err as Error).message])).toEqual([
      ['change feed poll failed', 'database is locked'],
      ['poller start failed', 'no sequence'],
    ])
    expect(poller.isActive).toBe(false)
  })

  it('prunes changes older than the retention on its first poll, then at most once an hour', async () => {
    const { poller, feed } = setup({ intervalMs: 10 * 60 * 1000, retentionDays: 2 })
    poller.start()
    await settle()
    const firstAt = Date.now()
    expect(feed.prunes).toEqual([{ retentionDays: 2, at: firstAt }])
    // Polls every 10 minutes: the one an hour after the first prunes again, none before.
    await vi.advanceTimersByTimeAsync(HOUR - 1)
    await settle()
    expect(feed.prunes).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await settle()
    expect(feed.prunes).toHaveLength(2)
    expect(feed.prunes[1]).toEqual({ retentionDays: 2, at: firstAt + HOUR })
    poller.stop()
  })

})

// The reads are gated one by one here (the original regression): the first generation's read
// returns while the second generation's is still open.
it('never runs two drains of one generation at once after a stop/start', async () => {
  vi.useRealTimers()
  let inFlight = 0
  let maxInFlight = 0
  const gates: Array<() => void> = []
  const feed = {
    latest: async () => 0,
    prune: async () => 0,
    read: async () => {
      inFlight += 1
      maxInFlight = Math.max(maxInFlight, inFlight)
      await new Promise<void>((resolve) => gates.push(resolve))
      inFlight -= 1
      return { events: [], through: null, full: false }
    },
  } as Partial<ChangeFeed> as ChangeFeed
  const poller = new ChangePoller({
    intervalMs: 60_000,
    batchSize: 200,
    retentionDays: 1,
    feed: () => feed,
    logError: (error) => console.error(error),
    publish: () => {},
  })
  const tick = () => new Promise((r) => setTimeout(r, 5))
  poller.start()
  await tick() // gen 1 run is waiting in readEvents
  poller.stop() // last subscriber left
  poller.start() // a new one arrived
  await tick() // gen 3 run is waiting in readEvents
  gates.shift()!() // the gen 1 read returns: its finally clears `polling`
  await tick()
  expect(inFlight).toBe(1) // only the gen 3 read is open now
  maxInFlight = inFlight
  poller.wake() // a write in this process
  await tick()
  poller.stop()
  for (const open of gates.splice(0)) open()
  expect(maxInFlight).toBe(1)
})
