import { afterEach, describe, expect, it, vi } from 'vitest'

import { WebStreamSink } from './sinks'
import { StreamSubscriber } from './stream-subscriber'

const bytes = (text: string) => new TextEncoder().encode(text)

const sinks = new WeakMap<StreamSubscriber, WebStreamSink>()

// What the hub does to every stream at each heartbeat interval.
function heartbeat(subscriber: StreamSubscriber, ping: Uint8Array, now = Date.now()) {
  subscriber.checkStall(now)
  subscriber.sendHeartbeat(ping)
}

async function readAll(subscriber: StreamSubscriber): Promise<string> {
  subscriber.end()
  return new Response(sinks.get(subscriber)!.stream).text()
}

function make(maxBufferedBytes = 1024, stallTimeoutMs = 1000) {
  const ended: StreamSubscriber[] = []
  // Catch-up rounds are driven by hand below: a feed that has nothing to replay.
  const stats = { fellBehind: 0 }
  const feed = { latest: async () => 0, read: async () => ({ events: [], through: null, full: false }) }
  const sink = new WebStreamSink(maxBufferedBytes)
  const subscriber = new StreamSubscriber({
    userId: 1,
    audienceKey: 'user:1',
    sink,
    maxBufferedBytes,
    stallTimeoutMs,
    onEnd: (s) => ended.push(s),
    catchUp: { feed, stats, logError: () => {} },
  })
  sinks.set(subscriber, sink)
  return { subscriber, sink, ended, stats }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('StreamSubscriber', () => {
  it('holds live events during replay and skips those the replay already sent', async () => {
    const { subscriber } = make()
    subscriber.sendAt(10, bytes('ready;'))
    subscriber.deliver(12, bytes('live12;'))
    subscriber.deliver(13, bytes('live13;'))
    subscriber.sendAt(11, bytes('replay11;'))
    subscriber.sendAt(12, bytes('replay12;'))
    subscriber.catchUp.goLive()
    subscriber.deliver(13, bytes('dup13;'))
    subscriber.deliver(14, bytes('live14;'))
    expect(await readAll(subscriber)).toBe('ready;replay11;replay12;live13;live14;')
  })

  it('never writes a change id at or below one already sent', async () => {
    const { subscriber } = make()
    subscriber.catchUp.goLive()
    subscriber.deliver(5, bytes('5;'))
    subscriber.deliver(5, bytes('again;'))
    subscriber.deliver(4, bytes('older;'))
    expect(await readAll(subscriber)).toBe('5;')
  })

  it('falls behind instead of queueing past the bound, and takes no live events until caught up', async () => {
    const { subscriber, stats, ended } = make(100)
    subscriber.catchUp.goLive()
    subscriber.deliver(1, bytes('a'.repeat(60)))
    expect(stats.fellBehind).toBe(0)
    subscriber.deliver(2, bytes('b'.repeat(60)))
    expect(stats.fellBehind).toBe(1)
    expect(subscriber.isLive).toBe(false)
    subscriber.deliver(3, bytes('dropped, read from the feed instead'))
    heartbeat(subscriber, bytes(': ping'))
    expect(subscriber.position).toBe(2)
    // The owner's catch-up round: history from the feed, then live again.
    subscriber.catchUp.beginCatchUp()
    subscriber.sendAt(3, bytes('replay3;'))
    subscriber.deliver(4, bytes('live4;'))
    expect(subscriber.catchUp.goLive()).toBe(true)
    expect(ended).toEqual([])
    expect(await readAll(subscriber)).toBe(`${'a'.repeat(60)}${'b'.repeat(60)}replay3;live4;`)
  })

  it('bounds the events held while catching up: past the bound they are read from the feed again', () => {
    const { subscriber, ended } = make(100)
    for (let id = 1; id <= 3; id++) subscriber.deliver(id, bytes('y'.repeat(40)))
    expect(subscriber.catchUp.goLive()).toBe(false)
    expect(ended).toEqual([])
    subscriber.catchUp.beginCatchUp()
    subscriber.sendAt(3, bytes('replayed up to 3'))
    subscriber.deliver(4, bytes('live4'))
    expect(subscriber.catchUp.goLive()).toBe(true)
    expect(subscriber.position).toBe(4)
  })

  it('holds events of exactly its bound while catching up, and drains them all', async () => {
    const { subscriber } = make(100)
    subscriber.deliver(1, bytes('p'.repeat(40)))
    subscriber.deliver(2, bytes('q'.repeat(60)))
    expect(subscriber.catchUp.goLive()).toBe(true)
    expect(await readAll(subscriber)).toBe(`${'p'.repeat(40)}${'q'.repeat(60)}`)
  })

  it('drops a client that reads nothing for the stall timeout', async () => {
    vi.useFakeTimers()
    const { subscriber, ended } = make(100, 1000)
    subscriber.catchUp.goLive()
    subscriber.deliver(1, bytes('z'.repeat(150)))
    const waiting = subscriber.waitForRoom()
    await vi.advanceTimersByTimeAsync(999)
    expect(ended).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(ended).toEqual([subscriber])
    await waiting
    expect(vi.getTimerCount()).toBe(0)
  })

  it('drops, at a heartbeat, a client that has taken nothing for the stall timeout while under its bound', async () => {
    const { subscriber, sink, ended } = make(1000, 30_000)
    subscriber.catchUp.goLive()
    subscriber.deliver(1, bytes('x'.repeat(100)))
    const ping = bytes(': ping')
    heartbeat(subscriber, ping, 0)
    heartbeat(subscriber, ping, 15_000)
    expect(ended).toEqual([])
    // The client reads a little: the stall clock starts again.
    const reader = sink.stream.getReader()
    await reader.read()
    subscriber.deliver(2, bytes('y'.repeat(100)))
    heartbeat(subscriber, ping, 29_000)
    heartbeat(subscriber, ping, 45_000)
    expect(ended).toEqual([])
    heartbeat(subscriber, ping, 59_000)
    expect(ended).toEqual([subscriber])
  })

  it('writes the final frame of a graceful end even when bytes are queued', async () => {
    const { subscriber } = make(10)
    subscriber.catchUp.goLive()
    subscriber.deliver(1, bytes('queued;'))
    subscriber.end(bytes('retry: 1'))
    expect(await new Response(sinks.get(subscriber)!.stream).text()).toBe('queued;retry: 1')
  })

  it('keeps a client that reads, and leaves no timer behind', async () => {
    vi.useFakeTimers()
    const { subscriber, sink, ended } = make(100, 1000)
    subscriber.catchUp.goLive()
    subscriber.deliver(1, bytes('z'.repeat(150)))
    const waiting = subscriber.waitForRoom()
    await vi.advanceTimersByTimeAsync(500)
    await sink.stream.getReader().read()
    await waiting
    await vi.advanceTimersByTimeAsync(5000)
    expect(ended).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })
})
