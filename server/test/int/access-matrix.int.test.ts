// The access matrix of every route we own or expose, one row per (route, actor): anonymous,
// member A (Alice, who talks with B), member C (Carol, outside A↔B) and the admin. Each row names
// the status and, where it matters, what the actor must (not) see. On top of every row: nobody but
// the admin sees another user's email or sessions, and C and anonymous never see A↔B content.
// The stream is checked by who receives which event. The deeper cases (where-queries, depth, edit
// semantics, the Local API) are in access.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCast, send, type Actor } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { openStream, parseData, type SseConnection } from '../helpers/sse-client'

type Who = 'anonymous' | 'A' | 'C' | 'admin'
type Request = { method: string; path: string; body?: unknown }
type Check = (body: any) => void | Promise<void>

const SECRET = 'A↔B secret'

let server: TestServer
let cast: Awaited<ReturnType<typeof createCast>>
let aToB: { id: number }
let aliceMarkerId: number
let emails = 0

beforeAll(async () => {
  server = await startTestServer()
  cast = await createCast(server.url)
  aToB = await send(server.url, cast.alice, cast.bob, `${SECRET} 0`)
  await cast.client.post('/api/messages/read', { peer: cast.bob.id, upTo: aToB.id }, cast.alice.token)
  aliceMarkerId = (await cast.client.get('/api/conversation-reads', cast.alice.token)).body.docs[0].id
})
afterAll(async () => server?.close())

const actor = (who: Who): Actor | undefined =>
  ({ anonymous: undefined, A: cast.alice, C: cast.carol, admin: cast.admin })[who]

// Rows that change or remove something get a target of their own, so rows do not depend on order.
const freshAToB = async () => (await send(server.url, cast.alice, cast.bob, `${SECRET} ${Date.now()}`)).id
const freshUser = async () => (await cast.client.signUp('Temp', `temp-${++emails}@test.io`)).id

const routes: Record<string, (who: Who) => Promise<Request> | Request> = {
  'GET /api/messages': () => ({ method: 'GET', path: '/api/messages?limit=100' }),
  // The body names Alice as sender: the server must set the sender from the token instead.
  'POST /api/messages': () => ({ method: 'POST', path: '/api/messages', body: { receiver: cast.bob.id, sender: cast.alice.id, content: 'hello' } }),
  'GET /api/messages/:id': () => ({ method: 'GET', path: `/api/messages/${aToB.id}` }),
  'PATCH /api/messages/:id': async () => ({ method: 'PATCH', path: `/api/messages/${await freshAToB()}`, body: { content: 'changed' } }),
  'DELETE /api/messages/:id': async () => ({ method: 'DELETE', path: `/api/messages/${await freshAToB()}` }),
  'GET /api/messages/conversations': () => ({ method: 'GET', path: '/api/messages/conversations' }),
  'POST /api/messages/read': () => ({ method: 'POST', path: '/api/messages/read', body: { peer: cast.bob.id, upTo: aToB.id } }),
  'GET /api/users': () => ({ method: 'GET', path: '/api/users?limit=100' }),
  // Asks for the admin role: only an admin may give it.
  'POST /api/users': () => ({ method: 'POST', path: '/api/users', body: { name: 'New', email: `new-${++emails}@test.io`, password: 'password-123', role: 'admin' } }),
  'GET /api/users/:id': () => ({ method: 'GET', path: `/api/users/${cast.bob.id}` }),
  // A edits herself and asks for the admin role (ignored); C tries to edit A; the admin edits A.
  'PATCH /api/users/:id': (who) => ({
    method: 'PATCH',
    path: `/api/users/${cast.alice.id}`,
    body: who === 'admin' ? { name: 'Alice' } : { name: 'Alice', role: 'admin' },
  }),
  'DELETE /api/users/:id': async () => ({ method: 'DELETE', path: `/api/users/${await freshUser()}` }),
  'GET /api/users/me': () => ({ method: 'GET', path: '/api/users/me' }),
  'GET /api/conversation-reads': () => ({ method: 'GET', path: '/api/conversation-reads' }),
  'GET /api/conversation-reads/:id': () => ({ method: 'GET', path: `/api/conversation-reads/${aliceMarkerId}` }),
  'POST /api/conversation-reads': () => ({ method: 'POST', path: '/api/conversation-reads', body: { user: cast.bob.id, peer: cast.carol.id, lastReadId: 1 } }),
  'GET /api/access': () => ({ method: 'GET', path: '/api/access' }),
  'GET /api/payload-preferences': () => ({ method: 'GET', path: '/api/payload-preferences' }),
  'POST /api/payload-preferences/:key': () => ({ method: 'POST', path: '/api/payload-preferences/nav', body: { value: { open: true } } }),
  'GET /api/payload-locked-documents': () => ({ method: 'GET', path: '/api/payload-locked-documents' }),
  // Locking A's message as if editing it in the admin panel.
  'POST /api/payload-locked-documents': () => ({
    method: 'POST',
    path: '/api/payload-locked-documents',
    body: { document: { relationTo: 'messages', value: aToB.id }, user: { relationTo: 'users', value: cast.carol.id } },
  }),
}

