import { afterEach, describe, expect, it, vi } from 'vitest'

import { type StreamSink, WebStreamSink } from './sinks'
import { StreamSubscriber } from './stream-subscriber'

const bytes = (text: string) => new TextEncoder().encode(text)
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

// A sink that records what the subscriber asks of it: for what must never reach a real one (a
// write after the end crashes a Node ServerResponse that has no 'error' listener).
function recordingSink({ failWrites = false } = {}) {
  const calls: string[] = []
  const sink: StreamSink = {
    queuedBytes: 0,
    write: (chunk) => {
      if (failWrites) throw new Error('socket gone')
      calls.push(`write ${new TextDecoder().decode(chunk)}`)
    },
    waitForRoom: () => Promise.resolve(),
    end: () => void calls.push('end'),
    abort: () => void calls.push('abort'),
    onClose: () => {},
  }
  return { sink, calls }
}

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

function make(maxBufferedBytes = 1024, stallTimeoutMs = 1000, sink: StreamSink = new WebStreamSink(maxBufferedBytes)) {
  const ended: StreamSubscriber[] = []
  // Catch-up rounds are driven by hand below: a feed that has nothing to replay.
  const stats = { fellBehind: 0 }
  const feed = { latest: async () => 0, read: async () => ({ events: [], through: null, full: false }) }
  const subscriber = new StreamSubscriber({
    userId: 1,
    audienceKey: 'user:1',
    sink,
    maxBufferedBytes,
    stallTimeoutMs,
    onEnd: (s) => ended.push(s),
    catchUp: { feed, stats, logError: () => {} },
  })
  if (sink instanceof WebStreamSink) sinks.set(subscriber, sink)
  return { subscriber, sink: sink as WebStreamSink, ended, stats }
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

  it('falls behind only past its bound, not at it', () => {
    const { subscriber, stats } = make(100)
    subscriber.catchUp.goLive()
    subscriber.deliver(1, bytes('e'.repeat(100)))
    expect([stats.fellBehind, subscriber.isLive]).toEqual([0, true])
    subscriber.deliver(2, bytes('f'))
    expect([stats.fellBehind, subscriber.isLive]).toEqual([1, false])
  })

  it('never moves its position back: a frame for an older id is written, later events older than the newest are not', async () => {
    const { subscriber } = make()
    subscriber.sendAt(5, bytes('ready5;'))
    subscriber.sendAt(3, bytes('control3;'))
    expect(subscriber.position).toBe(5)
    subscriber.catchUp.goLive()
    subscriber.deliver(4, bytes('live4;'))
    subscriber.deliver(6, bytes('live6;'))
    expect(await readAll(subscriber)).toBe('ready5;control3;live6;')
  })

  it('sends a heartbeat only while nothing waits to be sent', async () => {
    const { subscriber } = make()
    subscriber.catchUp.goLive()
    subscriber.sendHeartbeat(bytes(': ping;'))
    // Nobody reads: the ping itself is still queued, and so is the event; the next ping is skipped.
    subscriber.deliver(1, bytes('event1;'))
    subscriber.sendHeartbeat(bytes(': ping;'))
    expect(await readAll(subscriber)).toBe(': ping;event1;')
  })

  it('releases at once when its client goes away', async () => {
    const { subscriber, sink, ended } = make()
    await sink.stream.getReader().cancel()
    expect([subscriber.isEnded, ended]).toEqual([true, [subscriber]])
  })

  it('hands nothing more to its sink once ended: no frame, event, heartbeat, final frame or second close', () => {
    const { sink, calls } = recordingSink()
    const { subscriber, ended } = make(1024, 1000, sink)
    subscriber.catchUp.goLive()
    subscriber.deliver(1, bytes('one'))
    subscriber.end()
    subscriber.sendAt(2, bytes('replayed'))
    subscriber.deliver(3, bytes('three'))
    subscriber.sendHeartbeat(bytes(': ping'))
    subscriber.checkStall(Date.now() + 60_000)
    subscriber.end(bytes('retry: 1'))
    subscriber.drop()
    expect(calls).toEqual(['write one', 'end'])
    expect(ended).toEqual([subscriber])
  })

  it('returns at once from waiting for room once ended', async () => {
    const { subscriber } = make(100)
    subscriber.end()
    const outcome = await Promise.race([subscriber.waitForRoom().then(() => 'returned'), settle().then(() => 'still waiting')])
    expect(outcome).toBe('returned')
  })

  it('ends the stream when a write fails, instead of throwing into the hub', () => {
    const { sink } = recordingSink({ failWrites: true })
    const { subscriber, ended } = make(1024, 1000, sink)
    subscriber.catchUp.goLive()
    expect(() => subscriber.deliver(1, bytes('lost'))).not.toThrow()
    expect([subscriber.isEnded, ended]).toEqual([true, [subscriber]])
  })

  it('keeps a slow client that reads a little in every stall period while its queue stays full', async () => {
    vi.useFakeTimers()
    const { subscriber, sink, ended } = make(100, 1000)
    for (let id = 1; id <= 4; id++) subscriber.sendAt(id, bytes(String(id).repeat(60)))
    const waiting = subscriber.waitForRoom()
    const reader = sink.stream.getReader()
    for (let period = 0; period < 2; period++) {
      await vi.advanceTimersByTimeAsync(600)
      // One chunk taken: still over the bound, so no room yet, but the client is reading.
      await reader.read()
      await vi.advanceTimersByTimeAsync(600)
      expect(ended).toEqual([])
    }
    await reader.read()
    await waiting
    expect(ended).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('writes an ephemeral event only while live, without moving its change position', async () => {
    const { subscriber } = make(100)
    expect(subscriber.deliverEphemeral(bytes('early;'))).toBe(false)
    subscriber.sendAt(3, bytes('ready;'))
    subscriber.catchUp.goLive()
    expect(subscriber.deliverEphemeral(bytes('typing;'))).toBe(true)
    expect(subscriber.position).toBe(3)
    subscriber.deliver(4, bytes('live4;'))
    expect(await readAll(subscriber)).toBe('ready;typing;live4;')
  })

  it('drops an ephemeral event that would pass its buffer bound, and takes changes after it', async () => {
    const { subscriber, stats } = make(100)
    subscriber.catchUp.goLive()
    subscriber.deliver(1, bytes('a'.repeat(80)))
    expect(subscriber.deliverEphemeral(bytes('p'.repeat(30)))).toBe(false)
    expect(subscriber.deliverEphemeral(bytes('q'.repeat(20)))).toBe(true)
    expect(stats.fellBehind).toBe(0)
    expect(subscriber.isLive).toBe(true)
    expect(await readAll(subscriber)).toBe(`${'a'.repeat(80)}${'q'.repeat(20)}`)
  })

  it('keeps the latest presence per user while not live and writes it on going live; typing is not kept', async () => {
    const { subscriber } = make(1024)
    subscriber.deliverEphemeral(bytes('alice-online;'), 'presence:2')
    subscriber.sendAt(3, bytes('ready;'))
    subscriber.deliverEphemeral(bytes('typing;'))
    subscriber.deliverEphemeral(bytes('bob-online;'), 'presence:3')
    subscriber.deliverEphemeral(bytes('alice-away;'), 'presence:2')
    subscriber.deliver(4, bytes('live4;'))
    subscriber.catchUp.goLive()
    subscriber.deliverEphemeral(bytes('alice-online;'), 'presence:2')
    expect(await readAll(subscriber)).toBe('ready;live4;bob-online;alice-away;alice-online;')
  })

  it('writes no ephemeral event once ended, and does not count it as written', () => {
    const { sink, calls } = recordingSink()
    const { subscriber } = make(100, 1000, sink)
    subscriber.catchUp.goLive()
    subscriber.end()
    expect(subscriber.deliverEphemeral(bytes('typing;'))).toBe(false)
    expect(subscriber.deliverEphemeral(bytes('online;'), 'presence:2')).toBe(false)
    expect(calls).toEqual(['end'])
  })
})
