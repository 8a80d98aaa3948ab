// The process-wide runtime with a stand-in Payload (its logger) and change feed: who starts and
// stops the poller and the session check, and what the hooks' entry points do with and without it.
import type { Payload } from 'payload'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { ChangeEvent, ChangeFeed, RoomMember } from '../db/change-feed'
import { env } from '../env'
import type { Subscriber } from './hub'
import { closeRealtime, endUserStreams, type Realtime, realtime, startRealtime, wakeRealtime } from './runtime'

const KEY = Symbol.for('payload-chat.realtime')

function fakePayload() {
  const errors: Array<[unknown, string]> = []
  const payload = { logger: { error: (o: { err: unknown }, message: string) => errors.push([o.err, message]) } } as unknown as Payload
  return { payload, errors }
}

function fakeFeed(latest = 0, events: ChangeEvent[] = [], members: RoomMember[] = []) {
  const calls: string[] = []
  const feed = {
    latest: async () => (calls.push('latest'), latest),
    read: async ({ after }: { after: number }) => {
      calls.push('read')
      const next = events.filter((e) => e.id > after)
      return { events: next, through: next.at(-1)?.id ?? null, full: false }
    },
    prune: async () => (calls.push('prune'), 0),
    membersAt: async (cursor: number) => (calls.push(`membersAt ${cursor}`), members),
    liveSessions: async () => {
      calls.push('liveSessions')
      throw new Error('no sessions table')
    },
  } as Partial<ChangeFeed> as ChangeFeed
  return { feed, calls }
}

function subscriber(userId: number, sessionId?: string) {
  const s = {
    userId,
    sessionId,
    audienceKey: `user:${userId}`,
    ended: [] as Array<string | undefined>,
    delivered: [] as number[],
    deliver: (id: number) => void s.delivered.push(id),
    sendHeartbeat: () => {},
    checkStall: () => {},
    end: (bytes?: Uint8Array) => {
      s.ended.push(bytes && new TextDecoder().decode(bytes))
      realtime().hub.remove(s)
    },
  }
  return s satisfies Subscriber
}

afterEach(() => {
  const runtime = (globalThis as Record<symbol, Realtime | undefined>)[KEY]
  runtime?.poller.stop()
  runtime?.sessionCheck.stop()
  delete (globalThis as Record<symbol, unknown>)[KEY]
  vi.useRealTimers()
})

