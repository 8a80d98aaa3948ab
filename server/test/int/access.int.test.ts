// The access matrix: anonymous, member A, member B, member C (outside A↔B) and admin, over REST
// and the Local API on behalf of a user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCast, send, type Actor } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/http-server'

let server: TestServer
let cast: Awaited<ReturnType<typeof createCast>>
let aliceToBob: { id: number }
let bobToAlice: { id: number }
let carolToAlice: { id: number }

beforeAll(async () => {
  server = await startTestServer()
  cast = await createCast(server.url)
  aliceToBob = await send(server.url, cast.alice, cast.bob, 'hi bob')
  bobToAlice = await send(server.url, cast.bob, cast.alice, 'hi alice')
  carolToAlice = await send(server.url, cast.carol, cast.alice, 'hello from carol')
})
afterAll(async () => server?.close())

const ids = (body: { docs: Array<{ id: number }> }) => body.docs.map((d) => d.id).sort((a, b) => a - b)

describe('messages over REST', () => {
  it('anonymous requests are refused with 401', async () => {
    const { client } = cast
    expect((await client.get('/api/messages')).status).toBe(401)
    expect((await client.get(`/api/messages/${aliceToBob.id}`)).status).toBe(401)
    expect((await client.post('/api/messages', { receiver: cast.bob.id, content: 'x' })).status).toBe(401)
    expect((await client.patch(`/api/messages/${aliceToBob.id}`, { content: 'x' })).status).toBe(401)
    expect((await client.del(`/api/messages/${aliceToBob.id}`)).status).toBe(401)
  })

  it('each member lists only the DMs they sent or received; the admin lists all', async () => {
    const { client, alice, bob, carol, admin } = cast
    expect(ids((await client.get('/api/messages', alice.token)).body)).toEqual(
      [aliceToBob.id, bobToAlice.id, carolToAlice.id].sort((a, b) => a - b),
    )
    expect(ids((await client.get('/api/messages', bob.token)).body)).toEqual([aliceToBob.id, bobToAlice.id])
    expect(ids((await client.get('/api/messages', carol.token)).body)).toEqual([carolToAlice.id])
    expect((await client.get('/api/messages', admin.token)).body.totalDocs).toBe(3)
  })

  it('an outsider cannot reach A↔B by id or by any where query', async () => {
    const { client, alice, bob, carol } = cast
    expect((await client.get(`/api/messages/${aliceToBob.id}`, carol.token)).status).toBe(404)
    const queries = [
      `where[sender][equals]=${alice.id}`,
      `where[receiver][equals]=${bob.id}`,
      `where[or][0][sender][equals]=${alice.id}&where[or][1][receiver][equals]=${alice.id}`,
      `where[id][equals]=${aliceToBob.id}`,
      `where[content][like]=hi`,
    ]
    for (const query of queries) {
      const res = await client.get(`/api/messages?${query}`, carol.token)
      expect(res.status, query).toBe(200)
      expect(res.body.docs.filter((d: any) => d.id !== carolToAlice.id), query).toEqual([])
    }
  })

  it('members cannot filter on fields they may not read', async () => {
    const res = await cast.client.get('/api/messages?where[sender.email][like]=alice', cast.carol.token)
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).not.toContain('hi bob')
  })

  it('only the sender or an admin may edit or delete', async () => {
    const { client, bob, carol, alice, admin } = cast
    for (const actor of [bob, carol]) {
      const edit = await client.patch(`/api/messages/${aliceToBob.id}`, { content: 'hijacked' }, actor.token)
      expect([403, 404]).toContain(edit.status)
      const remove = await client.del(`/api/messages/${aliceToBob.id}`, actor.token)
      expect([403, 404]).toContain(remove.status)
    }
    const stored = await client.get(`/api/messages/${aliceToBob.id}`, alice.token)
    expect(stored.body.content).toBe('hi bob')

    const own = await client.patch(`/api/messages/${aliceToBob.id}`, { content: 'hi bob (edited)' }, alice.token)
    expect(own.status).toBe(200)
    expect(own.body.doc.content).toBe('hi bob (edited)')
    expect(own.body.doc.editedAt).toBeTruthy()

    const moderated = await client.patch(`/api/messages/${bobToAlice.id}`, { content: '[moderated]' }, admin.token)
    expect(moderated.status).toBe(200)

    // Deleting: the sender her own message, the admin someone else's; both are gone for everyone.
    const mine = await send(server.url, alice, bob, 'alice will delete this')
    const bobs = await send(server.url, bob, carol, 'the admin will delete this')
    expect((await client.del(`/api/messages/${mine.id}`, alice.token)).status).toBe(200)
    expect((await client.del(`/api/messages/${bobs.id}`, admin.token)).status).toBe(200)
    for (const id of [mine.id, bobs.id]) expect((await client.get(`/api/messages/${id}`, admin.token)).status).toBe(404)
  })

  it('an edit changes content only: sender, receiver and timestamp stay', async () => {
    const { client, alice, admin } = cast
    const msg = await send(server.url, alice, cast.bob, 'original')
    const before = (await client.get(`/api/messages/${msg.id}?depth=0`, alice.token)).body
    for (const actor of [alice, admin]) {
      const res = await client.patch(`/api/messages/${msg.id}`, { content: 'changed', sender: cast.carol.id, receiver: cast.carol.id }, actor.token)
      expect(res.status).toBe(200)
      // Timestamps are the server's: naming another one is refused (test/int/timestamps.int.test.ts).
      const dated = await client.patch(`/api/messages/${msg.id}`, { content: 'x', timestamp: '2000-01-01T00:00:00.000Z' }, actor.token)
      expect(dated.status).toBe(400)
    }
    const after = (await client.get(`/api/messages/${msg.id}?depth=0`, alice.token)).body
    expect(after).toMatchObject({ sender: before.sender, receiver: before.receiver, timestamp: before.timestamp, content: 'changed' })
  })
})

