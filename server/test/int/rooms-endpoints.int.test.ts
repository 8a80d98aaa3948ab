// The rooms routes: the sidebar's list, create, join, leave and the member list, with who may call
// each (anonymous, member, owner, non-member, removed member, admin) and owner hand-over.
import { describe, expect, it } from 'vitest'

import { type Actor, type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { postInRoom, type TestRoom } from '../helpers/rooms'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const rooms = async (actor: Actor) => {
  const res = await cast.client.get('/api/rooms', actor.token)
  expect(res.status).toBe(200)
  return res.body.rooms as any[]
}
const summaryOf = async (actor: Actor, room: TestRoom) => (await rooms(actor)).find((r) => r.id === room.id)
const create = async (actor: Actor, name: string, visibility = 'public'): Promise<TestRoom> => {
  const res = await cast.client.post('/api/rooms', { name, visibility }, actor.token)
  expect(res.status).toBe(201)
  return res.body.room
}
const members = async (actor: Actor, room: TestRoom) => cast.client.get(`/api/rooms/${room.id}/members`, actor.token)
const roles = async (room: TestRoom) =>
  (await members(cast.admin, room)).body.members.map((m: any) => [m.name, m.role])

describe('POST /api/rooms', () => {
  it('answers 201 with the room as the creator sees it: owner and only member', async () => {
    const res = await cast.client.post('/api/rooms', { name: 'Design', topic: 'pixels', visibility: 'private' }, cast.alice.token)
    expect(res.status).toBe(201)
    expect(res.body.room).toMatchObject({
      name: 'Design',
      topic: 'pixels',
      visibility: 'private',
      memberCount: 1,
      isMember: true,
      role: 'owner',
      unread: 0,
      mentions: 0,
      lastMessage: null,
    })
    expect(res.body.doc.id).toBe(res.body.room.id)
    expect((await cast.client.post('/api/rooms', { name: 'x' })).status).toBe(401)
    expect((await cast.client.post('/api/rooms', { name: 'x', visibility: 'secret' }, cast.alice.token)).status).toBe(400)
  })
})

describe('GET /api/rooms', () => {
  it('lists every public room and your private ones, latest activity first, with your read state', async () => {
    const { alice, bob, carol } = cast
    const quiet = await create(bob, 'quiet')
    const busy = await create(alice, 'busy')
    const hidden = await create(alice, 'hidden', 'private')
    await cast.client.post(`/api/rooms/${busy.id}/join`, {}, bob.token)
    await postInRoom(server.url, alice, busy, 'one')
    await postInRoom(server.url, alice, busy, 'two')
    await postInRoom(server.url, alice, hidden, 'psst')

    const bobs = await rooms(bob)
    expect(bobs.map((r) => r.name)).not.toContain('hidden')
    expect(bobs.map((r) => r.name).indexOf('busy')).toBeLessThan(bobs.map((r) => r.name).indexOf('quiet'))
    expect(bobs.find((r) => r.id === busy.id)).toMatchObject({ isMember: true, role: 'member', memberCount: 2, unread: 2 })
    expect(bobs.find((r) => r.id === busy.id).lastMessage).toMatchObject({ content: 'two', room: { id: busy.id }, receiver: null })
    // A room you are not in: no read state, no last message.
    expect(await summaryOf(carol, busy)).toMatchObject({ isMember: false, role: null, unread: 0, mentions: 0, lastMessage: null, memberCount: 2 })
    // Your own messages are never unread.
    expect(await summaryOf(alice, busy)).toMatchObject({ unread: 0, role: 'owner' })
    expect((await rooms(alice)).find((r) => r.id === hidden.id)).toMatchObject({ visibility: 'private', lastMessage: { content: 'psst' } })
    expect((await rooms(carol)).some((r) => r.id === hidden.id)).toBe(false)
    expect(quiet).toBeTruthy()
    expect((await cast.client.get('/api/rooms')).status).toBe(401)
  })

  it('with query parameters it is Payload’s paginated find, under the same access', async () => {
    const res = await cast.client.get('/api/rooms?limit=100&sort=name', cast.carol.token)
    expect(res.status).toBe(200)
    expect(res.body.docs.map((r: any) => r.name)).not.toContain('hidden')
    expect(res.body.totalDocs).toBe(res.body.docs.length)
  })
})

describe('join and leave', () => {
  it('anyone joins a public room (again is harmless); a private room you were not added to is not found', async () => {
    const { client, alice, carol } = cast
    const open = await create(alice, 'open house')
    const closed = await create(alice, 'closed door', 'private')
    const joined = await client.post(`/api/rooms/${open.id}/join`, {}, carol.token)
    expect(joined.status).toBe(200)
    expect(joined.body.room).toMatchObject({ id: open.id, isMember: true, role: 'member', memberCount: 2 })
    expect((await client.post(`/api/rooms/${open.id}/join`, {}, carol.token)).body.room.memberCount).toBe(2)

    // At the same moment too: one membership, every answer 200; two owners adding one user: 201 and 409.
    const racing = await Promise.all(Array.from({ length: 20 }, () => client.post(`/api/rooms/${open.id}/join`, {}, cast.bob.token)))
    expect(new Set(racing.map((r) => r.status))).toEqual(new Set([200]))
    expect((await roles(open)).filter(([name]: string[]) => name === 'Bob')).toHaveLength(1)
    const adds = await Promise.all([alice, cast.admin].map((actor) => client.post(`/api/rooms/${closed.id}/members`, { user: cast.bob.id }, actor.token)))
    expect(adds.map((r) => r.status).sort()).toEqual([201, 409])

    const hidden = await client.post(`/api/rooms/${closed.id}/join`, {}, carol.token)
    const missing = await client.post('/api/rooms/987654/join', {}, carol.token)
    expect([hidden.status, missing.status]).toEqual([404, 404])
    expect(hidden.body).toEqual(missing.body)
    expect((await roles(closed)).map(([name]: string[]) => name)).toEqual(['Alice', 'Bob'])
    expect((await client.post('/api/rooms/abc/join', {}, carol.token)).status).toBe(400)
    expect((await client.post(`/api/rooms/${open.id}/join`, {})).status).toBe(401)
  })

  it('an owner who leaves hands the room to the longest-standing member; the last to leave leaves it empty', async () => {
    const { client, alice, bob, carol } = cast
    const room = await create(alice, 'relay')
    await client.post(`/api/rooms/${room.id}/join`, {}, bob.token)
    await client.post(`/api/rooms/${room.id}/join`, {}, carol.token)
    const left = await client.post(`/api/rooms/${room.id}/leave`, {}, alice.token)
    expect(left.status).toBe(200)
    expect(left.body.room).toMatchObject({ isMember: false, role: null, memberCount: 2 })
    expect(await roles(room)).toEqual([['Bob', 'owner'], ['Carol', 'member']])
    expect((await client.post(`/api/rooms/${room.id}/leave`, {}, alice.token)).status).toBe(200)

    await client.post(`/api/rooms/${room.id}/leave`, {}, bob.token)
    expect(await roles(room)).toEqual([['Carol', 'owner']])
    await client.post(`/api/rooms/${room.id}/leave`, {}, carol.token)
    expect(await roles(room)).toEqual([])
    expect((await client.get(`/api/rooms/${room.id}`, cast.admin.token)).status).toBe(200)
    expect((await client.del(`/api/rooms/${room.id}`, cast.admin.token)).status).toBe(200)
  })
})

describe('members', () => {
  it('the member list: for anyone who may see the room, id, name and role only', async () => {
    const { alice, bob, carol, admin } = cast
    const club = await create(alice, 'club', 'private')
    await cast.client.post(`/api/rooms/${club.id}/members`, { user: bob.id }, alice.token)
    const list = await members(bob, club)
    expect(list.status).toBe(200)
    expect(list.body.members).toEqual([
      { id: alice.id, name: 'Alice', role: 'owner' },
      { id: bob.id, name: 'Bob', role: 'member' },
    ])
    const hidden = await members(carol, club)
    const missing = await cast.client.get('/api/rooms/987654/members', carol.token)
    expect([hidden.status, missing.status]).toEqual([404, 404])
    expect(hidden.body).toEqual(missing.body)
    expect((await members(admin, club)).status).toBe(200)
    const open = await create(alice, 'agora')
    expect((await members(carol, open)).body.members).toEqual([{ id: alice.id, name: 'Alice', role: 'owner' }])
    expect((await cast.client.get(`/api/rooms/${open.id}/members`)).status).toBe(401)
  })

  it('owners and admins add members (201); others get 403; bad, unknown or duplicate users are refused', async () => {
    const { client, alice, bob, carol, admin } = cast
    const team = await create(alice, 'team', 'private')
    const added = await client.post(`/api/rooms/${team.id}/members`, { user: bob.id }, alice.token)
    expect(added.status).toBe(201)
    expect(added.body.members.map((m: any) => m.id)).toEqual([alice.id, bob.id])
    expect((await client.post(`/api/rooms/${team.id}/members`, { user: carol.id }, bob.token)).status).toBe(403)
    expect((await client.post(`/api/rooms/${team.id}/members`, { user: carol.id }, carol.token)).status).toBe(404)
    expect((await client.post(`/api/rooms/${team.id}/members`, { user: carol.id })).status).toBe(401)
    for (const body of [{ user: 'x' }, { user: 987654 }, {}, [carol.id], { user: { id: carol.id } }]) {
      const res = await client.post(`/api/rooms/${team.id}/members`, body, alice.token)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors[0].message).toBeTruthy()
    }
    expect((await client.request('POST', `/api/rooms/${team.id}/members`, { raw: '{oops', token: alice.token })).status).toBe(400)
    const again = await client.post(`/api/rooms/${team.id}/members`, { user: bob.id }, alice.token)
    expect(again.status).toBe(409)
    expect((await client.post(`/api/rooms/${team.id}/members`, { user: carol.id }, admin.token)).status).toBe(201)
    expect((await roles(team)).map(([name]: string[]) => name)).toEqual(['Alice', 'Bob', 'Carol'])
  })

  it('an owner removes anyone, a member only themself; removing the last owner hands the room over', async () => {
    const { client, alice, bob, carol } = cast
    const crew = await create(alice, 'crew', 'private')
    for (const user of [bob, carol]) await client.post(`/api/rooms/${crew.id}/members`, { user: user.id }, alice.token)
    expect((await client.del(`/api/rooms/${crew.id}/members/${carol.id}`, bob.token)).status).toBe(403)
    expect((await client.del(`/api/rooms/${crew.id}/members/${bob.id}`, bob.token)).status).toBe(200)
    expect((await client.del(`/api/rooms/${crew.id}/members/${bob.id}`, alice.token)).status).toBe(404)
    expect((await client.del(`/api/rooms/${crew.id}/members/nobody`, alice.token)).status).toBe(400)
    // Bob is out: the room is hidden from him again, and he cannot add himself back.
    expect((await members(bob, crew)).status).toBe(404)
    expect((await client.post(`/api/rooms/${crew.id}/join`, {}, bob.token)).status).toBe(404)
    const removedSelf = await client.del(`/api/rooms/${crew.id}/members/${alice.id}`, alice.token)
    expect(removedSelf.status).toBe(200)
    expect(removedSelf.body.members).toEqual([{ id: carol.id, name: 'Carol', role: 'owner' }])
  })

  it('deleting a user removes their memberships and room messages; their rooms pass to the next member', async () => {
    const { client, admin, bob } = cast
    const gina = await client.signUp('Gina', 'gina@test.io')
    const room = await create(gina, 'gina’s room')
    await client.post(`/api/rooms/${room.id}/join`, {}, bob.token)
    const said = await postInRoom(server.url, gina, room, 'gina says')
    expect((await client.del(`/api/users/${gina.id}`, admin.token)).status).toBe(200)
    expect(await roles(room)).toEqual([['Bob', 'owner']])
    expect((await client.get(`/api/messages/${said.id}`, admin.token)).status).toBe(404)
    const left = await client.get(`/api/room-memberships?where[user][equals]=${gina.id}`, admin.token)
    expect(left.body.docs).toEqual([])
  })
})
