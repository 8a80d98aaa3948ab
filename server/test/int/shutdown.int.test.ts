// Graceful shutdown of the test server process (test/helpers/serve.ts): the scenario in
// helpers/shutdown-scenario.ts. The production entry point (server.mjs) runs the same scenario in
// test/prod/shutdown.prod.test.ts, after a build.
import { afterAll, beforeAll, it } from 'vitest'

import { spawnServer, type ServerProcess } from '../helpers/server-process'
import { expectGracefulShutdown, SHUTDOWN_RETRY_MS } from '../helpers/shutdown-scenario'

let server: ServerProcess

// Booting a server process on a busy machine can take a while; the limits only stop a hang.
beforeAll(async () => {
  server = await spawnServer({ SSE_RETRY_MS: SHUTDOWN_RETRY_MS, LOG_LEVEL: 'info' }, { startTimeoutMs: 110_000 })
}, 120_000)
afterAll(() => {
  server?.child.kill('SIGKILL')
})

it('drains on SIGTERM: streams get retry and end, the write in flight finishes, exit 0', async () => {
  await expectGracefulShutdown(server)
}, 120_000)
