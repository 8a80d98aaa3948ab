// The slow-consumer scenarios, run against either stream transport (each in its own test file,
// so neither inherits the other's garbage). The files set SSE_STALL_TIMEOUT_MS to STALL_MS.
import http from 'node:http'
import type { Socket } from 'node:net'
import { expect, vi } from 'vitest'

import { realtime } from '../../src/realtime/runtime'
import type { Actor } from './fixtures'
import type { TestServer } from './http-server'
import { openStream, parseData, type SseConnection } from './sse-client'
import { writeFromAnotherProcess } from './write-from-another-process'

// Long enough for a paused reader to see a whole burst pile up past its bound on a busy machine
// on PostgreSQL (with 2 s the PostgreSQL pass failed on a loaded machine: the pause ended before
// the poller had written enough),
// short enough that the stuck reader's drop is quick.
export const STALL_MS = 5000
// Maximum-size messages: 3,000 are 12 MB, far past the 2 MB default bound and what the kernel's
// socket buffers hold for a client that does not read.
const FILLER = 'x'.repeat(3990)
const BURST = 3000

async function burst(sender: Actor, receiver: Actor, prefix: string): Promise<string[]> {
  await writeFromAnotherProcess({ sender: sender.id, receiver: receiver.id, count: BURST, prefix: `${prefix} ${FILLER}`, oneTransaction: true })
  return Array.from({ length: BURST }, (_, i) => `${prefix} ${FILLER} ${i}`)
}

const contents = (s: SseConnection) => s.changes().map((e) => parseData(e).content as string)

async function readyStream(server: TestServer, actor: Actor): Promise<SseConnection> {
  const s = await openStream(server.url, { token: actor.token })
  await s.ready()
  return s
}

// A client that never reads is dropped once it has stalled for the stall timeout; a client that
// reads gets every message of the burst on its one connection.
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
  const reader = await readyStream(server, receiver)
  expect(hub.size).toBe(2)

  const expected = await burst(sender, receiver, 'stuck')
  await reader.waitFor(() => reader.changes().length >= BURST, 30_000)
  expect(contents(reader)).toEqual(expected)
  expect(reader.events.filter((e) => e.event === 'ready')).toHaveLength(1)
  await vi.waitFor(() => expect(hub.size).toBe(1), { timeout: STALL_MS * 5 })
  server.server.off('request', recordStream)
  const [stuckSocket, readerSocket] = streamSockets
  if (socketIsCut) await vi.waitFor(() => expect(stuckSocket.destroyed).toBe(true), { timeout: 10_000 })
  else expect(stuckSocket.destroyed).toBe(false)
  expect(readerSocket.destroyed).toBe(false)
  stuck.destroy()
  reader.close()
  await vi.waitFor(() => expect(hub.size).toBe(0))
}

// A client that stops reading for less than the stall timeout while a burst arrives falls behind
// its bound, then catches up from the feed on the same connection: everything, in order, once.
export async function expectPausedReaderCaughtUp(server: TestServer, { sender, receiver }: { sender: Actor; receiver: Actor }) {
  const runtime = realtime(server.payload)
  const reader = await readyStream(server, receiver)
  const fellBehindBefore = runtime.stats.fellBehind

  const written = burst(sender, receiver, 'paused')
  // Stop reading as soon as the burst starts arriving.
  await reader.waitFor(() => reader.changes().length > 0, 30_000)
  // Until the server has seen it fall behind its bound (how long the burst takes to arrive depends on
  // the database: PostgreSQL numbers the burst after its commit), never as long as the stall timeout.
  await reader.pauseUntil(() => runtime.stats.fellBehind > fellBehindBefore, (STALL_MS * 3) / 4)
  const expected = await written
  await reader.waitFor(() => reader.changes().length >= BURST, 30_000)
  expect(contents(reader)).toEqual(expected)
  expect(reader.events.filter((e) => e.event === 'ready')).toHaveLength(1)
  expect(runtime.stats.fellBehind).toBeGreaterThan(fellBehindBefore)
  expect(runtime.hub.size).toBe(1)
  reader.close()
  await vi.waitFor(() => expect(runtime.hub.size).toBe(0))
}
