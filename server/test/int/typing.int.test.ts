// POST /api/typing through real streams: the DM's receiver or the room's other members get a
// `typing` event without an id; the typer's own streams, outsiders and admins never do; the
// throttle holds; refused calls send nothing. "Never" is proven with a sentinel: an ephemeral
// event sent to that stream afterwards has arrived, and a socket delivers in order.
import { describe, expect, it } from 'vitest'

import { run, sql } from '../../src/db/sql'
import { typingKey, typingThrottle } from '../../src/presence/typing-endpoint'
import { TYPING_PATH } from '../../src/protocol'
import { realtime } from '../../src/realtime/runtime'
import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { createRoom } from '../helpers/feed-rooms'
import { parseData, type SseConnection } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))
const { stream } = useStreams(() => server)

const typing = (s: SseConnection) => s.events.filter((e) => e.event === 'typing')
const type = (actor: Actor, body: unknown) => cast.client.post(TYPING_PATH, body, actor.token)

async function live(actor: Actor): Promise<SseConnection> {
  const s = await stream(actor.token)
  await s.ready()
  return s
}

// Admin (who never types to anyone in these tests) types to `actor`; once that arrives, anything
// sent to the stream before it has arrived too.
async function sentinel(actor: Actor, s: SseConnection): Promise<void> {
  const before = typing(s).length
  // The sentinel is never throttled: the window of the previous one is forgotten.
  typingThrottle().forget(typingKey(cast.admin.id, { receiver: actor.id }))
  expect((await type(cast.admin, { receiver: actor.id })).status).toBe(204)
  await s.waitFor(() => typing(s).length > before && parseData(typing(s).at(-1)!).user === cast.admin.id)
}

describe('typing', () => {
  it("reaches the DM's receiver only, without an id, once per window however often it is called", async () => {
    const { alice, bob, carol } = cast
    const [a, b, c] = [await live(alice), await live(bob), await live(carol)]
    expect((await type(alice, { receiver: bob.id })).status).toBe(204)
    expect((await type(alice, { receiver: bob.id })).status).toBe(204)
    await Promise.all([sentinel(bob, b), sentinel(alice, a), sentinel(carol, c)])
    const got = typing(b).filter((e) => parseData(e).user === alice.id)
    expect(got.map(parseData)).toEqual([{ user: alice.id, receiver: bob.id, room: null }])
    expect(got[0].id).toBeUndefined()
    expect(typing(a).filter((e) => parseData(e).user === alice.id)).toEqual([])
    expect(typing(c).filter((e) => parseData(e).user === alice.id)).toEqual([])
  })

  it('lets the next call through at once after the typer sent a message there (a new draft)', async () => {
    const { alice, carol } = cast
    const c = await live(carol)
    expect((await type(alice, { receiver: carol.id })).status).toBe(204)
    await c.waitFor(() => typing(c).some((e) => parseData(e).user === alice.id))
    const { id } = await send(server.url, alice, carol, 'sent')
    await c.waitFor(() => c.changes().some((e) => parseData(e).id === id))
    expect((await type(alice, { receiver: carol.id })).status).toBe(204)
    await c.waitFor(() => typing(c).filter((e) => parseData(e).user === alice.id).length === 2)
  })

  it("reaches the room's other members only: not the typer, not an outsider, not an admin", async () => {
    const { admin, alice, bob, carol } = cast
    const room = await createRoom(server.payload, { name: 'typing-room', members: [alice.id, bob.id] })
    const [a, b, c, d] = [await live(alice), await live(bob), await live(carol), await live(admin)]
    expect((await type(bob, { room: room.id })).status).toBe(204)
    expect((await type(bob, { room: room.id })).status).toBe(204)
    await Promise.all([sentinel(alice, a), sentinel(bob, b), sentinel(carol, c)])
    expect(typing(a).filter((e) => parseData(e).user === bob.id).map(parseData)).toEqual([{ user: bob.id, receiver: null, room: room.id }])
    expect(typing(b).filter((e) => parseData(e).user === bob.id)).toEqual([])
    expect(typing(c).filter((e) => parseData(e).user === bob.id)).toEqual([])
    expect(typing(d)).toEqual([])
  })

  it('never reaches a member removed from the room, even before the stream has heard of the removal', async () => {
    const { alice, bob, carol } = cast
    const room = await createRoom(server.payload, { name: 'typing-removal', members: [alice.id, bob.id, carol.id] })
    const [a, c] = [await live(alice), await live(carol)]
    const { poller } = realtime(server.payload)
    // The poller stands still, as if the removal had not been polled yet: the audience index
    // still counts Carol as a member.
    poller.stop()
    try {
      // Raw SQL (either database): no hook wakes the poller.
      await run(server.payload, sql`DELETE FROM room_memberships WHERE room_id = ${room.id} AND user_id = ${carol.id}`)
      expect(realtime(server.payload).audience.membersOf(room.id).has(carol.id)).toBe(true)
      expect((await type(bob, { room: room.id })).status).toBe(204)
      await a.waitFor(() => typing(a).some((e) => parseData(e).user === bob.id))
      await sentinel(carol, c)
      expect(typing(c).filter((e) => parseData(e).user === bob.id)).toEqual([])
    } finally {
      poller.start()
    }
  })

  it('refuses what is not a conversation of the caller, and sends nothing then', async () => {
    const { client, alice, bob, carol } = cast
    const privateRoom = await createRoom(server.payload, { name: 'secret', visibility: 'private', members: [bob.id] })
    const publicRoom = await createRoom(server.payload, { name: 'open', members: [bob.id] })
    const b = await live(bob)
    const refusals: Array<[unknown, number]> = [
      [{ receiver: 999_999 }, 403],
      [{ receiver: alice.id }, 400],
      [{ room: privateRoom.id }, 403],
      [{ room: publicRoom.id }, 403],
      [{ room: 999_999 }, 403],
      [{ receiver: bob.id, room: publicRoom.id }, 400],
      [{}, 400],
      [{ receiver: 'bob' }, 400],
      [{ receiver: bob.id, extra: 1 }, 400],
      [{ room: -1 }, 400],
      [[bob.id], 400],
    ]
    for (const [body, status] of refusals) {
      const res = await type(alice, body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(res.body.errors[0].message).toEqual(expect.any(String))
    }
    expect((await client.post(TYPING_PATH, { receiver: bob.id })).status).toBe(401)
    await sentinel(bob, b)
    expect(typing(b).filter((e) => parseData(e).user !== cast.admin.id)).toEqual([])
    // A refusal took nothing from the throttle: Carol's first real call goes through.
    expect((await type(carol, { receiver: bob.id })).status).toBe(204)
    await b.waitFor(() => typing(b).some((e) => parseData(e).user === carol.id))
  })
})
