// The live stream through a real HTTP server and a real SQLite file.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  Object.assign(process.env, { SSE_MAX_STREAMS_PER_USER: '4', SSE_MAX_STREAMS: '12', SSE_POLL_INTERVAL_MS: '300' })
})

import { pruneChanges } from '../../src/db/sqlite/change-feed'
import { realtime } from '../../src/realtime/runtime'
import { createCast, send } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { openStream, parseData, type SseConnection, type SseEvent } from '../helpers/sse-client'
import { writeFromAnotherProcess } from '../helpers/write-from-another-process'

let server: TestServer
let cast: Awaited<ReturnType<typeof createCast>>
const open: SseConnection[] = []

async function stream(token: string, options: { lastEventId?: string; query?: string } = {}) {
  const connection = await openStream(server.url, { token, ...options })
  open.push(connection)
  return connection
}

async function closeAll() {
  for (const connection of open.splice(0)) connection.close()
  await vi.waitFor(() => expect(realtime(server.payload).hub.size).toBe(0), { timeout: 5000 })
}

const ready = (s: SseConnection) => s.ready()
const changeIds = (events: SseEvent[]) => events.filter((e) => e.event.startsWith('message.')).map((e) => Number(e.id))

beforeAll(async () => {
  server = await startTestServer()
  cast = await createCast(server.url)
})
afterAll(async () => {
  await closeAll()
  await server?.close()
})

describe('connecting', () => {
  it('refuses anonymous and forged-token streams with 401 JSON', async () => {
    for (const token of [undefined, 'not.a.token']) {
      const s = await openStream(server.url, { token })
      expect(s.status).toBe(401)
      expect(s.headers['content-type']).toContain('application/json')
      await s.closed
      expect(JSON.parse(s.body).errors[0].message).toMatch(/logged in/)
    }
  })

  it('sends SSE headers, then retry and ready with the latest change id', async () => {
    const latest = await send(server.url, cast.alice, cast.bob, 'before connecting')
    const s = await stream(cast.bob.token)
    expect(s.status).toBe(200)
    expect(s.headers['content-type']).toMatch(/^text\/event-stream/)
    expect(s.headers['cache-control']).toBe('no-cache, no-transform')
    expect(s.headers['x-accel-buffering']).toBe('no')
    expect(s.headers['content-encoding']).toBeUndefined()
    await ready(s)
    expect(s.body.startsWith('retry: ')).toBe(true)
    const readyEvent = s.events[0]
    expect(readyEvent.event).toBe('ready')
    expect(readyEvent.retry).toBeGreaterThan(0)
    const { cursor } = parseData(readyEvent)
    expect(cursor).toMatch(/^\d+$/)
    expect(readyEvent.id).toBe(cursor)
    expect(Number(cursor)).toBeGreaterThan(0)
    expect(latest.id).toBeGreaterThan(0)
    await closeAll()
  })

  it('answers CORS for allowed origins only, with credentials', async () => {
    const streamFrom = (origin: string) =>
      new Promise<http.IncomingMessage>((resolve) => {
        const req = http.get(`${server.url}/api/messages/sse`, { headers: { authorization: `JWT ${cast.bob.token}`, origin } }, (res) => {
          resolve(res)
          req.destroy()
        })
        req.on('error', () => {})
      })
    const allowed = await streamFrom('http://localhost:5173')
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    expect(allowed.headers['access-control-allow-credentials']).toBe('true')
    const denied = await streamFrom('https://evil.example')
    expect(denied.headers['access-control-allow-origin'] ?? '').not.toMatch(/evil|\*/)
    await closeAll()
  })

  it('answers 400 to a malformed cursor, by header or query', async () => {
    for (const options of [{ lastEventId: 'abc' }, { query: '?lastEventId=-5' }, { lastEventId: '1.5' }]) {
      const s = await openStream(server.url, { token: cast.alice.token, ...options })
      expect(s.status).toBe(400)
      await s.closed
      expect(JSON.parse(s.body).errors[0].message).toMatch(/change id/)
    }
  })
})