const seesSecret: Check = (body) => expect(JSON.stringify(body)).toContain(SECRET)
const docsOf = (body: any): any[] => body.docs
const senderIs = (who: Who): Check => (body) => expect(body.doc.sender.id ?? body.doc.sender).toBe(actor(who)!.id)
// Read from the database: a member's answer does not show the new user's role.
const roleIs = (role: string): Check => async (body) =>
  expect((await server.payload.findByID({ collection: 'users', id: body.doc.id, overrideAccess: true })).role).toBe(role)
const onlyOwnMarkers = (who: Who): Check => (body) => expect(docsOf(body).every((d) => (d.user.id ?? d.user) === actor(who)!.id)).toBe(true)
const canEnterAdmin = (expected: boolean): Check => (body) => expect(Boolean(body.canAccessAdmin)).toBe(expected)
const isSelf = (who: Who): Check => (body) => expect(body.user?.id ?? null).toBe(actor(who)?.id ?? null)

// [route, who, status, what the body must show]
const matrix: Array<[string, Who, number, Check?]> = [
  ['GET /api/messages', 'anonymous', 401],
  ['GET /api/messages', 'A', 200, seesSecret],
  ['GET /api/messages', 'C', 200],
  ['GET /api/messages', 'admin', 200, seesSecret],
  ['POST /api/messages', 'anonymous', 401],
  ['POST /api/messages', 'A', 201, senderIs('A')],
  ['POST /api/messages', 'C', 201, senderIs('C')],
  ['POST /api/messages', 'admin', 201, senderIs('admin')],
  ['GET /api/messages/:id', 'anonymous', 401],
  ['GET /api/messages/:id', 'A', 200, seesSecret],
  ['GET /api/messages/:id', 'C', 404],
  ['GET /api/messages/:id', 'admin', 200, seesSecret],
  ['PATCH /api/messages/:id', 'anonymous', 401],
  ['PATCH /api/messages/:id', 'A', 200],
  ['PATCH /api/messages/:id', 'C', 403],
  ['PATCH /api/messages/:id', 'admin', 200],
  ['DELETE /api/messages/:id', 'anonymous', 401],
  ['DELETE /api/messages/:id', 'A', 200],
  ['DELETE /api/messages/:id', 'C', 403],
  ['DELETE /api/messages/:id', 'admin', 200],
  ['GET /api/messages/conversations', 'anonymous', 401],
  ['GET /api/messages/conversations', 'A', 200, seesSecret],
  ['GET /api/messages/conversations', 'C', 200],
  ['GET /api/messages/conversations', 'admin', 200],
  // C may move only her own marker; the answer tells her nothing about A↔B.
  ['POST /api/messages/read', 'anonymous', 401],
  ['POST /api/messages/read', 'A', 200],
  ['POST /api/messages/read', 'C', 200],
  ['POST /api/messages/read', 'admin', 200],
  ['GET /api/users', 'anonymous', 401],
  ['GET /api/users', 'A', 200],
  ['GET /api/users', 'C', 200],
  ['GET /api/users', 'admin', 200, (body) => expect(JSON.stringify(body)).toContain('alice@test.io')],
  // Sign-up is open; the role asked for is ignored unless an admin creates the user.
  ['POST /api/users', 'anonymous', 201, roleIs('member')],
  ['POST /api/users', 'A', 201, roleIs('member')],
  ['POST /api/users', 'C', 201, roleIs('member')],
  ['POST /api/users', 'admin', 201, roleIs('admin')],
  ['GET /api/users/:id', 'anonymous', 401],
  ['GET /api/users/:id', 'A', 200, (body) => expect(Object.keys(body).sort()).toEqual(['collection', 'id', 'name'])],
  ['GET /api/users/:id', 'C', 200, (body) => expect(Object.keys(body).sort()).toEqual(['collection', 'id', 'name'])],
  ['GET /api/users/:id', 'admin', 200, (body) => expect(body.email).toBe('bob@test.io')],
  ['PATCH /api/users/:id', 'anonymous', 401],
  ['PATCH /api/users/:id', 'A', 200, (body) => expect(body.doc.role).toBe('member')],
  ['PATCH /api/users/:id', 'C', 403],
  ['PATCH /api/users/:id', 'admin', 200],
  ['DELETE /api/users/:id', 'anonymous', 401],
  ['DELETE /api/users/:id', 'A', 403],
  ['DELETE /api/users/:id', 'C', 403],
  ['DELETE /api/users/:id', 'admin', 200],
  ['GET /api/users/me', 'anonymous', 200, isSelf('anonymous')],
  ['GET /api/users/me', 'A', 200, isSelf('A')],
  ['GET /api/users/me', 'C', 200, isSelf('C')],
  ['GET /api/users/me', 'admin', 200, isSelf('admin')],
  ['GET /api/conversation-reads', 'anonymous', 401],
  ['GET /api/conversation-reads', 'A', 200, onlyOwnMarkers('A')],
  ['GET /api/conversation-reads', 'C', 200, onlyOwnMarkers('C')],
  ['GET /api/conversation-reads', 'admin', 200, (body) => expect(docsOf(body).map((d) => d.id)).toContain(aliceMarkerId)],
  ['GET /api/conversation-reads/:id', 'anonymous', 401],
  ['GET /api/conversation-reads/:id', 'A', 200],
  ['GET /api/conversation-reads/:id', 'C', 404],
  ['GET /api/conversation-reads/:id', 'admin', 200],
  // Markers move only through POST /api/messages/read, which never moves one backwards.
  ['POST /api/conversation-reads', 'anonymous', 401],
  ['POST /api/conversation-reads', 'A', 403],
  ['POST /api/conversation-reads', 'C', 403],
  ['POST /api/conversation-reads', 'admin', 201],
  // The admin panel's own APIs. Permissions are answered to anyone ("may not" is an answer).
  ['GET /api/access', 'anonymous', 200, canEnterAdmin(false)],
  ['GET /api/access', 'A', 200, canEnterAdmin(false)],
  ['GET /api/access', 'C', 200, canEnterAdmin(false)],
  ['GET /api/access', 'admin', 200, canEnterAdmin(true)],
  // Preferences are Payload's, per user: 403 (its own rule) for anonymous, each user only their own.
  ['GET /api/payload-preferences', 'anonymous', 403],
  ['GET /api/payload-preferences', 'A', 200],
  ['GET /api/payload-preferences', 'C', 200, (body) => expect(docsOf(body)).toEqual([])],
  ['GET /api/payload-preferences', 'admin', 200, (body) => expect(docsOf(body)).toEqual([])],
  ['POST /api/payload-preferences/:key', 'anonymous', 401],
  ['POST /api/payload-preferences/:key', 'A', 200],
  ['POST /api/payload-preferences/:key', 'C', 200],
  ['POST /api/payload-preferences/:key', 'admin', 200],
  // Document locks are the admin panel's: a member's lock would block the sender's own edits (423).
  ['GET /api/payload-locked-documents', 'anonymous', 401],
  ['GET /api/payload-locked-documents', 'A', 403],
  ['GET /api/payload-locked-documents', 'C', 403],
  ['GET /api/payload-locked-documents', 'admin', 200],
  ['POST /api/payload-locked-documents', 'anonymous', 401],
  ['POST /api/payload-locked-documents', 'A', 403],
  ['POST /api/payload-locked-documents', 'C', 403],
  ['POST /api/payload-locked-documents', 'admin', 201],
]

