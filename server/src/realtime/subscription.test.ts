// Opening a stream over the process-wide runtime with a stand-in Payload (its logger) and an
// in-memory change feed: who is refused with which answer (nothing created), and what an accepted
// stream is attached to and started from. The same refusals over HTTP: stream-connect.int and
// stream-limits.int.
import type { Payload } from 'payload'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { ChangeEvent, ChangeFeed, StreamMessage } from '../db/change-feed'
import { env } from '../env'
import { type Realtime, startRealtime } from './runtime'
import { WebStreamSink } from './sinks'
import { encodeEvent, encodeReady } from './sse-wire'
import { openSubscription } from './subscription'

const KEY = Symbol.for('payload-chat.realtime')
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

const event = (id: number): ChangeEvent => ({
  id,
  type: 'message.created',
  audience: ['user:7'],
  data: { id, body: `m${id}` } as unknown as StreamMessage,
})

// Changes 1..latest, every one of them user 7's.
function memoryFeed(latest: number) {
  const feed = {
    failRead: undefined as Error | undefined,
    latest: async () => latest,
    oldestResumable: async () => 0,
    count: async ({ after }: { after: number }) => Math.max(0, latest - after),
    read: async ({ after, limit, userId }: { after: number; limit: number; userId?: number | string }) => {
      // Only a stream's replay fails (it reads for its user); the poller reads for everyone.
      if (feed.failRead && userId !== undefined) throw feed.failRead
      const events = Array.from({ length: Math.max(0, latest - after) }, (_, i) => event(after + i + 1)).slice(0, limit)
      return { events, through: events.at(-1)?.id ?? null, full: events.length === limit }
    },
    prune: async () => 0,
    // No rooms here: the poller's audience index starts empty.
    membersAt: async () => [],
    liveSessions: async () => new Set<string>(),
  }
  return feed
}

