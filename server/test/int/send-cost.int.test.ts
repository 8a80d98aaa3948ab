// What a send costs the database: a plain message (no files, not a reply) asks for neither uploads
// nor reactions and quotes, which it cannot have (issue #16: statements per send are the
// throughput; docs/performance.md). A send with files or a reply still does, and answers with them.
import { expect, it } from 'vitest'

import { type Cast, useServerWithCast } from '../helpers/fixtures'
import type { TestServer } from '../helpers/http-server'
import { countQueries } from '../helpers/query-count'
import { pngBytes, uploaded } from '../helpers/uploads'
import { onPostgres } from '../helpers/test-env'
import { statementCacheStats } from '../../src/db/sqlite/statement-cache'

let server: TestServer
let cast: Cast
useServerWithCast((s, c) => ((server = s), (cast = c)))

const aboutUploads = (text: string) => /from "attachments"/i.test(text)
const aboutRepliesAndReactions = (text: string) => /quote_id/i.test(text)

async function sendCounting(body: Record<string, unknown>, about: (text: string) => boolean) {
  let answer: { status: number; body: any } | undefined
  const statements = await countQueries(server.payload, async () => {
    answer = await cast.client.post('/api/messages', { receiver: cast.bob.id, ...body }, cast.alice.token)
  }, about)
  expect(answer!.status).toBe(201)
  return { statements, doc: answer!.body.doc }
}

it('looks up no uploads for a message without files, with or without an empty list', async () => {
  for (const body of [{ content: 'plain' }, { content: 'empty list', attachments: [] }]) {
    const { statements, doc } = await sendCounting(body, aboutUploads)
    expect(statements).toBe(0)
    expect(doc.attachments).toEqual([])
  }
})

it('still checks and takes the uploads of a message with files', async () => {
  const file = await uploaded(server.url, 'attachments', { name: 'a.png', bytes: await pngBytes(40, 30), token: cast.alice.token })
  const { statements, doc } = await sendCounting({ content: 'with a file', attachments: [file.id] }, aboutUploads)
  expect(statements).toBeGreaterThan(0)
  expect(doc.attachments).toMatchObject([{ id: file.id }])
})

it('reads no quote or reactions for a new message that answers nothing, and answers with none', async () => {
  const { statements, doc } = await sendCounting({ content: 'no reply' }, aboutRepliesAndReactions)
  expect(statements).toBe(0)
  expect(doc).toMatchObject({ replyTo: null, replyQuote: null, reactions: [] })
})

it('still reads the quote of a reply, and answers with it', async () => {
  const original = await cast.client.post('/api/messages', { receiver: cast.alice.id, content: 'the original' }, cast.bob.token)
  const { statements, doc } = await sendCounting({ content: 'an answer', replyTo: original.body.doc.id }, aboutRepliesAndReactions)
  expect(statements).toBeGreaterThan(0)
  expect(doc).toMatchObject({ replyTo: original.body.doc.id, replyQuote: { excerpt: 'the original' }, reactions: [] })
})

// SQLite: a statement the server ran before is not compiled again (db/sqlite/statement-cache.ts).
it.skipIf(onPostgres)('compiles the statements of a send once: later sends take them from the cache', async () => {
  for (let i = 0; i < 2; i++) await sendCounting({ content: `warm ${i}` }, () => true)
  const before = { ...statementCacheStats }
  const { statements } = await sendCounting({ content: 'once more' }, () => true)
  expect(statements).toBeGreaterThan(0)
  expect(statementCacheStats.hits - before.hits).toBeGreaterThanOrEqual(statements)
  expect(statementCacheStats.misses - before.misses).toBe(0)
})

it("answers a reply with its quote when the answer's select leaves out replyTo", async () => {
  const original = await cast.client.post('/api/messages', { receiver: cast.alice.id, content: 'quoted' }, cast.bob.token)
  const res = await cast.client.post(
    '/api/messages?select[content]=true&select[replyQuote]=true',
    { receiver: cast.bob.id, content: 'answer', replyTo: original.body.doc.id },
    cast.alice.token,
  )
  expect(res.status).toBe(201)
  expect(res.body.doc.replyTo).toBeUndefined()
  expect(res.body.doc.replyQuote).toMatchObject({ excerpt: 'quoted' })
})
