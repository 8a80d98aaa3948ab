// The catch-up unit over a real subscriber and web sink, with an in-memory feed: the start
// decision, replay in batches, events held meanwhile and drained in feed order, falling behind.
import { describe, expect, it } from 'vitest'

import type { ChangeEvent } from '../db/change-feed'
import { env } from '../env'
import { WebStreamSink } from './sinks'
import { encodeEvent, encodeReady, encodeReset } from './sse-wire'
import { StreamSubscriber } from './stream-subscriber'

const decoder = new TextDecoder()
const text = (bytes: Uint8Array) => decoder.decode(bytes)

const event = (id: number): ChangeEvent => ({
  id,
  type: 'message.created',
  audience: ['user:1'],
  data: { id, body: `m${id}` } as unknown as Extract<ChangeEvent, { type: 'message.created' }>['data'],
})

// A feed of events 1..latest (some ids may be missing: changes with no event left).
function memoryFeed(ids: number[], options: { oldestResumable?: number; backlog?: number } = {}) {
  const reads: Array<{ after: number; limit: number; userId?: number | string }> = []
  const counts: Array<{ after: number; atMost: number }> = []
  const feed = {
    ids,
    reads,
    counts,
    // Runs during each read, before it answers: what commits while the replay is in flight.
    duringRead: (_after: number) => {},
    latest: async () => (feed.ids.length ? Math.max(...feed.ids) : 0),
    oldestResumable: async () => options.oldestResumable ?? 0,
    count: async ({ after, atMost }: { after: number; userId: number | string; atMost: number }) => {
      counts.push({ after, atMost })
      return options.backlog ?? feed.ids.filter((id) => id > after).length
    },
    read: async (query: { after: number; limit: number; userId?: number | string }) => {
      reads.push(query)
      feed.duringRead(query.after)
      const rows = feed.ids.filter((id) => id > query.after).slice(0, query.limit)
      return { events: rows.map(event), through: rows.length ? rows[rows.length - 1] : null, full: rows.length === query.limit }
    },
  }
  return feed
}

