import type { Payload } from 'payload'

import { sqliteClient as client } from '../db/client'

// Moves a member's read position in a room forward only, like the DM marker: a late or repeated
// request never un-reads anything. A plain update of the membership row: no stream event.
export async function markRoomRead(payload: Payload, membershipId: number, upTo: number): Promise<number> {
  const { rows } = await client(payload).execute({
    sql: `UPDATE room_memberships SET
            updated_at = CASE WHEN ?2 > last_read_id THEN ?3 ELSE updated_at END,
            last_read_id = MAX(last_read_id, ?2)
          WHERE id = ?1 RETURNING last_read_id`,
    args: [membershipId, upTo, new Date().toISOString()],
  })
  return Number(rows[0]?.last_read_id ?? upTo)
}
