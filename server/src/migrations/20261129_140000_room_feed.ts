import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { CHANGE_FEED_SCHEMA, FEED_TRIGGERS, LEGACY_TRIGGERS } from '../db/sqlite/feed-schema'
import { LEGACY_CHANGE_FEED_SCHEMA } from './20261123_011600_change_feed'

type Db = MigrateUpArgs['db']

// Rebuilds `message_changes` into `columns` (a CREATE TABLE body) keeping every row that `where`
// selects, with its id, and the id sequence: SQLite drops a table's sequence row with the table,
// and a cursor must never see an id again or go back (pruned rows' ids included). Any trigger that
// names the table stops its rename: the feed's own are dropped here, and a later migration passes
// the ones it added (`alsoDrop`; none for this migration's own calls).
export async function rebuildChanges(
  db: Db,
  definition: string,
  copy: { columns: string; where: string },
  alsoDrop: readonly string[] = [],
): Promise<void> {
  for (const name of [...LEGACY_TRIGGERS, ...Object.keys(FEED_TRIGGERS), ...alsoDrop]) await db.run(sql.raw(`DROP TRIGGER IF EXISTS ${name}`))
  const [sequence] = await db.all<{ seq: number }>(sql`SELECT seq FROM sqlite_sequence WHERE name = 'message_changes'`)
  await db.run(sql.raw(definition.replace('message_changes', '__new_message_changes')))
  await db.run(
    sql.raw(`INSERT INTO __new_message_changes (${copy.columns}) SELECT ${copy.columns} FROM message_changes WHERE ${copy.where}`),
  )
  await db.run(sql`DROP TABLE message_changes`)
  await db.run(sql`ALTER TABLE __new_message_changes RENAME TO message_changes`)
  const [copied] = await db.all<{ seq: number | null }>(sql`SELECT MAX(id) AS seq FROM message_changes`)
  const seq = Math.max(Number(sequence?.seq ?? 0), Number(copied?.seq ?? 0))
  await db.run(sql`DELETE FROM sqlite_sequence WHERE name = 'message_changes'`)
  if (seq > 0) await db.run(sql`INSERT INTO sqlite_sequence (name, seq) VALUES ('message_changes', ${seq})`)
}

export const MESSAGE_COLUMNS = 'id, kind, message_id, sender_id, receiver_id, changed_at'

// Rooms join the feed: the change rows get a room, a user and the kinds of membership and room
// changes; membership over time gets its table; the triggers on messages (dropped by the rooms
// migration's rebuild of `messages`) come back with the room, joined by those on memberships and
// rooms. Existing rows keep their ids; the sequence continues where it was.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  // Frozen with this migration: the table as it is after it (feed-schema.ts may grow later).
  await rebuildChanges(
    db,
    `CREATE TABLE message_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'deleted', 'room.member.joined', 'room.member.left', 'room.updated')),
    message_id INTEGER,
    sender_id INTEGER,
    receiver_id INTEGER,
    room_id INTEGER,
    user_id INTEGER,
    room_name TEXT,
    changed_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER))
  )`,
    { columns: MESSAGE_COLUMNS, where: '1' },
  )
  for (const statement of CHANGE_FEED_SCHEMA) await db.run(sql.raw(statement))
}

// Back to the feed of messages only: room changes (and room messages' rows) cannot be expressed
// there and are dropped; the sequence is kept.
export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE IF EXISTS room_member_periods`)
  const [table, ...rest] = LEGACY_CHANGE_FEED_SCHEMA
  await rebuildChanges(db, table.replace('IF NOT EXISTS ', ''), {
    columns: MESSAGE_COLUMNS,
    where: `kind IN ('created', 'updated', 'deleted') AND room_id IS NULL`,
  })
  for (const statement of rest) await db.run(sql.raw(statement))
}
