// Suspensions (#15): a suspended user cannot log in, every session and open stream of theirs
// ends, old tokens are refused everywhere; only admins suspend, never themselves, never the last
// admin; lifting restores login; each admin action is in the audit trail.
import { expect, it, vi } from 'vitest'

// No periodic session check within a test: streams that end, end because this process ended
// them (another process's suspension: stream-revocation.int.test.ts).
vi.hoisted(() => {
  process.env.SSE_SESSION_CHECK_MS = '600000'
})

import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { openStream } from '../helpers/sse-client'
import type { User } from '../../src/payload-types'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const { stream } = useStreams(() => server)
const FUTURE = '2099-01-01T00:00:00.000Z'

async function readyStream(token: string) {
  const s = await stream(token)
  await s.ready()
  return s
}

const member = (name: string): Promise<Actor> => cast.client.signUp(name, `${name.toLowerCase()}@test.io`)

const loginAs = (name: string, password = 'password-123') =>
  cast.client.post('/api/users/login', { email: `${name.toLowerCase()}@test.io`, password })

// As stored, no hook in between (an afterRead hook hides a suspended user's sessions).
const stored = async (id: number) => (await server.payload.db.findOne<User>({ collection: 'users', where: { id: { equals: id } } }))!

async function auditOf(targetId: number) {
  const { docs } = await server.payload.find({
    collection: 'moderation-log',
    where: { targetId: { equals: targetId } },
    sort: 'createdAt',
    overrideAccess: true,
  })
  return docs.map(({ action, actor, actorName, targetType, targetLabel, before, after, reason }) => ({
    action,
    actor: typeof actor === 'object' ? actor?.id : actor,
    actorName,
    targetType,
    targetLabel,
    before: before ?? null,
    after: after ?? null,
    reason: reason ?? null,
  }))
}

it('ends every session and stream of a suspended user, refuses their login, tokens and posts', async () => {
  const nina = await member('Nina')
  const otherTab = await cast.client.login('nina@test.io')
  const before = await send(server.url, nina, cast.alice, 'sent before the suspension')
  const streams = [await readyStream(nina.token), await readyStream(otherTab.token)]
  const bystander = await readyStream(cast.bob.token)

  const res = await cast.client.patch(`/api/users/${nina.id}`, { suspended: true, suspendedReason: 'spam', suspendedUntil: FUTURE }, cast.admin.token)
  expect(res.status).toBe(200)

  await Promise.all(streams.map((s) => s.closed))
  expect((await stored(nina.id)).sessions).toEqual([])
  for (const token of [nina.token, otherTab.token]) {
    expect((await cast.client.get('/api/messages?limit=1', token)).status).toBe(401)
    expect((await cast.client.post('/api/messages', { receiver: cast.alice.id, content: 'still here?' }, token)).status).toBe(401)
    expect((await openStream(server.url, { token })).status).toBe(401)
    expect((await cast.client.post('/api/users/refresh-token', {}, token)).status).toBe(401)
  }

  const login = await loginAs('Nina')
  expect(login.status).toBe(403)
  expect(login.body.errors[0]).toMatchObject({ message: `This account is suspended until ${FUTURE}.`, data: { suspendedUntil: FUTURE } })
  expect((await stored(nina.id)).sessions).toEqual([])
  // A wrong password says nothing about the suspension.
  const guess = await loginAs('Nina', 'wrong-password')
  expect(guess.status).toBe(401)
  expect(JSON.stringify(guess.body)).not.toMatch(/suspend/i)

  // Their messages stay; the rest of the chat goes on.
  expect((await cast.client.get(`/api/messages/${before.id}`, cast.alice.token)).status).toBe(200)
  const still = await send(server.url, cast.alice, cast.bob, 'bystander still live')
  await bystander.waitFor(() => bystander.changes().some((e) => JSON.parse(e.data).id === still.id))
})

