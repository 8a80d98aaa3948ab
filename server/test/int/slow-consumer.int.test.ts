// A client that stops reading is cut off before it can grow server memory; others are unaffected.
import { execFile } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.SSE_MAX_BUFFERED_BYTES = String(1024 * 1024)
})

import { realtime } from '../../src/realtime/runtime'
import { createCast } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { openStream, parseData } from '../helpers/sse-client'
import { testDatabaseFile } from '../helpers/test-env'

let server: TestServer
let cast: Awaited<ReturnType<typeof createCast>>

beforeAll(async () => {
  server = await startTestServer()
  cast = await createCast(server.url)
})
afterAll(async () => server?.close())

it('drops a subscriber that stops reading, and keeps delivering to one that reads', async () => {
  // The stuck client: reads the headers, then never reads again.
  const stuck = await new Promise<http.ClientRequest>((resolve) => {
    const req = http.get(`${server.url}/api/messages/sse`, { headers: { authorization: `JWT ${cast.bob.token}` } }, (res) => {
      res.pause()
      resolve(req)
    })
    req.on('error', () => {})
  })
  const reader = await openStream(server.url, { token: cast.bob.token })
  await reader.waitFor((events) => events.some((e) => e.event === 'ready'))
  expect(realtime(server.payload).hub.size).toBe(2)

  // 3,000 maximum-size messages (12 MB) committed at once by another process.
  const filler = 'x'.repeat(3990)
  await promisify(execFile)(process.execPath, [
    path.join(import.meta.dirname, '../helpers/external-writer.mjs'),
    testDatabaseFile,
    String(cast.alice.id),
    String(cast.bob.id),
    '3000',
    filler,
    'one-transaction',
  ])

  await reader.waitFor(() => reader.changes().length >= 3000, 30_000)
  expect(reader.changes().map((e) => parseData(e).content)).toEqual(Array.from({ length: 3000 }, (_, i) => `${filler} ${i}`))
  // The stuck subscriber was released from the hub with its queue; its socket holds at most the
  // chunk that was being written (Next, like this test server, waits for that write to drain).
  await vi.waitFor(() => expect(realtime(server.payload).hub.size).toBe(1), { timeout: 10_000 })
  stuck.destroy()
  reader.close()
  await vi.waitFor(() => expect(realtime(server.payload).hub.size).toBe(0))
}, 60_000)
