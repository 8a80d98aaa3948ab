import { describe, expect, it } from 'vitest'

import { WebStreamSink } from './sinks'
import { StreamSubscriber } from './stream-subscriber'

const bytes = (text: string) => new TextEncoder().encode(text)

const sinks = new WeakMap<StreamSubscriber, WebStreamSink>()

async function readAll(subscriber: StreamSubscriber): Promise<string> {
  subscriber.end()
  return new Response(sinks.get(subscriber)!.stream).text()
}

function make(maxBufferedBytes = 1024) {
  const ended: StreamSubscriber[] = []
  const sink = new WebStreamSink(maxBufferedBytes)
  const subscriber = new StreamSubscriber({ userId: 1, audienceKey: 'user:1', sink, maxBufferedBytes, onEnd: (s) => ended.push(s) })
  sinks.set(subscriber, sink)
  return { subscriber, ended }
}

describe('StreamSubscriber', () => {
  it('holds live events during replay and skips those the replay already sent', async () => {
    const { subscriber } = make()
    subscriber.sendAt(10, bytes('ready;'))
    subscriber.deliver(12, bytes('live12;'))
    subscriber.deliver(13, bytes('live13;'))
    subscriber.sendAt(11, bytes('replay11;'))
    subscriber.sendAt(12, bytes('replay12;'))
    subscriber.goLive()
    subscriber.deliver(13, bytes('dup13;'))
    subscriber.deliver(14, bytes('live14;'))
    expect(await readAll(subscriber)).toBe('ready;replay11;replay12;live13;live14;')
  })

  it('never writes a change id at or below one already sent', async () => {
    const { subscriber } = make()
    subscriber.goLive()
    subscriber.deliver(5, bytes('5;'))
    subscriber.deliver(5, bytes('again;'))
    subscriber.deliver(4, bytes('older;'))
    expect(await readAll(subscriber)).toBe('5;')
  })

  it('drops itself and releases its queue when the unsent bytes pass the bound', () => {
    const { subscriber, ended } = make(100)
    subscriber.goLive()
    subscriber.deliver(1, bytes('x'.repeat(60)))
    expect(subscriber.isEnded).toBe(false)
    subscriber.deliver(2, bytes('x'.repeat(60)))
    expect(subscriber.isEnded).toBe(true)
    expect(ended).toEqual([subscriber])
    subscriber.deliver(3, bytes('late'))
    expect(ended).toHaveLength(1)
  })

  it('bounds the events held during replay too', () => {
    const { subscriber } = make(100)
    for (let id = 1; id <= 3; id++) subscriber.deliver(id, bytes('y'.repeat(40)))
    expect(subscriber.isEnded).toBe(true)
  })
})
