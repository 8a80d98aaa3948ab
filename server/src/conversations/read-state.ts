// Conversation summaries and read markers: aggregate SQL that Payload's query API cannot express.
import type { Payload } from 'payload'

import { sqliteClient as client } from '../db/client'

export interface ConversationRow {
  peerId: number
  lastMessageId: number
  unread: number
  lastReadId: number
  // How far the peer has read their side (for "Seen").
  peerLastReadId: number
}

// One row per user this user has exchanged DMs with (a room message has no receiver and is no
// conversation with a peer), latest activity first. Unread counts the peer's messages after the
// marker; a note to self is never unread.
export async function listConversations(payload: Payload, userId: number): Promise<ConversationRow[]> {
  const { rows } = await client(payload).execute({
    sql: `SELECT m.peer_id, MAX(m.id) AS last_message_id, COALESCE(r.last_read_id, 0) AS last_read_id,
            COALESCE(p.last_read_id, 0) AS peer_last_read_id,
            SUM(CASE WHEN m.sender_id <> ?1 AND m.id > COALESCE(r.last_read_id, 0) THEN 1 ELSE 0 END) AS unread
          FROM (SELECT id, sender_id, CASE WHEN sender_id = ?1 THEN receiver_id ELSE sender_id END AS peer_id
                FROM messages WHERE (sender_id = ?1 OR receiver_id = ?1) AND receiver_id IS NOT NULL) AS m
          LEFT JOIN conversation_reads r ON r.user_id = ?1 AND r.peer_id = m.peer_id
          LEFT JOIN conversation_reads p ON p.user_id = m.peer_id AND p.peer_id = ?1
          GROUP BY m.peer_id
          ORDER BY last_message_id DESC`,
    args: [userId],
  })
  return rows.map((row) => ({
    peerId: Number(row.peer_id),
    lastMessageId: Number(row.last_message_id),
    unread: Number(row.unread),
    lastReadId: Number(row.last_read_id),
    peerLastReadId: Number(row.peer_last_read_id),
  }))
}

// Moves the marker forward only: a late or repeated request never un-reads anything. Capped at the
// newest message of the DM: every move is a `read` change row the peer gets, so nobody can send
// read events to someone they have no DM with (the position stays 0: no row) or past its end.
// `moved`: the position went forward, so the trigger wrote a `read` change row (updated_at is only
// set then; at worst a same-millisecond repeat says moved again, which costs one extra poll).
export async function markRead(payload: Payload, userId: number, peerId: number, upTo: number): Promise<{ lastReadId: number; moved: boolean }> {
  const now = new Date().toISOString()
  const { rows } = await client(payload).execute({
    sql: `INSERT INTO conversation_reads (user_id, peer_id, last_read_id, updated_at, created_at)
          VALUES (?1, ?2, MIN(?3, (SELECT COALESCE(MAX(id), 0) FROM messages
            WHERE (sender_id = ?2 AND receiver_id = ?1) OR (sender_id = ?1 AND receiver_id = ?2))), ?4, ?4)
          ON CONFLICT (user_id, peer_id) DO UPDATE SET
            last_read_id = MAX(last_read_id, excluded.last_read_id),
            updated_at = CASE WHEN excluded.last_read_id > last_read_id THEN excluded.updated_at ELSE updated_at END
          RETURNING last_read_id, last_read_id > 0 AND updated_at = ?4 AS moved`,
    args: [userId, peerId, upTo, now],
  })
  return { lastReadId: Number(rows[0]?.last_read_id ?? 0), moved: Boolean(rows[0]?.moved) }
}