const asUser = async (actor: Actor) =>
  ({ ...(await server.payload.findByID({ collection: 'users', id: actor.id, overrideAccess: true })), collection: 'users' as const })

describe('messages through the Local API on behalf of a user', () => {
  it('applies the same rules as REST', async () => {
    const carol = await asUser(cast.carol)
    const found = await server.payload.find({
      collection: 'messages',
      where: { sender: { equals: cast.alice.id } },
      overrideAccess: false,
      user: carol,
    })
    expect(found.docs).toEqual([])
    await expect(
      server.payload.update({
        collection: 'messages',
        id: aliceToBob.id,
        data: { content: 'nope' },
        overrideAccess: false,
        user: carol,
      }),
    ).rejects.toThrow()
    await expect(server.payload.find({ collection: 'messages', overrideAccess: false })).rejects.toMatchObject({
      status: 403,
    })
  })

  it('denies every rule to a call on behalf of nobody (no user, access enforced)', async () => {
    const { payload } = server
    const denied = { status: 403 }
    await expect(payload.update({ collection: 'messages', id: aliceToBob.id, data: { content: 'nobody' }, overrideAccess: false })).rejects.toMatchObject(denied)
    await expect(payload.delete({ collection: 'messages', id: aliceToBob.id, overrideAccess: false })).rejects.toMatchObject(denied)
    await expect(payload.find({ collection: 'conversation-reads', overrideAccess: false })).rejects.toMatchObject(denied)
    await expect(payload.update({ collection: 'users', id: cast.bob.id, data: { name: 'Mallory' }, overrideAccess: false })).rejects.toMatchObject(denied)
    const message = await payload.findByID({ collection: 'messages', id: aliceToBob.id, overrideAccess: true })
    expect(message.content).not.toBe('nobody')
    expect((await payload.findByID({ collection: 'users', id: cast.bob.id, overrideAccess: true })).name).toBe('Bob')
  })
})

describe('users', () => {
  it('members see only id and name of others; emails and sessions never leak', async () => {
    const { client, alice } = cast
    const list = await client.get('/api/users?limit=100', alice.token)
    expect(list.status).toBe(200)
    for (const user of list.body.docs) {
      if (user.id === alice.id) {
        expect(user.email).toBe('alice@test.io')
        continue
      }
      expect(Object.keys(user).sort()).toEqual(['collection', 'id', 'name'])
    }
    const one = await client.get(`/api/users/${cast.bob.id}`, alice.token)
    expect(Object.keys(one.body).sort()).toEqual(['collection', 'id', 'name'])
  })

  it('populated senders and receivers carry no email or auth fields at any depth', async () => {
    const { client, alice } = cast
    for (const depth of [undefined, 1, 2, 5]) {
      const res = await client.get(`/api/messages${depth === undefined ? '' : `?depth=${depth}`}`, alice.token)
      const text = JSON.stringify(res.body)
      expect(text).not.toMatch(/@test\.io|sessions|hash|salt|loginAttempts/)
      for (const doc of res.body.docs) {
        expect(Object.keys(doc.sender).sort()).toEqual(['collection', 'id', 'name'])
        expect(Object.keys(doc.receiver).sort()).toEqual(['collection', 'id', 'name'])
      }
    }
  })

  it('the admin sees emails', async () => {
    const list = await cast.client.get('/api/users?limit=100', cast.admin.token)
    expect(list.body.docs.map((u: any) => u.email).sort()).toEqual([
      'admin@test.io',
      'alice@test.io',
      'bob@test.io',
      'carol@test.io',
    ])
  })

  it('anonymous users cannot list users', async () => {
    expect((await cast.client.get('/api/users')).status).toBe(401)
  })

  it('members cannot edit or delete other users', async () => {
    const { client, alice, bob } = cast
    const edit = await client.patch(`/api/users/${bob.id}`, { name: 'Mallory' }, alice.token)
    expect([403, 404]).toContain(edit.status)
    const remove = await client.del(`/api/users/${bob.id}`, alice.token)
    expect(remove.status).toBe(403)
    expect((await client.get(`/api/users/${bob.id}`, bob.token)).body.name).toBe('Bob')
  })

  it('only admins may enter the admin panel', async () => {
    const canEnter = server.payload.collections.users.config.access.admin!
    const [alice, admin] = await Promise.all([asUser(cast.alice), asUser(cast.admin)])
    expect(await canEnter({ req: { user: alice } } as never)).toBe(false)
    expect(await canEnter({ req: { user: admin } } as never)).toBe(true)
    expect(await canEnter({ req: { user: null } } as never)).toBe(false)
  })
})
