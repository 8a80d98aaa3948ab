// The rooms list of `GET /api/rooms`: aggregate SQL that Payload's query API cannot express (the
// same pattern as conversations/read-state.ts).
import type { Payload } from 'payload'

import { query, sql } from '../db/sql'
import type { NotifyLevel, RoomRole, RoomVisibility } from '../protocol'

export interface RoomRow {
  id: number
  name: string
  topic: string | null
  visibility: RoomVisibility
  memberCount: number
  role: RoomRole | null
  lastReadId: number
  notify: NotifyLevel | null
  unread: number
  mentions: number
  lastMessageId: number | null
  createdAt: string
  updatedAt: string
}

// Every public room and the user's private ones (or the one room `only`, whatever it is), latest
// activity first: the newest of its last message, its creation and the user's joining. Unread
// counts others' messages after the member's read position; mentions those of them that name the
// member or the whole room. Non-members get zeros.
export async function roomRows(payload: Payload, userId: number, only?: number): Promise<RoomRow[]> {
  const rows = await query(payload, ({ greatest, isoDate, jsonArrayHas }) => {
    const fromOthersUnread = sql`x.room_id = r.id AND x.id > m.last_read_id AND x.sender_id IS DISTINCT FROM ${userId}`
    // The newest of three; joining and the last message default to the creation (never NULL).
    const activity = greatest(
      sql`r.created_at`,
      sql`COALESCE(m.joined_at, r.created_at)`,
      sql`COALESCE((SELECT created_at FROM messages WHERE room_id = r.id ORDER BY id DESC LIMIT 1), r.created_at)`,
    )
    return sql`SELECT r.id, r.name, r.topic, r.visibility, ${isoDate(sql`r.created_at`)} AS created_at,
        ${isoDate(sql`r.updated_at`)} AS updated_at, m.role, m.notify,
        COALESCE(m.last_read_id, 0) AS last_read_id,
        (SELECT COUNT(*) FROM room_memberships c WHERE c.room_id = r.id) AS member_count,
        CASE WHEN m.id IS NULL THEN NULL ELSE (SELECT MAX(id) FROM messages WHERE room_id = r.id) END AS last_message_id,
        CASE WHEN m.id IS NULL THEN 0 ELSE (SELECT COUNT(*) FROM messages x WHERE ${fromOthersUnread}) END AS unread,
        CASE WHEN m.id IS NULL THEN 0 ELSE (SELECT COUNT(*) FROM messages x WHERE ${fromOthersUnread}
          AND (x.mentions_room = ${true} OR ${jsonArrayHas(sql`x.mentions`, userId)})) END AS mentions,
        ${activity} AS activity
      FROM rooms r
      LEFT JOIN room_memberships m ON m.room_id = r.id AND m.user_id = ${userId}
      WHERE ${only === undefined ? sql`(r.visibility = 'public' OR m.id IS NOT NULL)` : sql`r.id = ${only}`}
      ORDER BY activity DESC, r.id DESC`
  })
  return rows.map((row) => ({
    id: Number(row.id),
    name: String(row.name),
    topic: row.topic === null ? null : String(row.topic),
    visibility: row.visibility as RoomVisibility,
    memberCount: Number(row.member_count),
    role: (row.role as RoomRole | null) ?? null,
    lastReadId: Number(row.last_read_id),
    notify: (row.notify as NotifyLevel | null) ?? null,
    unread: Number(row.unread),
    mentions: Number(row.mentions),
    lastMessageId: row.last_message_id === null ? null : Number(row.last_message_id),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  }))
}

// The members of a room, owners first, then in the order they joined. Never emails.
export async function memberRows(payload: Payload, roomId: number): Promise<Array<{ id: number; name: string; role: RoomRole }>> {
  const rows = await query(payload, sql`SELECT u.id, u.name, m.role FROM room_memberships m JOIN users u ON u.id = m.user_id
    WHERE m.room_id = ${roomId} ORDER BY m.role = 'owner' DESC, m.joined_at, m.id`)
  return rows.map((row) => ({ id: Number(row.id), name: String(row.name), role: row.role as RoomRole }))
}
