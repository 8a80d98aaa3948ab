// Conversation summaries and read markers: aggregate SQL that Payload's query API cannot express.
import type { Payload } from 'payload'

import { query, sql } from '../db/sql'

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
  // The reads joined are one row per (user, peer) at most: grouping by them too changes no group
  // (PostgreSQL wants every selected column grouped or aggregated).
  const rows = await query(payload, sql`SELECT m.peer_id, MAX(m.id) AS last_message_id, COALESCE(r.last_read_id, 0) AS last_read_id,
      COALESCE(p.last_read_id, 0) AS peer_last_read_id,
      SUM(CASE WHEN m.sender_id <> ${userId} AND m.id > COALESCE(r.last_read_id, 0) THEN 1 ELSE 0 END) AS unread
    FROM (SELECT id, sender_id, CASE WHEN sender_id = ${userId} THEN receiver_id ELSE sender_id END AS peer_id
          FROM messages WHERE (sender_id = ${userId} OR receiver_id = ${userId}) AND receiver_id IS NOT NULL) AS m
    LEFT JOIN conversation_reads r ON r.user_id = ${userId} AND r.peer_id = m.peer_id
    LEFT JOIN conversation_reads p ON p.user_id = m.peer_id AND p.peer_id = ${userId}
    GROUP BY m.peer_id, r.last_read_id, p.last_read_id
    ORDER BY last_message_id DESC`)
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
  const newestOfDm = sql`(SELECT COALESCE(MAX(id), 0) FROM messages
    WHERE (sender_id = ${peerId} AND receiver_id = ${userId}) OR (sender_id = ${userId} AND receiver_id = ${peerId}))`
  // The existing row's columns are named with their table: PostgreSQL finds a bare name in the
  // update ambiguous (it could be `excluded`'s).
  const rows = await query(payload, ({ greatest, least }) => sql`INSERT INTO conversation_reads (user_id, peer_id, last_read_id, updated_at, created_at)
    VALUES (${userId}, ${peerId}, ${least(sql`${upTo}`, newestOfDm)}, ${now}, ${now})
    ON CONFLICT (user_id, peer_id) DO UPDATE SET
      last_read_id = ${greatest(sql`conversation_reads.last_read_id`, sql`excluded.last_read_id`)},
      updated_at = CASE WHEN excluded.last_read_id > conversation_reads.last_read_id THEN excluded.updated_at ELSE conversation_reads.updated_at END
    RETURNING last_read_id, last_read_id > 0 AND updated_at = ${now} AS moved`)
  return { lastReadId: Number(rows[0]?.last_read_id ?? 0), moved: Boolean(rows[0]?.moved) }
}
