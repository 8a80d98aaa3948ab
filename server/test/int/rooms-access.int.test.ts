// Who may read and write what of rooms over REST and the Local API: messages in rooms (members
// only, whatever `where` a non-member sends), rooms (public, or private and yours) and memberships.
import { beforeAll, describe, expect, it } from 'vitest'

import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { addMemberAsAdmin, createRoom, postInRoom, type TestRoom } from '../helpers/rooms'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

// Alice owns a public room (Bob a member) and a private one (Bob a member); Carol is in neither.
let pub: TestRoom
let priv: TestRoom
let privMessage: { id: number }
let pubMessage: { id: number }
beforeAll(async () => {
  const { admin, alice, bob } = cast
  pub = await createRoom(server.url, alice, 'lobby')
  priv = await createRoom(server.url, alice, 'secret plans', 'private')
  await addMemberAsAdmin(server.url, admin, pub, bob)
  await addMemberAsAdmin(server.url, admin, priv, bob)
  privMessage = await postInRoom(server.url, alice, priv, 'the private plan')
  pubMessage = await postInRoom(server.url, bob, pub, 'hello lobby')
})

const contents = (body: any): string[] => body.docs.map((d: any) => d.content).sort()
const messagesOf = async (actor: Actor, query = '') => cast.client.get(`/api/messages?limit=100&${query}`, actor.token)

describe('posting in a room', () => {
  it('a message has exactly one of receiver and room: anything else is a 400 that stores nothing', async () => {
    const { client, alice, bob, admin } = cast
    const before = (await messagesOf(admin)).body.totalDocs
    for (const body of [{ content: 'nowhere' }, { receiver: bob.id, room: pub.id, content: 'both' }, { receiver: null, room: null, content: 'nulls' }]) {
      const res = await client.post('/api/messages', body, alice.token)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(JSON.stringify(res.body.errors)).toMatch(/receiver|room/)
    }
    for (const room of ['x', { value: pub.id }, -1, 0]) {
      const res = await client.post('/api/messages', { room, content: 'bad id' }, alice.token)
      expect(res.status, JSON.stringify(room)).toBe(400)
    }
    expect((await messagesOf(admin)).body.totalDocs).toBe(before)
  })

  it('members post (201, sender set by the server); non-members get 403 in a public room', async () => {
    const { client, bob, carol } = cast
    const res = await client.post('/api/messages', { room: pub.id, content: 'from bob', sender: carol.id }, bob.token)
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({ content: 'from bob', receiver: null, room: { id: pub.id, name: 'lobby' } })
    expect(res.body.doc.sender.id).toBe(bob.id)
    const outsider = await client.post('/api/messages', { room: pub.id, content: 'let me in' }, carol.token)
    expect(outsider.status).toBe(403)
    expect(outsider.body.errors[0].message).toMatch(/join/i)
    expect((await client.post('/api/messages', { room: pub.id, content: 'anon' })).status).toBe(401)
  })

  it('a private room you are not in answers exactly like a room that does not exist', async () => {
    const { client, carol } = cast
    const hidden = await client.post('/api/messages', { room: priv.id, content: 'knock knock' }, carol.token)
    const missing = await client.post('/api/messages', { room: 987654, content: 'knock knock' }, carol.token)
    expect(hidden.status).toBe(400)
    expect(missing.status).toBe(400)
    const text = (res: any) => JSON.stringify(res.body).replace(String(priv.id), 'N').replace('987654', 'N')
    expect(text(hidden)).toBe(text(missing))
  })

  it('admins may post in any room (moderation)', async () => {
    expect((await cast.client.post('/api/messages', { room: priv.id, content: 'admin note' }, cast.admin.token)).status).toBe(201)
  })
})

