// "Seen": a DM read position that moves forward is a `read` change row, delivered live with an
// id to the other participant only, and replayed on resume; `peerLastReadId` in the conversations
// list is the same position over REST. What a stream must not get is proven with a sentinel DM
// sent to it afterwards: the stream delivers in feed order.
import { describe, expect, it } from 'vitest'

import { latestChangeId } from '../helpers/feed'
import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { createRoom } from '../helpers/feed-rooms'
import { postInRoom } from '../helpers/rooms'
import { parseData, type SseConnection } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))
const { stream } = useStreams(() => server)

const reads = (s: SseConnection) => s.events.filter((e) => e.event === 'read')
const markRead = (actor: Actor, body: object) => cast.client.post('/api/messages/read', body, actor.token)

async function live(actor: Actor, lastEventId?: string): Promise<SseConnection> {
  const s = await stream(actor.token, lastEventId === undefined ? {} : { lastEventId })
  await s.ready()
  return s
}

async function sentinel(to: Actor, s: SseConnection): Promise<void> {
  const { id } = await send(server.url, cast.admin, to, `sentinel for ${to.user.name}`)
  await s.waitFor(() => s.changes().some((e) => parseData(e).id === id))
}

describe('read events', () => {
  it("reach the other participant with an id, never the reader's own or an outsider's stream, and replay on resume", async () => {
    const { alice, bob, carol } = cast
    const earlier = await send(server.url, alice, bob, 'hi')
    const first = await send(server.url, alice, bob, 'are you there?')
    const second = await send(server.url, alice, bob, 'hello?')
    const [a, b, c] = [await live(alice), await live(bob), await live(carol)]

    expect((await markRead(bob, { peer: alice.id, upTo: first.id })).status).toBe(200)
    // Again, and backwards: the position does not move, so nothing is sent.
    expect((await markRead(bob, { peer: alice.id, upTo: first.id })).status).toBe(200)
    expect((await markRead(bob, { peer: alice.id, upTo: earlier.id })).status).toBe(200)
    expect((await markRead(bob, { peer: alice.id, upTo: second.id })).status).toBe(200)
    await Promise.all([sentinel(alice, a), sentinel(bob, b), sentinel(carol, c)])

    expect(reads(a).map(parseData)).toEqual([
      { peer: bob.id, lastReadId: first.id },
      { peer: bob.id, lastReadId: second.id },
    ])
    const ids = reads(a).map((e) => Number(e.id))
    expect(ids[0]).toBeGreaterThan(0)
    expect(ids[1]).toBeGreaterThan(ids[0])
    expect(reads(b)).toEqual([])
    expect(reads(c)).toEqual([])

    // Resuming from just before the first read event replays both, with the same ids.
    const resumed = await live(alice, String(ids[0] - 1))
    await resumed.waitFor(() => reads(resumed).length === 2)
    expect(reads(resumed).map((e) => [Number(e.id), parseData(e)])).toEqual([
      [ids[0], { peer: bob.id, lastReadId: first.id }],
      [ids[1], { peer: bob.id, lastReadId: second.id }],
    ])
    // The reader's own resumed stream, and an outsider's, replay none.
    const [bobResumed, carolResumed] = [await live(bob, String(ids[0] - 1)), await live(carol, String(ids[0] - 1))]
    await Promise.all([sentinel(bob, bobResumed), sentinel(carol, carolResumed)])
    expect([...reads(bobResumed), ...reads(carolResumed)]).toEqual([])

    // The same position over REST, for a client that connects later.
    const list = (await cast.client.get('/api/messages/conversations', alice.token)).body.conversations
    expect(list.find((entry: any) => entry.user.id === bob.id)).toMatchObject({ peerLastReadId: second.id })
    const bobsList = (await cast.client.get('/api/messages/conversations', bob.token)).body.conversations
    expect(bobsList.find((entry: any) => entry.user.id === alice.id)).toMatchObject({ lastReadId: second.id, peerLastReadId: 0 })
  })

  it('are never sent for a room, nor for a note to yourself', async () => {
    const { alice, bob } = cast
    const room = await createRoom(server.payload, { name: 'seen-room', members: [alice.id, bob.id] })
    const message = await postInRoom(server.url, alice, room, 'room news')
    const note = await send(server.url, bob, bob, 'note to self')
    const a = await live(alice)
    const b = await live(bob)
    expect((await markRead(bob, { room: room.id, upTo: message.id })).status).toBe(200)
    expect((await markRead(bob, { peer: bob.id, upTo: note.id })).status).toBe(200)
    await Promise.all([sentinel(alice, a), sentinel(bob, b)])
    expect([...reads(a), ...reads(b)]).toEqual([])
  })

  it("are capped at the DM's newest message: a stranger's read moves nothing and sends nothing", async () => {
    const { alice, bob, carol } = cast
    const latestBefore = await latestChangeId(server.payload)
    const a = await live(alice)
    // Carol has never exchanged a DM with Alice: whatever she claims, her position stays 0.
    for (const upTo of [1_000_001, 1_000_002, 1_000_003]) {
      const res = await markRead(carol, { peer: alice.id, upTo })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ peer: alice.id, lastReadId: 0 })
    }
    expect(await latestChangeId(server.payload)).toBe(latestBefore)
    // Past the end of a real DM: the position stops at its newest message, one event.
    const last = await send(server.url, bob, carol, 'last one')
    const res = await markRead(carol, { peer: bob.id, upTo: last.id + 1000 })
    expect(res.body).toEqual({ peer: bob.id, lastReadId: last.id })
    expect((await markRead(carol, { peer: bob.id, upTo: last.id + 2000 })).body).toEqual({ peer: bob.id, lastReadId: last.id })
    const b = await live(bob, String(latestBefore))
    await sentinel(bob, b)
    expect(reads(b).map(parseData)).toEqual([{ peer: carol.id, lastReadId: last.id }])
    await sentinel(alice, a)
    expect(reads(a)).toEqual([])
  })
})
