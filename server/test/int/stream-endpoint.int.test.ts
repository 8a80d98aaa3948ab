// The stream as a Payload endpoint (what `next dev` serves): the same contract as the Node
// handler production uses, checked on its essentials. stream-connect, -deliver, -resume and -limits cover the rest.
import { expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.SSE_STALL_TIMEOUT_MS = '5000' // STALL_MS in helpers/slow-consumer.ts
})

import { realtime } from '../../src/realtime/runtime'
import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { expectPausedReaderCaughtUp, expectStuckReaderDropped } from '../helpers/slow-consumer'
import { openStream, parseData } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)), { stream: 'endpoint' })

it('refuses anonymous (401), malformed cursors (400), as JSON', async () => {
  for (const [options, status] of [[{}, 401], [{ token: cast.bob.token, lastEventId: 'x' }, 400]] as const) {
    const s = await openStream(server.url, options)
    expect(s.status).toBe(status)
    expect(s.headers['content-type']).toContain('application/json')
    await s.closed
    expect(JSON.parse(s.body).errors[0].message).toBeTruthy()
  }
})

it('streams with SSE headers, delivers live, resumes by cursor and releases on disconnect', async () => {
  const bob = await openStream(server.url, { token: cast.bob.token })
  expect(bob.headers['content-type']).toMatch(/^text\/event-stream/)
  expect(bob.headers['cache-control']).toBe('no-cache, no-transform')
  await bob.ready()
  const first = await send(server.url, cast.alice, cast.bob, 'one')
  await bob.waitFor(() => bob.changes().length === 1)
  expect(parseData(bob.changes()[0])).toMatchObject({ id: first.id, content: 'one', sender: { id: cast.alice.id, name: 'Alice' } })
  const cursor = bob.changes()[0].id!
  bob.close()
  await vi.waitFor(() => expect(realtime(server.payload).hub.size).toBe(0))

  await send(server.url, cast.alice, cast.bob, 'two')
  const resumed = await openStream(server.url, { token: cast.bob.token, lastEventId: cursor })
  await resumed.waitFor(() => resumed.changes().length === 1)
  expect(parseData(resumed.changes()[0]).content).toBe('two')
  resumed.close()
  await vi.waitFor(() => expect(realtime(server.payload).hub.size).toBe(0))
  expect(realtime(server.payload).poller.isActive).toBe(false)
})

// Under Next the stream is released from the hub with its queue; the socket holds at most the
// chunk being written, because Next waits for that write to drain before it can abort.
it('releases a subscriber that stops reading, and keeps delivering to one that reads', async () => {
  await expectStuckReaderDropped(server, { sender: cast.carol, receiver: cast.bob }, { socketIsCut: false })
}, 60_000)

it('catches a subscriber that paused during a burst up from the feed, on the same connection', async () => {
  await expectPausedReaderCaughtUp(server, { sender: cast.carol, receiver: cast.alice })
}, 60_000)
