// Other processes writing the same SQLite file (scripts, a second server) hold its write lock
// at times. REST writes meanwhile must wait and succeed, never surface SQLITE_BUSY as a 5xx.
import { expect, it } from 'vitest'

import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { onPostgres } from '../helpers/test-env'
import { writeFromAnotherProcess } from '../helpers/write-from-another-process'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

// SQLite's one write lock (SQLITE_BUSY); PostgreSQL locks rows: writers through other connections
// there are change-feed.int's and pg-feed.int's concurrent writers.
it.skipIf(onPostgres)('REST writes succeed while 4 other processes write the same file', async () => {
  const { client, alice, bob } = cast
  // Big single transactions hold the lock longest; row-by-row writers interleave with ours.
  const external = (
    [
      [3000, 'ext-a', true],
      [3000, 'ext-b', true],
      [300, 'ext-c', false],
      [300, 'ext-d', false],
    ] as const
  ).map(([count, prefix, oneTransaction]) =>
    writeFromAnotherProcess({ sender: bob.id, receiver: alice.id, count, prefix, oneTransaction }),
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
