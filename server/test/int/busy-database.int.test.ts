// Other processes writing the same SQLite file (scripts, a second server) hold its write lock
// at times. REST writes meanwhile must wait and succeed, never surface SQLITE_BUSY as a 5xx.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { createCast } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { testDatabaseFile } from '../helpers/test-env'

const run = promisify(execFile)
const writer = path.resolve(import.meta.dirname, '../helpers/external-writer.mjs')

let server: TestServer
let cast: Awaited<ReturnType<typeof createCast>>

beforeAll(async () => {
  server = await startTestServer()
  cast = await createCast(server.url)
})
afterAll(async () => server?.close())

it('REST writes succeed while 4 other processes write the same file', async () => {
  const { client, alice, bob } = cast
  // Big single transactions hold the lock longest; row-by-row writers interleave with ours.
  const external = [
    ['3000', 'ext-a', 'one-transaction'],
    ['3000', 'ext-b', 'one-transaction'],
    ['300', 'ext-c'],
    ['300', 'ext-d'],
  ].map(([count, prefix, mode]) =>
    run(process.execPath, [writer, testDatabaseFile, String(bob.id), String(alice.id), count, prefix, ...(mode ? [mode] : [])]),
  )
  const statuses: number[] = []
  const posting = (async () => {
    for (let round = 0; round < 15; round++) {
      const batch = await Promise.all(
        Array.from({ length: 8 }, (_, i) => client.post('/api/messages', { receiver: bob.id, content: `rest ${round}-${i}` }, alice.token)),
      )
      statuses.push(...batch.map((res) => res.status))
      const edits = await Promise.all(
        batch.slice(0, 2).map((res) => client.patch(`/api/messages/${res.body.doc?.id}`, { content: 'edited' }, alice.token)),
      )
      statuses.push(...edits.map((res) => res.status))
    }
  })()
  await Promise.all([posting, ...external])

  expect(statuses.filter((status) => status >= 500)).toEqual([])
  expect(statuses.every((status) => status === 200 || status === 201)).toBe(true)
  const { totalDocs } = await server.payload.count({ collection: 'messages' })
  expect(totalDocs).toBe(120 + 6600)
})
