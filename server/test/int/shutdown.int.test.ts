// Graceful shutdown of a real server process: SIGTERM while streams are open and writes are in
// flight. Streams get a final retry hint and end, acknowledged writes are stored, exit code 0.
import { createClient } from '@libsql/client'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { api } from '../helpers/api'
import { createCast } from '../helpers/fixtures'
import { spawnServer, type ServerProcess } from '../helpers/server-process'
import { openStream } from '../helpers/sse-client'
import { testDatabaseFile } from '../helpers/test-env'

let server: ServerProcess

beforeAll(async () => {
  server = await spawnServer({ SSE_RETRY_MS: '1234' })
})
afterAll(() => {
  server?.child.kill('SIGKILL')
})

it('drains on SIGTERM: streams get retry and end, in-flight writes finish, exit 0', async () => {
  const cast = await createCast(server.url)
  const streams = await Promise.all([cast.alice, cast.bob].map((actor) => openStream(server.url, { token: actor.token })))
  for (const s of streams) await s.ready()

  const client = api(server.url)
  const posts = Array.from({ length: 40 }, (_, i) =>
    client.post('/api/messages', { receiver: cast.bob.id, content: `in flight ${i}` }, cast.alice.token).catch(() => null),
  )
  await new Promise((resolve) => setTimeout(resolve, 15))
  server.child.kill('SIGTERM')

  expect(await server.exited).toBe(0)
  for (const s of streams) {
    await s.closed
    // The last frame is the retry hint, after the ready frame's own.
    expect(s.body.trimEnd().endsWith('retry: 1234')).toBe(true)
  }
  const results = await Promise.all(posts)
  const acknowledged = results.filter((res) => res?.status === 201).map((res) => res!.body.doc.id as number)
  // Each request was either finished (201) or refused as the server was stopping (503, or a
  // connection refused once it stopped listening): never cut off half-way with a 5xx.
  for (const res of results) if (res) expect([201, 503]).toContain(res.status)
  expect(acknowledged.length).toBeGreaterThan(0)

  const db = createClient({ url: `file:${testDatabaseFile}` })
  const { rows } = await db.execute(`SELECT id FROM messages WHERE content LIKE 'in flight %'`)
  db.close()
  expect(rows.map((row) => Number(row.id)).sort((a, b) => a - b)).toEqual(acknowledged.sort((a, b) => a - b))
})
