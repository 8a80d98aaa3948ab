// Reactions in the change feed (issue #17): each toggle is a change row, delivered live as
// `message.reactions` to whoever may see the message and replayed in order on resume; a message's
// reactions go with it silently, a deleted user's go each with its row.
import { describe, expect, it } from 'vitest'

import { query, sql } from '../../src/db/sql'
import { reactionsPath } from '../../src/protocol'
import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { createRoom, postInRoom } from '../helpers/rooms'
import { parseData, type SseConnection } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))
const { stream } = useStreams(() => server)

const member = (name: string): Promise<Actor> => cast.client.signUp(name, `${name.toLowerCase()}@test.io`)
async function react(by: Actor, messageId: number, emoji = '👍') {
  const res = await cast.client.post(reactionsPath(messageId), { emoji }, by.token)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}
const reactionEvents = (s: SseConnection) => s.events.filter((e) => e.event === 'message.reactions')
// Through the SQL seam: the same on SQLite and PostgreSQL (TEST_DATABASE=postgres).
const kindsOf = async (messageId: number) =>
  (await query(server.payload, sql`SELECT kind FROM message_changes WHERE message_id = ${messageId} ORDER BY id`)).map((r) => r.kind)
// Reactions of a message (or a user) left behind, detached ones (column null) included.
const reactionRows = async (column: 'message_id' | 'user_id', id: number) =>
  Number((await query(server.payload, sql`SELECT COUNT(*) AS n FROM reactions WHERE ${sql.identifier(column)} = ${id} OR ${sql.identifier(column)} IS NULL`))[0]!.n)

describe('live', () => {
  it('reaches both sides of a DM, in order, with the message\'s reactions as they are; nobody else', async () => {
    const { alice, bob, carol } = cast
    const [a, b, c] = await Promise.all([stream(alice.token), stream(bob.token), stream(carol.token)])
    await Promise.all([a.ready(), b.ready(), c.ready()])
    const msg = await send(server.url, alice, bob, 'react live')
    await react(bob, msg.id, '👍')
    await react(alice, msg.id, '👍')
    await react(bob, msg.id, '👍')
    for (const s of [a, b]) {
      await s.waitFor(() => reactionEvents(s).length === 3)
      const events = reactionEvents(s)
      expect(events.map((e) => Number(e.id))).toEqual(events.map((e) => Number(e.id)).sort((x, y) => x - y))
      expect(parseData(events[0])).toEqual({ id: msg.id, sender: alice.id, receiver: bob.id, room: null, reactions: expect.any(Array) })
      // The last event carries the list after the last toggle.
      expect(parseData(events[2]).reactions).toEqual([{ emoji: '👍', users: [alice.id] }])
    }
    // Carol's stream saw the message's events of neither kind: a later DM of hers arrives alone.
    const own = await send(server.url, bob, carol, 'for Carol')
    await c.waitFor(() => c.changes().length > 0)
    expect(c.changes().map((e) => [e.event, parseData(e).id])).toEqual([['message.created', own.id]])
  })

  it("reaches a room's members only", async () => {
    const { alice, bob } = cast
    const outsider = await member('Olga')
    const room = await createRoom(server.url, alice, 'Reactions live', 'public')
    await cast.client.post(`/api/rooms/${room.id}/join`, {}, bob.token)
    const [b, o] = await Promise.all([stream(bob.token), stream(outsider.token)])
    await Promise.all([b.ready(), o.ready()])
    const msg = await postInRoom(server.url, alice, room, 'room reaction')
    await react(alice, msg.id, '🎉')
    await b.waitFor(() => reactionEvents(b).length === 1)
    expect(parseData(reactionEvents(b)[0])).toEqual({ id: msg.id, sender: alice.id, receiver: null, room: room.id, reactions: [{ emoji: '🎉', users: [alice.id] }] })
    const own = await send(server.url, bob, outsider, 'for Olga')
    await o.waitFor(() => o.changes().length > 0)
    expect(o.changes().map((e) => [e.event, parseData(e).id])).toEqual([['message.created', own.id]])
  })
})

