// Payload on PostgreSQL end to end: a real cluster, a real HTTP server (the test helpers'), REST
// writes and the live SSE stream. A DM posted over REST reaches the receiver's open stream, and a
// stream resumed with Last-Event-ID gets what it missed, once, and nothing before it. Payload's
// whole-row session writes stay narrow on this adapter too (src/db/keep-session-writes-narrow.ts).
// Search works here too (its own tests run on both: test/int/search.int.test.ts).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { Actor } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { createTestDatabase } from '../helpers/postgres'
import { insertActor } from '../helpers/postgres-users'
import { openStream, parseData, type SseConnection } from '../helpers/sse-client'

const server = inject('postgresUrl')
// Before anything reads the environment (src/env.ts): this file's Payload runs on PostgreSQL.
if (server) process.env.DATABASE_URI = await createTestDatabase(server)

describe.skipIf(!server)('Payload on PostgreSQL: REST to the live stream', () => {
  let http: TestServer
  let alice: Actor
  let bob: Actor
  const streams: SseConnection[] = []

  beforeAll(async () => {
    const { startTestServer } = await import('../helpers/http-server')
    http = await startTestServer()
    alice = await insertActor(process.env.DATABASE_URI!, http.url, 'Alice')
    bob = await insertActor(process.env.DATABASE_URI!, http.url, 'Bob')
  }, 180_000)

  afterAll(async () => {
    for (const stream of streams) stream.close()
    await http?.close()
  })

  const send = async (content: string) => {
    const res = await fetch(`${http.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${alice.token}` },
      body: JSON.stringify({ receiver: bob.id, content }),
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as { doc: { id: number } }).doc
  }
  const open = async (lastEventId?: string) => {
    const stream = await openStream(http.url, { token: bob.token, lastEventId })
    streams.push(stream)
    await stream.ready()
    return stream
  }
  const created = (stream: SseConnection) => stream.events.filter((event) => event.event === 'message.created')

  it('a DM posted over REST reaches the open stream, and a resume gets only what followed', async () => {
    const live = await open()
    const first = await send('first over PostgreSQL')
    await live.waitFor(() => created(live).length === 1, 10_000)
    const [event] = created(live)
    expect(parseData(event!)).toMatchObject({ id: first.id, content: 'first over PostgreSQL', sender: { id: alice.id, name: 'Alice' } })
    // The timestamps leave as REST has them (ISO strings).
    expect(parseData(event!).createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    live.close()

    await send('second, while Bob was away')
    await send('third, while Bob was away')
    const resumed = await open(event!.id)
    await resumed.waitFor(() => created(resumed).length === 2, 10_000)
    expect(created(resumed).map((e) => parseData(e).content)).toEqual(['second, while Bob was away', 'third, while Bob was away'])
    const ids = created(resumed).map((e) => Number(e.id))
    expect(ids[0]).toBeGreaterThan(Number(event!.id))
    expect(ids[1]).toBeGreaterThan(ids[0]!)
  })

  it("keeps Payload's session writes narrow: a stale role in them is not written back", async () => {
    // The shape of Payload's login/logout bookkeeping: the user row read earlier, written back whole.
    const stale = { ...(await http.payload.db.findOne<{ id: number; role?: string; sessions?: unknown[] }>({ collection: 'users', where: { id: { equals: bob.id } } }))!, role: 'admin' }
    await http.payload.db.updateOne({ collection: 'users', id: bob.id, data: { ...stale, sessions: [] }, returning: false })
    const now = await http.payload.db.findOne<{ id: number; role?: string; sessions?: unknown[] }>({ collection: 'users', where: { id: { equals: bob.id } } })
    expect(now?.role).toBe('member')
    expect(now?.sessions).toEqual([])
  })

  it('search finds a message posted over REST (src/db/postgres/search.ts)', async () => {
    await send('findable some day')
    const res = await fetch(`${http.url}/api/messages/search?q=findable`, { headers: { authorization: `JWT ${alice.token}` } })
    expect(res.status).toBe(200)
    const { docs } = await res.json()
    expect(docs.map((hit: { message: { content: string } }) => hit.message.content)).toEqual(['findable some day'])
  })
})
