// WEB_CONCURRENCY: several workers of the production build on one port (node:cluster), started on
// a fresh database. Worker 1 migrates before anyone listens, the others start after it; a dead
// worker is replaced; SIGTERM to the primary drains every worker and exits 0.
import { afterEach, expect, it, vi } from 'vitest'

import { api } from '../helpers/api'
import { send } from '../helpers/fixtures'
import { spawnServer, type ServerProcess } from '../helpers/server-process'
import { expectGracefulShutdown, SHUTDOWN_RETRY_MS } from '../helpers/shutdown-scenario'

let server: ServerProcess | undefined
afterEach(() => {
  server?.child.kill('SIGKILL')
})

const workerPids = (log: string) => [...log.matchAll(/worker (\d+) ready/g)].map((match) => Number(match[1]))

it('refuses an invalid WEB_CONCURRENCY at start-up with a clear error', async () => {
  const failed = await spawnServer({ WEB_CONCURRENCY: 'two' }, { entry: 'production' }).then(
    () => null,
    (error: Error) => error.message,
  )
  expect(failed).toContain('exited with 1 before listening')
  expect(failed).toContain('WEB_CONCURRENCY must be a whole number from 1 to 256, or "auto" (one worker per core), got "two"')
})

it('boots two workers on a fresh database, replaces one that dies, and drains both on SIGTERM', async () => {
  server = await spawnServer({ WEB_CONCURRENCY: '2', SSE_RETRY_MS: SHUTDOWN_RETRY_MS, LOG_LEVEL: 'info' }, { entry: 'production', startTimeoutMs: 170_000 })
  const log = server.output()
  expect(log).toMatch(/Payload Chat ready on http:\/\/\S+ \(2 workers\)/)
  const [first, second] = workerPids(log)
  expect(new Set([first, second, server.pid]).size).toBe(3)
  // Worker 2 started only after worker 1 had migrated and listened.
  expect(log.indexOf(`worker ${first} ready`)).toBeLessThan(log.indexOf(`worker ${second} ready`))

  // Not the shutdown scenario's cast (it signs its own up below).
  const client = api(server.url)
  const [dave, erin] = [await client.signUp('Dave', 'dave@test.io'), await client.signUp('Erin', 'erin@test.io')]
  expect((await send(server.url, dave, erin, 'through the workers')).content).toBe('through the workers')

  process.kill(first!, 'SIGKILL')
  await vi.waitFor(() => expect(server!.output()).toMatch(new RegExp(`worker ${first} died \\(SIGKILL\\); starting a replacement`)), { timeout: 20_000 })
  await vi.waitFor(() => expect(server!.output()).toMatch(/replacement worker \d+ ready/), { timeout: 120_000 })
  // Every connection is answered, whichever worker takes it.
  for (let i = 0; i < 6; i++) expect((await client.get('/api/users/me', erin.token)).body.user.id).toBe(erin.id)

  await expectGracefulShutdown(server, { processes: 2 })
  expect(server.output()).toMatch(/\[primary \d+\] SIGTERM: draining 2 worker\(s\)/)
  // Three boots one after the other (worker 1, worker 2, the replacement): far longer than one.
}, 420_000)
