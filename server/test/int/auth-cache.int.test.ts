// The auth cache (src/auth): one user lookup serves a login's requests for AUTH_CACHE_MS, and
// nothing that revokes access through this process waits for it.
import { expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.AUTH_CACHE_MS = '1500'
})

import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { endSessionsElsewhere } from '../helpers/write-from-another-process'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const me = (token: string) => cast.client.get('/api/users/me', token)
const messages = (token: string) => cast.client.get('/api/messages?limit=1', token)

function countUserLookups() {
  const spy = vi.spyOn(server.payload, 'findByID')
  return {
    get count() {
      return spy.mock.calls.filter(([args]) => args.collection === 'users').length
    },
    restore: () => spy.mockRestore(),
  }
}

it("serves a login's requests from one user lookup", async () => {
  const { token } = await cast.client.login('alice@test.io')
  const lookups = countUserLookups()
  for (let i = 0; i < 10; i++) expect((await messages(token)).status).toBe(200)
  const posted = await cast.client.post('/api/messages?depth=0', { receiver: cast.bob.id, content: 'cached' }, token)
  expect(posted.status).toBe(201)
  expect(posted.body.doc.sender).toBe(cast.alice.id)
  expect(lookups.count).toBe(1)
  lookups.restore()
})

it('refuses a token at once after its logout', async () => {
  const { token } = await cast.client.login('bob@test.io')
  expect((await messages(token)).status).toBe(200)
  expect((await cast.client.post('/api/users/logout', {}, token)).status).toBe(200)
  expect((await messages(token)).status).toBe(401)
})

it('refuses every session at once after a logout from all of them, and keeps other users in', async () => {
  const first = await cast.client.login('carol@test.io')
  const second = await cast.client.login('carol@test.io')
  for (const { token } of [first, second, cast.alice]) expect((await messages(token)).status).toBe(200)
  expect((await cast.client.post('/api/users/logout?allSessions=true', {}, first.token)).status).toBe(200)
  expect((await messages(first.token)).status).toBe(401)
  expect((await messages(second.token)).status).toBe(401)
  expect((await messages(cast.alice.token)).status).toBe(200)
})

it('applies a role change at once', async () => {
  const dave = await cast.client.signUp('Dave', 'dave@test.io')
  expect((await cast.client.patch(`/api/users/${dave.id}`, { role: 'admin' }, cast.admin.token)).status).toBe(200)
  // As an admin Dave sees other users' emails: this request is answered from the cache next time.
  expect((await cast.client.get(`/api/users/${cast.alice.id}`, dave.token)).body.email).toBe('alice@test.io')
  expect((await me(dave.token)).body.user.role).toBe('admin')
  expect((await cast.client.patch(`/api/users/${dave.id}`, { role: 'member' }, cast.admin.token)).status).toBe(200)
  expect((await cast.client.get(`/api/users/${cast.alice.id}`, dave.token)).body.email).toBeUndefined()
  expect((await cast.client.get('/api/users/me', dave.token)).body.user.role).toBe('member')
})

it("refuses a deleted user's token at once", async () => {
  const erin = await cast.client.signUp('Erin', 'erin@test.io')
  expect((await messages(erin.token)).status).toBe(200)
  expect((await cast.client.del(`/api/users/${erin.id}`, cast.admin.token)).status).toBe(200)
  expect((await messages(erin.token)).status).toBe(401)
})

it('refuses a stolen session at once after a password reset', async () => {
  const grace = await cast.client.signUp('Grace', 'grace@test.io')
  const stolen = await cast.client.login('grace@test.io')
  const resetToken = await server.payload.forgotPassword({ collection: 'users', data: { email: 'grace@test.io' }, disableEmail: true })
  // The thief's next request is remembered again after forgot-password's own update.
  expect((await messages(stolen.token)).status).toBe(200)
  const reset = await cast.client.post('/api/users/reset-password', { token: resetToken, password: 'new-password-456' })
  expect(reset.status).toBe(200)
  expect((await messages(stolen.token)).status).toBe(401)
  expect((await messages(grace.token)).status).toBe(401)
  expect((await messages(reset.body.token)).status).toBe(200)
})

it('answers a refresh of a session another process ended with 401, not a 500', async () => {
  const lena = await cast.client.signUp('Lena', 'lena@test.io')
  expect((await messages(lena.token)).status).toBe(200) // remembered
  await endSessionsElsewhere(lena.id)
  const refresh = await cast.client.post('/api/users/refresh-token', {}, lena.token)
  expect(refresh.status).toBe(401)
  expect(refresh.body.errors[0].message).toMatch(/session has ended/)
  expect((await messages(lena.token)).status).toBe(401)
})

it('applies a session removed by another process once the remembered login expires', async () => {
  const frank = await cast.client.signUp('Frank', 'frank@test.io')
  expect((await messages(frank.token)).status).toBe(200)
  await endSessionsElsewhere(frank.id)
  // Nothing tells this process: the remembered login must run out (AUTH_CACHE_MS) and the next
  // lookup find no session.
  await vi.waitFor(async () => expect((await messages(frank.token)).status).toBe(401), { timeout: 20_000, interval: 100 })
})
