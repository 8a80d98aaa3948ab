// Reading the change feed on PostgreSQL: the rows after a position and their events, one query per
// batch, with the columns ../feed-rows.ts maps (as sqlite/feed-events.ts does on SQLite). `position`
// is the change id; rows not yet sequenced (position NULL) are never read. Timestamps leave as ISO
// strings, as SQLite stores them and REST returns them.
import type { Pool } from 'pg'

import type { ChangeEvent } from '../change-feed'
import { type ChangeRow, type Row, rowsAndEvents, visibilityCondition } from '../feed-rows'

// The reader's user id is always $2 (the cursor is $1).
export const visibleToOrAll = (userId: number | string | undefined) =>
  userId === undefined
    ? { sql: 'TRUE', args: [] as Array<string | number> }
    : { sql: visibilityCondition({ order: 'position', joined: 'joined_position', left: 'left_position', user: () => '$2' }), args: [userId] }

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

export function readQuery({ after, limit, userId }: { after: number; limit: number; userId?: number | string }) {
  const forUser = visibleToOrAll(userId)
  const args = [after, ...forUser.args, limit]
  return {
    text: `SELECT c.position AS id, c.kind, c.message_id, c.sender_id, c.receiver_id, c.room_id, c.user_id, c.removed_by,
            c.report_id, c.report_message_id, c.report_status, c.report_resolution,
            m.id AS live_id, m.sender_id AS m_sender_id, m.receiver_id AS m_receiver_id, m.content, m.mentions_room,
            m.client_id, ${iso('m.timestamp')} AS timestamp, ${iso('m.edited_at')} AS edited_at, m.edited_by_moderator,
            ${iso('m.updated_at')} AS updated_at, ${iso('m.created_at')} AS created_at,
            s.name AS sender_name, r.name AS receiver_name, u.name AS user_name,
            g.id AS live_room_id, COALESCE(c.room_name, g.name) AS room_name, g.topic AS room_topic, g.visibility::text AS room_visibility,
            m.mentions
     FROM message_changes c
     LEFT JOIN messages m ON c.kind IN ('created', 'updated') AND m.id = c.message_id
     LEFT JOIN users s ON s.id = m.sender_id
     LEFT JOIN users r ON r.id = m.receiver_id
     LEFT JOIN users u ON u.id = c.user_id
     LEFT JOIN rooms g ON g.id = c.room_id
     WHERE c.position > $1 AND ${forUser.sql} ORDER BY c.position LIMIT $${args.length}`,
    values: args,
  }
}

// The change rows after a position and their events (../feed-rows.ts).
export async function readEvents(
  pool: Pool,
  options: { after: number; limit: number; userId?: number | string },
): Promise<{ rows: ChangeRow[]; events: ChangeEvent[] }> {
  const { rows: records } = await pool.query<Row>(readQuery(options))
  return rowsAndEvents(records)
}
