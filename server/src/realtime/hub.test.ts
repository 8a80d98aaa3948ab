import { afterEach, describe, expect, it, vi } from 'vitest'

import { ADMIN_AUDIENCE, type ChangeEvent } from '../db/change-feed'
import { Hub, type Subscriber } from './hub'

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined)

// `onEnd` stands for what a real subscriber does when it ends: it removes itself from the hub.
// `stalled` stands for a client that stopped reading: the stall check at a heartbeat ends it.
function fakeSubscriber(userId: number, sessionId?: string, onEnd: (s: Subscriber) => void = () => {}, audienceKey = `user:${userId}`) {
  const received: Array<{ id: number; bytes: Uint8Array }> = []
  const raw: string[] = []
  const ended: Array<string | undefined> = []
  const checks: number[] = []
  const subscriber: Subscriber & { received: typeof received; raw: string[]; ended: typeof ended; checks: number[]; stalled: boolean } = {
    userId,
    sessionId,
    audienceKey,
    received,
    raw,
    ended,
    checks,
    stalled: false,
    deliver: (id, bytes) => received.push({ id, bytes }),
    sendHeartbeat: (bytes) => raw.push(text(bytes)!),
    checkStall: (now) => {
      checks.push(now)
      if (subscriber.stalled) subscriber.end()
    },
    end: (finalBytes) => {
      ended.push(text(finalBytes))
      onEnd(subscriber)
    },
  }
  return subscriber
}

