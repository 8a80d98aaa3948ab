// Resuming a stream: the replay of exactly what a user missed, the reset of a cursor the feed no
// longer holds (pruned, or ahead of it), and the cases where a lost change would go unnoticed: a
// connection cut between `ready` and the end of its replay, and changes committed while a long
// replay is still being sent. Both are made to happen on purpose (a cut at a chosen frame, a
// reader that stops reading), not by luck.
import { describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  Object.assign(process.env, {
    // A small bound, so a replay to a client that does not read waits for it after 64 KB.
    SSE_MAX_BUFFERED_BYTES: String(64 * 1024),
    // The paused reader below must not be dropped as stalled while the test holds it.
    SSE_STALL_TIMEOUT_MS: '120000',
  })
})

import { changeFeedOf } from '../../src/db'
import { query, sql } from '../../src/db/sql'
import { realtime } from '../../src/realtime/runtime'
import { latestChangeId, readChanges } from '../helpers/feed'
import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { changeIds, parseData, type SseEvent } from '../helpers/sse-client'
import { writeFromAnotherProcess } from '../helpers/write-from-another-process'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const { stream, closeAll } = useStreams(() => server)

// Where a client stands now: a stream that says `ready` and is closed at once.
async function currentCursor(actor: Actor): Promise<string> {
  const s = await stream(actor.token)
  const [ready] = await s.ready()
  s.close()
  await vi.waitFor(() => expect(realtime(server.payload).hub.size).toBe(0))
  return ready.id!
}

// The changes to a user's DMs the feed holds after a cursor, as [id, event, message id] (a row whose
// message is gone by now included): the truth a stream is compared with.
async function feedAfter(cursor: string, userId: number): Promise<Array<[number, string, number]>> {
  const rows = await readChanges(server.payload, { after: Number(cursor), limit: 100_000, userId })
  return rows
    .filter((row) => ['created', 'updated', 'deleted'].includes(row.kind) && row.roomId === null)
    .map((row) => [row.id, `message.${row.kind}`, Number(row.messageId)])
}

const asFeed = (events: SseEvent[]): Array<[number, string, number]> =>
  events.filter((e) => e.event.startsWith('message.')).map((e) => [Number(e.id), e.event, parseData(e).id])

it('resumes from the id a client saw on `ready` when the connection drops right after it', async () => {
  const { alice, bob, carol } = cast
  const cursor = await currentCursor(bob)
  const missed = [
    await send(server.url, alice, bob, 'missed 1'),
    await send(server.url, carol, bob, 'missed 2'),
    await send(server.url, bob, alice, 'missed 3'),
  ]
  await send(server.url, alice, carol, 'not for bob')

  // The first resume is cut right after its `ready` frame: whatever the server sent after it is
  // lost with the connection, so the id the client keeps is the one `ready` carried.
  const cut = await stream(bob.token, { lastEventId: cursor })
  const seen = await cut.ready()
  cut.close()
  const ready = seen.find((e) => e.event === 'ready')!
  expect(ready.id).toBe(cursor)
  await vi.waitFor(() => expect(realtime(server.payload).hub.size).toBe(0))

  // The reconnect (what EventSource does) with that id gets every missed change, then goes live.
  const again = await stream(bob.token, { lastEventId: ready.id })
  const live = await send(server.url, alice, bob, 'live after the reconnect')
  await again.waitFor(() => again.changes().some((e) => parseData(e).id === live.id))
  expect(again.changes().map((e) => parseData(e).content)).toEqual([...missed.map((m) => m.content), live.content])
  expect(asFeed(again.events)).toEqual(await feedAfter(cursor, bob.id))
})

