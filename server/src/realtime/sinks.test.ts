// Both transports' sinks: the web stream read by hand; Node's response as an event emitter with
// the few fields the sink reads (a real socket's drain is exercised by the stream integration tests).
import { EventEmitter } from 'node:events'
import type { ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'

import { NodeResponseSink, WebStreamSink } from './sinks'

const bytes = (n: number) => new Uint8Array(n)
const flush = () => new Promise((resolve) => setImmediate(resolve))

describe('WebStreamSink', () => {
  it('counts queued bytes against its bound and waits for room until the reader takes them', async () => {
    const sink = new WebStreamSink(10)
    const reader = sink.stream.getReader()
    await flush()
    expect(sink.queuedBytes).toBe(0)
    let roomCame = false
    await sink.waitForRoom()
    sink.write(bytes(4))
    expect(sink.queuedBytes).toBe(4)
    await sink.waitForRoom()
    sink.write(bytes(6))
    expect(sink.queuedBytes).toBe(10)
    const room = sink.waitForRoom().then(() => (roomCame = true))
    await flush()
    expect(roomCame).toBe(false)
    expect((await reader.read()).value).toHaveLength(4)
    await room
    expect([roomCame, sink.queuedBytes]).toEqual([true, 6])
  })

  it('ends gracefully: the reader gets what was queued, then the end; close callbacks run once', async () => {
    const sink = new WebStreamSink(10)
    const closes: string[] = []
    sink.onClose(() => closes.push('a'))
    sink.onClose(() => closes.push('b'))
    sink.write(bytes(3))
    sink.end()
    expect(closes).toEqual(['a', 'b'])
    const reader = sink.stream.getReader()
    expect((await reader.read()).value).toHaveLength(3)
    expect((await reader.read()).done).toBe(true)
    sink.end()
    sink.abort()
    expect(closes).toEqual(['a', 'b'])
  })

  it('aborts: the queue is discarded, the reader sees an error, and a writer waiting for room is let go', async () => {
    const sink = new WebStreamSink(4)
    const reader = sink.stream.getReader()
    sink.write(bytes(4))
    const room = sink.waitForRoom()
    let closed = 0
    sink.onClose(() => (closed += 1))
    sink.abort()
    await room
    expect(closed).toBe(1)
    await expect(reader.read()).rejects.toThrow('stream aborted')
  })

  it('runs the close callbacks when the reader cancels', async () => {
    const sink = new WebStreamSink(10)
    let closed = 0
    sink.onClose(() => (closed += 1))
    await sink.stream.cancel()
    expect(closed).toBe(1)
  })
})

function fakeResponse() {
  const res = Object.assign(new EventEmitter(), {
    destroyed: false,
    closed: false,
    writableLength: 0,
    writableNeedDrain: false,
    written: [] as Uint8Array[],
    ended: false,
    write(chunk: Uint8Array) {
      res.written.push(chunk)
      return true
    },
    end() {
      res.ended = true
    },
    destroy() {
      res.destroyed = true
      res.closed = true
      res.emit('close')
    },
  })
  return res
}

describe('NodeResponseSink', () => {
  const sinkOf = (res: ReturnType<typeof fakeResponse>) => new NodeResponseSink(res as unknown as ServerResponse)

  it('writes until the response is destroyed, and reports what Node has not flushed yet', () => {
    const res = fakeResponse()
    const sink = sinkOf(res)
    sink.write(bytes(2))
    res.writableLength = 2
    expect([res.written.length, sink.queuedBytes]).toEqual([1, 2])
    sink.abort()
    sink.write(bytes(2))
    expect([res.written.length, res.destroyed]).toEqual([1, true])
  })

  it('waits for room only while Node asks for a drain, until the drain or the close, then stops listening', async () => {
    const res = fakeResponse()
    const sink = sinkOf(res)
    await sink.waitForRoom()
    res.writableNeedDrain = true
    let roomCame = false
    const room = sink.waitForRoom().then(() => (roomCame = true))
    await flush()
    expect([roomCame, res.listenerCount('drain'), res.listenerCount('close')]).toEqual([false, 1, 1])
    res.emit('drain')
    await room
    expect([res.listenerCount('drain'), res.listenerCount('close')]).toEqual([0, 0])
    const untilClose = sink.waitForRoom()
    res.emit('close')
    await untilClose
    expect([res.listenerCount('drain'), res.listenerCount('close')]).toEqual([0, 0])
    res.destroyed = true
    await sink.waitForRoom()
  })

  it('ends gracefully, and calls back on close, also for a response closed before the stream opened', async () => {
    const res = fakeResponse()
    const sink = sinkOf(res)
    const closes: string[] = []
    sink.onClose(() => closes.push('open'))
    sink.end()
    expect(res.ended).toBe(true)
    res.emit('close')
    res.emit('close')
    expect(closes).toEqual(['open'])
    res.closed = true
    sink.onClose(() => closes.push('already closed'))
    expect(closes).toEqual(['open'])
    await Promise.resolve()
    expect(closes).toEqual(['open', 'already closed'])
  })
})
