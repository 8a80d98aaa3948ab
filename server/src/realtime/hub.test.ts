import { describe, expect, it } from 'vitest'

import type { ChangeEvent } from '../db/change-feed'
import { Hub, type Subscriber } from './hub'

function fakeSubscriber(userId: number) {
  const received: Array<{ id: number; bytes: Uint8Array }> = []
  const subscriber: Subscriber & { received: typeof received } = {
    userId,
    audienceKey: `user:${userId}`,
    received,
    deliver: (id, bytes) => received.push({ id, bytes }),
    sendHeartbeat: () => {},
    checkStall: () => {},
    end: () => {},
  }
  return subscriber
}

const event = (id: number, audience: string[]): ChangeEvent => ({
  id,
  type: 'message.created',
  audience,
  data: { id, sender: 1, receiver: 2 },
})

describe('Hub', () => {
  const lifecycle = () => {
    const calls: string[] = []
    return { calls, onFirstSubscriber: () => calls.push('first'), onLastSubscriber: () => calls.push('last') }
  }

  it('delivers an event only to its audience, encoding it once for all of them', () => {
    const hub = new Hub(lifecycle(), 60_000)
    const [a1, a2, b, c] = [fakeSubscriber(1), fakeSubscriber(1), fakeSubscriber(2), fakeSubscriber(3)]
    for (const s of [a1, a2, b, c]) hub.add(s)
    hub.publish(event(7, ['user:1', 'user:2']))
    expect([a1, a2, b].map((s) => s.received.map((r) => r.id))).toEqual([[7], [7], [7]])
    expect(c.received).toEqual([])
    expect(a1.received[0].bytes).toBe(b.received[0].bytes)
    expect(new TextDecoder().decode(a1.received[0].bytes)).toBe(
      'event: message.created\nid: 7\ndata: {"id":7,"sender":1,"receiver":2}\n\n',
    )
    for (const s of [a1, a2, b, c]) hub.remove(s)
  })

  it('delivers a note-to-self once', () => {
    const hub = new Hub(lifecycle(), 60_000)
    const a = fakeSubscriber(1)
    hub.add(a)
    hub.publish(event(1, ['user:1', 'user:1']))
    expect(a.received).toHaveLength(1)
    hub.remove(a)
  })

  it('counts streams per user and starts and stops with the first and last subscriber', () => {
    const life = lifecycle()
    const hub = new Hub(life, 60_000)
    const [a1, a2, b] = [fakeSubscriber(1), fakeSubscriber(1), fakeSubscriber(2)]
    hub.add(a1)
    hub.add(a2)
    hub.add(b)
    expect([hub.size, hub.streamsOf(1), hub.streamsOf(2), hub.hasHeartbeatTimer]).toEqual([3, 2, 1, true])
    hub.remove(a1)
    hub.remove(a1)
    hub.remove(a2)
    hub.remove(b)
    expect([hub.size, hub.streamsOf(1), hub.hasHeartbeatTimer]).toEqual([0, 0, false])
    expect(life.calls).toEqual(['first', 'last'])
  })
})
