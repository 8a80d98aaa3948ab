// The access matrix of a private room: every route × anonymous, member, owner, non-member,
// removed member and admin, each cell on a room of its own so no cell depends on another.
import { beforeAll, describe, expect, it } from 'vitest'

import { type Actor, type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { postInRoom } from '../helpers/rooms'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

let dave: Actor
let eve: Actor
let frank: Actor
beforeAll(async () => {
  dave = await cast.client.signUp('Dave', 'dave@test.io')
  eve = await cast.client.signUp('Eve', 'eve@test.io')
  frank = await cast.client.signUp('Frank', 'frank@test.io')
})

const ACTORS = ['anonymous', 'member', 'owner', 'non-member', 'removed', 'admin'] as const
type ActorName = (typeof ACTORS)[number]

// Alice owns a private room; Bob and Frank are members; Dave was one and was removed; Carol never was.
async function privateRoom() {
  const { client, alice, bob } = cast
  const room = (await client.post('/api/rooms', { name: 'matrix', visibility: 'private' }, alice.token)).body.room
  for (const user of [bob, frank, dave]) await client.post(`/api/rooms/${room.id}/members`, { user: user.id }, alice.token)
  const bobs = await postInRoom(server.url, bob, room, 'bob in the room')
  const daves = await postInRoom(server.url, dave, room, 'dave in the room')
  await client.del(`/api/rooms/${room.id}/members/${dave.id}`, alice.token)
  return { room, bobs, daves }
}

type Setup = Awaited<ReturnType<typeof privateRoom>>
interface Route {
  name: string
  call: (s: Setup, actor: ActorName) => [method: string, path: string, body?: unknown]
  // Expected status per actor, in ACTORS order.
  expect: [number, number, number, number, number, number]
}

// Whose message a message route touches: the actor's own where they have one.
const messageOf = (s: Setup, actor: ActorName) => (actor === 'removed' ? s.daves : s.bobs)

const ROUTES: Route[] = [
  { name: 'GET /api/rooms/:id', call: (s) => ['GET', `/api/rooms/${s.room.id}`], expect: [401, 200, 200, 404, 404, 200] },
  { name: 'PATCH /api/rooms/:id', call: (s) => ['PATCH', `/api/rooms/${s.room.id}`, { topic: 'new topic' }], expect: [401, 403, 200, 403, 403, 200] },
  { name: 'DELETE /api/rooms/:id', call: (s) => ['DELETE', `/api/rooms/${s.room.id}`], expect: [401, 403, 403, 403, 403, 200] },
  { name: 'POST /api/rooms/:id/join', call: (s) => ['POST', `/api/rooms/${s.room.id}/join`, {}], expect: [401, 200, 200, 404, 404, 200] },
  { name: 'POST /api/rooms/:id/leave', call: (s) => ['POST', `/api/rooms/${s.room.id}/leave`, {}], expect: [401, 200, 200, 404, 404, 200] },
  { name: 'GET /api/rooms/:id/members', call: (s) => ['GET', `/api/rooms/${s.room.id}/members`], expect: [401, 200, 200, 404, 404, 200] },
  {
    name: 'POST /api/rooms/:id/members',
    call: (s) => ['POST', `/api/rooms/${s.room.id}/members`, { user: eve.id }],
    expect: [401, 403, 201, 404, 404, 201],
  },
  {
    name: 'DELETE /api/rooms/:id/members/:other',
    call: (s) => ['DELETE', `/api/rooms/${s.room.id}/members/${frank.id}`],
    expect: [401, 403, 200, 404, 404, 200],
  },
  { name: 'POST /api/messages {room}', call: (s) => ['POST', '/api/messages', { room: s.room.id, content: 'hi' }], expect: [401, 201, 201, 400, 400, 201] },
  { name: 'GET /api/messages/:id', call: (s, a) => ['GET', `/api/messages/${messageOf(s, a).id}`], expect: [401, 200, 200, 404, 404, 200] },
  {
    name: 'PATCH /api/messages/:id',
    call: (s, a) => ['PATCH', `/api/messages/${messageOf(s, a).id}`, { content: 'edited' }],
    expect: [401, 200, 403, 403, 403, 200],
  },
  { name: 'DELETE /api/messages/:id', call: (s, a) => ['DELETE', `/api/messages/${messageOf(s, a).id}`], expect: [401, 200, 403, 403, 403, 200] },
  {
    name: 'POST /api/messages/read {room}',
    call: (s) => ['POST', '/api/messages/read', { room: s.room.id, upTo: s.bobs.id }],
    expect: [401, 200, 200, 400, 400, 403],
  },
]

const tokenOf = (actor: ActorName): string | undefined =>
  ({ anonymous: undefined, member: cast.bob.token, owner: cast.alice.token, 'non-member': cast.carol.token, removed: dave.token, admin: cast.admin.token })[actor]

describe('a private room: every route × every kind of caller', () => {
  for (const route of ROUTES) {
    it(route.name, async () => {
      const got: number[] = []
      for (const actor of ACTORS) {
        const setup = await privateRoom()
        const [method, path, body] = route.call(setup, actor)
        got.push((await cast.client.request(method, path, { token: tokenOf(actor), body })).status)
      }
      expect(Object.fromEntries(ACTORS.map((a, i) => [a, got[i]]))).toEqual(Object.fromEntries(ACTORS.map((a, i) => [a, route.expect[i]])))
    })
  }

  it('reading the room’s messages: members and admins get them, anyone else nothing, whatever the query', async () => {
    const setup = await privateRoom()
    const queries = [`where[room][equals]=${setup.room.id}`, `where[id][in]=${setup.bobs.id},${setup.daves.id}`, 'depth=2', `where[room.name][equals]=matrix`]
    for (const query of queries) {
      const counts = []
      for (const actor of ACTORS) {
        const res = await cast.client.get(`/api/messages?limit=100&${query}`, tokenOf(actor))
        counts.push(res.status === 200 ? res.body.docs.filter((d: any) => (d.room?.id ?? d.room) === setup.room.id).length : res.status)
      }
      expect(counts, query).toEqual([401, 2, 2, 0, 0, 2])
    }
  })
})
