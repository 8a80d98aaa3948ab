// On PostgreSQL, rate limits count in the database by default: two instances started apart (no
// cluster, no RATE_LIMIT_STORE set, as a deploy behind a balancer starts them) share each count,
// so N instances do not allow N times a limit. (On SQLite, one process alone counts in memory by
// default; cross-process-limits.int covers the shared store there.)
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { api } from '../helpers/api'
import { createTestDatabase } from '../helpers/postgres'
import { spawnServer, type ServerProcess } from '../helpers/server-process'

const server = inject('postgresUrl')
if (server) process.env.DATABASE_URI = await createTestDatabase(server)

describe.skipIf(!server)('rate limits on PostgreSQL by default', () => {
  let a: ServerProcess
  let b: ServerProcess

  beforeAll(async () => {
    delete process.env.RATE_LIMIT_STORE
    const env = { DATABASE_URI: process.env.DATABASE_URI!, SIGNUPS_PER_IP: '3' }
    // One after the other: the first migrates the fresh database.
    a = await spawnServer(env, { startTimeoutMs: 180_000 })
    b = await spawnServer(env, { startTimeoutMs: 180_000 })
  }, 400_000)

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
  })

  const signUp = (url: string, n: number) =>
    api(url).post('/api/users', { name: `User ${n}`, email: `user${n}@test.io`, password: 'password-123' })

  it('shares sign-ups per address between instances started apart', async () => {
    const statuses = [await signUp(a.url, 1), await signUp(b.url, 2), await signUp(a.url, 3), await signUp(b.url, 4)].map((r) => r.status)
    expect(statuses).toEqual([201, 201, 201, 429])
    expect((await signUp(a.url, 5)).status).toBe(429)
  })
})