function open(feed: ReturnType<typeof memoryFeed>, maxBufferedBytes = 1 << 20) {
  const sink = new WebStreamSink(maxBufferedBytes)
  const errors: Array<{ error: unknown; message: string }> = []
  const stats = { fellBehind: 0 }
  const subscriber = new StreamSubscriber({
    userId: 1,
    audienceKey: 'user:1',
    sink,
    maxBufferedBytes,
    stallTimeoutMs: 60_000,
    onEnd: () => {},
    catchUp: { feed, stats, logError: (error, message) => errors.push({ error, message }) },
  })
  return { subscriber, sink, errors, stats }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

async function readAll(subscriber: StreamSubscriber, sink: WebStreamSink) {
  subscriber.end()
  return new Response(sink.stream).text()
}

const ready = (id: number | undefined, latest: number) => text(encodeReady({ retryMs: env.stream.retryMs, id, latest, user: 1 }))
const frames = (...ids: number[]) => ids.map((id) => text(encodeEvent(event(id)))).join('')
const poller = { ready: Promise.resolve() }

describe('CatchUp', () => {
  it('starts live at the latest change without a cursor, and passes later events straight on', async () => {
    const feed = memoryFeed([1, 2, 3])
    const { subscriber, sink } = open(feed)
    expect(subscriber.isLive).toBe(false)
    subscriber.catchUp.start({ feed, poller } as never, null)
    await settle()
    expect(subscriber.isLive).toBe(true)
    subscriber.deliver(4, encodeEvent(event(4)))
    // Nothing to replay: neither a backlog count nor a read.
    expect([feed.counts, feed.reads]).toEqual([[], []])
    expect(await readAll(subscriber, sink)).toBe(ready(3, 3) + frames(4))
  })

  it('replays from the cursor in batches, holds what arrives meanwhile and drains it once, in feed order', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => i + 1)
    const feed = memoryFeed([...ids])
    const { subscriber, sink } = open(feed)
    feed.duringRead = (after) => {
      if (after !== 210) return
      // Committed during the replay: 451-452 arrive live; 300 arrives live too, already in the feed.
      feed.ids.push(451, 452)
      subscriber.deliver(300, encodeEvent(event(300)))
      subscriber.deliver(451, encodeEvent(event(451)))
      subscriber.deliver(452, encodeEvent(event(452)))
      expect(subscriber.isLive).toBe(false)
    }
    subscriber.catchUp.start({ feed, poller } as never, 10)
    await settle()
    await settle()
    expect(subscriber.isLive).toBe(true)
    expect(feed.counts).toEqual([{ after: 10, atMost: env.stream.replayLimit + 1 }])
    expect(feed.reads.map(({ after, limit, userId }) => [after, limit, userId])).toEqual([
      [10, 200, 1],
      [210, 200, 1],
      [410, 200, 1],
    ])
    const replayed = ids.slice(10)
    expect(await readAll(subscriber, sink)).toBe(ready(10, 450) + frames(...replayed, 451, 452))
  })

  it('moves past changes that have no event left, and stops at a read that finds nothing', async () => {
    const feed = memoryFeed([2, 5])
    const { subscriber, sink } = open(feed)
    const read = feed.read
    feed.read = async (query) => {
      const batch = await read(query)
      // The change after 2 is gone: the read reaches id 4 with no event for it.
      if (query.after === 1) return { ...batch, events: batch.events.slice(0, 1), through: 4 }
      return batch
    }
    subscriber.catchUp.start({ feed, poller } as never, 1)
    await settle()
    expect(feed.reads.map((r) => r.after)).toEqual([1, 4])
    expect(await readAll(subscriber, sink)).toBe(ready(1, 5) + frames(2, 5))
  })

  it('sends reset instead of replay for a cursor ahead of the feed, an expired one, or too large a backlog', async () => {
    for (const [cursor, options, reason] of [
      [9, {}, 'ahead'],
      // A backlog over the limit as well: the reason stays 'expired'.
      [1, { oldestResumable: 2, backlog: env.stream.replayLimit + 1 }, 'expired'],
      [1, { backlog: env.stream.replayLimit + 1 }, 'backlog'],
    ] as const) {
      const feed = memoryFeed([1, 2, 3], options)
      const { subscriber, sink } = open(feed)
      subscriber.catchUp.start({ feed, poller } as never, cursor)
      await settle()
      // The backlog is counted for a replay only: an ahead or expired cursor keeps its reason.
      expect(feed.counts).toEqual(reason === 'backlog' ? [{ after: 1, atMost: env.stream.replayLimit + 1 }] : [])
      expect(feed.reads).toEqual([])
      expect(await readAll(subscriber, sink)).toBe(ready(undefined, 3) + text(encodeReset({ latest: 3, reason })))
    }
  })

  it('replays a backlog of exactly the limit', async () => {
    const feed = memoryFeed([1, 2, 3], { backlog: env.stream.replayLimit })
    const { subscriber, sink } = open(feed)
    subscriber.catchUp.start({ feed, poller } as never, 1)
    await settle()
    expect(await readAll(subscriber, sink)).toBe(ready(1, 3) + frames(2, 3))
  })

  it('never sends what was published after the replay target from the feed: it comes live', async () => {
    const feed = memoryFeed([1, 2, 3])
    const { subscriber, sink } = open(feed)
    const { latest } = feed
    feed.latest = async () => {
      const at = await latest()
      feed.ids.push(4)
      return at
    }
    subscriber.catchUp.start({ feed, poller } as never, 1)
    await settle()
    expect(await readAll(subscriber, sink)).toBe(ready(1, 3) + frames(2, 3))
  })

  it('falls behind past its bound, waits for the client to read, then catches up from the feed and goes live', async () => {
    const feed = memoryFeed([1, 2, 3, 4])
    const size = encodeEvent(event(1)).byteLength
    const { subscriber, sink, stats } = open(feed, size + 1)
    subscriber.catchUp.goLive()
    subscriber.deliver(1, encodeEvent(event(1)))
    expect(stats.fellBehind).toBe(0)
    subscriber.deliver(2, encodeEvent(event(2)))
    expect(stats.fellBehind).toBe(1)
    expect(subscriber.isLive).toBe(false)
    // Not read from the feed while the client has not taken anything.
    subscriber.deliver(3, encodeEvent(event(3)))
    await settle()
    expect(feed.reads).toEqual([])
    const reader = sink.stream.getReader()
    const received: string[] = []
    while (received.join('') !== frames(1, 2, 3, 4)) {
      const { value } = await reader.read()
      received.push(text(value!))
    }
    await settle()
    expect(subscriber.isLive).toBe(true)
    expect(feed.reads.map((r) => r.after)).toEqual([2])
    subscriber.deliver(5, encodeEvent(event(5)))
    expect(text((await reader.read()).value!)).toBe(frames(5))
  })

  it('paces a replay by its client: past its bound it writes no more until the client reads', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => i + 1)
    const feed = memoryFeed(ids)
    const size = encodeEvent(event(1)).byteLength
    const bound = 2 * size + 1
    const { subscriber, sink } = open(feed, bound)
    subscriber.catchUp.start({ feed, poller } as never, 0)
    for (let i = 0; i < 5; i++) await settle()
    // One read brought all ten, yet only what passes the bound by at most one event is queued.
    expect(feed.reads).toHaveLength(1)
    expect(subscriber.position).toBeLessThan(10)
    expect(sink.queuedBytes).toBeLessThanOrEqual(bound + size)
    const reader = sink.stream.getReader()
    let received = ''
    while (received !== ready(0, 10) + frames(...ids)) {
      const { value, done } = await reader.read()
      if (done) throw new Error(`stream ended after ${received}`)
      received += text(value)
    }
    await settle()
    expect(subscriber.isLive).toBe(true)
  })

  it('after falling behind takes no live event until its client reads, even with nothing newer in the feed', async () => {
    const feed = memoryFeed([1, 2])
    const size = encodeEvent(event(1)).byteLength
    const { subscriber, sink, stats } = open(feed, size + 1)
    subscriber.catchUp.goLive()
    subscriber.deliver(1, encodeEvent(event(1)))
    subscriber.deliver(2, encodeEvent(event(2)))
    for (let i = 0; i < 5; i++) await settle()
    expect([subscriber.isLive, stats.fellBehind]).toEqual([false, 1])
    feed.ids.push(3)
    subscriber.deliver(3, encodeEvent(event(3)))
    const reader = sink.stream.getReader()
    let received = ''
    while (received !== frames(1, 2, 3)) received += text((await reader.read()).value!)
    await settle()
    // Event 3 came from the feed once the client read; the stream fell behind once.
    expect([subscriber.isLive, stats.fellBehind, feed.reads.map((r) => r.after)]).toEqual([true, 1, [2]])
  })

  it('reads nothing more from the feed for a stream that ends while it waits for its client', async () => {
    const feed = memoryFeed([1, 2, 3])
    const { latest } = feed
    let latestReads = 0
    feed.latest = async () => (latestReads++, latest())
    const { subscriber } = open(feed, encodeEvent(event(1)).byteLength + 1)
    subscriber.catchUp.goLive()
    subscriber.deliver(1, encodeEvent(event(1)))
    subscriber.deliver(2, encodeEvent(event(2)))
    await settle()
    subscriber.drop()
    for (let i = 0; i < 5; i++) await settle()
    expect([subscriber.isEnded, latestReads, feed.reads]).toEqual([true, 0, []])
  })

  it('catches up again when what arrived during a round was more than the bound', async () => {
    const feed = memoryFeed([1, 2, 3])
    const { subscriber, sink } = open(feed, 100)
    // A client that keeps reading.
    const all = new Response(sink.stream).text()
    const big = (id: number) => encodeEvent({ ...event(id), data: { id, body: 'x'.repeat(120) } as never })
    feed.duringRead = (after) => {
      if (after !== 1) return
      feed.ids.push(4, 5)
      subscriber.deliver(4, encodeEvent(event(4)))
      subscriber.deliver(5, big(5))
    }
    subscriber.catchUp.start({ feed, poller } as never, 1)
    for (let i = 0; i < 5; i++) await settle()
    expect(feed.reads.map((r) => r.after)).toEqual([1, 3])
    expect(subscriber.isLive).toBe(true)
    subscriber.end()
    expect(await all).toBe(ready(1, 3) + frames(2, 3, 4, 5))
  })

  it('logs a failed read and drops the stream, which resumes by cursor', async () => {
    const feed = memoryFeed([1, 2])
    const failure = new Error('database is locked')
    feed.read = async () => {
      throw failure
    }
    const { subscriber, errors } = open(feed)
    subscriber.catchUp.start({ feed, poller } as never, 1)
    await settle()
    expect(errors).toEqual([{ error: failure, message: 'stream replay failed' }])
    expect(subscriber.isEnded).toBe(true)
  })

  it('stops replaying once the stream ended', async () => {
    const feed = memoryFeed(Array.from({ length: 450 }, (_, i) => i + 1))
    const { subscriber } = open(feed)
    feed.duringRead = () => subscriber.end()
    subscriber.catchUp.start({ feed, poller } as never, 0)
    await settle()
    expect(feed.reads).toHaveLength(1)
    expect(subscriber.isLive).toBe(false)
  })
})
