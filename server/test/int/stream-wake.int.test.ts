// A write through this process wakes the poller right after it commits. The poll interval here is
// 10 s, so a delivery within a second can only come from that wake-up, never from a poll.
import { expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.SSE_POLL_INTERVAL_MS = '10000'
})

import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { openStream, parseData } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

it('delivers local creates and deletes in milliseconds, without waiting for a poll', async () => {
  const bob = await openStream(server.url, { token: cast.bob.token })
  await bob.ready()
  // Let the poller's first run (at start) finish, so the next poll is 10 s away.
  await new Promise((resolve) => setTimeout(resolve, 200))
  const elapsed: number[] = []
  for (let i = 0; i < 5; i++) {
    const started = Date.now()
    const msg = await send(server.url, cast.alice, cast.bob, `fast ${i}`)
    await bob.waitFor(() => bob.changes().some((e) => parseData(e).id === msg.id), 1000)
    elapsed.push(Date.now() - started)
  }
  const last = bob.changes().at(-1)!
  const started = Date.now()
  await cast.client.del(`/api/messages/${parseData(last).id}`, cast.alice.token)
  await bob.waitFor(() => bob.changes().at(-1)!.event === 'message.deleted', 1000)
  elapsed.push(Date.now() - started)
  expect(Math.max(...elapsed)).toBeLessThan(1000)
  bob.close()
})
