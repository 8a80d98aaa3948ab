// The access matrix of every route we own or expose, one row per (route, actor): anonymous,
// member A (Alice, who talks with B), member C (Carol, outside A↔B) and the admin. Each row names
// the status and, where it matters, what the actor must (not) see. On top of every row: nobody but
// the admin sees another user's email or sessions, and C and anonymous never see A↔B content.
// The stream is checked by who receives which event. The deeper cases (where-queries, depth, edit
// semantics, the Local API) are in access.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCast, send, type Actor } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { ADMIN_REPORT_FIELDS } from '../helpers/moderation'
import { openStream, parseData, type SseConnection } from '../helpers/sse-client'

type Who = 'anonymous' | 'A' | 'C' | 'admin'
type Request = { method: string; path: string; body?: unknown }
type Check = (body: any) => void | Promise<void>

const SECRET = 'A↔B secret'

let server: TestServer
let cast: Awaited<ReturnType<typeof createCast>>
let aToB: { id: number }
let aliceMarkerId: number
let aliceReportId: number
let aliceBlockId: number
let auditEntryId: number
let emails = 0
const MODERATED_BEFORE = 'to be moderated'

beforeAll(async () => {
  server = await startTestServer()
  cast = await createCast(server.url)
  aToB = await send(server.url, cast.alice, cast.bob, `${SECRET} 0`)
  await cast.client.post('/api/messages/read', { peer: cast.bob.id, upTo: aToB.id }, cast.alice.token)
  aliceMarkerId = (await cast.client.get('/api/conversation-reads', cast.alice.token)).body.docs[0].id
  aliceReportId = (await reportAs(cast.alice, (await send(server.url, cast.bob, cast.alice, 'reported by Alice')).id)).id
  // Someone else's report, which Alice must not list.
  await reportAs(cast.bob, (await send(server.url, cast.carol, cast.bob, 'reported by Bob')).id)
  // A block of Alice's, written as trusted server code (the blocks' REST rules are tested with them).
  aliceBlockId = (await server.payload.create({ collection: 'blocks', data: { blocker: cast.alice.id, blocked: cast.carol.id }, overrideAccess: true })).id
  // An audit entry: the admin edits Bob's message.
  const moderated = await send(server.url, cast.bob, cast.carol, MODERATED_BEFORE)
  await cast.client.patch(`/api/messages/${moderated.id}`, { content: 'moderated' }, cast.admin.token)
  auditEntryId = (await server.payload.find({ collection: 'moderation-log', sort: '-id', limit: 1, overrideAccess: true })).docs[0].id
})
afterAll(async () => server?.close())

const actor = (who: Who): Actor | undefined =>
  ({ anonymous: undefined, A: cast.alice, C: cast.carol, admin: cast.admin })[who]

