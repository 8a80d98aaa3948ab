// Soak: thousands of streams opened and closed every way a client can leave (right after ready,
// in the middle of a replay, before the answer arrives, refused, or stuck not reading while
// messages are posted and then destroyed). Afterwards the process must be back where it started:
// no subscriber left in the hub, no heartbeat or poll timer, the poller stopped, and the heap
// near its size before the run. A stream that is never released would keep all of these up.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  // Up to a batch's worth of streams per user at once; the per-user cap has its own test.
  Object.assign(process.env, { SSE_MAX_STREAMS_PER_USER: '100', SSE_POLL_INTERVAL_MS: '100' })
})

import { createApiEntry } from '../../src/http/api-entry'
import { streamOnNode } from '../../src/http/stream-endpoint'
import { realtime } from '../../src/realtime/runtime'
import { createCast, send, type Actor } from '../helpers/fixtures'
import { settledHeapUsed } from '../helpers/heap'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { prng } from '../helpers/prng'
import { openStream } from '../helpers/sse-client'
import { writeFromAnotherProcess } from '../helpers/write-from-another-process'

const SEED = Number(process.env.SOAK_SEED ?? 20261125)
const CYCLES = 2000
const BATCH = 25
// More history than one replay batch (500), so a client that leaves after its first replayed
// event leaves while the server is still replaying.
const HISTORY = 1200
const KINDS = ['ready', 'ready', 'ready', 'ready', 'midReplay', 'midReplay', 'slow', 'slow', 'abandoned', 'abandoned', 'refused'] as const
type Kind = (typeof KINDS)[number]

let server: TestServer
let cast: Awaited<ReturnType<typeof createCast>>
let members: Actor[]

beforeAll(async () => {
  server = await startTestServer()
  cast = await createCast(server.url)
  members = [cast.admin, cast.alice, cast.bob, cast.carol]
  await writeFromAnotherProcess({ sender: cast.alice.id, receiver: cast.bob.id, count: HISTORY, prefix: 'history', oneTransaction: true })
})
afterAll(async () => server?.close())

const isChange = (events: Array<{ event: string }>) => events.some((e) => e.event.startsWith('message.'))

