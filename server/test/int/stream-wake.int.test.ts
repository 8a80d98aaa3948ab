// A write through this process wakes the poller right after it commits. The poll interval here is
// ten minutes, far longer than this test may run, so every delivery below can only come from that
// wake-up, never from a poll: the test asserts that they arrive, not how fast.
import { expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.SSE_POLL_INTERVAL_MS = String(10 * 60 * 1000)
})

import { realtime } from '../../src/realtime/runtime'
import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { openStream, parseData } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

it('delivers local creates, edits and deletes without waiting for a poll', async () => {
  const { poller } = realtime(server.payload)
  const bob = await openStream(server.url, { token: cast.bob.token })
  await bob.ready()
  // The poller's first run (at start) is over and the next poll is ten minutes away.
  await vi.waitFor(() => expect(poller.polls > 0 && poller.hasTimer).toBe(true))
  const sent = []
  for (let i = 0; i < 5; i++) {
    const msg = await send(server.url, cast.alice, cast.bob, `fast ${i}`)
    await bob.waitFor(() => bob.changes().some((e) => parseData(e).id === msg.id), 20_000)
    sent.push(msg)
  }
  expect((await cast.client.patch(`/api/messages/${sent[0].id}`, { content: 'edited' }, cast.alice.token)).status).toBe(200)
  await bob.waitFor(() => bob.changes().at(-1)!.event === 'message.updated', 20_000)
  expect((await cast.client.del(`/api/messages/${sent[1].id}`, cast.alice.token)).status).toBe(200)
  await bob.waitFor(() => bob.changes().at(-1)!.event === 'message.deleted', 20_000)
  expect(bob.changes().map((e) => [e.event, parseData(e).id])).toEqual([
    ...sent.map((m) => ['message.created', m.id]),
    ['message.updated', sent[0].id],
    ['message.deleted', sent[1].id],
  ])
  bob.close()
})

it('delivers a DM read (Seen) without waiting for a poll', async () => {
  const { poller } = realtime(server.payload)
  const alice = await openStream(server.url, { token: cast.alice.token })
  await alice.ready()
  await vi.waitFor(() => expect(poller.polls > 0 && poller.hasTimer).toBe(true))
  const msg = await send(server.url, cast.alice, cast.bob, 'did you read this?')
  await alice.waitFor(() => alice.changes().some((e) => parseData(e).id === msg.id), 20_000)
  expect((await cast.client.post('/api/messages/read', { peer: cast.alice.id, upTo: msg.id }, cast.bob.token)).status).toBe(200)
  const reads = () => alice.events.filter((e) => e.event === 'read')
  await alice.waitFor(() => reads().length > 0, 20_000)
  expect(reads().map(parseData)).toEqual([{ peer: cast.bob.id, lastReadId: msg.id }])
  alice.close()
})
