// Read positions in rooms (POST /api/messages/read {room, upTo}) and mentions: which ids a
// message keeps, who may mention @room, and the unread and mention counts of GET /api/rooms.
import { beforeAll, describe, expect, it } from 'vitest'

import { type Actor, type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { roomChanges } from '../helpers/feed-rooms'
import { postInRoom, type TestRoom } from '../helpers/rooms'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

// Alice owns "team" (Bob and Carol members) and the private "inner" (Bob only).
let team: TestRoom
let inner: TestRoom
beforeAll(async () => {
  const { client, alice, bob, carol } = cast
  team = (await client.post('/api/rooms', { name: 'team' }, alice.token)).body.room
  inner = (await client.post('/api/rooms', { name: 'inner', visibility: 'private' }, alice.token)).body.room
  for (const user of [bob, carol]) await client.post(`/api/rooms/${team.id}/members`, { user: user.id }, alice.token)
  await client.post(`/api/rooms/${inner.id}/members`, { user: bob.id }, alice.token)
})

const summary = async (actor: Actor, room: TestRoom) =>
  (await cast.client.get('/api/rooms', actor.token)).body.rooms.find((r: any) => r.id === room.id)
const markRead = (actor: Actor, room: number | string, upTo: number | string) =>
  cast.client.post('/api/messages/read', { room, upTo }, actor.token)

describe('mentions', () => {
  it('keeps only ids of the room’s current members, never the sender, each once, in the order sent', async () => {
    const { admin, alice, bob, carol } = cast
    const msg = await postInRoom(server.url, alice, inner, '@Bob @Carol @Alice', { mentions: [bob.id, carol.id, alice.id, bob.id, String(bob.id), admin.id, 987654] })
    expect(msg.mentions).toEqual([bob.id])
    const stored = (await cast.client.get(`/api/messages/${msg.id}?depth=2`, bob.token)).body
    expect(stored.mentions).toEqual([bob.id])
    const many = await postInRoom(server.url, bob, team, 'hi both', { mentions: [carol.id, alice.id] })
    expect(many.mentions).toEqual([carol.id, alice.id])
  })

  it('a DM mentions nobody, and @room there is a 400 that stores nothing', async () => {
    const res = await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'hey', mentions: [cast.bob.id] }, cast.alice.token)
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({ mentions: [], mentionsRoom: false })
    const everyone = await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'hey @room', mentionsRoom: true }, cast.alice.token)
    expect(everyone.status).toBe(400)
    expect(everyone.body.errors[0].message).toMatch(/mentionsRoom/)
    const edit = await cast.client.patch(`/api/messages/${res.body.doc.id}`, { mentionsRoom: true }, cast.alice.token)
    expect(edit.status).toBe(400)
    const stored = await cast.client.get(`/api/messages?where[content][like]=hey`, cast.admin.token)
    expect(stored.body.docs.map((doc: { content: string; mentionsRoom: boolean }) => [doc.content, doc.mentionsRoom])).toEqual([['hey', false]])
  })

  it('refuses malformed mention lists with 400 and stores nothing', async () => {
    for (const mentions of ['x', [{ id: 'x' }], ['abc'], [0], { 0: 1 }, Array.from({ length: 101 }, (_, i) => i + 1)]) {
      const res = await cast.client.post('/api/messages', { room: team.id, content: 'bad mentions', mentions }, cast.alice.token)
      expect(res.status, JSON.stringify(mentions).slice(0, 40)).toBe(400)
    }
    const stored = await cast.client.get(`/api/messages?where[content][equals]=bad mentions`, cast.admin.token)
    expect(stored.body.docs).toEqual([])
  })

  it('@room is for owners and admins: a member gets 403, and the refusal changes nothing', async () => {
    const { client, alice, bob, carol, admin } = cast
    const feedBefore = await roomChanges(server.payload, team.id)
    const countsBefore = await summary(carol, team)
    const member = await client.post('/api/messages', { room: team.id, content: 'everyone!', mentionsRoom: true }, bob.token)
    expect(member.status).toBe(403)
    expect(member.body.errors[0].message).toMatch(/owner/)
    // Nothing stored, nothing on the feed, nobody's counts moved.
    expect((await client.get('/api/messages?where[content][equals]=everyone!', admin.token)).body.docs).toEqual([])
    expect(await roomChanges(server.payload, team.id)).toEqual(feedBefore)
    expect(await summary(carol, team)).toEqual(countsBefore)

    const owner = await client.post('/api/messages', { room: team.id, content: 'all hands', mentionsRoom: true }, alice.token)
    expect(owner.status).toBe(201)
    expect(owner.body.doc.mentionsRoom).toBe(true)
    const byAdmin = await client.post('/api/messages', { room: team.id, content: 'admin: all hands', mentionsRoom: true }, admin.token)
    expect(byAdmin.status).toBe(201)
    expect(byAdmin.body.doc.mentionsRoom).toBe(true)
    expect(await summary(carol, team)).toMatchObject({ mentions: countsBefore.mentions + 2 })

    // Editing one's own message into an @room: the same 403, and the message stays as it was.
    const plain = await postInRoom(server.url, bob, team, 'just me')
    const feedBeforeEdit = await roomChanges(server.payload, team.id)
    expect((await client.patch(`/api/messages/${plain.id}`, { content: 'just me!', mentionsRoom: true }, bob.token)).status).toBe(403)
    expect((await client.get(`/api/messages/${plain.id}`, bob.token)).body).toMatchObject({ content: 'just me', mentionsRoom: false, editedAt: null })
    expect(await roomChanges(server.payload, team.id)).toEqual(feedBeforeEdit)
    const edited = await client.patch(`/api/messages/${plain.id}`, { content: 'just me, @Carol', mentions: [carol.id, 987654] }, bob.token)
    expect(edited.body.doc).toMatchObject({ mentions: [carol.id], mentionsRoom: false })
  })
})