describe('reading room messages', () => {
  it('members read their rooms; a non-member gets nothing, whatever the where', async () => {
    const { alice, bob, carol } = cast
    expect(contents((await messagesOf(bob, `where[room][equals]=${priv.id}`)).body)).toContain('the private plan')
    expect(contents((await messagesOf(alice, `where[room][equals]=${pub.id}`)).body)).toContain('hello lobby')
    const tricks = [
      `where[room][equals]=${priv.id}`,
      `where[room][equals]=${pub.id}`,
      `where[room][in]=${priv.id},${pub.id}`,
      `where[or][0][room][equals]=${priv.id}&where[or][1][sender][equals]=${carol.id}`,
      `where[or][0][room][exists]=true&where[or][1][receiver][exists]=false`,
      `where[id][equals]=${privMessage.id}`,
      `where[room.name][equals]=secret plans`,
      `where[room.visibility][equals]=private`,
      `where[content][like]=plan&depth=3`,
      `where[sender][equals]=${alice.id}`,
      `where[and][0][room][not_equals]=${pub.id}&where[and][1][room][exists]=true`,
    ]
    for (const query of tricks) {
      const res = await messagesOf(carol, query)
      expect(res.status, query).toBe(200)
      expect(res.body.docs, query).toEqual([])
    }
    for (const id of [privMessage.id, pubMessage.id]) expect((await cast.client.get(`/api/messages/${id}`, carol.token)).status).toBe(404)
  })

  it('room messages come at depth 1 with the room populated and mentions as ids', async () => {
    const doc = (await cast.client.get(`/api/messages/${privMessage.id}`, cast.bob.token)).body
    // As the stream names it: id and name (no creator, no system key).
    expect(doc.room).toEqual({ id: priv.id, name: 'secret plans' })
    expect(doc.receiver).toBeNull()
    expect(doc.mentions).toEqual([])
  })

  it('the DM list shows DMs only: room messages are not a conversation', async () => {
    const { client, alice, bob } = cast
    await send(server.url, alice, bob, 'a real DM')
    const list = (await client.get('/api/messages/conversations', alice.token)).body.conversations
    expect(list.map((c: any) => [c.user.id, c.lastMessage.content])).toEqual([[bob.id, 'a real DM']])
    expect((await client.get('/api/messages/conversations', cast.carol.token)).body.conversations).toEqual([])
  })

  it('the Local API on behalf of a non-member finds nothing of a private room', async () => {
    const carol = { ...(await server.payload.findByID({ collection: 'users', id: cast.carol.id, overrideAccess: true })), collection: 'users' as const }
    const found = await server.payload.find({ collection: 'messages', where: { room: { equals: priv.id } }, overrideAccess: false, user: carol })
    expect(found.docs).toEqual([])
    const rooms = await server.payload.find({ collection: 'rooms', overrideAccess: false, user: carol, limit: 100 })
    expect(rooms.docs.map((r) => r.name)).not.toContain('secret plans')
  })
})