// User documents carrying an email, sessions or a hash must be the actor's own (a sign-up returns
// the new user). Permission maps (/api/access) name these fields too, but carry no id.
function privateFieldsOfOthers(body: unknown, self: number | undefined): unknown[] {
  const found: unknown[] = []
  const walk = (value: unknown) => {
    if (!value || typeof value !== 'object') return
    const record = value as Record<string, unknown>
    const isPrivate = 'email' in record || 'sessions' in record || 'hash' in record
    if ('id' in record && isPrivate && record.id !== self) found.push(record)
    Object.values(record).forEach(walk)
  }
  walk(body)
  return found
}

describe('REST', () => {
  it.each(matrix)('%s as %s → %i', async (route, who, status, check) => {
    const request = await routes[route](who)
    const res = await cast.client.request(request.method, request.path, { token: actor(who)?.token, body: request.body })
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    await check?.(res.body)
    if (who !== 'admin') {
      const self = actor(who)?.id ?? (route === 'POST /api/users' ? res.body.doc?.id : undefined)
      expect(privateFieldsOfOthers(res.body, self)).toEqual([])
    }
    if (who === 'C' || who === 'anonymous') expect(JSON.stringify(res.body)).not.toContain(SECRET)
  })

  it('every route above has a row for each actor', () => {
    for (const route of Object.keys(routes)) {
      expect(matrix.filter(([r]) => r === route).map(([, who]) => who), route).toEqual(['anonymous', 'A', 'C', 'admin'])
    }
  })
})

