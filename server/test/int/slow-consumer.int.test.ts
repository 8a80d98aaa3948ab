// A client that stops reading is cut off before it can grow server memory; others are unaffected.
// Production's Node stream handler closes the stuck socket itself.
import { afterAll, beforeAll, it } from 'vitest'

import { createCast } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { expectStuckReaderDropped } from '../helpers/slow-consumer'

let server: TestServer
let cast: Awaited<ReturnType<typeof createCast>>

beforeAll(async () => {
  server = await startTestServer({ stream: 'node' })
  cast = await createCast(server.url)
})
afterAll(async () => server?.close())

it('drops a subscriber that stops reading, cuts its socket, and keeps delivering to one that reads', async () => {
  await expectStuckReaderDropped(server, { sender: cast.alice, receiver: cast.bob }, { socketIsCut: true })
}, 60_000)
