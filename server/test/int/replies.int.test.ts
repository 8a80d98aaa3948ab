// Replies (issue #17): `replyTo` names a message of the same conversation that the sender may read;
// every message REST returns carries its original's quote as it is now.
import { describe, expect, it } from 'vitest'

import { run, sql } from '../../src/db/sql'
import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { createRoom, postInRoom, type TestRoom } from '../helpers/rooms'
import { parseData } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))
const { stream } = useStreams(() => server)

const reply = (from: Actor, body: object) => cast.client.post('/api/messages', { content: 'a reply', ...body }, from.token)
const replyToPath = (res: { body: any }) => res.body.errors?.[0]?.data?.errors?.[0]?.path
const count = async () => (await server.payload.count({ collection: 'messages', overrideAccess: true })).totalDocs

describe('replyTo on create', () => {
  it('takes a message of the same DM, either direction, and answers with its quote', async () => {
    const { alice, bob } = cast
    const original = await send(server.url, bob, alice, 'The original\nmessage, on two lines')
    for (const [from, to] of [[alice, bob], [bob, alice]] as const) {
      const res = await reply(from, { receiver: to.id, replyTo: original.id })
      expect(res.status).toBe(201)
      expect(res.body.doc).toMatchObject({
        replyTo: original.id,
        replyQuote: { sender: { id: bob.id, name: 'Bob' }, excerpt: 'The original message, on two lines' },
        reactions: [],
      })
    }
  })

  it('refuses, changing nothing, a reply to another DM, another room, a message the sender cannot read or that does not exist', async () => {
    const { alice, bob, carol, admin } = cast
    const bobAndCarol = await send(server.url, bob, carol, 'between Bob and Carol')
    const aliceAndCarol = await send(server.url, alice, carol, 'between Alice and Carol')
    const room: TestRoom = await createRoom(server.url, alice, 'Replies A')
    const other: TestRoom = await createRoom(server.url, alice, 'Replies B')
    const inRoom = await postInRoom(server.url, alice, room, 'in room A')
    const inOther = await postInRoom(server.url, alice, other, 'in room B')
    const before = await count()
    const refusals = [
      // Alice cannot read Bob and Carol's DM.
      await reply(alice, { receiver: bob.id, replyTo: bobAndCarol.id }),
      // She can read her DM with Carol, but it is another conversation than her DM with Bob.
      await reply(alice, { receiver: bob.id, replyTo: aliceAndCarol.id }),
      // A room message from a DM, a DM from a room, another room's message.
      await reply(alice, { receiver: bob.id, replyTo: inRoom.id }),
      await reply(alice, { room: room.id, replyTo: aliceAndCarol.id }),
      await reply(alice, { room: room.id, replyTo: inOther.id }),
      // Missing.
      await reply(alice, { receiver: bob.id, replyTo: 999999 }),
      // An admin may read everything, yet replies in the conversation of the original only.
      await reply(admin, { receiver: bob.id, replyTo: bobAndCarol.id }),
    ]
    for (const res of refusals) {
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(replyToPath(res)).toBe('replyTo')
    }
    // Unreadable and missing answer alike.
    const words = (res: { body: unknown }) => JSON.stringify(res.body).replace(/\d+/g, 'N')
    expect(words(refusals[0])).toEqual(words(refusals[5]))
    expect(await count()).toBe(before)
  })

  it('refuses what is not a positive integer id', async () => {
    const { alice, bob } = cast
    const original = await send(server.url, bob, alice, 'numbers')
    const before = await count()
    for (const replyTo of ['abc', 1.5, -1, 0, true, {}, [original.id], `${original.id}x`]) {
      const res = await reply(alice, { receiver: bob.id, replyTo })
      expect(res.status, `${JSON.stringify(replyTo)}: ${JSON.stringify(res.body)}`).toBe(400)
    }
    expect(await count()).toBe(before)
  })

  it('in a room: a member replies to a room message', async () => {
    const { alice, bob, client } = cast
    const room = await createRoom(server.url, alice, 'Replies C')
    await client.post(`/api/rooms/${room.id}/join`, {}, bob.token)
    const original = await postInRoom(server.url, alice, room, 'room original')
    const ok = await reply(bob, { room: room.id, replyTo: original.id })
    expect(ok.status).toBe(201)
    expect(ok.body.doc.replyQuote).toEqual({ sender: { id: alice.id, name: 'Alice' }, excerpt: 'room original' })
  })
})

describe('a resend of a reply', () => {
  it('answers 409 "already sent" even when the original was deleted since the first send', async () => {
    const { alice, bob, client } = cast
    const original = await send(server.url, bob, alice, 'soon deleted')
    const first = await reply(alice, { receiver: bob.id, replyTo: original.id, clientId: 'resend-after-delete' })
    expect(first.status).toBe(201)
    await client.del(`/api/messages/${original.id}`, bob.token)
    const before = await count()
    const again = await reply(alice, { receiver: bob.id, replyTo: original.id, clientId: 'resend-after-delete' })
    expect(again.status, JSON.stringify(again.body)).toBe(409)
    expect(again.body.errors[0]).toMatchObject({ message: 'This message was already sent.', data: { id: first.body.doc.id } })
    expect(await count()).toBe(before)
    // A new send (another clientId) to the gone original is still refused.
    expect(replyToPath(await reply(alice, { receiver: bob.id, replyTo: original.id, clientId: 'a-new-one' }))).toBe('replyTo')
  })
})