describe('editing and deleting room messages', () => {
  it('the sender while a member, or an admin; other members may not', async () => {
    const { client, alice, bob, admin } = cast
    const msg = await postInRoom(server.url, bob, pub, 'bob says')
    const other = await client.patch(`/api/messages/${msg.id}`, { content: 'alice rewrites' }, alice.token)
    expect([403, 404]).toContain(other.status)
    expect((await client.del(`/api/messages/${msg.id}`, alice.token)).status).toBeGreaterThanOrEqual(403)
    const own = await client.patch(`/api/messages/${msg.id}`, { content: 'bob edits', room: priv.id }, bob.token)
    expect(own.status).toBe(200)
    expect(own.body.doc).toMatchObject({ content: 'bob edits', room: { id: pub.id } })
    expect(own.body.doc.editedAt).toBeTruthy()
    expect((await client.patch(`/api/messages/${msg.id}`, { content: 'moderated' }, admin.token)).status).toBe(200)
    // Not even trusted server code moves a message to another conversation.
    const moved = await server.payload.update({ collection: 'messages', id: msg.id, data: { room: priv.id }, overrideAccess: true, depth: 0 })
    expect(moved.room).toBe(pub.id)
    expect((await client.del(`/api/messages/${msg.id}`, bob.token)).status).toBe(200)
  })

  it('a removed member can no longer read, edit or delete anything of the room, their own messages included', async () => {
    const { client, admin, alice } = cast
    const dave = await client.signUp('Dave', 'dave@test.io')
    const membership = await addMemberAsAdmin(server.url, admin, priv, dave)
    const own = await postInRoom(server.url, dave, priv, 'dave was here')
    expect(contents((await messagesOf(dave, `where[room][equals]=${priv.id}`)).body)).toContain('dave was here')

    expect((await client.del(`/api/room-memberships/${membership}`, admin.token)).status).toBe(200)
    expect((await messagesOf(dave, `where[room][equals]=${priv.id}`)).body.docs).toEqual([])
    expect((await messagesOf(dave, `where[sender][equals]=${dave.id}`)).body.docs).toEqual([])
    expect((await client.get(`/api/messages/${own.id}`, dave.token)).status).toBe(404)
    expect([403, 404]).toContain((await client.patch(`/api/messages/${own.id}`, { content: 'rewrite' }, dave.token)).status)
    expect([403, 404]).toContain((await client.del(`/api/messages/${own.id}`, dave.token)).status)
    expect((await client.post('/api/messages', { room: priv.id, content: 'back?' }, dave.token)).status).toBe(400)
    // The room's members still see it, unchanged.
    expect((await client.get(`/api/messages/${own.id}`, alice.token)).body.content).toBe('dave was here')
  })
})

describe('rooms', () => {
  it('a member creates a room: createdBy is the server’s, the creator its owner and first member', async () => {
    const { client, bob, carol, admin } = cast
    const res = await client.post('/api/rooms', { name: '  book club ', createdBy: carol.id, visibility: 'private' }, bob.token)
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({ name: 'book club', visibility: 'private', createdBy: { id: bob.id } })
    const members = await client.get(`/api/room-memberships?where[room][equals]=${res.body.doc.id}`, admin.token)
    expect(members.body.docs.map((m: any) => [m.user.id, m.role])).toEqual([[bob.id, 'owner']])
    expect((await client.post('/api/rooms', { name: 'anon room' })).status).toBe(401)
    for (const name of ['', '   ', '\u200b', 'x'.repeat(81)]) {
      expect((await client.post('/api/rooms', { name }, bob.token)).status, JSON.stringify(name)).toBe(400)
    }
  })

  it('members see public rooms and their own private ones; a hidden room is never found', async () => {
    const { client, bob, carol, admin } = cast
    const names = async (actor: Actor, query = '') => (await client.get(`/api/rooms?limit=100&${query}`, actor.token)).body.docs.map((r: any) => r.name)
    expect(await names(bob)).toEqual(expect.arrayContaining(['lobby', 'secret plans']))
    expect(await names(carol)).toContain('lobby')
    for (const query of ['', 'where[visibility][equals]=private', `where[id][equals]=${priv.id}`, 'where[name][like]=secret']) {
      expect(await names(carol, query), query).not.toContain('secret plans')
    }
    expect((await client.get(`/api/rooms?where[visibility][equals]=private&limit=1`, carol.token)).body.totalDocs).toBe(0)
    const hidden = await client.get(`/api/rooms/${priv.id}`, carol.token)
    const missing = await client.get('/api/rooms/987654', carol.token)
    expect([hidden.status, missing.status]).toEqual([404, 404])
    expect(hidden.body).toEqual(missing.body)
    expect(await names(admin)).toEqual(expect.arrayContaining(['lobby', 'secret plans', 'book club']))
    expect((await client.get('/api/rooms?limit=1')).status).toBe(401)
  })

  it('owners and admins rename; other members and outsiders may not (a hidden room answers like a missing one)', async () => {
    const { client, alice, bob, carol, admin } = cast
    const renamed = await client.patch(`/api/rooms/${pub.id}`, { name: 'the lobby', topic: 'say hi' }, alice.token)
    expect(renamed.status).toBe(200)
    expect(renamed.body.doc).toMatchObject({ name: 'the lobby', topic: 'say hi', createdBy: { id: alice.id } })
    expect((await client.patch(`/api/rooms/${pub.id}`, { name: 'bob was here' }, bob.token)).status).toBe(403)
    const hidden = await client.patch(`/api/rooms/${priv.id}`, { name: 'mine now' }, carol.token)
    const missing = await client.patch('/api/rooms/987654', { name: 'mine now' }, carol.token)
    expect(hidden.status).toBe(missing.status)
    expect(hidden.body).toEqual(missing.body)
    expect((await client.patch(`/api/rooms/${pub.id}`, { createdBy: carol.id }, alice.token)).body.doc?.createdBy?.id ?? alice.id).toBe(alice.id)
    expect((await client.patch(`/api/rooms/${pub.id}`, { name: 'lobby' }, admin.token)).status).toBe(200)
    expect((await client.get(`/api/rooms/${priv.id}`, admin.token)).body.name).toBe('secret plans')
  })

  it('only admins delete a room, and its messages and memberships go with it', async () => {
    const { client, alice, bob, admin } = cast
    const doomed = await createRoom(server.url, alice, 'doomed')
    await addMemberAsAdmin(server.url, admin, doomed, bob)
    const msg = await postInRoom(server.url, bob, doomed, 'last words')
    expect((await client.del(`/api/rooms/${doomed.id}`, alice.token)).status).toBe(403)
    expect((await client.del(`/api/rooms/${doomed.id}`, admin.token)).status).toBe(200)
    expect((await client.get(`/api/messages/${msg.id}`, admin.token)).status).toBe(404)
    expect((await client.get(`/api/room-memberships?where[room][equals]=${doomed.id}`, admin.token)).body.docs).toEqual([])
  })
})

