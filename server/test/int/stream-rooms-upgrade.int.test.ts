// Upgrade in place: a database that lived on the schema before rooms (DMs, edits, deletes, a
// pruned head of the feed) is migrated up by the server's start. Message ids and change ids
// continue where they were, an old cursor resumes, DM events are what they were.
import { createClient } from '@libsql/client'
import { drizzle } from '@payloadcms/db-sqlite/drizzle/libsql'
import type { MigrateUpArgs } from '@payloadcms/db-sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sqliteClient } from '../../src/db/client'
import { latestChangeId, pruneChanges } from '../../src/db/sqlite/change-feed'
import { migrations } from '../../src/migrations'
import * as roomFeed from '../../src/migrations/20261129_140000_room_feed'
import * as readFeed from '../../src/migrations/20261129_170000_read_feed'
import * as moderationFeed from '../../src/migrations/20261129_200000_moderation_feed'
import * as reactionFeed from '../../src/migrations/20261129_230000_reaction_feed'
import { api } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { openStream, parseData } from '../helpers/sse-client'
import { onPostgres, testDatabaseFile } from '../helpers/test-env'

const PRE_ROOMS = migrations.slice(0, migrations.findIndex((m) => m.name === '20261129_133826_rooms'))
const PASSWORD = 'password-123'

// The database as the release before rooms left it, written before this server ever opens it.
async function livedOnBeforeRooms() {
  const client = createClient({ url: `file:${testDatabaseFile}` })
  const db = drizzle(client) as unknown as MigrateUpArgs['db']
  for (const migration of PRE_ROOMS) await migration.up({ db } as MigrateUpArgs)
  for (const { name } of PRE_ROOMS) await client.execute({ sql: 'INSERT INTO payload_migrations (name, batch) VALUES (?, 1)', args: [name] })
  const user = async (name: string, role: string) =>
    Number((await client.execute({ sql: 'INSERT INTO users (name, email, role) VALUES (?, ?, ?)', args: [name, `${name.toLowerCase()}@old.io`, role] })).lastInsertRowid)
  const admin = await user('Ada', 'admin')
  const ann = await user('Ann', 'member')
  const ben = await user('Ben', 'member')
  const dm = async (from: number, to: number, content: string) => {
    const now = new Date().toISOString()
    return Number(
      (await client.execute({
        sql: 'INSERT INTO messages (sender_id, receiver_id, content, timestamp, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        args: [from, to, content, now, now, now],
      })).lastInsertRowid,
    )
  }
  const one = await dm(ann, ben, 'one')
  const two = await dm(ben, ann, 'two')
  await dm(ann, admin, 'three')
  const four = await dm(ann, ben, 'four')
  await client.execute({ sql: `UPDATE messages SET content = 'one edited' WHERE id = ?`, args: [one] })
  // The newest message is deleted: its id must never be handed out again.
  await client.execute({ sql: 'DELETE FROM messages WHERE id = ?', args: [four] })
  // The retention pruned the head of the feed.
  await client.execute('DELETE FROM message_changes WHERE id = 1')
  const feed = (await client.execute('SELECT id, kind, message_id, sender_id, receiver_id FROM message_changes ORDER BY id')).rows.map((r) => ({ ...r }))
  client.close()
  return { users: { admin, ann, ben }, messages: { one, two, four }, feed }
}

