// The session check against a stand-in for the change feed's session query, with fake timers.
import { afterEach, describe, expect, it, vi } from 'vitest'

import { ADMIN_AUDIENCE, type ChangeFeed } from '../db/change-feed'
import type { Subscriber } from './hub'
import { SessionCheck, USERS_PER_QUERY } from './session-check'

function subscriber(userId: number, sessionId?: string, audienceKey = `user:${userId}`) {
  const s = {
    userId,
    sessionId,
    audienceKey,
    ended: 0,
    deliver: () => {},
    sendHeartbeat: () => {},
    checkStall: () => {},
    end: () => void (s.ended += 1),
  }
  return s satisfies Subscriber
}

function setup(open: Subscriber[], live: string[]) {
  const queries: Array<{ userIds: ReadonlyArray<string>; now: Date }> = []
  const errors: Array<[unknown, string]> = []
  let fail: Error | undefined
  let hold: Promise<void> | undefined
  const feed = {
    liveSessions: async (userIds: ReadonlyArray<string>, now: Date) => {
      queries.push({ userIds, now })
      if (hold) await hold
      if (fail) throw fail
      return new Set(live)
    },
  } as Partial<ChangeFeed> as ChangeFeed
  const check = new SessionCheck({ intervalMs: 1000, feed: () => feed, logError: (e, m) => errors.push([e, m]), subscribers: () => open })
  return {
    check,
    queries,
    errors,
    failWith: (error: Error) => (fail = error),
    holdQuery: () => {
      let open!: () => void
      hold = new Promise((resolve) => (open = resolve))
      return open
    },
  }
}

afterEach(() => vi.useRealTimers())

describe('SessionCheck', () => {
  it("ends the streams whose session is gone, in one query for all open streams' users", async () => {
    vi.useFakeTimers({ now: new Date('2026-11-29T12:00:00Z') })
    const [a1, a2, b, noSession] = [subscriber(1, 's1'), subscriber(1, 's2'), subscriber(2, 's3'), subscriber(3)]
    const { check, queries } = setup([a1, a2, b, noSession], ['s2'])
    expect(await check.run()).toBe(2)
    expect([a1.ended, a2.ended, b.ended, noSession.ended]).toEqual([1, 0, 1, 0])
    // Users once each; a stream without a session (not opened by a login) is not asked about.
    expect(queries).toEqual([{ userIds: ['1', '2'], now: new Date('2026-11-29T12:00:00Z') }])
  })

  it('checks thousands of users a slice at a time, yielding to the event loop between slices, and misses no one', async () => {
    // 600 users, two streams each; every third user's first session is gone.
    const open = Array.from({ length: 600 }, (_, user) => [subscriber(user, `a${user}`), subscriber(user, `b${user}`)]).flat()
    const live = open.filter((s) => !(s.userId % 3 === 0 && s.sessionId === `a${s.userId}`)).map((s) => s.sessionId!)
    const { check, queries } = setup(open, live)
    // Queued before the check starts: it runs once the check yields, after the first slice's query.
    let queriesWhenTheLoopRan = -1
    setImmediate(() => (queriesWhenTheLoopRan = queries.length))
    expect(await check.run()).toBe(200)
    expect(queriesWhenTheLoopRan).toBe(1)
    expect(queries.map((q) => q.userIds.length)).toEqual([USERS_PER_QUERY, USERS_PER_QUERY, 600 - 2 * USERS_PER_QUERY])
    expect(new Set(queries.flatMap((q) => q.userIds)).size).toBe(600)
    expect(open.filter((s) => s.ended).map((s) => s.sessionId)).toEqual(open.filter((s) => !live.includes(s.sessionId!)).map((s) => s.sessionId))
    expect(open.every((s) => s.ended === (live.includes(s.sessionId!) ? 0 : 1))).toBe(true)
  })

  it('logs a failed query and ends nothing', async () => {
    const a = subscriber(1, 's1')
    const { check, errors, failWith } = setup([a], [])
    const error = new Error('database is locked')
    failWith(error)
    expect(await check.run()).toBe(0)
    expect([a.ended, errors]).toEqual([0, [[error, 'stream session check failed']]])
  })

  it('runs one check at a time: a run while one is in flight does nothing', async () => {
    const a = subscriber(1, 's1')
    const { check, queries, holdQuery } = setup([a], [])
    const release = holdQuery()
    const first = check.run()
    expect(await check.run()).toBe(0)
    release()
    expect(await first).toBe(1)
    expect(queries).toHaveLength(1)
    // Once the first has finished, the next runs.
    await check.run()
    expect(queries).toHaveLength(2)
  })

  it('checks every interval between start and stop, with one timer however often started', async () => {
    vi.useFakeTimers()
    const a = subscriber(1, 's1')
    const { check, queries } = setup([a], ['s1'])
    expect(check.hasTimer).toBe(false)
    check.start()
    check.start()
    expect([check.hasTimer, vi.getTimerCount()]).toEqual([true, 1])
    await vi.advanceTimersByTimeAsync(999)
    expect(queries).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(queries).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(queries).toHaveLength(2)
    check.stop()
    expect([check.hasTimer, vi.getTimerCount()]).toEqual([false, 0])
    await vi.advanceTimersByTimeAsync(5000)
    expect([queries.length, a.ended]).toEqual([2, 0])
  })

  it("ends admin-scope streams of users no longer moderators, asking once for those streams' users only", async () => {
    const [watching, demoted, demotedOwn, gone] = [
      subscriber(1, 's1', ADMIN_AUDIENCE),
      subscriber(2, 's2', ADMIN_AUDIENCE),
      subscriber(2, 's2'),
      subscriber(3, 's3', ADMIN_AUDIENCE),
    ]
    const asked: Array<ReadonlyArray<string>> = []
    const feed = { liveSessions: async () => new Set(['s1', 's2']) } as Partial<ChangeFeed> as ChangeFeed
    const check = new SessionCheck({
      intervalMs: 1000,
      feed: () => feed,
      logError: () => {},
      subscribers: () => [watching, demoted, demotedOwn, gone],
      stillModerators: async (userIds) => (asked.push(userIds), new Set(['1'])),
    })
    expect(await check.run()).toBe(2)
    // The demoted admin keeps their member stream; the stream whose session is gone is not asked about.
    expect([watching.ended, demoted.ended, demotedOwn.ended, gone.ended]).toEqual([0, 1, 0, 1])
    expect(asked).toEqual([['1', '2']])
  })
})