describe('read position and counts', () => {
  it('unread counts others’ messages after your position; mentions count those naming you or @room while unread', async () => {
    const { alice, bob, carol } = cast
    const room = (await cast.client.post('/api/rooms', { name: 'counting' }, alice.token)).body.room
    for (const user of [bob, carol]) await cast.client.post(`/api/rooms/${room.id}/join`, {}, user.token)
    await postInRoom(server.url, alice, room, 'one')
    const mention = await postInRoom(server.url, alice, room, '@Bob two', { mentions: [bob.id] })
    await postInRoom(server.url, carol, room, 'three')
    const everyone = await postInRoom(server.url, alice, room, '@room four', { mentionsRoom: true })
    await postInRoom(server.url, bob, room, 'my own, never unread', { mentions: [carol.id] })

    expect(await summary(bob, room)).toMatchObject({ unread: 4, mentions: 2, lastReadId: expect.any(Number) })
    expect(await summary(carol, room)).toMatchObject({ unread: 4, mentions: 2 })
    expect(await summary(alice, room)).toMatchObject({ unread: 2, mentions: 0 })

    const read = await markRead(bob, room.id, mention.id)
    expect(read.status).toBe(200)
    expect(read.body).toEqual({ room: room.id, lastReadId: mention.id })
    expect(await summary(bob, room)).toMatchObject({ unread: 2, mentions: 1, lastReadId: mention.id })
    // Forward only.
    expect((await markRead(bob, room.id, 1)).body.lastReadId).toBe(mention.id)
    await markRead(bob, room.id, everyone.id)
    expect(await summary(bob, room)).toMatchObject({ unread: 0, mentions: 0, lastReadId: everyone.id })
    // Someone else's read position is theirs alone.
    expect(await summary(carol, room)).toMatchObject({ unread: 4, mentions: 2 })
  })

  it('a newcomer starts with the room read up to its latest message', async () => {
    const { client, alice, admin } = cast
    const room = (await client.post('/api/rooms', { name: 'history' }, alice.token)).body.room
    const last = await postInRoom(server.url, alice, room, 'before you came')
    const joined = await client.post(`/api/rooms/${room.id}/join`, {}, admin.token)
    expect(joined.body.room).toMatchObject({ unread: 0, lastReadId: last.id })
    await postInRoom(server.url, alice, room, 'after')
    expect(await summary(admin, room)).toMatchObject({ unread: 1 })
  })

  it('members only: 403 in a room you may see but are not in, 400 for a hidden or missing room or bad input', async () => {
    const { client, carol, admin } = cast
    expect((await markRead(admin, team.id, 1)).status).toBe(403)
    const hidden = await markRead(carol, inner.id, 1)
    const missing = await markRead(carol, 987654, 1)
    expect([hidden.status, missing.status]).toEqual([400, 400])
    expect(JSON.stringify(hidden.body).replace(String(inner.id), 'N')).toBe(JSON.stringify(missing.body).replace('987654', 'N'))
    for (const body of [{ room: 'x', upTo: 1 }, { room: team.id, upTo: -1 }, { room: team.id }, { room: team.id, peer: cast.bob.id, upTo: 1 }]) {
      const res = await client.post('/api/messages/read', body, carol.token)
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
    expect((await client.post('/api/messages/read', { room: team.id, upTo: 1 })).status).toBe(401)
  })
})