// SQLite only: an old SQLite file's migrations (rooms, room_feed); PostgreSQL's baseline has rooms from the start (stream-rooms covers them there).
describe.skipIf(onPostgres)('an old SQLite database upgraded', () => {
  let before: Awaited<ReturnType<typeof livedOnBeforeRooms>>
  let server: TestServer

  beforeAll(async () => {
    before = await livedOnBeforeRooms()
    server = await startTestServer()
    for (const id of Object.values(before.users)) {
      await server.payload.update({ collection: 'users', id, data: { password: PASSWORD }, overrideAccess: true })
    }
  })
  afterAll(async () => server?.close())

  describe('upgrading a database from before rooms', () => {
    it('keeps every change row with its id and continues both sequences', async () => {
      const { rows } = await sqliteClient(server.payload).execute(
        'SELECT id, kind, message_id, sender_id, receiver_id, room_id FROM message_changes ORDER BY id',
      )
      expect(rows.map((r) => ({ ...r }))).toEqual(before.feed.map((r) => ({ ...r, room_id: null })))
      expect(before.feed.map((r) => r.id)).toEqual([2, 3, 4, 5, 6])
      expect(await latestChangeId(server.payload)).toBe(6)

      const client = api(server.url)
      const ann = await client.login('ann@old.io', PASSWORD)
      const res = await client.post('/api/messages', { receiver: before.users.ben, content: 'after the upgrade' }, ann.token)
      expect(res.status).toBe(201)
      expect(res.body.doc.id).toBe(before.messages.four + 1)
      expect(await latestChangeId(server.payload)).toBe(7)
    })

    it('resumes an old cursor with the DM events as they were', async () => {
      const ben = await api(server.url).login('ben@old.io', PASSWORD)
      const s = await openStream(server.url, { token: ben.token, lastEventId: '1' })
      try {
        await s.waitFor((events) => events.some((e) => e.event === 'message.created' && parseData(e).content === 'after the upgrade'))
        expect(s.events.filter((e) => e.event !== 'ready').map((e) => [Number(e.id), e.event, parseData(e).content ?? parseData(e).id])).toEqual([
          [2, 'message.created', 'two'],
          [5, 'message.updated', 'one edited'],
          [6, 'message.deleted', before.messages.four],
          [7, 'message.created', 'after the upgrade'],
        ])
        const two = parseData(s.changes()[0])
        expect(two).toEqual({
          id: before.messages.two,
          sender: { id: before.users.ben, name: 'Ben' },
          receiver: { id: before.users.ann, name: 'Ann' },
          room: null,
          content: 'two',
          mentions: [],
          mentionsRoom: false,
          clientId: null,
          timestamp: expect.any(String),
          editedAt: null,
          editedByModerator: false,
          replyTo: null,
          replyQuote: null,
          reactions: [],
          attachments: [],
          updatedAt: expect.any(String),
          createdAt: expect.any(String),
        })
        // Deleted before the feed recorded who removed a message: replayed as the sender's, as then.
        expect(parseData(s.changes()[2])).toEqual({ id: before.messages.four, sender: before.users.ann, receiver: before.users.ben, room: null, by: 'sender' })
      } finally {
        s.close()
      }
    })

    it("keeps the id sequence through the feed's rebuild when every row was pruned", async () => {
      const latest = await latestChangeId(server.payload)
      await pruneChanges(server.payload, -1)
      expect((await sqliteClient(server.payload).execute('SELECT COUNT(*) AS n FROM message_changes')).rows[0].n).toBe(0)
      const db = server.payload.db.drizzle as unknown as MigrateUpArgs['db']
      // The later feed migrations (read rows, moderation, reactions) are undone first and done again
      // after, as migrate would.
      await reactionFeed.down({ db } as MigrateUpArgs)
      await moderationFeed.down({ db } as MigrateUpArgs)
      await readFeed.down({ db } as MigrateUpArgs)
      await roomFeed.down({ db } as MigrateUpArgs)
      expect(await latestChangeId(server.payload)).toBe(latest)
      await roomFeed.up({ db } as MigrateUpArgs)
      await readFeed.up({ db } as MigrateUpArgs)
      await moderationFeed.up({ db } as MigrateUpArgs)
      await reactionFeed.up({ db } as MigrateUpArgs)
      expect(await latestChangeId(server.payload)).toBe(latest)
      const ann = await api(server.url).login('ann@old.io', PASSWORD)
      await api(server.url).post('/api/messages', { receiver: before.users.ben, content: 'after the rebuild' }, ann.token)
      const { rows } = await sqliteClient(server.payload).execute('SELECT id, kind FROM message_changes')
      expect(rows.map((r) => [r.id, r.kind])).toEqual([[latest + 1, 'created']])
    })
  })
})
