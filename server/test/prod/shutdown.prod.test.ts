// Production's own SIGTERM path: server.mjs over the `next build` output, started with the
// environment `pnpm start` sets (NEXT_MANUAL_SIG_HANDLE, NODE_ENV), so Next's signal handling,
// server.mjs's listener and Payload's shutdown handler all take part. Runs in `pnpm test:e2e`,
// after `pnpm build` (CI's order: test, build, test:e2e).
import { afterEach, expect, it } from 'vitest'

import { spawnServer, startScriptEnv, type ServerProcess } from '../helpers/server-process'
import { expectGracefulShutdown, expectShutdownLoggedInOrder, SHUTDOWN_RETRY_MS } from '../helpers/shutdown-scenario'

let server: ServerProcess | undefined
const start = async () =>
  (server = await spawnServer({ SSE_RETRY_MS: SHUTDOWN_RETRY_MS, LOG_LEVEL: 'info' }, { entry: 'production', startTimeoutMs: 110_000 }))
afterEach(() => {
  server?.child.kill('SIGKILL')
})

it('runs server.mjs the way the start script does', () => {
  expect(startScriptEnv()).toMatchObject({ NODE_ENV: 'production', NEXT_MANUAL_SIG_HANDLE: 'true' })
})

it('logs an idle shutdown in the order it happens, and exits 0', async () => {
  const idle = await start()
  idle.child.kill('SIGTERM')
  expect(await idle.exited).toBe(0)
  expectShutdownLoggedInOrder(idle.output())
})

it('drains on SIGTERM: streams get retry and end, the write in flight finishes, exit 0', async () => {
  await expectGracefulShutdown(await start())
})
