// REST through a real HTTP server: the curl walkthrough, spoofing, escalation and bad input.
import { describe, expect, it } from 'vitest'

import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const countMessages = async () => (await server.payload.count({ collection: 'messages', overrideAccess: true })).totalDocs
const errorText = (body: unknown) => JSON.stringify(body)

describe('the walkthrough', () => {
  it('logs in, sends a DM, lists the conversation, edits and deletes', async () => {
    const { client, alice, bob } = cast
    const login = await client.post('/api/users/login', { email: 'alice@test.io', password: 'password-123' })
    expect(login.status).toBe(200)
    expect(login.headers.get('set-cookie')).toContain('payload-token=')
    const token = login.body.token

    const sent = await client.post('/api/messages', { receiver: bob.id, content: '  Hello Bob!  ' }, token)
    expect(sent.status).toBe(201)
    expect(sent.body.doc).toMatchObject({
      content: 'Hello Bob!',
      sender: { id: alice.id, name: 'Alice' },
      receiver: { id: bob.id, name: 'Bob' },
      editedAt: null,
    })
    expect(Date.parse(sent.body.doc.timestamp)).toBeGreaterThan(Date.now() - 60_000)

    const conversation = await client.get(
      `/api/messages?where[or][0][sender][equals]=${bob.id}&where[or][1][receiver][equals]=${bob.id}&sort=-timestamp`,
      token,
    )
    expect(conversation.body.docs.map((d: any) => d.content)).toContain('Hello Bob!')

    const edited = await client.patch(`/api/messages/${sent.body.doc.id}`, { content: 'Hello, Bob!' }, token)
    expect(edited.status).toBe(200)
    expect(edited.body.doc.content).toBe('Hello, Bob!')
    expect(edited.body.doc.editedAt).not.toBeNull()

    const removed = await client.del(`/api/messages/${sent.body.doc.id}`, token)
    expect(removed.status).toBe(200)
    expect((await client.get(`/api/messages/${sent.body.doc.id}`, bob.token)).status).toBe(404)
  })

  it('accepts the payload-token cookie from the same site, and refuses it cross-site (CSRF)', async () => {
    const cookie = `payload-token=${cast.alice.token}`
    const sameSite = await fetch(`${server.url}/api/messages`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } })
    expect(sameSite.status).toBe(200)
    const allowed = await fetch(`${server.url}/api/messages`, { headers: { cookie, origin: 'http://localhost:5173' } })
    expect(allowed.status).toBe(200)
    const crossSite = await fetch(`${server.url}/api/messages`, { headers: { cookie, origin: 'https://evil.example' } })
    expect(crossSite.status).toBe(401)
  })

  it('answers CORS only for allowed origins, never with a wildcard', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/messages`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      })
    const allowed = await preflight('http://localhost:5173')
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true')
    const denied = await preflight('https://evil.example')
    expect(denied.headers.get('access-control-allow-origin') ?? '').not.toMatch(/evil|\*/)
  })
})

describe('the server decides who sent a message and who is admin', () => {
  it('ignores a sender in the body', async () => {
    const { client, alice, bob, carol } = cast
    const res = await client.post('/api/messages', { receiver: bob.id, content: 'spoof?', sender: carol.id }, alice.token)
    expect(res.status).toBe(201)
    expect(res.body.doc.sender.id).toBe(alice.id)
  })

  it('ignores a role at sign-up', async () => {
    const res = await cast.client.post('/api/users', { name: 'Eve', email: 'eve@test.io', password: 'password-123', role: 'admin' })
    expect(res.status).toBe(201)
    const stored = await server.payload.findByID({ collection: 'users', id: res.body.doc.id, overrideAccess: true })
    expect(stored.role).toBe('member')
  })

  it('ignores a role in a self-update; an admin can change roles', async () => {
    const { client, alice, admin } = cast
    const self = await client.patch(`/api/users/${alice.id}`, { role: 'admin', name: 'Alice A.' }, alice.token)
    expect(self.status).toBe(200)
    let stored = await server.payload.findByID({ collection: 'users', id: alice.id, overrideAccess: true })
    expect(stored).toMatchObject({ role: 'member', name: 'Alice A.' })

    const promoted = await client.patch(`/api/users/${cast.carol.id}`, { role: 'admin' }, admin.token)
    expect(promoted.status).toBe(200)
    stored = await server.payload.findByID({ collection: 'users', id: cast.carol.id, overrideAccess: true })
    expect(stored.role).toBe('admin')
    await client.patch(`/api/users/${cast.carol.id}`, { role: 'member' }, admin.token)
  })

  it('made the first user of the empty database the admin, and first-register is closed now', async () => {
    const first = await server.payload.findByID({ collection: 'users', id: cast.admin.id, overrideAccess: true })
    expect(first.role).toBe('admin')
    const again = await cast.client.post('/api/users/first-register', { name: 'Z', email: 'z@test.io', password: 'password-123' })
    expect(again.status).toBe(403)
  })
})

describe('bad input: a clear 4xx JSON error and nothing changes', () => {
  const cases: Array<[string, () => { method: string; path: string; body?: unknown; raw?: string; token?: string }, number[], RegExp]> = [
    ['malformed JSON', () => ({ method: 'POST', path: '/api/messages', raw: '{"receiver": 1,', token: cast.alice.token }), [400], /Invalid JSON/],
    ['a JSON array body', () => ({ method: 'POST', path: '/api/messages', body: [1, 2], token: cast.alice.token }), [400], /JSON object/],
    ['a null body', () => ({ method: 'POST', path: '/api/messages', raw: 'null', token: cast.alice.token }), [400], /JSON object/],
    ['missing content', () => ({ method: 'POST', path: '/api/messages', body: { receiver: cast.bob.id }, token: cast.alice.token }), [400], /Content/],
    ['whitespace-only content', () => ({ method: 'POST', path: '/api/messages', body: { receiver: cast.bob.id, content: ' \n\t ' }, token: cast.alice.token }), [400], /Content/],
    ['content over 4000 characters', () => ({ method: 'POST', path: '/api/messages', body: { receiver: cast.bob.id, content: 'x'.repeat(4001) }, token: cast.alice.token }), [400], /4000/],
    ['content that is not text', () => ({ method: 'POST', path: '/api/messages', body: { receiver: cast.bob.id, content: ['x'] }, token: cast.alice.token }), [400], /must be text/],
    ['missing receiver', () => ({ method: 'POST', path: '/api/messages', body: { content: 'hi' }, token: cast.alice.token }), [400], /receiver is required/],
    ['unknown receiver', () => ({ method: 'POST', path: '/api/messages', body: { receiver: 987654, content: 'hi' }, token: cast.alice.token }), [400], /No user with id 987654/],
    ['non-numeric receiver', () => ({ method: 'POST', path: '/api/messages', body: { receiver: 'bob', content: 'hi' }, token: cast.alice.token }), [400], /must be a user id/],
    ['non-numeric message id', () => ({ method: 'GET', path: '/api/messages/abc', token: cast.alice.token }), [404], /not a valid id/i],
    ['non-numeric id in an edit', () => ({ method: 'PATCH', path: '/api/messages/1%20or%201=1', body: { content: 'x' }, token: cast.alice.token }), [403, 404], /not a valid id|not allowed/i],
    ['non-numeric user id', () => ({ method: 'GET', path: '/api/users/abc', token: cast.alice.token }), [404], /not a valid id/i],
    ['a where on an id with text', () => ({ method: 'GET', path: '/api/messages?where[sender][equals]=abc', token: cast.alice.token }), [400], /where\[sender\]\[equals\]/],
    ['a where with a bad date', () => ({ method: 'GET', path: '/api/messages?where[timestamp][greater_than]=yesterday', token: cast.alice.token }), [400], /must be a date/],
    ['a where with an unknown operator', () => ({ method: 'GET', path: '/api/messages?where[content][nope]=1', token: cast.alice.token }), [400], /cannot be queried/],
    ['a forged token', () => ({ method: 'GET', path: '/api/messages', token: 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0.forged' }), [401], /logged in/],
    ['an expired-looking token on a write', () => ({ method: 'POST', path: '/api/messages', body: { receiver: cast.bob.id, content: 'x' }, token: 'a.b.c' }), [401], /logged in/],
    ['a wrong password', () => ({ method: 'POST', path: '/api/users/login', body: { email: 'alice@test.io', password: 'wrong' } }), [401], /incorrect/],
    ['a sign-up without a name', () => ({ method: 'POST', path: '/api/users', body: { email: 'n@test.io', password: 'password-123' } }), [400], /Name/],
    ['a sign-up with a taken email', () => ({ method: 'POST', path: '/api/users', body: { name: 'B2', email: 'bob@test.io', password: 'password-123' } }), [400], /already registered/],
    ['a name over 50 characters', () => ({ method: 'POST', path: '/api/users', body: { name: 'n'.repeat(51), email: 'long@test.io', password: 'password-123' } }), [400], /Name/],
    ['a sign-up with a 7-character password', () => ({ method: 'POST', path: '/api/users', body: { name: 'Short', email: 'short@test.io', password: '1234567' } }), [400], /at least 8 characters/],
    ['a password changed to 7 characters', () => ({ method: 'PATCH', path: `/api/users/${cast.alice.id}`, body: { password: 'abcdefg' }, token: cast.alice.token }), [400], /at least 8 characters/],
  ]

  for (const [label, build, statuses, message] of cases) {
    it(`rejects ${label}`, async () => {
      const before = await countMessages()
      const { method, path, body, raw, token } = build()
      const res = await cast.client.request(method, path, { body, raw, token })
      expect(statuses, errorText(res.body)).toContain(res.status)
      expect(res.headers.get('content-type')).toContain('application/json')
      expect(errorText(res.body)).toMatch(message)
      expect(await countMessages()).toBe(before)
    })
  }

  it('keeps the old password when a new one is too short, and creates no user with one', async () => {
    expect((await cast.client.login('alice@test.io')).id).toBe(cast.alice.id)
    const { totalDocs } = await server.payload.count({ collection: 'users', where: { email: { equals: 'short@test.io' } } })
    expect(totalDocs).toBe(0)
  })

  it("refuses edits of someone else's message and leaves it as it was", async () => {
    const msg = await send(server.url, cast.bob, cast.alice, 'from bob')
    const res = await cast.client.patch(`/api/messages/${msg.id}`, { content: 'changed by alice' }, cast.alice.token)
    expect([403, 404]).toContain(res.status)
    const stored = await server.payload.findByID({ collection: 'messages', id: msg.id, overrideAccess: true })
    expect(stored.content).toBe('from bob')
  })

  it('accepts exactly 4000 characters', async () => {
    const res = await cast.client.post('/api/messages', { receiver: cast.bob.id, content: 'y'.repeat(4000) }, cast.alice.token)
    expect(res.status).toBe(201)
  })
})

describe('deleting a user', () => {
  it('removes their messages first instead of failing on a constraint', async () => {
    const { client, admin } = cast
    const dave = await client.signUp('Dave', 'dave@test.io')
    await send(server.url, dave, cast.alice, 'from dave')
    await send(server.url, cast.alice, dave, 'to dave')
    const res = await client.del(`/api/users/${dave.id}`, admin.token)
    expect(res.status).toBe(200)
    const left = await server.payload.count({
      collection: 'messages',
      where: { or: [{ sender: { equals: dave.id } }, { receiver: { equals: dave.id } }] },
      overrideAccess: true,
    })
    expect(left.totalDocs).toBe(0)
  })
})
