// Suspensions against Payload's own session writes (#15 review, payloadcms/payload#18132): a
// login, refresh or logout writes the user row it read back; with the write narrowed to the
// sessions (src/db/keep-session-writes-narrow.ts) a suspension, a lift or a role change made
// meanwhile stays. The login's write is held at a gate until the admin's change has returned, so
// the overlap happens every run, in this order.
import type { UpdateOneArgs } from 'payload'
import { expect, it } from 'vitest'

import { type Actor, type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import type { User } from '../../src/payload-types'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const member = (name: string): Promise<Actor> => cast.client.signUp(name, `${name.toLowerCase()}@test.io`)
const loginAs = (name: string) => cast.client.post('/api/users/login', { email: `${name.toLowerCase()}@test.io`, password: 'password-123' })
const stored = async (id: number) => (await server.payload.db.findOne<User>({ collection: 'users', where: { id: { equals: id } } }))!

// Holds the next whole-row session write (Payload's, for a login: it carries the email) until
// `release`; `reached` resolves once it is held.
function holdNextSessionWrite() {
  const db = server.payload.db
  const updateOne = db.updateOne
  let reached!: () => void
  let release!: () => void
  const held = { reached: new Promise<void>((r) => (reached = r)), gate: new Promise<void>((r) => (release = r)) }
  let armed = true
  db.updateOne = async function (this: typeof db, args: UpdateOneArgs) {
    const data = args.data as Record<string, unknown> | undefined
    if (armed && args.collection === 'users' && args.returning === false && data && 'email' in data && 'sessions' in data) {
      armed = false
      reached()
      await held.gate
    }
    return updateOne.call(this, args)
  }
  return { reached: held.reached, release, restore: () => void (db.updateOne = updateOne) }
}

it('a login overlapping a suspension neither undoes it nor lets a session in', async () => {
  const uma = await member('Uma')
  const hold = holdNextSessionWrite()
  try {
    const login = loginAs('Uma')
    await hold.reached
    expect((await cast.client.patch(`/api/users/${uma.id}`, { suspended: true }, cast.admin.token)).status).toBe(200)
    hold.release()
    const refused = await login
    expect([refused.status, refused.body.errors[0].message]).toEqual([403, 'This account is suspended.'])
  } finally {
    hold.restore()
  }
  expect((await stored(uma.id)).suspended).toBe(true)
  // Payload's refusal may write the pre-suspension session back; it does not authenticate.
  expect((await cast.client.get('/api/messages?limit=1', uma.token)).status).toBe(401)
  expect((await cast.client.post('/api/users/refresh-token', {}, uma.token)).status).toBe(401)
  expect((await loginAs('Uma')).status).toBe(403)
})

it('a login overlapping a role change does not undo it', async () => {
  const vic = await member('Vic')
  expect((await cast.client.patch(`/api/users/${vic.id}`, { role: 'admin' }, cast.admin.token)).status).toBe(200)
  const hold = holdNextSessionWrite()
  try {
    const login = loginAs('Vic')
    await hold.reached
    expect((await cast.client.patch(`/api/users/${vic.id}`, { role: 'member' }, cast.admin.token)).status).toBe(200)
    hold.release()
    expect((await login).status).toBe(200)
  } finally {
    hold.restore()
  }
  expect((await stored(vic.id)).role).toBe('member')
})

it('a lift does not bring back sessions written back while suspended', async () => {
  const wes = await member('Wes')
  const { sessions } = await stored(wes.id)
  expect(sessions?.length).toBe(1)
  await cast.client.patch(`/api/users/${wes.id}`, { suspended: true }, cast.admin.token)
  // What a login refused during the suspension can leave behind (first test).
  await server.payload.db.updateOne({ collection: 'users', id: wes.id, data: { sessions, updatedAt: null }, returning: false })
  expect((await stored(wes.id)).sessions).toHaveLength(1)
  expect((await cast.client.patch(`/api/users/${wes.id}`, { suspended: false }, cast.admin.token)).status).toBe(200)
  expect((await stored(wes.id)).sessions).toEqual([])
  expect((await cast.client.get('/api/messages?limit=1', wes.token)).status).toBe(401)
  expect((await loginAs('Wes')).status).toBe(200)
})

it('refuses a bulk update or delete that would reach every active admin, and changes nothing', async () => {
  const lastAdmin = /^This would leave no admin who is not suspended/
  const rita = await member('Rita')
  expect((await cast.client.patch(`/api/users/${rita.id}`, { role: 'admin' }, cast.admin.token)).status).toBe(200)
  // Payload runs a bulk change's documents in parallel: each one alone would leave the other.
  const demote = await cast.client.patch('/api/users?where[role][equals]=admin', { role: 'member' }, cast.admin.token)
  expect([demote.status, demote.body.errors?.[0]?.message]).toEqual([403, expect.stringMatching(lastAdmin)])
  const suspend = await cast.client.patch(`/api/users?where[id][in]=${cast.admin.id},${rita.id}`, { suspended: true }, cast.admin.token)
  expect([suspend.status, suspend.body.errors?.[0]?.message]).toEqual([403, expect.stringMatching(lastAdmin)])
  const remove = await cast.client.del('/api/users?where[role][equals]=admin', cast.admin.token)
  expect([remove.status, remove.body.errors?.[0]?.message]).toEqual([403, expect.stringMatching(lastAdmin)])
  for (const id of [cast.admin.id, rita.id]) expect([(await stored(id)).role, (await stored(id)).suspended ?? false]).toEqual(['admin', false])
  // One of the two is fine.
  expect((await cast.client.patch(`/api/users?where[id][equals]=${rita.id}`, { role: 'member' }, cast.admin.token)).status).toBe(200)
  expect((await stored(rita.id)).role).toBe('member')
})

it('refuses the refresh of a remembered login whose user was suspended with the sessions left in place', async () => {
  const zoe = await member('Zoe')
  // Remembered by the auth cache; then suspended straight in the database (another process, a script).
  expect((await cast.client.get('/api/messages?limit=1', zoe.token)).status).toBe(200)
  await server.payload.db.updateOne({ collection: 'users', id: zoe.id, data: { suspended: true } })
  expect((await stored(zoe.id)).sessions).toHaveLength(1)
  expect((await cast.client.post('/api/users/refresh-token', {}, zoe.token)).status).toBe(401)
})
