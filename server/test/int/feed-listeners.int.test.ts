// Review finding 1: what listens to the published changes (presence's DM peers, the typing
// throttle) can never stop the feed. A message row without a receiver or a room (written by raw
// SQL, or left so by a user deleted by raw SQL) is published to its sender like any change, and a
// DM sent after it still reaches its receiver.
import { describe, expect, it, vi } from 'vitest'

import { query, sql } from '../../src/db/sql'
import { realtime } from '../../src/realtime/runtime'
import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { useStreams } from '../helpers/open-streams'
import { parseData } from '../helpers/sse-client'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))
const { stream } = useStreams(() => server)

describe('listeners of published changes', () => {
  it('a message row with neither receiver nor room does not stop later changes', async () => {
    const { alice, bob } = cast
    const logged = vi.spyOn(server.payload.logger, 'error')
    const [a, b] = [await stream(alice.token), await stream(bob.token)]
    await Promise.all([a.ready(), b.ready()])
    const [inserted] = await query(server.payload, sql`INSERT INTO messages (sender_id, receiver_id, room_id, content) VALUES (${alice.id}, NULL, NULL, 'orphan') RETURNING id`)
    realtime(server.payload).poller.wake()
    const orphan = Number(inserted!.id)
    const after = await send(server.url, alice, bob, 'after the orphan')
    await b.waitFor(() => b.changes().some((e) => parseData(e).id === after.id))
    // The sender's stream got the orphan row, then the DM, in feed order.
    await a.waitFor(() => a.changes().some((e) => parseData(e).id === after.id))
    expect(a.changes().map((e) => parseData(e).id)).toEqual([orphan, after.id])
    // Handled, not merely survived: no listener failed on it.
    expect(logged).not.toHaveBeenCalled()
    logged.mockRestore()
  })

  it('a listener that throws is logged and the feed goes on', async () => {
    const { alice, bob } = cast
    const runtime = realtime(server.payload)
    const failing = () => {
      throw new Error('listener failure')
    }
    runtime.published.add(failing)
    try {
      const b = await stream(bob.token)
      await b.ready()
      const first = await send(server.url, alice, bob, 'one')
      const second = await send(server.url, alice, bob, 'two')
      await b.waitFor(() => b.changes().some((e) => parseData(e).id === second.id))
      expect(b.changes().map((e) => parseData(e).id)).toEqual([first.id, second.id])
    } finally {
      runtime.published.delete(failing)
    }
  })
})
