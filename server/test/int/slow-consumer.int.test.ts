// A client that stops reading is cut off before it can grow server memory; others are unaffected,
// and one that only pauses catches up on its own connection. Production's Node stream handler
// closes the stuck socket itself.
import { it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.SSE_STALL_TIMEOUT_MS = '5000' // STALL_MS in helpers/slow-consumer.ts
})

import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { expectPausedReaderCaughtUp, expectStuckReaderDropped } from '../helpers/slow-consumer'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)), { stream: 'node' })

it('drops a subscriber that stops reading, cuts its socket, and keeps delivering to one that reads', async () => {
  await expectStuckReaderDropped(server, { sender: cast.alice, receiver: cast.bob }, { socketIsCut: true })
}, 60_000)

it('catches a subscriber that paused during a burst up from the feed, on the same connection', async () => {
  await expectPausedReaderCaughtUp(server, { sender: cast.alice, receiver: cast.carol })
}, 60_000)
