// Reading the change feed on SQLite: the change rows after a cursor and their events, in one query
// per batch (no query per event). Each message row is joined with its message as it is now (the
// shape REST returns at depth 1: users and the room as {id, name}, mentions as ids, kept in the message row); one whose
// message is gone by now has no event (its delete follows). Membership and room rows always have
// an event: the audience index of every process follows them.
import type { Payload } from 'payload'

import type { ChangeEvent } from '../change-feed'
import { sqliteClient } from '../client'
import { type ChangeRow, type Row, rowsAndEvents, visibilityCondition } from '../feed-rows'

export type { ChangeRow, FeedKind } from '../feed-rows'
export { toEvent } from '../feed-rows'

export type InArgs = Array<string | number | bigint | null>

// The rows a user may see (../feed-rows.ts): on SQLite, ids are commit order and periods hold them.
export function visibleTo(userId: number | string): { sql: string; args: InArgs } {
  return {
    sql: visibilityCondition({ order: 'id', joined: 'joined_change', left: 'left_change', user: () => '?' }),
    args: [userId, userId, userId, userId],
  }
}

// The filter of a read: one user's visibility, or every change (the poller, the admin scope).
export const visibleToOrAll = (userId: number | string | undefined) =>
  userId === undefined ? { sql: '1', args: [] as InArgs } : visibleTo(userId)

// The room's name is the one its change row recorded at commit time (rows written before the
// triggers recorded it fall back to the name now).
export function readQuery({ after, limit, userId }: { after: number; limit: number; userId?: number | string }) {
  const forUser = visibleToOrAll(userId)
  return {
    sql: `SELECT c.id, c.kind, c.message_id, c.sender_id, c.receiver_id, c.room_id, c.user_id, c.removed_by,
            c.report_id, c.report_message_id, c.report_status, c.report_resolution,
            m.id AS live_id, m.sender_id AS m_sender_id, m.receiver_id AS m_receiver_id, m.content, m.mentions_room,
            m.client_id, m.timestamp, m.edited_at, m.edited_by_moderator, m.updated_at, m.created_at,
            s.name AS sender_name, r.name AS receiver_name, u.name AS user_name,
            g.id AS live_room_id, COALESCE(c.room_name, g.name) AS room_name, g.topic AS room_topic, g.visibility AS room_visibility,
            m.mentions
     FROM message_changes c
     LEFT JOIN messages m ON c.kind IN ('created', 'updated') AND m.id = c.message_id
     LEFT JOIN users s ON s.id = m.sender_id
     LEFT JOIN users r ON r.id = m.receiver_id
     LEFT JOIN users u ON u.id = c.user_id
     LEFT JOIN rooms g ON g.id = c.room_id
     WHERE c.id > ? AND ${forUser.sql} ORDER BY c.id LIMIT ?`,
    args: [after, ...forUser.args, limit] as InArgs,
  }
}

// The change rows after a cursor and their events (../feed-rows.ts).
export async function readEvents(
  payload: Payload,
  options: { after: number; limit: number; userId?: number | string },
): Promise<{ rows: ChangeRow[]; events: ChangeEvent[] }> {
  const { rows: records } = await sqliteClient(payload).execute(readQuery(options))
  return rowsAndEvents(records as unknown as Row[])
}