describe('resume', () => {
  it('replays the reaction changes after the cursor, in order, each with the reactions as they are now', async () => {
    const { alice, bob } = cast
    const first = await stream(bob.token)
    const [ready] = await first.ready()
    first.close()
    const msg = await send(server.url, alice, bob, 'replay me')
    await react(alice, msg.id, '😀')
    await react(bob, msg.id, '😀')
    await react(bob, msg.id, '🚀')
    const replay = await stream(bob.token, { lastEventId: ready.id })
    await replay.waitFor(() => replay.changes().length === 4)
    const changes = replay.changes()
    expect(changes.map((e) => e.event)).toEqual(['message.created', 'message.reactions', 'message.reactions', 'message.reactions'])
    const ids = changes.map((e) => Number(e.id))
    expect(ids).toEqual([...ids].sort((x, y) => x - y))
    const now = [
      { emoji: '😀', users: [alice.id, bob.id] },
      { emoji: '🚀', users: [bob.id] },
    ]
    for (const e of changes) expect(parseData(e).reactions).toEqual(now)
  })
})

describe('after leaving a room', () => {
  it('a replay shows no reaction made after the leave, nor the earlier rows of a message it changed', async () => {
    const { alice, client } = cast
    const leaver = await member('Lena')
    const room = await createRoom(server.url, alice, 'Left behind', 'public')
    await client.post(`/api/rooms/${room.id}/join`, {}, leaver.token)
    const first = await stream(leaver.token)
    const [ready] = await first.ready()
    first.close()
    const touched = await postInRoom(server.url, alice, room, 'reacted to again after the leave')
    const untouched = await postInRoom(server.url, alice, room, 'left alone')
    await react(alice, touched.id, '👍')
    await react(alice, untouched.id, '👍')
    await client.post(`/api/rooms/${room.id}/leave`, {}, leaver.token)
    await react(alice, touched.id, '🎉')
    const replay = await stream(leaver.token, { lastEventId: ready.id })
    await replay.waitFor((events) => events.some((e) => e.event === 'room.member.left'))
    // `touched` as it is now shows the 🎉 given after the leave: none of its rows is replayed.
    expect(replay.changes().map((e) => [e.event, parseData(e).id])).toEqual([
      ['message.created', untouched.id],
      ['message.reactions', untouched.id],
    ])
  })
})

describe('cascades', () => {
  it('a deleted message takes its reactions with it, with no reaction change after its deletion', async () => {
    const { alice, bob, client } = cast
    const msg = await send(server.url, alice, bob, 'short-lived')
    await react(bob, msg.id, '👍')
    await react(alice, msg.id, '🎉')
    const b = await stream(bob.token)
    await b.ready()
    expect((await client.del(`/api/messages/${msg.id}`, alice.token)).status).toBe(200)
    await b.waitFor(() => b.changes().length === 1)
    expect(await kindsOf(msg.id)).toEqual(['created', 'reaction', 'reaction', 'deleted'])
    expect(await reactionRows('message_id', msg.id)).toBe(0)
    expect(b.changes().map((e) => e.event)).toEqual(['message.deleted'])
  })

  it("a deleted user's reactions go, each a change the message's participants see", async () => {
    const { alice, bob, admin, client } = cast
    const leaving = await member('Leo')
    const room = await createRoom(server.url, alice, 'Leo was here', 'public')
    await client.post(`/api/rooms/${room.id}/join`, {}, leaving.token)
    await client.post(`/api/rooms/${room.id}/join`, {}, bob.token)
    const msg = await postInRoom(server.url, alice, room, 'react, Leo')
    await react(leaving, msg.id, '👍')
    await react(leaving, msg.id, '🎉')
    await react(bob, msg.id, '👍')
    const a = await stream(alice.token)
    await a.ready()
    expect((await client.del(`/api/users/${leaving.id}`, admin.token)).status).toBe(200)
    await a.waitFor(() => reactionEvents(a).length === 2)
    expect(reactionEvents(a).map((e) => parseData(e).id)).toEqual([msg.id, msg.id])
    expect(await reactionRows('user_id', leaving.id)).toBe(0)
    expect((await client.get(`/api/messages/${msg.id}`, alice.token)).body.reactions).toEqual([{ emoji: '👍', users: [bob.id] }])
  })
})