it('says so without an end date, and lifting lets the user log in again', async () => {
  const omar = await member('Omar')
  const message = await send(server.url, omar, cast.alice, 'before')
  await cast.client.patch(`/api/users/${omar.id}`, { suspended: true }, cast.admin.token)
  const refused = await loginAs('Omar')
  expect([refused.status, refused.body.errors[0].message, refused.body.errors[0].data]).toEqual([403, 'This account is suspended.', { suspendedUntil: null }])

  expect((await cast.client.patch(`/api/users/${omar.id}`, { suspended: false }, cast.admin.token)).status).toBe(200)
  // The sessions stay ended: a token from before the suspension is not revived.
  expect((await cast.client.get('/api/messages?limit=1', omar.token)).status).toBe(401)
  expect((await cast.client.get(`/api/messages/${message.id}`, cast.alice.token)).status).toBe(200)
  const again = await loginAs('Omar')
  expect(again.status).toBe(200)
  expect((await cast.client.post('/api/messages', { receiver: cast.alice.id, content: 'back' }, again.body.token)).status).toBe(201)
})

it('lifts itself once suspendedUntil has passed', async () => {
  const pia = await member('Pia')
  await cast.client.patch(`/api/users/${pia.id}`, { suspended: true, suspendedUntil: FUTURE }, cast.admin.token)
  expect((await loginAs('Pia')).status).toBe(403)
  // The end date moved into the past (as time would), straight in the database: no hook runs.
  await server.payload.db.updateOne({ collection: 'users', id: pia.id, data: { suspendedUntil: '2020-01-01T00:00:00.000Z' } })
  const login = await loginAs('Pia')
  expect(login.status).toBe(200)
  expect((await cast.client.get('/api/messages?limit=1', login.body.token)).status).toBe(200)
  expect((await auditOf(pia.id)).map(({ action }) => action)).toEqual(['user.suspended'])
})

it('refuses a member setting the suspension fields, on themself or others, and changes nothing', async () => {
  const quinn = await member('Quinn')
  await cast.client.patch(`/api/users/${quinn.id}`, { suspended: true }, cast.admin.token)
  const cases: Array<[number, Record<string, unknown>]> = [
    [cast.alice.id, { suspended: true }],
    [cast.alice.id, { suspendedReason: 'x' }],
    [cast.alice.id, { name: 'Alice', suspendedUntil: FUTURE }],
    [quinn.id, { suspended: false }],
  ]
  for (const [id, body] of cases) {
    const res = await cast.client.patch(`/api/users/${id}`, body, cast.alice.token)
    expect(res.status, JSON.stringify(body)).toBe(403)
    expect(res.body.errors[0].message).toMatch(/^Only admins can suspend a user or lift a suspension: remove /)
  }
  expect((await stored(cast.alice.id)).suspended).toBeFalsy()
  expect((await stored(quinn.id)).suspended).toBe(true)
  // Nor can a sign-up arrive suspended or not (allowWritableFields: 400, nothing created).
  const signUp = await cast.client.post('/api/users', { name: 'Sly', email: 'sly@test.io', password: 'password-123', suspended: false })
  expect(signUp.status).toBe(400)
  expect((await server.payload.count({ collection: 'users', where: { email: { equals: 'sly@test.io' } } })).totalDocs).toBe(0)
  // Members cannot read them either, not even their own.
  const me = await cast.client.get(`/api/users/${cast.alice.id}`, cast.alice.token)
  expect(me.status).toBe(200)
  expect(me.body).not.toHaveProperty('suspended')
})

it('refuses an admin suspending themself', async () => {
  const res = await cast.client.patch(`/api/users/${cast.admin.id}`, { suspended: true, suspendedReason: 'oops' }, cast.admin.token)
  expect([res.status, res.body.errors[0].message]).toEqual([403, 'You cannot suspend yourself.'])
  expect((await stored(cast.admin.id)).suspended).toBeFalsy()
  // The panel sends the whole form: an unticked box on one's own page is fine.
  expect((await cast.client.patch(`/api/users/${cast.admin.id}`, { name: 'Ada Admin', suspended: false }, cast.admin.token)).status).toBe(200)
})

