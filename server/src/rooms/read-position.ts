import type { Payload } from 'payload'

import { query, sql } from '../db/sql'

// Moves a member's read position in a room forward only, like the DM marker: a late or repeated
// request never un-reads anything. A plain update of the membership row: no stream event.
export async function markRoomRead(payload: Payload, membershipId: number, upTo: number): Promise<number> {
  const rows = await query(payload, ({ greatest }) => sql`UPDATE room_memberships SET
      updated_at = CASE WHEN ${upTo} > last_read_id THEN ${new Date().toISOString()} ELSE updated_at END,
      last_read_id = ${greatest(sql`last_read_id`, sql`${upTo}`)}
    WHERE id = ${membershipId} RETURNING last_read_id`)
  return Number(rows[0]?.last_read_id ?? upTo)
}
