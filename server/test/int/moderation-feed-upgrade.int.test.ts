// Upgrade in place across moderation_feed (who removed a message, report rows): a database migrated
// up to just before it, with messages written and one deleted, is migrated by the server's start.
// Change ids and rows are kept, the deletion stored before keeps what clients were told then (the
// sender's), and deletions after the upgrade say who removed them.
import { createClient } from '@libsql/client'
import type { MigrateDownArgs } from '@payloadcms/db-sqlite'
import { drizzle } from '@payloadcms/db-sqlite/drizzle/libsql'
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { down, up } from '../../src/migrations/20261129_200000_moderation_feed'
import { down as reactionFeedDown } from '../../src/migrations/20261129_230000_reaction_feed'

import { sqliteClient } from '../../src/db/client'
import { readEvents } from '../../src/db/sqlite/change-feed'
import { databaseBefore } from '../helpers/database-before'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { onPostgres } from '../helpers/test-env'

async function livedWithDeletions() {
  const { client, insert } = await databaseBefore('20261129_200000_moderation_feed')
  const ann = await insert('INSERT INTO users (name, email, role) VALUES (?, ?, ?)', ['Ann', 'ann@old.io', 'member'])
  const ben = await insert('INSERT INTO users (name, email, role) VALUES (?, ?, ?)', ['Ben', 'ben@old.io', 'member'])
  const now = new Date().toISOString()
  const dm = (content: string) =>
    insert('INSERT INTO messages (sender_id, receiver_id, content, timestamp, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?)', [ann, ben, content, now, now, now])
  const gone = await dm('deleted before the upgrade')
  const kept = await dm('deleted after it')
  await client.execute({ sql: 'DELETE FROM messages WHERE id = ?', args: [gone] })
  const changes = (await client.execute('SELECT id, kind, message_id FROM message_changes ORDER BY id')).rows.map((r) => ({ ...r }))
  client.close()
  return { messages: { gone, kept }, changes }
}

// SQLite only: an old SQLite file's migration (moderation_feed) and its down; PostgreSQL's first feed migration has removed_by from the start (moderation-content covers it there).
describe.skipIf(onPostgres)('an old SQLite database upgraded', () => {
  let before: Awaited<ReturnType<typeof livedWithDeletions>>
  let server: TestServer

  beforeAll(async () => {
    before = await livedWithDeletions()
    server = await startTestServer()
  })
  afterAll(async () => server?.close())

  describe('who removed a message (moderation_feed)', () => {
    it('keeps the rows and their ids, replays an old deletion as the sender’s, and records who removes one now', async () => {
      const db = sqliteClient(server.payload)
      const changes = async () => (await db.execute('SELECT id, kind, message_id FROM message_changes ORDER BY id')).rows.map((r) => ({ ...r }))
      expect(before.changes.map((r) => r.kind)).toEqual(['created', 'created', 'deleted'])
      expect(await changes()).toEqual(before.changes)

      await server.payload.delete({ collection: 'messages', id: before.messages.kept, overrideAccess: true })
      const { events } = await readEvents(server.payload, { after: 0, limit: 100 })
      const deleted = events.filter((e) => e.type === 'message.deleted').map((e) => [e.id, e.data.id, (e.data as { by: string }).by])
      const lastId = Number(before.changes.at(-1)!.id)
      // The sequence continues after the rebuild; the delete with no user is no sender's.
      expect(deleted).toEqual([
        [lastId, before.messages.gone, 'sender'],
        [lastId + 1, before.messages.kept, 'moderator'],
      ])
    })
  })

  describe('moderation_feed down', () => {
    it('goes back to the feed without report rows or who removed a message, keeping ids; up again restores it', async () => {
      const client = createClient({ url: `file:${path.join(os.tmpdir(), `moderation-down-${randomUUID()}.db`)}` })
      const db = drizzle(client) as unknown as MigrateDownArgs['db']
      const changes = async () => (await client.execute('SELECT id, kind FROM message_changes ORDER BY id')).rows.map((r) => [Number(r.id), r.kind])
      // An empty copy of the migrated server's schema (tables, then indexes, then triggers); the
      // search index's own tables are made by its virtual table's CREATE.
      for (const { sql } of (await sqliteClient(server.payload).execute(`SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'messages_fts_%' ORDER BY type = 'trigger', type = 'index'`)).rows as unknown as Array<{ sql: string }>) {
        await client.execute(sql)
      }
      const now = new Date().toISOString()
      await client.execute({ sql: `INSERT INTO users (id, name, email, role, updated_at, created_at) VALUES (1, 'Ann', 'a@x.io', 'member', ?, ?)`, args: [now, now] })
      await client.execute({ sql: `INSERT INTO messages (id, sender_id, receiver_id, content, timestamp, updated_at, created_at) VALUES (5, 1, 1, 'x', ?, ?, ?)`, args: [now, now, now] })
      await client.execute(`INSERT INTO reports (reporter_id, reported_message_id, reason) VALUES (1, 5, 'spam')`)
      expect(await changes()).toEqual([
        [1, 'created'],
        [2, 'report'],
      ])

      // The later reaction_feed first, as migrate would.
      await reactionFeedDown({ db } as MigrateDownArgs)
      await down({ db } as MigrateDownArgs)
      expect(await changes()).toEqual([[1, 'created']])
      await client.execute('DELETE FROM messages WHERE id = 5')
      expect(await changes()).toEqual([
        [1, 'created'],
        [3, 'deleted'],
      ])
      const tables = (await client.execute(`SELECT name FROM sqlite_master WHERE name = 'message_removals'`)).rows
      expect(tables).toEqual([])

      await up({ db } as MigrateDownArgs)
      await client.execute(`UPDATE reports SET status = 'resolved', resolution = 'dismissed'`)
      expect((await changes()).at(-1)).toEqual([4, 'report'])
      client.close()
    })
  })
})
