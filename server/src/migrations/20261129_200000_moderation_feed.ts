import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { CHANGE_FEED_WITH_MODERATION, CHANGE_FEED_WITH_READS, READ_TRIGGERS, REMOVAL_TRIGGERS, REPORT_TRIGGERS } from '../db/sqlite/feed-schema'
import { MESSAGE_COLUMNS, rebuildChanges } from './20261129_140000_room_feed'

// Frozen like every migration: its exports are imported by later ones (20261129_230000_reaction_feed).
export const READ_FEED_COLUMNS = `${MESSAGE_COLUMNS}, room_id, user_id, room_name`
export const READ_FEED_KINDS = `'created', 'updated', 'deleted', 'room.member.joined', 'room.member.left', 'room.updated', 'read'`

// Frozen with this migration: the change-row table as it is after it (feed-schema.ts may grow later).
export const table = (kinds: string, moderation: boolean) => `CREATE TABLE message_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN (${kinds})),
    message_id INTEGER,
    sender_id INTEGER,
    receiver_id INTEGER,
    room_id INTEGER,
    user_id INTEGER,
    room_name TEXT,
    changed_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER))${
      moderation
        ? `,
    removed_by TEXT,
    report_id INTEGER,
    report_message_id INTEGER,
    report_status TEXT,
    report_resolution TEXT`
        : ''
    }
  )`

// Every trigger that names message_changes besides FEED_TRIGGERS (dropped by rebuildChanges itself).
export const OTHER_TRIGGERS = [...Object.keys(READ_TRIGGERS), ...Object.keys(REPORT_TRIGGERS), ...Object.keys(REMOVAL_TRIGGERS)]

// Moderation in the feed (#15): a `deleted` row says who removed the message (`removed_by`, from
// the marker the delete hook leaves in `message_removals`), and reports opened or resolved are
// rows of a new kind, `report`, for the admin scope only. SQLite changes a CHECK only by a rebuild:
// rows and ids kept, the sequence continues. Deletions already stored have no `removed_by`: they
// are replayed as the sender's, as clients were told then.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await rebuildChanges(db, table(`${READ_FEED_KINDS}, 'report'`, true), { columns: READ_FEED_COLUMNS, where: '1' }, OTHER_TRIGGERS)
  for (const statement of CHANGE_FEED_WITH_MODERATION) await db.run(sql.raw(statement))
}

// Back to the feed with read rows: report rows are dropped, the removals table too; the sequence is kept.
export async function down({ db }: MigrateDownArgs): Promise<void> {
  await rebuildChanges(db, table(READ_FEED_KINDS, false), { columns: READ_FEED_COLUMNS, where: "kind <> 'report'" }, OTHER_TRIGGERS)
  await db.run(sql`DROP TABLE IF EXISTS message_removals`)
  for (const statement of CHANGE_FEED_WITH_READS) await db.run(sql.raw(statement))
}
