// Two server processes on one database file (as WEB_CONCURRENCY workers are): a write on A reaches
// streams on B at once, and a logout, password reset or deletion on A ends those streams on B and
// B refuses the old token. B's poll, session check and auth cache are set far beyond the test's
// length, so only the cross-process path (the commit signal waking B's poller and revocation
// follower, src/cluster/start.ts) can explain what B does.
import { afterAll, beforeAll, expect, it, vi } from 'vitest'

import { api } from '../helpers/api'
import { connectElsewhere } from '../helpers/external-sql.mjs'
import { type Actor, type Cast, createCast, send } from '../helpers/fixtures'
import { spawnServer, type ServerProcess } from '../helpers/server-process'
import { openStream, type SseConnection } from '../helpers/sse-client'

const NEVER_MS = '3600000'
const crossProcessEnv = {
  SSE_POLL_INTERVAL_MS: NEVER_MS,
  SSE_SESSION_CHECK_MS: NEVER_MS,
  AUTH_CACHE_MS: NEVER_MS,
  FEED_WAKE_CHECK_MS: '5',
}

let a: ServerProcess
let b: ServerProcess
let cast: Cast
const streams: SseConnection[] = []

beforeAll(async () => {
  // One after the other: the first migrates the fresh file (as worker 1 does).
  a = await spawnServer(crossProcessEnv)
  b = await spawnServer(crossProcessEnv)
  cast = await createCast(a.url)
}, 120_000)

afterAll(async () => {
  for (const s of streams) s.close()
  await Promise.all([a?.stop(), b?.stop()])
})

async function streamOnB(actor: Actor): Promise<SseConnection> {
  const s = await openStream(b.url, { token: actor.token })
  streams.push(s)
  await s.ready()
  return s
}

// A stream that should end: fails with a clear message rather than at the test's timeout.
async function endsSoon(s: SseConnection, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: the stream on B is still open`)), 10_000)))
  await Promise.race([s.closed, late]).finally(() => clearTimeout(timer))
}

// B remembers this login (its auth cache would keep it for an hour).
async function knownToB(actor: Actor): Promise<void> {
  expect((await api(b.url).get('/api/users/me', actor.token)).body.user?.id).toBe(actor.id)
}

async function refusedByB(actor: Actor): Promise<void> {
  expect((await api(b.url).get('/api/users/me', actor.token)).body.user).toBeNull()
  expect((await openStream(b.url, { token: actor.token })).status).toBe(401)
}

it('delivers a write on A to streams on B at once, not at the poll', async () => {
  const onB = await streamOnB(cast.bob)
  const sent = await send(a.url, cast.alice, cast.bob, 'from process A')
  await onB.waitFor(() => onB.changes().some((e) => JSON.parse(e.data).id === sent.id), 10_000)
})

it("ends on B the streams of a session logged out on A, and B refuses its token, not the user's other sessions", async () => {
  const client = api(a.url)
  const dana = await client.signUp('Dana', 'dana@test.io')
  const otherTab = await client.login('dana@test.io')
  await knownToB(dana)
  await knownToB(otherTab)
  const [loggedOut, stays] = [await streamOnB(dana), await streamOnB(otherTab)]

  expect((await client.post('/api/users/logout', {}, dana.token)).status).toBe(200)
  await endsSoon(loggedOut, 'logout on A')
  await refusedByB(dana)
  await knownToB(otherTab)
  const after = await send(a.url, cast.alice, otherTab, 'still here')
  await stays.waitFor(() => stays.changes().some((e) => JSON.parse(e.data).id === after.id), 10_000)
})

it("ends on B every stream of a user logged out everywhere, deleted, or whose password was reset on A", async () => {
  const client = api(a.url)
  const [ivy, jack, kim] = [await client.signUp('Ivy', 'ivy@test.io'), await client.signUp('Jack', 'jack@test.io'), await client.signUp('Kim', 'kim@test.io')]
  for (const actor of [ivy, jack, kim]) await knownToB(actor)
  const [ivyStream, jackStream, kimStream] = [await streamOnB(ivy), await streamOnB(jack), await streamOnB(kim)]

  expect((await client.post('/api/users/logout?allSessions=true', {}, ivy.token)).status).toBe(200)
  await endsSoon(ivyStream, 'logout everywhere on A')
  expect((await client.del(`/api/users/${jack.id}`, cast.admin.token)).status).toBe(200)
  await endsSoon(jackStream, 'deletion on A')
  expect((await client.post('/api/users/forgot-password', { email: 'kim@test.io' })).status).toBe(200)
  const db = await connectElsewhere(process.env.DATABASE_URI!)
  const rows = await db.execute('SELECT reset_password_token FROM users WHERE id = ?', [kim.id])
  await db.close()
  expect((await client.post('/api/users/reset-password', { token: rows[0]!.reset_password_token, password: 'new-password-789' })).status).toBe(200)
  await endsSoon(kimStream, 'password reset on A')

  for (const actor of [ivy, jack, kim]) await refusedByB(actor)
})

it('applies on B a role change made on A (B looks the user up afresh)', async () => {
  const lee = await api(a.url).signUp('Lee', 'lee@test.io')
  await knownToB(lee)
  // An admin-only route decides by the remembered login's role (GET /api/users/me reads afresh).
  expect((await api(b.url).get('/api/realtime/stats', lee.token)).status).toBe(403)
  expect((await api(a.url).patch(`/api/users/${lee.id}`, { role: 'admin' }, cast.admin.token)).status).toBe(200)
  await vi.waitFor(async () => expect((await api(b.url).get('/api/realtime/stats', lee.token)).status).toBe(200), { timeout: 10_000 })
})
