// A client that stops reading is cut off before it can grow server memory; others are unaffected.
// Production's Node stream handler closes the stuck socket itself.
import { it } from 'vitest'

import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { expectStuckReaderDropped } from '../helpers/slow-consumer'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)), { stream: 'node' })

it('drops a subscriber that stops reading, cuts its socket, and keeps delivering to one that reads', async () => {
  await expectStuckReaderDropped(server, { sender: cast.alice, receiver: cast.bob }, { socketIsCut: true })
}, 60_000)