it('delivers every change committed while a long replay runs, once, in order, after the replay', async () => {
  const { admin, alice, bob, carol } = cast
  const runtime = realtime(server.payload)
  const toEdit = await send(server.url, alice, bob, 'will be edited mid-replay')
  const toDelete = await send(server.url, alice, bob, 'will be deleted mid-replay')
  const cursor = await currentCursor(bob)
  // 12 MB of history to replay: far more than the bound and the kernel's socket buffers.
  const HISTORY = 3000
  await writeFromAnotherProcess({ sender: carol.id, receiver: bob.id, count: HISTORY, prefix: `history ${'x'.repeat(3990)}`, oneTransaction: true })

  // A reader that reads nothing yet: the replay sends until the bound, then waits for it.
  const reader = await stream(bob.token, { lastEventId: cursor, paused: true })
  const subscriber = () => [...runtime.hub.subscribers()].find((s) => s.userId === bob.id) as unknown as { isLive: boolean; isOverBound: boolean }
  await vi.waitFor(() => expect(subscriber()?.isOverBound).toBe(true), { timeout: 20_000 })
  expect(subscriber().isLive).toBe(false)

  // Writers commit through REST now, while the replay waits: creates from three senders at once,
  // an edit and a delete of older messages.
  const writes = [admin, alice, carol].map(async (writer) => {
    for (let i = 0; i < 10; i++) await send(server.url, writer, bob, `mid-replay ${writer.id}-${i}`)
  })
  await Promise.all(writes)
  expect((await cast.client.patch(`/api/messages/${toEdit.id}`, { content: 'edited mid-replay' }, alice.token)).status).toBe(200)
  expect((await cast.client.del(`/api/messages/${toDelete.id}`, alice.token)).status).toBe(200)
  // The poller has handed all of them to the hub, and the replay is still not done.
  const last = await latestChangeId(server.payload)
  await vi.waitFor(() => expect(runtime.poller.position).toBeGreaterThanOrEqual(last))
  expect(subscriber().isLive).toBe(false)

  // Reading again: the replay finishes and the stream goes live; a last message marks the end.
  reader.resume()
  await vi.waitFor(() => expect(subscriber().isLive).toBe(true), { timeout: 60_000 })
  const sentinel = await send(server.url, alice, bob, 'after the replay')
  await reader.waitFor(() => reader.changes().some((e) => parseData(e).id === sentinel.id), 10_000)
  // One connection, one `ready`, no reset: exactly the feed, in change-id order, nothing twice.
  const expected = await feedAfter(cursor, bob.id)
  expect(expected.length).toBe(HISTORY + 32 + 1)
  expect(reader.events.filter((e) => !e.event.startsWith('message.')).map((e) => e.event)).toEqual(['ready'])
  expect(asFeed(reader.events)).toEqual(expected)
  const midReplay = reader.changes().map((e) => parseData(e).content as string).filter((c) => c?.startsWith('mid-replay'))
  expect(midReplay).toHaveLength(30)
  for (const writer of [admin, alice, carol]) {
    expect(midReplay.filter((c) => c.startsWith(`mid-replay ${writer.id}-`))).toEqual(Array.from({ length: 10 }, (_, i) => `mid-replay ${writer.id}-${i}`))
  }
}, 90_000)

describe('resuming', () => {
  it('replays exactly the missed changes the user may see, in order, then goes live', async () => {
    const first = await stream(cast.bob.token)
    await first.ready()
    await send(server.url, cast.alice, cast.bob, 'seen')
    await first.waitFor(() => first.changes().length === 1)
    const lastSeen = first.changes()[0].id!
    first.close()
    await closeAll()

    const missed1 = await send(server.url, cast.alice, cast.bob, 'missed 1')
    await send(server.url, cast.alice, cast.carol, 'not for bob')
    await cast.client.patch(`/api/messages/${missed1.id}`, { content: 'missed 1 (edited)' }, cast.alice.token)
    await send(server.url, cast.carol, cast.bob, 'missed 2')

    // Both ways of naming the cursor; the second pass also sees the first pass's live message.
    const expected: Array<[string, string]> = [
      ['message.created', 'missed 1 (edited)'],
      ['message.updated', 'missed 1 (edited)'],
      ['message.created', 'missed 2'],
    ]
    for (const options of [{ lastEventId: lastSeen }, { query: `?lastEventId=${lastSeen}` }]) {
      const resumed = await stream(cast.bob.token, options)
      await resumed.waitFor(() => resumed.changes().length >= expected.length)
      expect(resumed.changes().map((e) => [e.event, parseData(e).content])).toEqual(expected)
      expect(changeIds(resumed.events).every((id) => id > Number(lastSeen))).toBe(true)
      const live = await send(server.url, cast.alice, cast.bob, `live after replay ${expected.length}`)
      await resumed.waitFor(() => resumed.changes().some((e) => parseData(e).id === live.id))
      expected.push(['message.created', live.content])
      expect(resumed.changes().map((e) => [e.event, parseData(e).content])).toEqual(expected)
      expect(resumed.events.some((e) => e.event === 'reset')).toBe(false)
      await closeAll()
    }
  })

  it('tells a client whose cursor is older than retention to reset, then streams live', async () => {
    const before = await send(server.url, cast.alice, cast.bob, 'old')
    // Two changes back: PostgreSQL's prune keeps the latest change (its position never goes back),
    // so from one change back nothing would be missing there.
    const oldCursor = String((await latestChangeId(server.payload)) - 2)
    // A month old (SQLite stores seconds since the epoch, PostgreSQL a timestamptz).
    await query(server.payload, (d) =>
      d.dialect === 'postgres'
        ? sql`UPDATE message_changes SET changed_at = changed_at - interval '30 days'`
        : sql`UPDATE message_changes SET changed_at = changed_at - 30 * 86400`,
    )
    expect(await changeFeedOf(server.payload).prune(7)).toBeGreaterThan(0)

    const s = await stream(cast.bob.token, { lastEventId: oldCursor })
    await s.waitFor((events) => events.some((e) => e.event === 'reset'))
    const reset = s.events.find((e) => e.event === 'reset')!
    expect(parseData(reset).reason).toBe('expired')
    expect(s.changes()).toEqual([])
    const live = await send(server.url, cast.alice, cast.bob, 'after reset')
    await s.waitFor(() => s.changes().some((e) => parseData(e).id === live.id))
    expect(before.id).toBeLessThan(live.id)
    await closeAll()
  })

  it('tells a client whose cursor is ahead of the feed (restored database) to reset', async () => {
    const s = await stream(cast.bob.token, { lastEventId: '999999' })
    await s.waitFor((events) => events.some((e) => e.event === 'reset'))
    expect(parseData(s.events.find((e) => e.event === 'reset')!).reason).toBe('ahead')
    await closeAll()
  })
})
