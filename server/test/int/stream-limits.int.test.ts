// The stream's limits per user and per process, and what a closed stream leaves behind (nothing),
// through a real HTTP server and a real SQLite file.
import { describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  Object.assign(process.env, { SSE_MAX_STREAMS_PER_USER: '4', SSE_MAX_STREAMS: '12' })
})

import { realtime } from '../../src/realtime/runtime'
import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { openStream, type SseConnection } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))
const { stream, closeAll } = useStreams(() => server)
const ready = (s: SseConnection) => s.ready()

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
