// Rate limits counted in the database (RATE_LIMIT_STORE=database, the default in cluster workers):
// two server processes on one database share each count, so N processes do not multiply a limit.
// Sign-ups per address per hour: a window no test run outlasts, so the outcome is exact.
import { afterAll, beforeAll, expect, it } from 'vitest'

import { api } from '../helpers/api'
import { spawnServer, type ServerProcess } from '../helpers/server-process'

let a: ServerProcess
let b: ServerProcess

beforeAll(async () => {
  const env = { RATE_LIMIT_STORE: 'database', SIGNUPS_PER_IP: '3' }
  // One after the other: the first migrates the fresh file.
  a = await spawnServer(env)
  b = await spawnServer(env)
}, 120_000)

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
})

const signUp = (url: string, n: number) =>
  api(url).post('/api/users', { name: `User ${n}`, email: `user${n}@test.io`, password: 'password-123' })

it('counts sign-ups from one address across both processes: the limit is reached once, not once per process', async () => {
  // Eight at once on each process, their first limited requests: both open the fresh side file
  // together (that once made one fail with SQLITE_BUSY, a 500), and the counts must not race.
  const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => signUp(i % 2 ? b.url : a.url, i)))
  expect(answers.map((answer) => answer.status).sort()).toEqual([...Array(3).fill(201), ...Array(13).fill(429)])
  const refused = answers.find((answer) => answer.status === 429)!
  expect(refused.body.errors[0].message).toMatch(/Retry in \d+ s\./)
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  // And one after the other, on either process: still refused.
  for (const url of [a.url, b.url]) expect((await signUp(url, 99)).status).toBe(429)
})