describe('delivery', () => {
  it('streams create, edit and delete to sender and receiver only, admin moderation included', async () => {
    const [alice, bob, carol] = await Promise.all([stream(cast.alice.token), stream(cast.bob.token), stream(cast.carol.token)])
    await Promise.all([ready(alice), ready(bob), ready(carol)])

    const msg = await send(server.url, cast.alice, cast.bob, 'live hello')
    await cast.client.patch(`/api/messages/${msg.id}`, { content: 'live hello (edited)' }, cast.alice.token)
    const second = await send(server.url, cast.bob, cast.alice, 'reply')
    await cast.client.patch(`/api/messages/${second.id}`, { content: '[removed by moderator]' }, cast.admin.token)
    await cast.client.del(`/api/messages/${second.id}`, cast.admin.token)
    await server.payload.delete({ collection: 'messages', id: msg.id, overrideAccess: true })

    const expected = ['message.created', 'message.updated', 'message.created', 'message.updated', 'message.deleted', 'message.deleted']
    for (const s of [alice, bob]) {
      await s.waitFor(() => s.changes().length >= expected.length)
      expect(s.changes().map((e) => e.event)).toEqual(expected)
      const ids = changeIds(s.events)
      expect(ids).toEqual([...ids].sort((a, b) => a - b))
      const [created, updated] = s.changes().map(parseData)
      expect(created).toMatchObject({ id: msg.id, content: 'live hello', sender: { id: cast.alice.id, name: 'Alice' }, receiver: { id: cast.bob.id, name: 'Bob' } })
      expect(Object.keys(created.sender).sort()).toEqual(['id', 'name'])
      expect(updated).toMatchObject({ id: msg.id, content: 'live hello (edited)' })
      expect(updated.editedAt).toBeTruthy()
      expect(parseData(s.changes()[5])).toEqual({ id: msg.id, sender: cast.alice.id, receiver: cast.bob.id })
      expect(s.body).not.toMatch(/@test\.io|sessions|hash/)
    }
    // Carol is in neither conversation: give the poller a full interval, she must get nothing.
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(carol.changes()).toEqual([])
    await closeAll()
  })

  it('carries each message exactly as REST returns it at depth 1, users as {id, name}', async () => {
    const bob = await stream(cast.bob.token)
    await ready(bob)
    const msg = await send(server.url, cast.alice, cast.bob, 'same shape as REST')
    await cast.client.patch(`/api/messages/${msg.id}`, { content: 'same shape, edited' }, cast.alice.token)
    await bob.waitFor(() => bob.changes().filter((e) => parseData(e).id === msg.id).length === 2)
    const rest = (await cast.client.get(`/api/messages/${msg.id}?depth=1`, cast.bob.token)).body
    const asStreamed = { ...rest, sender: { id: rest.sender.id, name: rest.sender.name }, receiver: { id: rest.receiver.id, name: rest.receiver.name } }
    const [created, updated] = bob.changes().filter((e) => parseData(e).id === msg.id).map(parseData)
    expect(updated).toEqual(asStreamed)
    expect(Object.keys(created).sort()).toEqual(Object.keys(asStreamed).sort())
    await closeAll()
  })

  it('delivers a write from another process, which only the poll can find', async () => {
    const bob = await stream(cast.bob.token)
    await ready(bob)
    const { poller } = realtime(server.payload)
    const pollsBefore = poller.polls
    await writeFromAnotherProcess({ sender: cast.carol.id, receiver: cast.bob.id, count: 3, prefix: 'from a script' })
    await bob.waitFor(() => bob.changes().length >= 3)
    expect(poller.polls).toBeGreaterThan(pollsBefore)
    expect(bob.changes().map((e) => parseData(e).content)).toEqual(['from a script 0', 'from a script 1', 'from a script 2'])
    await closeAll()
  })
})

