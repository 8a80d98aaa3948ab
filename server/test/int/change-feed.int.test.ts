// The change feed itself: every writer is caught, one row per change, ids in commit order.
import { describe, expect, it } from 'vitest'

import { latestChangeId, readChanges } from '../../src/db/sqlite/change-feed'
import { type Cast, send, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { writeFromAnotherProcess } from '../helpers/write-from-another-process'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

describe('change rows', () => {
  it('are written for every create, edit and delete, whoever writes', async () => {
    const start = await latestChangeId(server.payload)
    const viaRest = await send(server.url, cast.alice, cast.bob, 'rest')
    await cast.client.patch(`/api/messages/${viaRest.id}`, { content: 'rest edited' }, cast.alice.token)
    const viaLocal = await server.payload.create({
      collection: 'messages',
      data: { sender: cast.bob.id, receiver: cast.alice.id, content: 'local api' },
      overrideAccess: true,
    })
    await server.payload.delete({ collection: 'messages', id: viaLocal.id, overrideAccess: true })
    await cast.client.del(`/api/messages/${viaRest.id}`, cast.admin.token)
    await writeFromAnotherProcess({ sender: cast.carol.id, receiver: cast.alice.id, count: 1, prefix: 'raw sql' })

    const rows = await readChanges(server.payload, { after: start, limit: 100 })
    expect(rows.map((r) => [r.kind, r.senderId, r.receiverId])).toEqual([
      ['created', cast.alice.id, cast.bob.id],
      ['updated', cast.alice.id, cast.bob.id],
      ['created', cast.bob.id, cast.alice.id],
      ['deleted', cast.bob.id, cast.alice.id],
      ['deleted', cast.alice.id, cast.bob.id],
      ['created', cast.carol.id, cast.alice.id],
    ])
    expect(rows.slice(0, 2).every((r) => r.messageId === viaRest.id)).toBe(true)
  })

  it('are not written by a write that fails', async () => {
    const start = await latestChangeId(server.payload)
    const bad = await cast.client.post('/api/messages', { receiver: 424242, content: 'x' }, cast.alice.token)
    expect(bad.status).toBe(400)
    expect(await readChanges(server.payload, { after: start, limit: 10 })).toEqual([])
  })

  it('follow commit order under concurrent writers in several processes', async () => {
    const start = await latestChangeId(server.payload)
    // A reader following the feed by cursor as fast as it can while the writers run: if any id
    // became visible after a larger one had been read, the reader would skip it for ever.
    const seen: number[] = []
    let cursor = start
    let writing = true
    const reader = (async () => {
      while (writing) {
        const rows = await readChanges(server.payload, { after: cursor, limit: 50 })
        for (const row of rows) seen.push(row.id)
        if (rows.length) cursor = rows[rows.length - 1].id
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()

    await Promise.all([
      ...[0, 1, 2, 3].map((p) => writeFromAnotherProcess({ sender: cast.carol.id, receiver: cast.bob.id, count: 100, prefix: `process ${p}` })),
      (async () => {
        for (let i = 0; i < 100; i++) await send(server.url, cast.alice, cast.bob, `in-process ${i}`)
      })(),
    ])
    writing = false
    await reader
    for (const row of await readChanges(server.payload, { after: cursor, limit: 1000 })) seen.push(row.id)

    const all = await readChanges(server.payload, { after: start, limit: 1000 })
    expect(all).toHaveLength(500)
    expect(seen).toEqual(all.map((r) => r.id))
    // Message ids are allocated in the same transactions: the two orders agree.
    const messageIds = all.map((r) => r.messageId)
    expect(messageIds).toEqual([...messageIds].sort((a, b) => a - b))
  })
})
