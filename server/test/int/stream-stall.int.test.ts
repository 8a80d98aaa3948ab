// A client that stops reading while little is sent is cut off by the heartbeat-time stall check,
// on the integration path (a real socket, a short heartbeat): the bound is set so high here that
// the other way out (falling behind, then the catch-up's watchdog) never happens.
import http from 'node:http'
import type { Socket } from 'node:net'
import { expect, it, vi } from 'vitest'

vi.hoisted(() => {
  Object.assign(process.env, {
    SSE_HEARTBEAT_MS: '200',
    SSE_STALL_TIMEOUT_MS: '1000',
    SSE_MAX_BUFFERED_BYTES: String(256 * 1024 * 1024),
  })
})

import { realtime } from '../../src/realtime/runtime'
import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { openStream } from '../helpers/sse-client'
import { writeFromAnotherProcess } from '../helpers/write-from-another-process'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

it('cuts off, at a heartbeat, a stream whose client reads nothing, and keeps the one that reads', async () => {
  const runtime = realtime(server.payload)
  const streamSockets: Socket[] = []
  const recordStream = (req: http.IncomingMessage) => void (req.url?.startsWith('/api/messages/sse') && streamSockets.push(req.socket))
  server.server.on('request', recordStream)
  const stuck = await openStream(server.url, { token: cast.bob.token, paused: true })
  const reader = await openStream(server.url, { token: cast.bob.token })
  await reader.ready()
  await vi.waitFor(() => expect(runtime.hub.size).toBe(2))
  server.server.off('request', recordStream)
  const [stuckSocket, readerSocket] = streamSockets

  // 12 MB in 120 large rows (a script may write what REST would refuse): more than the kernel's
  // socket buffers hold for the client that does not read, so bytes wait on the server, far
  // under the bound.
  const BURST = 120
  await writeFromAnotherProcess({ sender: cast.alice.id, receiver: cast.bob.id, count: BURST, prefix: `stall ${'x'.repeat(100_000)}`, oneTransaction: true })
  await reader.waitFor(() => reader.changes().length >= BURST, 30_000)

  // The stuck stream is cut: its socket is destroyed and the hub lets it go. It never fell behind.
  await vi.waitFor(() => expect(runtime.hub.size).toBe(1), { timeout: 20_000 })
  await vi.waitFor(() => expect(stuckSocket.destroyed).toBe(true))
  expect(runtime.stats.fellBehind).toBe(0)
  // The reader got everything, heartbeats too, and is still connected.
  expect(reader.comments).toContain('ping')
  expect(readerSocket.destroyed).toBe(false)
  expect(reader.events.filter((e) => e.event === 'ready')).toHaveLength(1)
  stuck.close()
  reader.close()
  await vi.waitFor(() => expect(runtime.hub.size).toBe(0))
})