function start(latest = 3) {
  const errors: Array<[unknown, string]> = []
  const payload = { logger: { error: (o: { err: unknown }, message: string) => errors.push([o.err, message]) } } as unknown as Payload
  const feed = memoryFeed(latest)
  const runtime = startRealtime(payload, feed as Partial<ChangeFeed> as ChangeFeed)
  const sinks: WebStreamSink[] = []
  const open = (user: Parameters<typeof openSubscription>[0], cursor: string | null = null) =>
    openSubscription(user, cursor, () => {
      const sink = new WebStreamSink(env.stream.maxBufferedBytes)
      sinks.push(sink)
      return sink
    })
  return { runtime, feed, errors, sinks, open }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
const limits = { ...env.stream }

beforeEach(() => {
  env.stream.maxStreams = 3
  env.stream.maxStreamsPerUser = 2
})

afterEach(() => {
  Object.assign(env.stream, limits)
  const runtime = (globalThis as Record<symbol, Realtime | undefined>)[KEY]
  runtime?.hub.endAll()
  runtime?.poller.stop()
  runtime?.sessionCheck.stop()
  delete (globalThis as Record<symbol, unknown>)[KEY]
})

describe('openSubscription', () => {
  it('refuses a request on behalf of nobody with 401, creating nothing', () => {
    const { runtime, sinks, open } = start()
    for (const user of [null, undefined]) {
      expect(open(user, '1')).toEqual({ ok: false, status: 401, message: 'You must be logged in to stream messages.' })
    }
    expect([runtime.hub.size, sinks.length]).toEqual([0, 0])
  })

  it('refuses a cursor that is not a change id with 400, creating nothing', () => {
    const { runtime, sinks, open } = start()
    for (const cursor of ['abc', '-1', '1.5']) {
      expect(open({ id: 7 }, cursor)).toEqual({
        ok: false,
        status: 400,
        message: 'Last-Event-ID / lastEventId must be a change id (a non-negative integer).',
      })
    }
    expect([runtime.hub.size, sinks.length]).toEqual([0, 0])
  })

  it('answers 429 at the per-user limit and 503 at the per-process limit, and takes streams again once one ends', () => {
    const { runtime, sinks, open } = start()
    const perUser = { ok: false, status: 429, message: 'At most 2 open streams per user.', retryAfterSeconds: 5 }
    const full = { ok: false, status: 503, message: 'This server cannot take more streams right now; retry shortly.', retryAfterSeconds: 5 }
    const first = open({ id: 7 })
    expect(open({ id: 7 }).ok).toBe(true)
    expect(open({ id: 7 })).toEqual(perUser)
    // Another user still gets one: the limit is per user.
    expect(open({ id: 8 }).ok).toBe(true)
    expect(open({ id: 9 })).toEqual(full)
    // A refusal creates no stream: three sinks for three streams.
    expect([runtime.hub.size, runtime.hub.streamsOf(7), sinks.length]).toEqual([3, 2, 3])
    if (!first.ok) throw new Error('the first stream was refused')
    first.subscriber.drop()
    expect(runtime.hub.streamsOf(7)).toBe(1)
    expect(open({ id: 7 }).ok).toBe(true)
    expect(open({ id: 9 })).toEqual(full)
  })

  it('answers 503 to every new stream once shutdown began, with room left', () => {
    const { runtime, sinks, open } = start()
    runtime.closed = true
    expect(open({ id: 7 })).toMatchObject({ ok: false, status: 503, retryAfterSeconds: 5 })
    expect([runtime.hub.size, sinks.length]).toEqual([0, 0])
  })

  it("attaches the stream to the hub under its user and login session, and replays from the client's cursor", async () => {
    const { runtime, sinks, open } = start(3)
    const opened = open({ id: 7, _sid: 'session-1' }, '1')
    if (!opened.ok) throw new Error(`refused: ${opened.message}`)
    const { subscriber } = opened
    expect([subscriber.userId, subscriber.sessionId, subscriber.audienceKey]).toEqual([7, 'session-1', 'user:7'])
    expect([runtime.hub.size, runtime.hub.streamsOf(7)]).toEqual([1, 1])
    await runtime.poller.ready
    await settle()
    expect(subscriber.isLive).toBe(true)
    // A live event reaches it through the hub.
    runtime.hub.publish(event(4))
    subscriber.end()
    // Ending it leaves the hub.
    expect(runtime.hub.size).toBe(0)
    const received = await new Response(sinks[0].stream).text()
    const frames = [2, 3, 4].map((id) => text(encodeEvent(event(id)))).join('')
    expect(received).toBe(text(encodeReady({ retryMs: env.stream.retryMs, id: 1, latest: 3, user: 7 })) + frames)
  })

  it("logs a failed replay through Payload's logger and drops the stream, which leaves the hub", async () => {
    const { runtime, feed, errors, open } = start(3)
    const failure = new Error('database is locked')
    feed.failRead = failure
    const opened = open({ id: 7 }, '0')
    if (!opened.ok) throw new Error(`refused: ${opened.message}`)
    await runtime.poller.ready
    await settle()
    expect(errors).toEqual([[failure, 'stream replay failed']])
    expect([opened.subscriber.isEnded, runtime.hub.size]).toEqual([true, 0])
  })

  it("tells presence of each stream opened and closed, under its user's login session", () => {
    const { runtime, open } = start()
    const changes: string[] = []
    runtime.presence.subscribe((change) => changes.push(`${change.user} ${change.status}`))
    const opened = open({ id: 7, _sid: 'session-1' })
    if (!opened.ok) throw new Error('refused')
    runtime.presence.setAway(7, 'session-1', true)
    expect(changes).toEqual(['7 online', '7 away'])
    // Closed: the session is forgotten with its away flag, so its next stream starts visible.
    opened.subscriber.end()
    expect(open({ id: 7, _sid: 'session-1' }).ok).toBe(true)
    expect(changes).toEqual(['7 online', '7 away', '7 online'])
  })
})
