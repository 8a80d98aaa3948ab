// Ids beyond the id columns' range (PostgreSQL's `integer`: 2^31-1) name no row: every request
// that takes an id answers the same 4xx on both databases, before any SQL runs, never a 500 from
// PostgreSQL refusing the parameter (22003). Run it both ways (TEST_DATABASE=postgres).
import { expect, it } from 'vitest'

import { MAX_ID } from '../../src/db/ids'
import { type Cast, useServerWithCast } from '../helpers/fixtures'
import { createRoom } from '../helpers/feed-rooms'
import type { TestServer } from '../helpers/http-server'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

it.each([MAX_ID + 1, 3_000_000_000, Number.MAX_SAFE_INTEGER])('id %d: the same 4xx as a missing row on both databases', async (beyond) => {
  const { client, alice, bob } = cast
  const room = await createRoom(server.payload, { name: `range ${beyond}`, members: [alice.id] })
  const answers = {
    members: (await client.get(`/api/rooms/${beyond}/members`, alice.token)).status,
    message: (await client.get(`/api/messages/${beyond}`, alice.token)).status,
    whereId: (await client.get(`/api/messages?where[id][equals]=${beyond}`, alice.token)).status,
    readDm: (await client.post('/api/messages/read', { peer: bob.id, upTo: beyond }, alice.token)).status,
    readPeer: (await client.post('/api/messages/read', { peer: beyond, upTo: 1 }, alice.token)).status,
    readRoom: (await client.post('/api/messages/read', { room: room.id, upTo: beyond }, alice.token)).status,
    presence: (await client.get(`/api/presence?users=${beyond}`, alice.token)).status,
    sendRoom: (await client.post('/api/messages', { room: beyond, content: 'x' }, alice.token)).status,
    sendDm: (await client.post('/api/messages', { receiver: beyond, content: 'x' }, alice.token)).status,
    typingRoom: (await client.post('/api/typing', { room: beyond }, alice.token)).status,
    typingDm: (await client.post('/api/typing', { receiver: beyond }, alice.token)).status,
  }
  // A URL naming no document is a 404 (as any missing one); an id in a query or body that no row
  // can have is malformed input, a 400 with its message.
  expect(answers).toEqual({
    members: 400,
    message: 404,
    whereId: 400,
    readDm: 400,
    readPeer: 400,
    readRoom: 400,
    presence: 400,
    sendRoom: 400,
    sendDm: 400,
    typingRoom: 400,
    typingDm: 400,
  })
})

it('the largest id is still an id: a missing row, not malformed', async () => {
  const { client, alice } = cast
  expect((await client.get(`/api/messages/${MAX_ID}`, alice.token)).status).toBe(404)
  const none = await client.get(`/api/messages?where[id][equals]=${MAX_ID}`, alice.token)
  expect(none.status).toBe(200)
  expect(none.body.docs).toEqual([])
})
