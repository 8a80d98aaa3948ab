// Upgrade in place across the move of mentions from `messages_rels` into the message row: a
// database migrated up to the rooms feed, with room messages and their mentions as relationship
// rows, is migrated by the server's start. The mentions survive in order, the move writes no
// change row (no client sees a phantom edit), and the triggers installed are today's (a room
// message's row records the room's name).
import { createClient } from '@libsql/client'
import { drizzle } from '@payloadcms/db-sqlite/drizzle/libsql'
import type { MigrateUpArgs } from '@payloadcms/db-sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sqliteClient } from '../../src/db/client'
import { readEvents } from '../../src/db/sqlite/feed-events'
import { migrations } from '../../src/migrations'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { onPostgres, testDatabaseFile } from '../helpers/test-env'

const BEFORE = migrations.slice(0, migrations.findIndex((m) => m.name === '20261129_150610_mentions_on_message'))

async function livedWithMentionRows() {
  const client = createClient({ url: `file:${testDatabaseFile}` })
  const db = drizzle(client) as unknown as MigrateUpArgs['db']
  for (const migration of BEFORE) await migration.up({ db } as MigrateUpArgs)
  for (const { name } of BEFORE) await client.execute({ sql: 'INSERT INTO payload_migrations (name, batch) VALUES (?, 1)', args: [name] })
  const insert = async (sql: string, args: Array<string | number>) => Number((await client.execute({ sql, args })).lastInsertRowid)
  const ann = await insert('INSERT INTO users (name, email, role) VALUES (?, ?, ?)', ['Ann', 'ann@old.io', 'member'])
  const ben = await insert('INSERT INTO users (name, email, role) VALUES (?, ?, ?)', ['Ben', 'ben@old.io', 'member'])
  const cat = await insert('INSERT INTO users (name, email, role) VALUES (?, ?, ?)', ['Cat', 'cat@old.io', 'member'])
  const room = await insert(`INSERT INTO rooms (name, visibility) VALUES ('old room', 'public')`, [])
  for (const user of [ann, ben, cat]) await insert('INSERT INTO room_memberships (room_id, user_id) VALUES (?, ?)', [room, user])
  const now = new Date().toISOString()
  const message = (content: string) =>
    insert('INSERT INTO messages (sender_id, room_id, content, timestamp, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?)', [ann, room, content, now, now, now])
  const both = await message('hi @Cat @Ben')
  const none = await message('hi all')
  for (const [order, user] of [[1, cat], [2, ben]]) {
    await insert(`INSERT INTO messages_rels ("order", parent_id, path, users_id) VALUES (?, ?, 'mentions', ?)`, [order, both, user])
  }
  const changes = (await client.execute('SELECT id, kind FROM message_changes ORDER BY id')).rows.map((r) => ({ ...r }))
  client.close()
  return { users: { ann, ben, cat }, room, messages: { both, none }, changes }
}

// SQLite only: an old SQLite file's migration (mentions rows into the message row); PostgreSQL's migrations start past it (pg-feed, pg-stream cover its feed).
describe.skipIf(onPostgres)('an old SQLite database upgraded', () => {
  let before: Awaited<ReturnType<typeof livedWithMentionRows>>
  let server: TestServer

  beforeAll(async () => {
    before = await livedWithMentionRows()
    server = await startTestServer()
  })
  afterAll(async () => server?.close())

  describe('moving mentions into the message row', () => {
    it('keeps every mention in order, writes no change row, and installs the current triggers', async () => {
      const { ben, cat, ann } = before.users
      const db = sqliteClient(server.payload)
      const stored = await db.execute('SELECT id, mentions FROM messages ORDER BY id')
      expect(stored.rows.map((r) => [Number(r.id), JSON.parse(String(r.mentions))])).toEqual([
        [before.messages.both, [cat, ben]],
        [before.messages.none, []],
      ])
      expect((await db.execute('SELECT id, kind FROM message_changes ORDER BY id')).rows.map((r) => ({ ...r }))).toEqual(before.changes)
      const { events } = await readEvents(server.payload, { after: 0, limit: 100 })
      expect(events.filter((e) => e.type === 'message.created').map((e) => (e.data as { mentions: number[] }).mentions)).toEqual([[cat, ben], []])
      expect((await db.execute(`SELECT name FROM sqlite_master WHERE name = 'messages_rels'`)).rows).toEqual([])

      const doc = await server.payload.create({ collection: 'messages', data: { room: before.room, content: 'new', sender: ann }, overrideAccess: true })
      const [row] = (await db.execute({ sql: 'SELECT room_name FROM message_changes WHERE message_id = ?', args: [doc.id] })).rows
      expect(row.room_name).toBe('old room')
    })
  })
})
