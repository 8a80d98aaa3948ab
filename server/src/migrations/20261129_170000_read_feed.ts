import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { CHANGE_FEED_SCHEMA, CHANGE_FEED_WITH_READS, READ_TRIGGERS } from '../db/sqlite/feed-schema'
import { MESSAGE_COLUMNS, rebuildChanges } from './20261129_140000_room_feed'

const ROOM_FEED_COLUMNS = `${MESSAGE_COLUMNS}, room_id, user_id, room_name`

// Frozen with this migration: the change-row table as it is after it (feed-schema.ts may grow later).
const table = (kinds: string) => `CREATE TABLE message_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN (${kinds})),
    message_id INTEGER,
    sender_id INTEGER,
    receiver_id INTEGER,
    room_id INTEGER,
    user_id INTEGER,
    room_name TEXT,
    changed_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER))
  )`
const ROOM_FEED_KINDS = `'created', 'updated', 'deleted', 'room.member.joined', 'room.member.left', 'room.updated'`

// "Seen" in DMs: a user's read position moving forward becomes a change row (kind `read`) seen by
// the other participant, so it reaches them live and on resume like any change. The table gets the
// kind (SQLite changes a CHECK only by a rebuild: rows and ids kept, the sequence continues), and
// `conversation_reads` its triggers. Positions already stored make no rows: they are in the
// conversations list (`peerLastReadId`).
export async function up({ db }: MigrateUpArgs): Promise<void> {
  // The read triggers name the table and would stop its rename (none exists yet unless a run was
  // cut short): the rebuild drops them with the feed's own.
  await rebuildChanges(db, table(`${ROOM_FEED_KINDS}, 'read'`), { columns: ROOM_FEED_COLUMNS, where: '1' }, Object.keys(READ_TRIGGERS))
  for (const statement of CHANGE_FEED_WITH_READS) await db.run(sql.raw(statement))
}

// Back to the feed without read rows; the sequence is kept.
export async function down({ db }: MigrateDownArgs): Promise<void> {
  await rebuildChanges(db, table(ROOM_FEED_KINDS), { columns: ROOM_FEED_COLUMNS, where: "kind <> 'read'" }, Object.keys(READ_TRIGGERS))
  for (const statement of CHANGE_FEED_SCHEMA) await db.run(sql.raw(statement))
}
