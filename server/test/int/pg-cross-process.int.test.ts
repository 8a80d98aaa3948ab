// Two server processes on one PostgreSQL database (two instances): a write on A reaches a stream on
// B through LISTEN/NOTIFY (src/db/postgres/cross-process.ts), not through B's poll. B's poll
// interval is set far beyond the test's waits, and A has no stream open (its poller is idle): only
// A sequencing its own write and notifying, and B's LISTEN waking B's poller, can deliver it.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'

import { LISTENER_NAME } from '../../src/db/postgres/cross-process'
import { api } from '../helpers/api'
import type { Actor } from '../helpers/fixtures'
import { createTestDatabase } from '../helpers/postgres'
import { insertActor } from '../helpers/postgres-users'
import { spawnServer, type ServerProcess } from '../helpers/server-process'
import { openStream, parseData, type SseConnection } from '../helpers/sse-client'

const server = inject('postgresUrl')
if (server) process.env.DATABASE_URI = await createTestDatabase(server)

const POLL_MS = '30000'

describe.skipIf(!server)('two instances on one PostgreSQL', () => {
  let a: ServerProcess
  let b: ServerProcess
  let alice: Actor
  let bob: Actor
  const streams: SseConnection[] = []

  beforeAll(async () => {
    const env = { DATABASE_URI: process.env.DATABASE_URI!, SSE_POLL_INTERVAL_MS: POLL_MS, FEED_WAKE_CHECK_MS: '5' }
    // One after the other: the first migrates the fresh database.
    a = await spawnServer(env, { startTimeoutMs: 180_000 })
    b = await spawnServer(env, { startTimeoutMs: 180_000 })
    alice = await insertActor(process.env.DATABASE_URI!, a.url, 'Alice')
    bob = await insertActor(process.env.DATABASE_URI!, b.url, 'Bob')
  }, 400_000)

  afterAll(async () => {
    for (const stream of streams) stream.close()
    await Promise.all([a?.stop(), b?.stop()])
  })

  it('a DM written on A reaches the stream on B well before B polls', async () => {
    const onB = await openStream(b.url, { token: bob.token })
    streams.push(onB)
    await onB.ready()
    const created = () => onB.events.filter((event) => event.event === 'message.created').map((event) => parseData(event).content)
    for (const content of ['one via A', 'two via A', 'three via A']) {
      expect((await api(a.url).post('/api/messages', { receiver: bob.id, content }, alice.token)).status).toBe(201)
    }
    // Far below B's 30 s poll: only the wake can deliver them.
    await onB.waitFor(() => created().length === 3, 10_000)
    expect(created()).toEqual(['one via A', 'two via A', 'three via A'])
    const ids = onB.events.filter((event) => event.event === 'message.created').map((event) => Number(event.id))
    expect([...ids].sort((x, y) => x - y)).toEqual(ids)
  })

  // Raw-SQL writes (a reaction, a read receipt) run no collection hook: they must sequence and
  // notify from A all the same, with no stream open on A.
  it('a reaction and a read receipt written on A reach the stream on B well before B polls', async () => {
    const sent = await api(b.url).post('/api/messages', { receiver: alice.id, content: 'react to me' }, bob.token)
    expect(sent.status).toBe(201)
    const messageId = Number(sent.body.doc.id)
    const onB = await openStream(b.url, { token: bob.token })
    streams.push(onB)
    await onB.ready()
    const of = (type: string) => onB.events.filter((event) => event.event === type).map((event) => parseData(event))
    expect((await api(a.url).post(`/api/messages/${messageId}/reactions`, { emoji: '👍' }, alice.token)).status).toBe(200)
    await onB.waitFor(() => of('message.reactions').length === 1, 10_000)
    expect(of('message.reactions')[0]).toMatchObject({ id: messageId, reactions: [{ emoji: '👍', users: [alice.id] }] })
    expect((await api(a.url).post('/api/messages/read', { peer: bob.id, upTo: messageId }, alice.token)).status).toBeLessThan(300)
    await onB.waitFor(() => of('read').length === 1, 10_000)
    expect(of('read')[0]).toEqual({ peer: alice.id, lastReadId: messageId })
  })

  // The server ends every connection of both instances (as a restart or failover does): their pools
  // lose idle connections (an unhandled pool 'error' ended the process) and their LISTEN
  // connections. Both survive, B listens again, and a write on A still wakes B at once.
  it('survives its connections being terminated and hears A again', { timeout: 60_000 }, async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URI })
    await admin.connect()
    try {
      const listeners = async () =>
        Number(
          (
            await admin.query(`SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [
              LISTENER_NAME,
            ])
          ).rows[0].n,
        )
      await vi.waitFor(async () => expect(await listeners()).toBe(2), { timeout: 10_000 })
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      )
      expect(rows.length).toBeGreaterThanOrEqual(4)
      await vi.waitFor(async () => expect(await listeners()).toBe(2), { timeout: 20_000 })
    } finally {
      await admin.end()
    }
    for (const instance of [a, b]) expect((await api(instance.url).get('/api/users/me', alice.token)).status).toBe(200)
    const onB = await openStream(b.url, { token: bob.token })
    streams.push(onB)
    await onB.ready()
    const created = () => onB.events.filter((event) => event.event === 'message.created').map((event) => parseData(event).content)
    expect((await api(a.url).post('/api/messages', { receiver: bob.id, content: 'after the cut' }, alice.token)).status).toBe(201)
    await onB.waitFor(() => created().includes('after the cut'), 10_000)
  })
})