it('never leaves the server without an admin who is not suspended', async () => {
  const lastAdmin = /^This would leave no admin who is not suspended/
  const demote = await cast.client.patch(`/api/users/${cast.admin.id}`, { role: 'member' }, cast.admin.token)
  expect([demote.status, demote.body.errors[0].message]).toEqual([403, expect.stringMatching(lastAdmin)])
  const remove = await cast.client.del(`/api/users/${cast.admin.id}`, cast.admin.token)
  expect([remove.status, remove.body.errors[0].message]).toEqual([403, expect.stringMatching(lastAdmin)])
  // Nor a script with no user (the Local API runs the same hooks).
  await expect(server.payload.update({ collection: 'users', id: cast.admin.id, data: { suspended: true } })).rejects.toThrow(lastAdmin)

  const rita = await member('Rita')
  expect((await cast.client.patch(`/api/users/${rita.id}`, { role: 'admin' }, cast.admin.token)).status).toBe(200)
  // Two admins: one may now be suspended, but then the other is the last one.
  await server.payload.update({ collection: 'users', id: rita.id, data: { suspended: true } })
  await expect(server.payload.update({ collection: 'users', id: cast.admin.id, data: { suspended: true } })).rejects.toThrow(lastAdmin)
  await server.payload.update({ collection: 'users', id: rita.id, data: { suspended: false, role: 'member' } })
  expect((await stored(cast.admin.id)).role).toBe('admin')
  expect((await stored(cast.admin.id)).suspended).toBeFalsy()
})

it('writes an audit entry for each admin action on a user, and none for scripts or time', async () => {
  const sam = await member('Sam')
  const actor = { actor: cast.admin.id, actorName: 'Ada Admin', targetType: 'user', targetLabel: 'Sam' }
  await cast.client.patch(`/api/users/${sam.id}`, { suspended: true, suspendedReason: 'abuse', suspendedUntil: FUTURE }, cast.admin.token)
  await cast.client.patch(`/api/users/${sam.id}`, { suspended: false }, cast.admin.token)
  await cast.client.patch(`/api/users/${sam.id}`, { role: 'admin' }, cast.admin.token)
  await cast.client.patch(`/api/users/${sam.id}`, { role: 'member' }, cast.admin.token)
  // A script's change is no moderator's action.
  await server.payload.update({ collection: 'users', id: sam.id, data: { suspended: true } })
  await server.payload.update({ collection: 'users', id: sam.id, data: { suspended: false } })
  expect((await cast.client.del(`/api/users/${sam.id}`, cast.admin.token)).status).toBe(200)

  expect(await auditOf(sam.id)).toEqual([
    { ...actor, action: 'user.suspended', before: null, after: FUTURE, reason: 'abuse' },
    { ...actor, action: 'user.unsuspended', before: null, after: null, reason: null },
    { ...actor, action: 'user.role-changed', before: 'member', after: 'admin', reason: null },
    { ...actor, action: 'user.role-changed', before: 'admin', after: 'member', reason: null },
    { ...actor, action: 'user.deleted', before: null, after: null, reason: null },
  ])
  // A user's own change writes nothing either.
  await cast.client.patch(`/api/users/${cast.carol.id}`, { name: 'Carol' }, cast.carol.token)
  expect(await auditOf(cast.carol.id)).toEqual([])
})

it('ends the sessions and streams of a user suspended by a script with no user', async () => {
  const tess = await member('Tess')
  const stream = await readyStream(tess.token)
  await server.payload.update({ collection: 'users', id: tess.id, data: { suspended: true } })
  await stream.closed
  expect((await stored(tess.id)).sessions).toEqual([])
  expect((await cast.client.get('/api/messages?limit=1', tess.token)).status).toBe(401)
})
