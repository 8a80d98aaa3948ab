import type { Payload } from 'payload'

import { query, sql } from '../db/sql'

// The room every user joins on sign-up, created by the general_room migration; null if an admin
// has deleted it (then sign-up joins no room).
export async function generalRoomId(payload: Payload): Promise<number | null> {
  const rows = await query(payload, sql`SELECT id FROM rooms WHERE system_key = 'general'`)
  return rows[0] ? Number(rows[0].id) : null
}