describe('memberships', () => {
  it('members see who is in the rooms they may see, never others’ read positions', async () => {
    const { client, alice, bob, carol } = cast
    const ofRoom = async (actor: Actor, room: TestRoom) =>
      (await client.get(`/api/room-memberships?limit=100&where[room][equals]=${room.id}`, actor.token)).body.docs
    const bobsView = await ofRoom(bob, priv)
    expect(bobsView.map((m: any) => m.user.id).sort()).toEqual([alice.id, bob.id].sort())
    for (const m of bobsView) {
      if (m.user.id === bob.id) expect(m).toMatchObject({ lastReadId: expect.any(Number), notify: 'mentions' })
      else expect(Object.keys(m).filter((key) => ['lastReadId', 'notify'].includes(key))).toEqual([])
      expect(JSON.stringify(m)).not.toMatch(/@test\.io/)
    }
    expect(await ofRoom(carol, priv)).toEqual([])
    expect((await ofRoom(carol, pub)).length).toBeGreaterThan(0)
    const sneaky = await client.get(`/api/room-memberships?limit=100&where[room.visibility][equals]=private`, carol.token)
    expect(sneaky.body.docs).toEqual([])
  })

  it('direct writes are for admins: members use the /api/rooms routes', async () => {
    const { client, alice, carol } = cast
    expect((await client.post('/api/room-memberships', { room: priv.id, user: carol.id }, carol.token)).status).toBe(403)
    expect((await client.post('/api/room-memberships', { room: pub.id, user: carol.id }, alice.token)).status).toBe(403)
    const own = (await client.get(`/api/room-memberships?where[user][equals]=${alice.id}&where[room][equals]=${pub.id}`, alice.token)).body.docs[0]
    expect((await client.patch(`/api/room-memberships/${own.id}`, { role: 'member' }, alice.token)).status).toBe(403)
    expect((await client.del(`/api/room-memberships/${own.id}`, carol.token)).status).toBe(403)
  })
})
