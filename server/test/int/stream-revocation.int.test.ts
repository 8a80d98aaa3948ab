// An open stream is access too: a logout ends the streams of that session, a logout everywhere,
// a deletion or a password reset all of the user's, and the client's reconnect gets 401.
import { expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.SSE_SESSION_CHECK_MS = '300'
})

import { type Actor, type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { closeStreamsAfterEach } from '../helpers/open-streams'
import { openStream } from '../helpers/sse-client'
import { endSessionsElsewhere, suspendElsewhere } from '../helpers/write-from-another-process'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const open = closeStreamsAfterEach(() => server.payload)

async function readyStream(token: string) {
  const s = await openStream(server.url, { token })
  open.push(s)
  await s.ready()
  return s
}

async function member(name: string): Promise<Actor> {
  return cast.client.signUp(name, `${name.toLowerCase()}@test.io`)
}

it("ends the logged-out session's streams, not the user's other sessions'", async () => {
  const henry = await member('Henry')
  const otherTab = await cast.client.login('henry@test.io')
  const [loggedOut, stays] = [await readyStream(henry.token), await readyStream(otherTab.token)]
  expect((await cast.client.post('/api/users/logout', {}, henry.token)).status).toBe(200)
  await loggedOut.closed
  const after = await send(server.url, cast.alice, henry, 'after logout')
  await stays.waitFor(() => stays.changes().some((e) => JSON.parse(e.data).id === after.id))
  expect(loggedOut.changes()).toEqual([])
  expect((await openStream(server.url, { token: henry.token })).status).toBe(401)
})

it('ends every stream of a user logged out everywhere, deleted, or whose password was reset', async () => {
  const ivy = await member('Ivy')
  const jack = await member('Jack')
  const kim = await member('Kim')
  const resetToken = await server.payload.forgotPassword({ collection: 'users', data: { email: 'kim@test.io' }, disableEmail: true })
  const streams = await Promise.all([ivy, ivy, jack, kim].map((actor) => readyStream(actor.token)))
  const bystander = await readyStream(cast.bob.token)

  expect((await cast.client.post('/api/users/logout?allSessions=true', {}, ivy.token)).status).toBe(200)
  expect((await cast.client.del(`/api/users/${jack.id}`, cast.admin.token)).status).toBe(200)
  expect((await cast.client.post('/api/users/reset-password', { token: resetToken, password: 'new-password-789' })).status).toBe(200)
  await Promise.all(streams.map((s) => s.closed))
  for (const actor of [ivy, jack, kim]) expect((await openStream(server.url, { token: actor.token })).status).toBe(401)

  const still = await send(server.url, cast.alice, cast.bob, 'bystander still live')
  await bystander.waitFor(() => bystander.changes().some((e) => JSON.parse(e.data).id === still.id))
})

it('ends, at a session check, the streams of sessions ended by another process', async () => {
  const mona = await member('Mona')
  const [ended, bystander] = [await readyStream(mona.token), await readyStream(cast.bob.token)]
  // Nothing in this process hears of it: only the periodic check can end the stream.
  await endSessionsElsewhere(mona.id)
  await ended.closed
  expect(ended.changes()).toEqual([])
  const still = await send(server.url, cast.alice, cast.bob, 'bystander after the check')
  await bystander.waitFor(() => bystander.changes().some((e) => JSON.parse(e.data).id === still.id))
})

it('treats the sessions of a user suspended by another process as dead', async () => {
  const uma = await member('Uma')
  const [ended, bystander] = [await readyStream(uma.token), await readyStream(cast.bob.token)]
  // A token this process has not remembered (its auth cache would hold the other for AUTH_CACHE_MS).
  const unseen = await cast.client.login('uma@test.io')
  // Written straight into the database with the sessions left in place, as a second process
  // racing a login could leave them: nothing tells this process.
  await suspendElsewhere(uma.id)
  await ended.closed
  expect(ended.changes()).toEqual([])
  expect((await cast.client.get('/api/messages?limit=1', unseen.token)).status).toBe(401)
  expect((await openStream(server.url, { token: unseen.token })).status).toBe(401)
  const still = await send(server.url, cast.alice, cast.bob, 'bystander after the suspension')
  await bystander.waitFor(() => bystander.changes().some((e) => JSON.parse(e.data).id === still.id))
})
