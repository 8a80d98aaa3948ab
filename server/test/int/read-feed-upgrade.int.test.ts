// Upgrade in place across read_feed (DM read positions become `read` change rows): a database
// migrated up to just before it, with DM read positions already stored, is migrated by the
// server's start. The stored positions make no change row (they are in the conversations list as
// `peerLastReadId`; nobody should get a burst of old "Seen" events), the change ids are kept, and
// a position that moves forward after the upgrade does make one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sqliteClient } from '../../src/db/client'
import { markRead } from '../../src/conversations/read-state'
import { databaseBefore } from '../helpers/database-before'
import { startTestServer, type TestServer } from '../helpers/http-server'
import { onPostgres } from '../helpers/test-env'

async function livedWithReadPositions() {
  const { client, insert } = await databaseBefore('20261129_170000_read_feed')
  const ann = await insert('INSERT INTO users (name, email, role) VALUES (?, ?, ?)', ['Ann', 'ann@old.io', 'member'])
  const ben = await insert('INSERT INTO users (name, email, role) VALUES (?, ?, ?)', ['Ben', 'ben@old.io', 'member'])
  const now = new Date().toISOString()
  const dm = (from: number, to: number, content: string) =>
    insert('INSERT INTO messages (sender_id, receiver_id, content, timestamp, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?)', [from, to, content, now, now, now])
  const first = await dm(ann, ben, 'hi Ben')
  const second = await dm(ben, ann, 'hi Ann')
  const third = await dm(ann, ben, 'how are you?')
  await insert('INSERT INTO conversation_reads (user_id, peer_id, last_read_id) VALUES (?, ?, ?)', [ben, ann, first])
  await insert('INSERT INTO conversation_reads (user_id, peer_id, last_read_id) VALUES (?, ?, ?)', [ann, ben, second])
  const changes = (await client.execute('SELECT id, kind FROM message_changes ORDER BY id')).rows.map((r) => ({ ...r }))
  client.close()
  return { users: { ann, ben }, messages: { first, second, third }, changes }
}

// SQLite only: an old SQLite file's migration (read_feed); PostgreSQL's first feed migration has read rows from the start (read-events covers it there).
describe.skipIf(onPostgres)('an old SQLite database upgraded', () => {
  let before: Awaited<ReturnType<typeof livedWithReadPositions>>
  let server: TestServer

  beforeAll(async () => {
    before = await livedWithReadPositions()
    server = await startTestServer()
  })
  afterAll(async () => server?.close())

  describe('DM read positions as change rows (read_feed)', () => {
    it('writes no row for the positions already stored, and one for a position that moves after it', async () => {
      const { ann, ben } = before.users
      const db = sqliteClient(server.payload)
      const changes = async () => (await db.execute('SELECT id, kind FROM message_changes ORDER BY id')).rows.map((r) => ({ ...r }))
      expect(before.changes.length).toBeGreaterThan(0)
      expect(await changes()).toEqual(before.changes)

      expect(await markRead(server.payload, ben, ann, before.messages.third)).toEqual({ lastReadId: before.messages.third, moved: true })
      const after = await changes()
      expect(after.slice(0, before.changes.length)).toEqual(before.changes)
      expect(after.slice(before.changes.length).map((r) => r.kind)).toEqual(['read'])
      const [row] = (await db.execute(`SELECT message_id, sender_id, receiver_id FROM message_changes WHERE kind = 'read'`)).rows
      expect({ ...row }).toEqual({ message_id: before.messages.third, sender_id: ben, receiver_id: ann })
    })
  })
})
