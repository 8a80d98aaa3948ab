// Rooms on the live stream: a room's events reach the streams of its members as of each event's
// position in the feed, and nobody else's; a replay follows the same rule. Each stream that must
// not see something is proven to have read past it: a DM sent to it afterwards (a sentinel) has
// arrived, and the stream delivers in feed order.
import { describe, expect, it } from 'vitest'

import { query, sql } from '../../src/db/sql'
import { realtime, wakeRealtime } from '../../src/realtime/runtime'
import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { addMember, createRoom, postToRoom, removeMember, renameRoom } from '../helpers/feed-rooms'
import { postInRoom } from '../helpers/rooms'
import { spawnServer } from '../helpers/server-process'
import { describeEvents, openStream, parseData, type SseConnection } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const { stream, closeAll } = useStreams(() => server)

async function readyStream(actor: Actor, lastEventId?: string): Promise<SseConnection> {
  const s = await stream(actor.token, lastEventId === undefined ? {} : { lastEventId })
  await s.ready()
  return s
}

// Sends `to` a DM and waits until each stream has it: everything before it in the feed that the
// stream may see has been delivered by then.
async function sentinel(to: Actor, ...streams: SseConnection[]): Promise<void> {
  const { id } = await send(server.url, cast.admin, to, `sentinel for ${to.user.name}`)
  await Promise.all(streams.map((s) => s.waitFor(() => s.changes().some((e) => parseData(e).id === id))))
}

const post = (room: number, sender: Actor, content: string) => postToRoom(server.payload, { sender: sender.id, room, content })

// Where `actor`'s stream stands now, to resume from later; the stream is closed.
async function cursorNow(actor: Actor): Promise<string> {
  const first = await readyStream(actor)
  const cursor = first.events.find((e) => e.event === 'ready')!.id!
  await closeAll()
  return cursor
}

// Carol joins Alice's room and is removed, with a message before, during and after her stay
// (written through this process): her stream `c` gets her stay alone, Alice's `a` all of it.
async function carolComesAndGoes(room: number, a: SseConnection, c: SseConnection): Promise<void> {
  const { alice, carol } = cast
  await post(room, alice, 'before carol')
  await addMember(server.payload, room, carol.id)
  await post(room, alice, 'while carol is in')
  await removeMember(server.payload, room, carol.id)
  await post(room, alice, 'after carol left')
  await sentinel(carol, c)
  await sentinel(alice, a)
  expect(describeEvents(c.events)).toEqual([
    'room.member.joined Carol',
    'message.created while carol is in',
    'room.member.left Carol',
    'message.created sentinel for Carol',
  ])
  expect(describeEvents(a.events)).toEqual([
    'message.created before carol',
    'room.member.joined Carol',
    'message.created while carol is in',
    'room.member.left Carol',
    'message.created after carol left',
    'message.created sentinel for Alice',
  ])
}