// The stream's audience is a message's sender and receiver, nobody else: not an outsider, and not
// the admin either (moderating A↔B from /admin does not stream A↔B to the admin's own chat).
describe('GET /api/messages/sse', () => {
  const label = new Map<number, string>()
  const received = new Map<Who | 'B', string[]>()
  const streams: SseConnection[] = []
  afterAll(() => streams.forEach((s) => s.close()))

  beforeAll(async () => {
    const { alice, bob, carol, admin, client } = cast
    const owners = { A: alice, B: bob, C: carol, admin } as const
    const open = await Promise.all(
      Object.entries(owners).map(async ([who, owner]) => [who, owner, await openStream(server.url, { token: owner.token })] as const),
    )
    for (const [, , s] of open) {
      streams.push(s)
      await s.ready()
    }
    const ab = await send(server.url, alice, bob, `${SECRET} live`)
    label.set(ab.id, 'A→B')
    label.set((await send(server.url, carol, admin, 'C to admin')).id, 'C→admin')
    expect((await client.patch(`/api/messages/${ab.id}`, { content: `${SECRET} moderated` }, admin.token)).status).toBe(200)
    expect((await client.del(`/api/messages/${ab.id}`, admin.token)).status).toBe(200)
    // Then one last message to each stream's owner: once it arrives, everything before it has.
    for (const [who, owner, s] of open) {
      const end = await send(server.url, owner === admin ? carol : admin, owner, 'end')
      await s.waitFor((events) => events.some((e) => e.event === 'message.created' && parseData(e).id === end.id))
      const events = s.changes().filter((e) => label.has(parseData(e).id))
      received.set(who as Who | 'B', events.map((e) => `${e.event} ${label.get(parseData(e).id)}`))
    }
  })

  const lifeOfAToB = ['message.created A→B', 'message.updated A→B', 'message.deleted A→B']
  it.each([
    ['A', lifeOfAToB],
    ['B', lifeOfAToB],
    ['C', ['message.created C→admin']],
    ['admin', ['message.created C→admin']],
  ] as const)('%s receives %j', (who, expected) => {
    expect(received.get(who)).toEqual(expected)
  })

  it('anonymous gets 401 and no stream', async () => {
    const s = await openStream(server.url)
    expect(s.status).toBe(401)
    await s.closed
    expect(s.body).not.toContain(SECRET)
  })
})