describe('realtime runtime', () => {
  it('does nothing from the hooks before onInit started it, and says so when asked for it', () => {
    expect(() => realtime()).toThrow(/has not started/)
    wakeRealtime()
    endUserStreams(1)
    closeRealtime()
    expect((globalThis as Record<symbol, unknown>)[KEY]).toBeUndefined()
  })

  it('runs the poller and the session check from the first subscriber to the last', async () => {
    const { payload } = fakePayload()
    const { feed } = fakeFeed(5)
    const runtime = startRealtime(payload, feed)
    expect(realtime()).toBe(runtime)
    expect([runtime.poller.isActive, runtime.sessionCheck.hasTimer, runtime.closed]).toEqual([false, false, false])
    const [a, b] = [subscriber(1), subscriber(2)]
    runtime.hub.add(a)
    await runtime.poller.ready
    expect([runtime.poller.isActive, runtime.poller.position, runtime.sessionCheck.hasTimer]).toEqual([true, 5, true])
    runtime.hub.add(b)
    runtime.hub.remove(a)
    expect([runtime.poller.isActive, runtime.sessionCheck.hasTimer]).toEqual([true, true])
    runtime.hub.remove(b)
    expect([runtime.poller.isActive, runtime.sessionCheck.hasTimer]).toEqual([false, false])
  })

  it("hands what the poller reads to the hub's subscribers", async () => {
    const event: ChangeEvent = { id: 3, type: 'message.deleted', audience: ['user:1'], data: { id: 8, sender: 1, receiver: 2, room: null, by: 'sender' } }
    const runtime = startRealtime(fakePayload().payload, fakeFeed(2, [event]).feed)
    const [a, b] = [subscriber(1), subscriber(2)]
    runtime.hub.add(a)
    runtime.hub.add(b)
    await runtime.poller.ready
    await vi.waitFor(() => expect(runtime.poller.position).toBe(3))
    expect([a.delivered, b.delivered]).toEqual([[3], []])
    runtime.hub.remove(a)
    runtime.hub.remove(b)
  })

  it('tells every listener of published changes after the hub, logging one that throws without stopping the others', async () => {
    const event: ChangeEvent = { id: 3, type: 'message.deleted', audience: ['user:1'], data: { id: 8, sender: 1, receiver: 2, room: null, by: 'sender' } }
    const { payload, errors } = fakePayload()
    const runtime = startRealtime(payload, fakeFeed(2, [event]).feed)
    const a = subscriber(1)
    const heard: Array<[string, number, number[]]> = []
    const failure = new Error('listener broke')
    runtime.published.add((e) => {
      heard.push(['first', e.id, [...a.delivered]])
      throw failure
    })
    runtime.published.add((e) => void heard.push(['second', e.id, [...a.delivered]]))
    runtime.hub.add(a)
    await runtime.poller.ready
    await vi.waitFor(() => expect(runtime.poller.position).toBe(3))
    expect(heard).toEqual([
      ['first', 3, [3]],
      ['second', 3, [3]],
    ])
    expect(errors).toEqual([[failure, 'a listener of published changes failed']])
    runtime.hub.remove(a)
    runtime.published.clear()
  })

  it("sends a room's events to the members at the poller's start, then to those who join", async () => {
    const roomEvent = (id: number): ChangeEvent => ({ id, type: 'message.deleted', audience: ['room:4'], data: { id: 10 + id, sender: 1, receiver: null, room: 4, by: 'sender' } })
    const joined: ChangeEvent = {
      id: 4,
      type: 'room.member.joined',
      audience: ['room:4', 'user:2'],
      data: { room: { id: 4, name: 'r4' }, user: { id: 2, name: 'u2' } },
    }
    const { feed, calls } = fakeFeed(2, [roomEvent(3), joined, roomEvent(5)], [{ roomId: 4, userId: 1 }])
    const runtime = startRealtime(fakePayload().payload, feed)
    const [a, b, c] = [subscriber(1), subscriber(2), subscriber(3)]
    for (const s of [a, b, c]) runtime.hub.add(s)
    await runtime.poller.ready
    await vi.waitFor(() => expect(runtime.poller.position).toBe(5))
    // The memberships are read at the poller's starting cursor, once.
    expect(calls.filter((call) => call.startsWith('membersAt'))).toEqual(['membersAt 2'])
    expect([a.delivered, b.delivered, c.delivered]).toEqual([[3, 4, 5], [4, 5], []])
    for (const s of [a, b, c]) runtime.hub.remove(s)
  })

  it('keeps one hub and poller across a reload, going on with the new Payload and feed', async () => {
    const first = fakePayload()
    const runtime = startRealtime(first.payload, fakeFeed().feed)
    const second = fakePayload()
    const { feed, calls } = fakeFeed(9)
    expect(startRealtime(second.payload, feed)).toBe(runtime)
    expect([runtime.payload, runtime.feed]).toEqual([second.payload, feed])
    const a = subscriber(1, 's1')
    runtime.hub.add(a)
    await runtime.poller.ready
    expect(runtime.poller.position).toBe(9)
    // The session check reads the new feed and logs its failure through the new Payload.
    await runtime.sessionCheck.run()
    expect(calls).toContain('liveSessions')
    expect([first.errors, second.errors]).toEqual([[], [[new Error('no sessions table'), 'stream session check failed']]])
    runtime.hub.remove(a)
  })

  it('wakes the poller after a local write, without waiting for the interval', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { payload } = fakePayload()
    const { feed } = fakeFeed()
    const runtime = startRealtime(payload, feed)
    const a = subscriber(1)
    runtime.hub.add(a)
    await runtime.poller.ready
    await vi.advanceTimersByTimeAsync(0)
    const polls = runtime.poller.polls
    expect([polls, runtime.poller.hasTimer]).toEqual([1, true])
    // The clock does not move: only the wake-up can bring the next poll.
    wakeRealtime()
    await vi.advanceTimersByTimeAsync(0)
    expect(runtime.poller.polls).toBe(polls + 1)
    runtime.hub.remove(a)
  })

  it("ends a user's streams of the sessions named, or all of them", () => {
    const runtime = startRealtime(fakePayload().payload, fakeFeed().feed)
    const [a1, a2, b] = [subscriber(1, 's1'), subscriber(1, 's2'), subscriber(2, 's1')]
    for (const s of [a1, a2, b]) runtime.hub.add(s)
    endUserStreams(1, ['s1'])
    expect([a1.ended.length, a2.ended.length, b.ended.length]).toEqual([1, 0, 0])
    endUserStreams(1)
    expect([a1.ended.length, a2.ended.length, b.ended.length]).toEqual([1, 1, 0])
    runtime.hub.remove(b)
  })

  it('at shutdown refuses new streams and ends every open one with the retry delay', () => {
    const runtime = startRealtime(fakePayload().payload, fakeFeed().feed)
    const [a, b] = [subscriber(1), subscriber(2)]
    runtime.hub.add(a)
    runtime.hub.add(b)
    closeRealtime()
    expect(runtime.closed).toBe(true)
    expect([a.ended, b.ended]).toEqual([[`retry: ${env.stream.retryMs}\n\n`], [`retry: ${env.stream.retryMs}\n\n`]])
    expect(runtime.hub.size).toBe(0)
  })
})
