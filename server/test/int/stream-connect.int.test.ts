// Opening the live stream through a real HTTP server and a real SQLite file: who may, what the
// response starts with, CORS, and malformed cursors.
import http from 'node:http'
import { describe, expect, it } from 'vitest'

import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { openStream, parseData, type SseConnection } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))
const { stream, closeAll } = useStreams(() => server)
const ready = (s: SseConnection) => s.ready()

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

  it("sends SSE headers, then retry and ready with the latest change id and the stream's user", async () => {
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
    const { cursor, user } = parseData(readyEvent)
    expect(cursor).toMatch(/^\d+$/)
    // Whose stream it is: a tab still showing another user learns it is logged out.
    expect(user).toBe(cast.bob.id)
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