describe('resuming', () => {
  it('replays exactly the missed changes the user may see, in order, then goes live', async () => {
    const first = await stream(cast.bob.token)
    await ready(first)
    await send(server.url, cast.alice, cast.bob, 'seen')
    await first.waitFor(() => first.changes().length === 1)
    const lastSeen = first.changes()[0].id!
    first.close()
    await closeAll()

    const missed1 = await send(server.url, cast.alice, cast.bob, 'missed 1')
    await send(server.url, cast.alice, cast.carol, 'not for bob')
    await cast.client.patch(`/api/messages/${missed1.id}`, { content: 'missed 1 (edited)' }, cast.alice.token)
    await send(server.url, cast.carol, cast.bob, 'missed 2')

    // Both ways of naming the cursor; the second pass also sees the first pass's live message.
    const expected: Array<[string, string]> = [
      ['message.created', 'missed 1 (edited)'],
      ['message.updated', 'missed 1 (edited)'],
      ['message.created', 'missed 2'],
    ]
    for (const options of [{ lastEventId: lastSeen }, { query: `?lastEventId=${lastSeen}` }]) {
      const resumed = await stream(cast.bob.token, options)
      await resumed.waitFor(() => resumed.changes().length >= expected.length)
      expect(resumed.changes().map((e) => [e.event, parseData(e).content])).toEqual(expected)
      expect(changeIds(resumed.events).every((id) => id > Number(lastSeen))).toBe(true)
      const live = await send(server.url, cast.alice, cast.bob, `live after replay ${expected.length}`)
      await resumed.waitFor(() => resumed.changes().some((e) => parseData(e).id === live.id))
      expected.push(['message.created', live.content])
      expect(resumed.changes().map((e) => [e.event, parseData(e).content])).toEqual(expected)
      expect(resumed.events.some((e) => e.event === 'reset')).toBe(false)
      await closeAll()
    }
  })

  it('tells a client whose cursor is older than retention to reset, then streams live', async () => {
    const before = await send(server.url, cast.alice, cast.bob, 'old')
    const db = (server.payload.db as any).client
    const { rows } = await db.execute('SELECT MAX(id) AS id FROM message_changes')
    const oldCursor = String(Number(rows[0].id) - 1)
    await db.execute('UPDATE message_changes SET changed_at = changed_at - 30 * 86400')
    expect(await pruneChanges(server.payload, 7)).toBeGreaterThan(0)

    const s = await stream(cast.bob.token, { lastEventId: oldCursor })
    await s.waitFor((events) => events.some((e) => e.event === 'reset'))
    const reset = s.events.find((e) => e.event === 'reset')!
    expect(parseData(reset).reason).toBe('expired')
    expect(s.changes()).toEqual([])
    const live = await send(server.url, cast.alice, cast.bob, 'after reset')
    await s.waitFor(() => s.changes().some((e) => parseData(e).id === live.id))
    expect(before.id).toBeLessThan(live.id)
    await closeAll()
  })

  it('tells a client whose cursor is ahead of the feed (restored database) to reset', async () => {
    const s = await stream(cast.bob.token, { lastEventId: '999999' })
    await s.waitFor((events) => events.some((e) => e.event === 'reset'))
    expect(parseData(s.events.find((e) => e.event === 'reset')!).reason).toBe('ahead')
    await closeAll()
  })
})

describe('limits and cleanup', () => {
  it('answers 429 past the per-user limit and 503 past the per-process limit', async () => {
    const mine = await Promise.all(Array.from({ length: 4 }, () => stream(cast.alice.token)))
    expect(mine.every((s) => s.status === 200)).toBe(true)
    const fifth = await openStream(server.url, { token: cast.alice.token })
    expect(fifth.status).toBe(429)
    await fifth.closed
    expect(JSON.parse(fifth.body).errors[0].message).toMatch(/At most 4/)

    const others = [cast.bob, cast.carol, cast.admin]
    for (const actor of others) for (let i = 0; i < 4; i++) await stream(actor.token)
    expect(realtime(server.payload).hub.size).toBe(12)
    const full = await openStream(server.url, { token: (await cast.client.signUp('Late', 'late@test.io')).token })
    expect(full.status).toBe(503)
    await full.closed
    await closeAll()
  })

  it('releases every resource when clients go away', async () => {
    const { hub, poller } = realtime(server.payload)
    for (let round = 0; round < 20; round++) {
      const batch = await Promise.all(
        [cast.alice, cast.bob, cast.carol].map((actor) => stream(actor.token)),
      )
      await Promise.all(batch.map(ready))
      expect(hub.size).toBe(3)
      expect(poller.isActive).toBe(true)
      await closeAll()
    }
    expect(hub.size).toBe(0)
    expect(hub.hasHeartbeatTimer).toBe(false)
    expect(poller.isActive).toBe(false)
    expect(poller.hasTimer).toBe(false)
    expect(realtime(server.payload).sessionCheck.hasTimer).toBe(false)
  })
})