// Rows that change or remove something get a target of their own, so rows do not depend on order.
const freshAToB = async () => (await send(server.url, cast.alice, cast.bob, `${SECRET} ${Date.now()}`)).id
const freshUser = async () => (await cast.client.signUp('Temp', `temp-${++emails}@test.io`)).id
const freshBToA = async () => (await send(server.url, cast.bob, cast.alice, `report me ${Date.now()}`)).id
async function reportAs(who: Actor, message: number): Promise<{ id: number }> {
  const res = await cast.client.post('/api/reports', { message, reason: 'abuse' }, who.token)
  if (res.status !== 201) throw new Error(`report failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.doc
}
const freshReport = async () => (await reportAs(cast.alice, await freshBToA())).id

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
  'GET /api/reports': () => ({ method: 'GET', path: '/api/reports?limit=100' }),
  // Each reporter reports a message of Bob's to Alice (C cannot read it).
  'POST /api/reports': async () => ({ method: 'POST', path: '/api/reports', body: { message: await freshBToA(), reason: 'spam' } }),
  'GET /api/reports/:id': () => ({ method: 'GET', path: `/api/reports/${aliceReportId}` }),
  // Resolving in the admin panel.
  'PATCH /api/reports/:id': async () => ({ method: 'PATCH', path: `/api/reports/${await freshReport()}`, body: { status: 'resolved', resolution: 'dismissed' } }),
  'DELETE /api/reports/:id': async () => ({ method: 'DELETE', path: `/api/reports/${await freshReport()}` }),
  'POST /api/reports/:id/resolve': async () => ({ method: 'POST', path: `/api/reports/${await freshReport()}/resolve`, body: { action: 'dismiss' } }),
  'GET /api/moderation-log': () => ({ method: 'GET', path: '/api/moderation-log?limit=100' }),
  'POST /api/moderation-log': () => ({
    method: 'POST',
    path: '/api/moderation-log',
    body: { action: 'message.removed', targetType: 'message', targetId: aToB.id, actorName: 'forged' },
  }),
  'PATCH /api/moderation-log/:id': () => ({ method: 'PATCH', path: `/api/moderation-log/${auditEntryId}`, body: { before: 'rewritten' } }),
  'DELETE /api/moderation-log/:id': () => ({ method: 'DELETE', path: `/api/moderation-log/${auditEntryId}` }),
  'GET /api/blocks': () => ({ method: 'GET', path: '/api/blocks?limit=100' }),
  'GET /api/blocks/:id': () => ({ method: 'GET', path: `/api/blocks/${aliceBlockId}` }),
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
// Reports: a member's own only, without the moderators' fields (who reported it, the snapshot).
const ownReportsOnly = (who: Who): Check => async (body) => {
  // Every doc is one of theirs (not merely: theirs are among them), and theirs are all there.
  const { docs } = await server.payload.find({ collection: 'reports', where: { reporter: { equals: actor(who)!.id } }, limit: 1000, depth: 0, overrideAccess: true })
  expect(docsOf(body).map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort())
  expect(docs.length).toBeGreaterThan(0)
  for (const doc of docsOf(body)) for (const field of ADMIN_REPORT_FIELDS) expect(doc).not.toHaveProperty(field)
}
const lacksDoc = (id: () => number): Check => (body) => expect(docsOf(body).map((d) => d.id)).not.toContain(id())
const reporterIs = (who: Who): Check => async (body) =>
  expect((await server.payload.findByID({ collection: 'reports', id: body.doc.id, depth: 0, overrideAccess: true })).reporter).toBe(actor(who)!.id)
const auditUnchanged: Check = async () =>
  expect((await server.payload.findByID({ collection: 'moderation-log', id: auditEntryId, overrideAccess: true })).before).toBe(MODERATED_BEFORE)

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
  ['GET /api/reports', 'anonymous', 401],
  ['GET /api/reports', 'A', 200, ownReportsOnly('A')],
  ['GET /api/reports', 'C', 200, lacksDoc(() => aliceReportId)],
  ['GET /api/reports', 'admin', 200, (body) => expect(docsOf(body).find((d) => d.id === aliceReportId)?.reporter?.id).toBe(cast.alice.id)],
  ['POST /api/reports', 'anonymous', 401],
  ['POST /api/reports', 'A', 201, reporterIs('A')],
  // C cannot read B→A: the message is not found for her.
  ['POST /api/reports', 'C', 404],
  ['POST /api/reports', 'admin', 201, reporterIs('admin')],
  ['GET /api/reports/:id', 'anonymous', 401],
  ['GET /api/reports/:id', 'A', 200, (body) => ADMIN_REPORT_FIELDS.forEach((field) => expect(body).not.toHaveProperty(field))],
  ['GET /api/reports/:id', 'C', 404],
  ['GET /api/reports/:id', 'admin', 200, (body) => expect(body.content).toBe('reported by Alice')],
  ['PATCH /api/reports/:id', 'anonymous', 401],
  ['PATCH /api/reports/:id', 'A', 403],
  ['PATCH /api/reports/:id', 'C', 403],
  ['PATCH /api/reports/:id', 'admin', 200, (body) => expect(body.doc.resolvedBy?.id ?? body.doc.resolvedBy).toBe(cast.admin.id)],
  // Reports are evidence: nobody deletes one, admins included.
  ['DELETE /api/reports/:id', 'anonymous', 403],
  ['DELETE /api/reports/:id', 'A', 403],
  ['DELETE /api/reports/:id', 'C', 403],
  ['DELETE /api/reports/:id', 'admin', 403],
  ['POST /api/reports/:id/resolve', 'anonymous', 401],
  ['POST /api/reports/:id/resolve', 'A', 403],
  ['POST /api/reports/:id/resolve', 'C', 403],
  ['POST /api/reports/:id/resolve', 'admin', 200, (body) => expect(body.doc.resolution).toBe('dismissed')],
  // The audit trail: admins read it; nobody writes it through the API, admins included.
  ['GET /api/moderation-log', 'anonymous', 401],
  ['GET /api/moderation-log', 'A', 403],
  ['GET /api/moderation-log', 'C', 403],
  ['GET /api/moderation-log', 'admin', 200, (body) => expect(docsOf(body).map((d) => d.id)).toContain(auditEntryId)],
  ['POST /api/moderation-log', 'anonymous', 403],
  ['POST /api/moderation-log', 'A', 403],
  ['POST /api/moderation-log', 'C', 403],
  ['POST /api/moderation-log', 'admin', 403],
  ['PATCH /api/moderation-log/:id', 'anonymous', 403, auditUnchanged],
  ['PATCH /api/moderation-log/:id', 'A', 403, auditUnchanged],
  ['PATCH /api/moderation-log/:id', 'C', 403, auditUnchanged],
  ['PATCH /api/moderation-log/:id', 'admin', 403, auditUnchanged],
  ['DELETE /api/moderation-log/:id', 'anonymous', 403, auditUnchanged],
  ['DELETE /api/moderation-log/:id', 'A', 403, auditUnchanged],
  ['DELETE /api/moderation-log/:id', 'C', 403, auditUnchanged],
  ['DELETE /api/moderation-log/:id', 'admin', 403, auditUnchanged],
  // Blocks are private to the blocker: not even admins list them.
  ['GET /api/blocks', 'anonymous', 401],
  ['GET /api/blocks', 'A', 200, (body) => expect(docsOf(body).map((d) => d.id)).toEqual([aliceBlockId])],
  ['GET /api/blocks', 'C', 200, lacksDoc(() => aliceBlockId)],
  ['GET /api/blocks', 'admin', 200, lacksDoc(() => aliceBlockId)],
  ['GET /api/blocks/:id', 'anonymous', 401],
  ['GET /api/blocks/:id', 'A', 200],
  ['GET /api/blocks/:id', 'C', 404],
  ['GET /api/blocks/:id', 'admin', 404],
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

  it('the admin panel offers no write on the audit trail and no delete of a report, to admins either', async () => {
    // Payload leaves out what is not permitted, or says `{permission: false}`.
    const can = (p: any) => p === true || p?.permission === true
    const { body } = await cast.client.get('/api/access', cast.admin.token)
    const log = body.collections['moderation-log']
    expect([log.read, log.create, log.update, log.delete].map(can)).toEqual([true, false, false, false])
    expect(can(body.collections.reports.delete)).toBe(false)
    expect(can(body.collections.reports.update)).toBe(true)
    // What the panel asks before offering Save or Delete on an entry.
    const doc = await cast.client.post(`/api/moderation-log/access/${auditEntryId}`, {}, cast.admin.token)
    expect(doc.status).toBe(200)
    expect([doc.body.read, doc.body.update, doc.body.delete].map(can)).toEqual([true, false, false])
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
    // Each step of A→B's life reaches A's and B's streams before the next: a change read after its
    // message is gone has no event (its delete follows), and this is about who gets each event.
    const [, , streamOfA] = open[0]!
    const [, , streamOfB] = open[1]!
    const reachedBoth = (event: string, id: number) =>
      Promise.all([streamOfA, streamOfB].map((s) => s.waitFor((events) => events.some((e) => e.event === event && parseData(e).id === id))))
    const ab = await send(server.url, alice, bob, `${SECRET} live`)
    label.set(ab.id, 'A→B')
    await reachedBoth('message.created', ab.id)
    label.set((await send(server.url, carol, admin, 'C to admin')).id, 'C→admin')
    expect((await client.patch(`/api/messages/${ab.id}`, { content: `${SECRET} moderated` }, admin.token)).status).toBe(200)
    await reachedBoth('message.updated', ab.id)
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