describe('room events on the stream', () => {
  it("reach the room's members' streams and nobody else's, as REST shapes a room message", async () => {
    const { alice, bob, carol } = cast
    const room = await createRoom(server.payload, { name: 'lobby', members: [alice.id, bob.id] })
    const [a, b, c] = await Promise.all([readyStream(alice), readyStream(bob), readyStream(carol)])
    const id = await postToRoom(server.payload, { sender: alice.id, room: room.id, content: 'hello @Bob', mentions: [bob.id] })
    await sentinel(alice, a)
    await sentinel(bob, b)
    await sentinel(carol, c)

    expect(describeEvents(a.events)).toEqual(['message.created hello @Bob', 'message.created sentinel for Alice'])
    expect(describeEvents(b.events)).toEqual(['message.created hello @Bob', 'message.created sentinel for Bob'])
    expect(describeEvents(c.events)).toEqual(['message.created sentinel for Carol'])
    expect(parseData(b.changes()[0])).toMatchObject({
      id,
      sender: { id: alice.id, name: 'Alice' },
      receiver: null,
      room: { id: room.id, name: 'lobby' },
      mentions: [bob.id],
      mentionsRoom: false,
    })
    // One subscriber per stream: the room added no per-stream work to the hub.
    expect(realtime(server.payload).hub.size).toBe(3)
  })

  it('carry the mentions REST stored, however the poller interleaves with the write', async () => {
    const { alice, bob, carol } = cast
    const room = await createRoom(server.payload, { name: 'mention storm', members: [alice.id, bob.id, carol.id] })
    const a = await readyStream(alice)
    // The poller reads whenever it is woken: let it read (and publish) between any two statements
    // of a write, the worst moment a busy server can pick.
    const db = server.payload.db as unknown as { insert: (args: { tableName: string }) => Promise<unknown> }
    const insert = db.insert
    db.insert = async (args) => {
      if (args.tableName !== 'messages') {
        const seen = a.changes().length
        wakeRealtime()
        await a.waitFor(() => a.changes().length > seen, 2000).catch(() => undefined)
      }
      return insert.call(db, args)
    }
    try {
      const posted = [
        await postInRoom(server.url, bob, room, 'hi @Alice @Carol', { mentions: [alice.id, carol.id] }),
        await postInRoom(server.url, carol, room, 'hi @Bob', { mentions: [bob.id] }),
      ]
      await sentinel(alice, a)
      const created = a.changes().filter((e) => e.event === 'message.created').map((e) => parseData(e))
      expect(posted.map((doc) => doc.mentions)).toEqual([[alice.id, carol.id], [bob.id]])
      expect(posted.map((doc) => created.find((event) => event.id === doc.id)?.mentions)).toEqual([[alice.id, carol.id], [bob.id]])
    } finally {
      db.insert = insert
    }
  })

  it('start for a member added while their stream is open, from the join on, and stop at a removal', async () => {
    const { alice, carol } = cast
    const room = await createRoom(server.payload, { name: 'comings and goings', members: [alice.id] })
    const [a, c] = await Promise.all([readyStream(alice), readyStream(carol)])
    await carolComesAndGoes(room.id, a, c)
    const left = c.events.find((e) => e.event === 'room.member.left')!
    expect(parseData(left)).toEqual({ room: { id: room.id, name: 'comings and goings' }, user: { id: carol.id, name: 'Carol' } })
  })

  it('send room.updated on a rename to the members only', async () => {
    const { alice, bob, carol } = cast
    const room = await createRoom(server.payload, { name: 'old name', members: [alice.id, bob.id] })
    const [b, c] = await Promise.all([readyStream(bob), readyStream(carol)])
    await renameRoom(server.payload, room.id, 'new name')
    await sentinel(bob, b)
    await sentinel(carol, c)
    expect(describeEvents(b.events)).toEqual(['room.updated new name', 'message.created sentinel for Bob'])
    expect(parseData(b.events.find((e) => e.event === 'room.updated')!)).toEqual({ id: room.id, name: 'new name', topic: null, visibility: 'public' })
    expect(describeEvents(c.events)).toEqual(['message.created sentinel for Carol'])
  })

  it('never replay, on a resume across a leave and a join, what was committed while not a member', async () => {
    const { alice, bob } = cast
    const room = await createRoom(server.payload, { name: 'resume', members: [alice.id, bob.id] })
    const cursor = await cursorNow(bob)

    const r1 = await post(room.id, alice, 'r1 while bob is in')
    await removeMember(server.payload, room.id, bob.id)
    await post(room.id, alice, 'r2 while bob is out')
    await query(server.payload, sql`UPDATE messages SET content = 'r1 edited while bob is out' WHERE id = ${r1}`)
    await send(server.url, alice, bob, 'a DM while bob is out')
    await addMember(server.payload, room.id, bob.id)
    await post(room.id, alice, 'r3 after bob is back')

    const resumed = await readyStream(bob, cursor)
    await sentinel(bob, resumed)
    expect(describeEvents(resumed.events)).toEqual([
      'room.member.left Bob',
      'message.created a DM while bob is out',
      'room.member.joined Bob',
      'message.created r3 after bob is back',
      'message.created sentinel for Bob',
    ])
    // r1 was edited while bob was out: neither the edit nor r1 itself (a replayed message is shown
    // as it is now, which would show the edit) is replayed; once back, he reads r1 over REST.
    expect(resumed.body).not.toContain('r1 ')
    expect(resumed.events.filter((e) => e.event === 'message.updated')).toEqual([])
  })

  it('follow membership on another server process too, which learns of it from the feed alone', async () => {
    const { alice, carol } = cast
    const other = await spawnServer()
    const streams: SseConnection[] = []
    try {
      const room = await createRoom(server.payload, { name: 'two processes', members: [alice.id] })
      const url = other.url
      for (const actor of [alice, carol]) {
        const s = await openStream(url, { token: actor.token })
        streams.push(s)
        await s.ready()
      }
      const [a, c] = streams
      await carolComesAndGoes(room.id, a, c)
    } finally {
      for (const s of streams) s.close()
      await other.stop()
    }
  }, 120_000)

  it('replay to someone who left shows the room as it was: no later edit, name or topic', async () => {
    const { alice, bob } = cast
    const room = await createRoom(server.payload, { name: 'before', members: [alice.id, bob.id] })
    const cursor = await cursorNow(bob)

    const kept = await post(room.id, alice, 'kept as written')
    const edited = await post(room.id, alice, 'secret draft')
    await server.payload.update({ collection: 'rooms', id: room.id, data: { topic: 'open plans' }, overrideAccess: true })
    await removeMember(server.payload, room.id, bob.id)
    await query(server.payload, sql`UPDATE messages SET content = 'edited after bob left' WHERE id = ${edited}`)
    await server.payload.update({ collection: 'rooms', id: room.id, data: { topic: 'secret plans', visibility: 'private' }, overrideAccess: true })
    await renameRoom(server.payload, room.id, 'after')

    const resumed = await readyStream(bob, cursor)
    await sentinel(bob, resumed)
    expect(describeEvents(resumed.events)).toEqual(['message.created kept as written', 'room.member.left Bob', 'message.created sentinel for Bob'])
    expect(parseData(resumed.changes()[0])).toMatchObject({ id: kept, room: { id: room.id, name: 'before' } })
    expect(parseData(resumed.events.find((e) => e.event === 'room.member.left')!)).toMatchObject({ room: { id: room.id, name: 'before' } })
    expect(resumed.body).not.toContain('edited after bob left')
    expect(resumed.body).not.toContain('"after"')
    // The topic set while Bob was in is now another one: that update is not replayed either.
    expect(resumed.body).not.toContain('secret plans')
  })
})
