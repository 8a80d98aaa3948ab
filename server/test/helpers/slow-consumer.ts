// The slow-consumer scenario, run against either stream transport (each in its own test file,
// so neither inherits the other's 12 MB of garbage).
import http from 'node:http'
import type { Socket } from 'node:net'
import { expect, vi } from 'vitest'

import { realtime } from '../../src/realtime/runtime'
import type { Actor } from './fixtures'
import type { TestServer } from './http-server'
import { openStream, parseData } from './sse-client'
import { writeFromAnotherProcess } from './write-from-another-process'

export async function expectStuckReaderDropped(
  server: TestServer,
  { sender, receiver }: { sender: Actor; receiver: Actor },
  { socketIsCut }: { socketIsCut: boolean },
) {
  const { hub } = realtime(server.payload)
  // The server's side of each stream connection, in the order they arrive.
  const streamSockets: Socket[] = []
  const recordStream = (req: http.IncomingMessage) => {
    if (req.url?.startsWith('/api/messages/sse')) streamSockets.push(req.socket)
  }
  server.server.on('request', recordStream)
  // The stuck client: reads the headers, then never reads again.
  const stuck = await new Promise<http.ClientRequest>((resolve) => {
    const req = http.get(`${server.url}/api/messages/sse`, { headers: { authorization: `JWT ${receiver.token}` } }, (res) => {
      res.pause()
      resolve(req)
    })
    req.on('error', () => {})
  })
  const reader = await openStream(server.url, { token: receiver.token })
  await reader.waitFor((events) => events.some((e) => e.event === 'ready'))
  expect(hub.size).toBe(2)

  // 3,000 maximum-size messages (12 MB, far past the 2 MB default bound) committed at once.
  const filler = 'x'.repeat(3990)
  await writeFromAnotherProcess({ sender: sender.id, receiver: receiver.id, count: 3000, prefix: filler, oneTransaction: true })

  await reader.waitFor(() => reader.changes().length >= 3000, 30_000)
  expect(reader.changes().map((e) => parseData(e).content)).toEqual(Array.from({ length: 3000 }, (_, i) => `${filler} ${i}`))
  await vi.waitFor(() => expect(hub.size).toBe(1), { timeout: 10_000 })
  server.server.off('request', recordStream)
  const [stuckSocket, readerSocket] = streamSockets
  if (socketIsCut) await vi.waitFor(() => expect(stuckSocket.destroyed).toBe(true), { timeout: 10_000 })
  else expect(stuckSocket.destroyed).toBe(false)
  expect(readerSocket.destroyed).toBe(false)
  stuck.destroy()
  reader.close()
  await vi.waitFor(() => expect(hub.size).toBe(0))
}
