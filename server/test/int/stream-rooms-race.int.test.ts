// The membership race (issue 13, Tests): a member removed while several writers post to the room
// receives every message committed before the removal and none committed after it, over many
// rounds. "Before" and "after" are the feed's own order: the change id of the `room.member.left`
// row. Writers are other processes (their commits reach this server through the poll only) and
// the removal is made at a random point in the middle of their writing. The same holds for a
// replay of the round from the stream's starting cursor.
import { describe, expect, it } from 'vitest'

import { query, sql } from '../../src/db/sql'
import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { prng } from '../helpers/prng'
import { createRoom, removeMember, roomChanges } from '../helpers/feed-rooms'
import { parseData, type SseConnection } from '../helpers/sse-client'
import { writeFromAnotherProcess } from '../helpers/write-from-another-process'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const { stream, closeAll } = useStreams(() => server)

const ROUNDS = 8
const WRITERS = 3
const PER_WRITER = 15

async function readyStream(actor: Actor, lastEventId?: string): Promise<{ s: SseConnection; cursor: number }> {
  const s = await stream(actor.token, lastEventId === undefined ? {} : { lastEventId })
  const [ready] = (await s.ready()).filter((e) => e.event === 'ready')
  return { s, cursor: Number(ready.id) }
}

// The change ids of a room's message.created events a stream received.
const createdIn = (s: SseConnection, room: number) =>
  s.events.filter((e) => e.event === 'message.created' && parseData(e).room?.id === room).map((e) => Number(e.id))

const committedIn = async (room: number) =>
  Number((await query(server.payload, sql`SELECT COUNT(*) AS n FROM messages WHERE room_id = ${room}`))[0]!.n)

async function sentinel(to: Actor, s: SseConnection): Promise<void> {
  const { id } = await send(server.url, cast.admin, to, 'sentinel')
  await s.waitFor(() => s.changes().some((e) => parseData(e).id === id), 15_000)
}

describe('the membership race', () => {
  it('a member removed while several writers post gets all messages committed before the removal, none after', async () => {
    const { admin, alice, bob, carol } = cast
    const random = prng(13)
    const writers = [admin, alice, carol]
    let before = 0
    let after = 0
    for (let round = 0; round < ROUNDS; round++) {
      const room = await createRoom(server.payload, { name: `race ${round}`, members: [...writers, bob].map((a) => a.id) })
      const victim = await readyStream(bob)
      const observer = await readyStream(alice)
      const total = WRITERS * PER_WRITER
      // Remove bob once this many of the round's messages are committed: somewhere in the middle,
      // different every round (seeded: a failure reproduces).
      const removeAfter = 1 + random.int(total - 10)
      const writing = Promise.all(
        writers.map((w, i) =>
          writeFromAnotherProcess({ sender: w.id, receiver: `room:${room.id}`, count: PER_WRITER, prefix: `r${round} w${i}`, paceMs: 10 }),
        ),
      )
      while ((await committedIn(room.id)) < removeAfter) await new Promise((resolve) => setTimeout(resolve, 2))
      await removeMember(server.payload, room.id, bob.id)
      await writing
      await observer.s.waitFor(() => createdIn(observer.s, room.id).length === total, 15_000)
      await sentinel(bob, victim.s)

      const feed = await roomChanges(server.payload, room.id)
      const leftAt = feed.find(([, kind, , user]) => kind === 'room.member.left' && user === bob.id)![0]
      const created = feed.filter(([id, kind]) => kind === 'created' && id > victim.cursor).map(([id]) => id)
      const expected = created.filter((id) => id < leftAt)
      expect(createdIn(victim.s, room.id), `round ${round}: live`).toEqual(expected)
      expect(createdIn(observer.s, room.id), `round ${round}: observer`).toEqual(created)
      const leftEvent = victim.s.events.find((e) => e.event === 'room.member.left')
      expect(Number(leftEvent?.id), `round ${round}: the leave`).toBe(leftAt)
      // Nothing of the room after the leave, of any kind: only the sentinel DM.
      expect(victim.s.events.filter((e) => Number(e.id) > leftAt).map((e) => [e.event, parseData(e).receiver?.id])).toEqual([
        ['message.created', bob.id],
      ])

      // A replay of the round from the same cursor agrees with the live stream.
      await closeAll()
      const replay = await readyStream(bob, String(victim.cursor))
      await sentinel(bob, replay.s)
      expect(createdIn(replay.s, room.id), `round ${round}: replay`).toEqual(expected)
      await closeAll()

      before += expected.length
      after += created.length - expected.length
      console.info(`round ${round}: ${expected.length} before the removal, ${created.length - expected.length} after`)
    }
    // The removal really fell among the writes: messages on both sides of it.
    expect(before).toBeGreaterThanOrEqual(ROUNDS)
    expect(after).toBeGreaterThanOrEqual(ROUNDS)
  }, 180_000)
})
