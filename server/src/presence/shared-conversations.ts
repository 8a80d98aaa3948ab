// Which of some users share a conversation with a user: a DM either way, or any room (any size).
// The snapshot answers for those only. One query, whatever the number of ids (at most 200).
import type { Payload } from 'payload'

import { list, query, sql } from '../db/sql'

export async function sharingAConversation(payload: Payload, userId: number, others: ReadonlyArray<number>): Promise<Set<number>> {
  if (others.length === 0) return new Set()
  const rows = await query(payload, sql`SELECT u.id FROM users u WHERE u.id IN (${list(others)}) AND (
      u.id = ${userId}
      OR EXISTS (SELECT 1 FROM messages m WHERE m.sender_id = ${userId} AND m.receiver_id = u.id)
      OR EXISTS (SELECT 1 FROM messages m WHERE m.sender_id = u.id AND m.receiver_id = ${userId})
      OR EXISTS (SELECT 1 FROM room_memberships mine JOIN room_memberships theirs ON theirs.room_id = mine.room_id
                 WHERE mine.user_id = ${userId} AND theirs.user_id = u.id))`)
  return new Set(rows.map((row) => Number(row.id)))
}
