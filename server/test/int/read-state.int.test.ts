// Conversation summaries and read markers: the sidebar's data.
import { describe, expect, it } from 'vitest'

import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const conversations = async (token: string) => (await cast.client.get('/api/messages/conversations', token)).body.conversations

describe('conversations', () => {
  it('lists each peer once with the last message and unread count, latest activity first', async () => {
    const { alice, bob, carol } = cast
    await send(server.url, bob, alice, 'b1')
    await send(server.url, bob, alice, 'b2')
    await send(server.url, alice, bob, 'a1')
    await send(server.url, carol, alice, 'c1')

    const list = await conversations(alice.token)
    expect(list.map((c: any) => [c.user.name, c.lastMessage.content, c.unread])).toEqual([
      ['Carol', 'c1', 1],
      ['Bob', 'a1', 2],
    ])
    expect(Object.keys(list[0].user).sort()).toEqual(['id', 'name'])
    expect(JSON.stringify(list)).not.toMatch(/@test\.io|sessions/)
    // Bob's own messages are never unread for Bob.
    expect((await conversations(bob.token)).map((c: any) => [c.user.name, c.unread])).toEqual([['Alice', 1]])
    // Carol sees only her own conversation.
    expect((await conversations(carol.token)).map((c: any) => c.user.name)).toEqual(['Alice'])
  })

  it('marks a conversation read up to a message, and never backwards', async () => {
    const { client, alice, bob } = cast
    const latest = (await conversations(alice.token)).find((c: any) => c.user.id === bob.id)
    const read = await client.post('/api/messages/read', { peer: bob.id, upTo: latest.lastMessage.id }, alice.token)
    expect(read.status).toBe(200)
    expect(read.body).toEqual({ peer: bob.id, lastReadId: latest.lastMessage.id })
    expect((await conversations(alice.token)).find((c: any) => c.user.id === bob.id).unread).toBe(0)

    const back = await client.post('/api/messages/read', { peer: bob.id, upTo: 1 }, alice.token)
    expect(back.body.lastReadId).toBe(latest.lastMessage.id)
    await send(server.url, bob, alice, 'b3')
    expect((await conversations(alice.token)).find((c: any) => c.user.id === bob.id).unread).toBe(1)
  })

  it('keeps read markers private to their owner', async () => {
    const { client, alice, bob, admin } = cast
    const bobsView = await client.get('/api/conversation-reads', bob.token)
    expect(bobsView.body.docs.every((d: any) => (d.user.id ?? d.user) === bob.id)).toBe(true)
    const forged = await client.post('/api/conversation-reads', { user: bob.id, peer: alice.id, lastReadId: 999 }, alice.token)
    expect(forged.status).toBe(403)
    const adminView = await client.get('/api/conversation-reads', admin.token)
    expect(adminView.body.totalDocs).toBeGreaterThan(0)
  })

  it('rejects bad input with 4xx and needs a login', async () => {
    const { client, alice } = cast
    expect((await client.get('/api/messages/conversations')).status).toBe(401)
    expect((await client.post('/api/messages/read', { peer: cast.bob.id, upTo: 1 })).status).toBe(401)
    for (const body of [{ peer: 'x', upTo: 1 }, { peer: cast.bob.id, upTo: -1 }, { peer: 98765, upTo: 1 }, [1], {}]) {
      const res = await client.post('/api/messages/read', body, alice.token)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors[0].message).toBeTruthy()
    }
    const raw = await client.request('POST', '/api/messages/read', { raw: '{oops', token: alice.token })
    expect(raw.status).toBe(400)
  })

  it('forgets read markers with their user', async () => {
    const { client, admin, alice } = cast
    const dave = await client.signUp('Dave', 'dave@test.io')
    const msg = await send(server.url, alice, dave, 'hi dave')
    await client.post('/api/messages/read', { peer: alice.id, upTo: msg.id }, dave.token)
    expect((await client.del(`/api/users/${dave.id}`, admin.token)).status).toBe(200)
    expect((await conversations(alice.token)).some((c: any) => c.user.id === dave.id)).toBe(false)
  })
})