describe('replyTo never changes', () => {
  it('an edit that names another replyTo is refused; sending back the stored one is fine', async () => {
    const { alice, bob, client } = cast
    const first = await send(server.url, bob, alice, 'first')
    const second = await send(server.url, bob, alice, 'second')
    const answer = (await reply(alice, { receiver: bob.id, replyTo: first.id })).body.doc
    for (const replyTo of [second.id, null, 'abc']) {
      const res = await client.patch(`/api/messages/${answer.id}`, { content: 'edited', replyTo }, alice.token)
      expect(res.status, JSON.stringify(res.body)).toBe(400)
    }
    const same = await client.patch(`/api/messages/${answer.id}`, { content: 'edited', replyTo: first.id }, alice.token)
    expect(same.status).toBe(200)
    expect(same.body.doc).toMatchObject({ content: 'edited', replyTo: first.id, replyQuote: { excerpt: 'first' } })
    // Nor may a plain message become a reply.
    const plain = await send(server.url, alice, bob, 'plain')
    expect((await client.patch(`/api/messages/${plain.id}`, { replyTo: first.id }, alice.token)).status).toBe(400)
    expect((await client.get(`/api/messages/${plain.id}`, alice.token)).body).toMatchObject({ replyTo: null, replyQuote: null })
  })
})

describe('the quote is the original as it is now', () => {
  it('follows an edit of the original, and is null once it is deleted (replyTo kept): in a page, by id and in the conversations list', async () => {
    const { alice, bob, client } = cast
    const original = await send(server.url, bob, alice, 'before the edit')
    const answer = (await reply(alice, { receiver: bob.id, replyTo: original.id, content: 'my answer' })).body.doc
    await client.patch(`/api/messages/${original.id}`, { content: 'after the edit' }, bob.token)
    const quoted = { sender: { id: bob.id, name: 'Bob' }, excerpt: 'after the edit' }
    expect((await client.get(`/api/messages/${answer.id}`, bob.token)).body.replyQuote).toEqual(quoted)
    const page = await client.get(`/api/messages?where[id][in]=${answer.id},${original.id}&sort=-id`, alice.token)
    expect(page.body.docs.map((doc: any) => [doc.id, doc.replyQuote])).toEqual([
      [answer.id, quoted],
      [original.id, null],
    ])
    const conversations = (await client.get('/api/messages/conversations', bob.token)).body.conversations
    expect(conversations.find((c: any) => c.user.id === alice.id).lastMessage).toMatchObject({ id: answer.id, replyQuote: quoted })

    await client.del(`/api/messages/${original.id}`, bob.token)
    expect((await client.get(`/api/messages/${answer.id}`, bob.token)).body).toMatchObject({ replyTo: original.id, replyQuote: null })
  })

  it('never quotes a message of another conversation, even one a row names past the hook', async () => {
    const { alice, bob, carol, client } = cast
    const elsewhere = await send(server.url, carol, bob, 'between Carol and Bob only')
    const original = await send(server.url, bob, alice, 'in this DM')
    const answer = (await reply(alice, { receiver: bob.id, replyTo: original.id })).body.doc
    // A script or an import that skips checkReplyTo.
    await run(server.payload, sql`UPDATE messages SET reply_to = ${elsewhere.id} WHERE id = ${answer.id}`)
    expect((await client.get(`/api/messages/${answer.id}`, alice.token)).body).toMatchObject({ replyTo: elsewhere.id, replyQuote: null })
  })

  it('cuts a long original at REPLY_EXCERPT_LENGTH whole code points', async () => {
    const { alice, bob } = cast
    const original = await send(server.url, bob, alice, '😀'.repeat(300))
    const res = await reply(alice, { receiver: bob.id, replyTo: original.id })
    expect(Array.from(res.body.doc.replyQuote.excerpt)).toHaveLength(140)
    expect(res.body.doc.replyQuote.excerpt.endsWith('…')).toBe(true)
  })
})

describe('the stream carries the quote as REST does', () => {
  it('live, and on resume as the original is now: edited, then gone', async () => {
    const { alice, bob, client } = cast
    const live = await stream(alice.token)
    const [ready] = await live.ready()
    const original = await send(server.url, bob, alice, 'quoted live')
    const answer = (await reply(alice, { receiver: bob.id, replyTo: original.id, content: 'answer live' })).body.doc
    await live.waitFor(() => live.changes().some((e) => parseData(e).id === answer.id))
    const created = parseData(live.changes().find((e) => parseData(e).id === answer.id)!)
    expect(created).toMatchObject({ replyTo: original.id, replyQuote: { sender: { id: bob.id, name: 'Bob' }, excerpt: 'quoted live' } })
    expect(created.replyQuote).toEqual((await client.get(`/api/messages/${answer.id}`, alice.token)).body.replyQuote)
    live.close()

    const replayOf = async () => {
      const s = await stream(alice.token, { lastEventId: ready.id })
      await s.waitFor(() => s.changes().some((e) => parseData(e).id === answer.id))
      const event = s.changes().find((e) => parseData(e).id === answer.id)!
      s.close()
      return parseData(event)
    }
    await client.patch(`/api/messages/${original.id}`, { content: 'quoted, edited' }, bob.token)
    expect((await replayOf()).replyQuote).toEqual({ sender: { id: bob.id, name: 'Bob' }, excerpt: 'quoted, edited' })
    await client.del(`/api/messages/${original.id}`, bob.token)
    expect(await replayOf()).toMatchObject({ replyTo: original.id, replyQuote: null })
  })
})
