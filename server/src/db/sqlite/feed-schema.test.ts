// The membership triggers on a bare SQLite database, with membership columns that may become NULL
// (ON DELETE SET NULL, as the foreign keys are declared): a membership left without its user is
// no member, and the delete that caused it succeeds. The feed's behaviour over a real Payload
// database is covered by the change-feed integration tests.
import { createClient } from '@libsql/client'
import { describe, expect, it } from 'vitest'

import { CHANGE_FEED_WITH_MODERATION } from './feed-schema'

async function database() {
  const db = createClient({ url: ':memory:' })
  await db.execute('PRAGMA foreign_keys = ON')
  for (const sql of [
    'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)',
    'CREATE TABLE rooms (id INTEGER PRIMARY KEY, name TEXT, topic TEXT, visibility TEXT)',
    `CREATE TABLE room_memberships (id INTEGER PRIMARY KEY,
      room_id INTEGER REFERENCES rooms(id) ON DELETE SET NULL, user_id INTEGER REFERENCES users(id) ON DELETE SET NULL)`,
    'CREATE TABLE messages (id INTEGER PRIMARY KEY, sender_id INTEGER, receiver_id INTEGER, room_id INTEGER)',
    `CREATE TABLE conversation_reads (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      peer_id INTEGER REFERENCES users(id) ON DELETE SET NULL, last_read_id NUMERIC NOT NULL DEFAULT 0, UNIQUE (user_id, peer_id))`,
    `CREATE TABLE reports (id INTEGER PRIMARY KEY, reporter_id INTEGER, reported_message_id NUMERIC, status TEXT NOT NULL DEFAULT 'open',
      resolution TEXT, note TEXT)`,
    ...CHANGE_FEED_WITH_MODERATION,
  ])
    await db.execute(sql)
  return db
}

describe('membership triggers', () => {
  it('end a stay whose user is deleted (SET NULL) and start none: the delete succeeds', async () => {
    const db = await database()
    await db.execute(`INSERT INTO users (id, name) VALUES (1, 'Ann')`)
    await db.execute(`INSERT INTO rooms (id, name) VALUES (7, 'lobby')`)
    await db.execute('INSERT INTO room_memberships (room_id, user_id) VALUES (7, 1)')
    await db.execute('DELETE FROM users WHERE id = 1')

    const changes = await db.execute('SELECT id, kind, room_id, user_id, room_name FROM message_changes ORDER BY id')
    expect(changes.rows.map((r) => [Number(r.id), r.kind, r.room_id, r.user_id, r.room_name])).toEqual([
      [1, 'room.member.joined', 7, 1, 'lobby'],
      [2, 'room.member.left', 7, 1, 'lobby'],
    ])
    const periods = await db.execute('SELECT room_id, user_id, joined_change, left_change FROM room_member_periods')
    expect(periods.rows.map((r) => [r.room_id, r.user_id, r.joined_change, r.left_change])).toEqual([[7, 1, 1, 2]])
    db.close()
  })
})

describe('read triggers', () => {
  // As conversations/read-state.ts markRead writes: an upsert that only moves forward.
  const markRead = (user: number, peer: number, upTo: number) => ({
    sql: `INSERT INTO conversation_reads (user_id, peer_id, last_read_id) VALUES (?, ?, ?)
          ON CONFLICT (user_id, peer_id) DO UPDATE SET last_read_id = MAX(last_read_id, excluded.last_read_id)`,
    args: [user, peer, upTo],
  })

  it('write a read row, the reader as sender and the peer as receiver, only when a DM position moves forward', async () => {
    const db = await database()
    await db.execute(`INSERT INTO users (id, name) VALUES (1, 'Ann'), (2, 'Ben')`)
    for (const [user, peer, upTo] of [
      [1, 2, 5],
      [1, 2, 5],
      [1, 2, 3],
      [1, 2, 9],
      [2, 1, 0],
      [1, 1, 7],
    ])
      await db.execute(markRead(user, peer, upTo))

    const changes = await db.execute('SELECT kind, message_id, sender_id, receiver_id FROM message_changes ORDER BY id')
    expect(changes.rows.map((r) => [r.kind, r.message_id, r.sender_id, r.receiver_id])).toEqual([
      ['read', 5, 1, 2],
      ['read', 9, 1, 2],
    ])
    db.close()
  })
})

describe('removal trigger', () => {
  it('copies the marker left for a message into its deleted row and consumes it; no marker is a moderator', async () => {
    const db = await database()
    await db.execute('INSERT INTO messages (id, sender_id, receiver_id) VALUES (1, 1, 2), (2, 1, 2), (3, 2, 1)')
    await db.execute(`INSERT INTO message_removals (message_id, removed_by) VALUES (1, 'sender'), (2, 'moderator')`)
    await db.execute('DELETE FROM messages')

    const changes = await db.execute(`SELECT message_id, removed_by FROM message_changes WHERE kind = 'deleted' ORDER BY message_id`)
    expect(changes.rows.map((r) => [r.message_id, r.removed_by])).toEqual([
      [1, 'sender'],
      [2, 'moderator'],
      [3, 'moderator'],
    ])
    expect((await db.execute('SELECT COUNT(*) AS n FROM message_removals')).rows[0].n).toBe(0)
    db.close()
  })
})

describe('report triggers', () => {
  it('write a row when a report opens and when its status or resolution changes, with no user or room', async () => {
    const db = await database()
    await db.execute(`INSERT INTO reports (id, reporter_id, reported_message_id) VALUES (4, 1, 9)`)
    // Payload rewrites every column on an update: no change of state, no row.
    await db.execute(`UPDATE reports SET note = 'more', status = 'open' WHERE id = 4`)
    await db.execute(`UPDATE reports SET status = 'resolved', resolution = 'dismissed' WHERE id = 4`)

    const changes = await db.execute(
      'SELECT kind, report_id, report_message_id, report_status, report_resolution, sender_id, receiver_id, room_id, user_id FROM message_changes ORDER BY id',
    )
    expect(changes.rows.map((r) => Object.values(r))).toEqual([
      ['report', 4, 9, 'open', null, null, null, null, null],
      ['report', 4, 9, 'resolved', 'dismissed', null, null, null, null],
    ])
    db.close()
  })
})