// A client that reads the headers and then stops reading; the test destroys it later.
function stuckStream(token: string): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}/api/messages/sse`, { headers: { authorization: `JWT ${token}` } }, (res) => {
      res.pause()
      if (res.statusCode === 200) resolve(req)
      else reject(new Error(`stuck stream answered ${res.statusCode}`))
    })
    req.on('error', reject)
  })
}

// A client that gives up a moment after asking, before or just after the answer arrives.
async function abandonedStream(token: string, afterMs: number): Promise<void> {
  const req = http.get(`${server.url}/api/messages/sse`, { headers: { authorization: `JWT ${token}` } })
  req.on('error', () => {})
  await new Promise((resolve) => setTimeout(resolve, afterMs))
  req.destroy()
}

async function cycle(kind: Kind, actor: Actor, random: ReturnType<typeof prng>): Promise<http.ClientRequest | void> {
  switch (kind) {
    case 'ready': {
      const s = await openStream(server.url, { token: actor.token })
      await s.ready()
      return s.close()
    }
    case 'midReplay': {
      // Alice and Bob have the whole history behind cursor 0.
      const s = await openStream(server.url, { token: random.pick([cast.alice, cast.bob]).token, lastEventId: '0' })
      await s.waitFor(isChange)
      return s.close()
    }
    case 'slow':
      return stuckStream(actor.token)
    case 'abandoned':
      return abandonedStream(actor.token, random.int(4))
    case 'refused': {
      const s = await openStream(server.url, { token: 'forged.token.value' })
      expect(s.status).toBe(401)
      return s.closed
    }
  }
}

// Messages for every member, big enough that stuck readers' socket buffers fill up.
async function postToEveryone(round: number) {
  const filler = 'x'.repeat(3000)
  await Promise.all(members.map((to, i) => send(server.url, members[(i + 1) % members.length], to, `soak ${round} ${filler}`)))
}

it(`returns to idle after ${CYCLES} stream connect/disconnect cycles`, async () => {
  const { hub, poller } = realtime(server.payload)
  const random = prng(SEED)
  const counts: Record<string, number> = {}
  const runBatch = async (round: number) => {
    const kinds = Array.from({ length: BATCH }, () => random.pick(KINDS))
    for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1
    const results = await Promise.all(kinds.map((kind) => cycle(kind, random.pick(members), random)))
    await postToEveryone(round)
    // Give the poller a turn to push the new messages into the stuck readers' buffers.
    await new Promise((resolve) => setTimeout(resolve, 30))
    for (const result of results) if (result) result.destroy()
  }
  const settledIdle = async () => {
    await vi.waitFor(() => expect(hub.size).toBe(0), { timeout: 10_000 })
    expect(hub.hasHeartbeatTimer).toBe(false)
    expect(poller.isActive).toBe(false)
    expect(poller.hasTimer).toBe(false)
  }

  // Warm up first: lazily loaded modules and caches are not a leak.
  for (let round = 0; round < 8; round++) await runBatch(round)
  await settledIdle()
  const heapBefore = await settledHeapUsed()
  for (const kind of Object.keys(counts)) delete counts[kind]

  for (let round = 0; round < CYCLES / BATCH; round++) await runBatch(round)
  await settledIdle()
  const heapAfter = await settledHeapUsed()

  const grownMb = (heapAfter - heapBefore) / 1024 / 1024
  console.info(`soak: ${CYCLES} cycles ${JSON.stringify(counts)}; heap ${(heapBefore / 1048576).toFixed(1)} → ${(heapAfter / 1048576).toFixed(1)} MB`)
  // The heap moves by a megabyte or two between runs (caches, JIT, the database client's
  // buffers). A stream kept alive holds its socket, response, subscriber and unsent frames, well
  // over 5 KB: leaking one per cycle in 2,000 would add more than 10 MB.
  expect(grownMb).toBeLessThan(10)
}, 120_000)

// With a local SQLite file authentication finishes within one turn of the event loop, so above a
// client cannot leave during it; with a remote libsql database (DATABASE_URI=libsql://…) or
// behind `next dev` routing it can. Both transports are given requests whose client is already
// gone when the stream handler starts: such a stream must be released, not kept forever (each
// one would hold a heartbeat, the poller and one of the user's SSE_MAX_STREAMS_PER_USER slots).
it('releases streams whose client left before the stream handler opened them, on both transports', async () => {
  const { hub, poller } = realtime(server.payload)
  const streamHandler = (req: http.IncomingMessage, res: http.ServerResponse) => streamOnNode(server.payload, req, res)
  const late = http.createServer((req, res) => req.socket.once('close', () => void streamHandler(req, res)))
  await new Promise<void>((resolve) => late.listen(0, '127.0.0.1', resolve))
  const lateUrl = `http://127.0.0.1:${(late.address() as AddressInfo).port}`
  for (let i = 0; i < 20; i++) {
    const req = http.get(`${lateUrl}/api/messages/sse`, { headers: { authorization: `JWT ${cast.alice.token}` } })
    req.on('error', () => {})
    await new Promise((resolve) => setTimeout(resolve, 5))
    req.destroy()
  }
  late.close()

  // The Payload endpoint (`next dev`) sees the departure as its request's abort signal.
  for (let i = 0; i < 20; i++) {
    const left = AbortSignal.abort()
    const response = await createApiEntry(server.payload.config).web(
      new Request(`${server.url}/api/messages/sse`, { headers: { authorization: `JWT ${cast.bob.token}` }, signal: left }),
    )
    expect(response.status).toBe(200)
  }

  await vi.waitFor(() => expect(hub.size).toBe(0), { timeout: 5000 })
  expect(hub.hasHeartbeatTimer).toBe(false)
  expect(poller.isActive).toBe(false)
})