const event = (id: number, audience: string[]): ChangeEvent => ({
  id,
  type: 'message.deleted',
  audience,
  data: { id, sender: 1, receiver: 2, room: null, by: 'sender' },
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
      'event: message.deleted\nid: 7\ndata: {"id":7,"sender":1,"receiver":2,"room":null,"by":"sender"}\n\n',
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

  it('counts a subscriber added twice once', () => {
    const life = lifecycle()
    const hub = new Hub(life, 60_000)
    const a = fakeSubscriber(1)
    hub.add(a)
    hub.add(a)
    expect([hub.size, hub.streamsOf(1)]).toEqual([1, 1])
    hub.publish(event(1, ['user:1']))
    expect(a.received).toHaveLength(1)
    hub.remove(a)
    expect([hub.size, hub.streamsOf(1), life.calls]).toEqual([0, 0, ['first', 'last']])
  })

  it('keeps delivering to the streams of a user who closed one of them', () => {
    const hub = new Hub(lifecycle(), 60_000)
    const [a1, a2] = [fakeSubscriber(1), fakeSubscriber(1)]
    hub.add(a1)
    hub.add(a2)
    hub.remove(a1)
    expect([hub.size, hub.streamsOf(1)]).toEqual([1, 1])
    hub.publish(event(4, ['user:1']))
    expect([a1.received.length, a2.received.map((r) => r.id)]).toEqual([0, [4]])
    expect([...hub.subscribers()]).toEqual([a2])
    hub.remove(a2)
  })

  describe('heartbeat', () => {
    afterEach(() => vi.useRealTimers())

    it('pings every stream each interval while anyone is subscribed, and stops after the last one', () => {
      vi.useFakeTimers()
      const hub = new Hub(lifecycle(), 1000)
      const [a, b] = [fakeSubscriber(1), fakeSubscriber(2)]
      hub.add(a)
      hub.add(b)
      vi.advanceTimersByTime(999)
      expect(a.raw).toEqual([])
      vi.advanceTimersByTime(1)
      expect([a.raw, b.raw]).toEqual([[': ping\n\n'], [': ping\n\n']])
      vi.advanceTimersByTime(1000)
      expect(a.raw).toHaveLength(2)
      hub.remove(a)
      hub.remove(b)
      expect(hub.hasHeartbeatTimer).toBe(false)
      vi.advanceTimersByTime(5000)
      expect([a.raw.length, b.raw.length]).toEqual([2, 2])
      expect(vi.getTimerCount()).toBe(0)
    })

    it('pings each of many streams once per interval, spread over it rather than all in one tick', () => {
      vi.useFakeTimers()
      const hub = new Hub(lifecycle(), 15_000)
      const subscribers = Array.from({ length: 150 }, (_, i) => fakeSubscriber(i))
      for (const s of subscribers) hub.add(s)
      vi.advanceTimersByTime(1_000)
      const firstTick = subscribers.filter((s) => s.raw.length > 0).length
      vi.advanceTimersByTime(14_000)
      expect(firstTick).toBe(10)
      expect(subscribers.map((s) => [s.raw.length, s.checks.length])).toEqual(subscribers.map(() => [1, 1]))
      for (const s of subscribers) hub.remove(s)
      expect(vi.getTimerCount()).toBe(0)
    })

    it('checks every stream for a stall before the ping, so a stalled one is ended and not pinged', () => {
      vi.useFakeTimers({ now: 5_000 })
      const hub = new Hub(lifecycle(), 1000)
      const leave = (s: Subscriber) => hub.remove(s)
      const [a, b] = [fakeSubscriber(1, undefined, leave), fakeSubscriber(2, undefined, leave)]
      hub.add(a)
      hub.add(b)
      a.stalled = true
      vi.advanceTimersByTime(1000)
      expect([a.checks, b.checks]).toEqual([[6_000], [6_000]])
      expect([a.ended, a.raw, b.ended, b.raw]).toEqual([[undefined], [], [], [': ping\n\n']])
      expect([hub.size, [...hub.subscribers()]]).toEqual([1, [b]])
      hub.remove(b)
    })
  })

  it('ends every stream with the final bytes, each removing itself as it ends', () => {
    const life = lifecycle()
    const hub = new Hub(life, 60_000)
    const leave = (s: Subscriber) => hub.remove(s)
    const subscribers = [fakeSubscriber(1, 'a', leave), fakeSubscriber(1, 'b', leave), fakeSubscriber(2, 'c', leave)]
    for (const s of subscribers) hub.add(s)
    hub.endAll(new TextEncoder().encode('retry: 1000\n\n'))
    expect(subscribers.map((s) => s.ended)).toEqual([['retry: 1000\n\n'], ['retry: 1000\n\n'], ['retry: 1000\n\n']])
    expect([hub.size, [...hub.subscribers()], life.calls]).toEqual([0, [], ['first', 'last']])
  })

  it("ends a user's streams of the sessions named (a logout), or all of them, and no one else's", () => {
    const hub = new Hub(lifecycle(), 60_000)
    const leave = (s: Subscriber) => hub.remove(s)
    const [a1, a2, a3, b] = [fakeSubscriber(1, 's1', leave), fakeSubscriber(1, 's2', leave), fakeSubscriber(1, undefined, leave), fakeSubscriber(2, 's1', leave)]
    for (const s of [a1, a2, a3, b]) hub.add(s)
    hub.endStreamsOf(1, ['s1'])
    expect([a1, a2, a3, b].map((s) => s.ended.length)).toEqual([1, 0, 0, 0])
    expect(hub.streamsOf(1)).toBe(2)
    hub.endStreamsOf(3)
    hub.endStreamsOf(1)
    expect([a1, a2, a3, b].map((s) => s.ended.length)).toEqual([1, 1, 1, 0])
    expect([hub.size, hub.streamsOf(1), hub.streamsOf(2)]).toEqual([1, 0, 1])
    hub.remove(b)
  })

  describe('the admin scope', () => {
    const event = (id: number, audience: string[]): ChangeEvent => ({
      id,
      type: 'room.member.left',
      audience,
      data: { room: { id: 1, name: 'r', topic: null, visibility: 'public' }, user: { id: 1, name: 'u' } },
    }) as ChangeEvent

    it('gets every change once, whoever its audience, including one only admins may see', () => {
      const hub = new Hub(lifecycle(), 60_000)
      const admin = fakeSubscriber(9, 's9', undefined, ADMIN_AUDIENCE)
      const member = fakeSubscriber(1)
      hub.add(admin)
      hub.add(member)
      hub.publish(event(1, ['user:1', 'user:2']))
      hub.publish(event(2, ['room:5']))
      hub.publish(event(3, [ADMIN_AUDIENCE]))
      expect(admin.received.map((r) => r.id)).toEqual([1, 2, 3])
      expect(member.received.map((r) => r.id)).toEqual([1])
      hub.remove(admin)
      hub.remove(member)
    })

    it("ends an admin's admin-scope streams with their member streams, and no other admin's", () => {
      const hub = new Hub(lifecycle(), 60_000)
      const leave = (s: Subscriber) => hub.remove(s)
      const [scoped, own, other] = [fakeSubscriber(9, 's1', leave, ADMIN_AUDIENCE), fakeSubscriber(9, 's1', leave), fakeSubscriber(8, 's1', leave, ADMIN_AUDIENCE)]
      for (const s of [scoped, own, other]) hub.add(s)
      hub.endStreamsOf(9, ['s1'])
      expect([scoped, own, other].map((s) => s.ended.length)).toEqual([1, 1, 0])
      expect([hub.size, hub.streamsOf(9)]).toEqual([1, 0])
      hub.remove(other)
    })
  })
})
