// Who is in which room, read straight from `room_memberships`: access rules run on every request
// and need only ids, so one indexed query instead of a Payload find with its hooks. Each takes the
// request when it must see the request's own writes (a hook after a delete), else payload.
import { list, query, type Runner, sql } from '../db/sql'
import type { RoomRole, RoomVisibility } from '../protocol'

export interface Membership {
  id: number
  role: RoomRole
  lastReadId: number
}

// The rooms this user is a member of now (`role: 'owner'` for the ones they own).
export async function roomIdsOf(on: Runner, userId: number | string, role?: RoomRole): Promise<number[]> {
  const rows = await query(on, sql`SELECT room_id FROM room_memberships WHERE user_id = ${userId} ${role ? sql`AND role = ${role}` : sql``}`)
  return rows.map((row) => Number(row.room_id))
}

export async function membershipOf(on: Runner, roomId: number | string, userId: number | string): Promise<Membership | null> {
  const rows = await query(on, sql`SELECT id, role, last_read_id FROM room_memberships WHERE room_id = ${roomId} AND user_id = ${userId}`)
  const row = rows[0]
  return row ? { id: Number(row.id), role: row.role as RoomRole, lastReadId: Number(row.last_read_id) } : null
}

// A room's visibility, or null when there is no such room.
export async function visibilityOf(on: Runner, roomId: number | string): Promise<RoomVisibility | null> {
  const rows = await query(on, sql`SELECT visibility FROM rooms WHERE id = ${roomId}`)
  return (rows[0]?.visibility as RoomVisibility | undefined) ?? null
}

// What a user may do with a room: see it (public, or private and a member) and, if a member, as what.
// A private room they are not in is answered as if it did not exist.
export interface RoomStanding {
  exists: boolean
  visible: boolean
  membership: Membership | null
}

export async function standingIn(on: Runner, roomId: number | string, userId: number | string): Promise<RoomStanding> {
  const [visibility, membership] = await Promise.all([visibilityOf(on, roomId), membershipOf(on, roomId, userId)])
  const exists = visibility !== null
  return { exists, visible: visibility === 'public' || (exists && membership !== null), membership: exists ? membership : null }
}

// The newest message of a room (0 when it has none): where a newcomer's read position starts.
export async function latestMessageIdIn(on: Runner, roomId: number | string): Promise<number> {
  const rows = await query(on, sql`SELECT MAX(id) AS id FROM messages WHERE room_id = ${roomId}`)
  return Number(rows[0]?.id ?? 0)
}

export async function roomHasOwner(on: Runner, roomId: number | string): Promise<boolean> {
  const rows = await query(on, sql`SELECT 1 FROM room_memberships WHERE room_id = ${roomId} AND role = 'owner' LIMIT 1`)
  return rows.length > 0
}

// The membership id of whoever joined the room first (ties: the earlier row), or null if empty.
export async function longestStandingMember(on: Runner, roomId: number | string): Promise<number | null> {
  const rows = await query(on, sql`SELECT id FROM room_memberships WHERE room_id = ${roomId} ORDER BY joined_at, id LIMIT 1`)
  return rows[0] ? Number(rows[0].id) : null
}

// Which of these users are members of the room now.
export async function membersAmong(on: Runner, roomId: number | string, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set()
  const rows = await query(on, sql`SELECT user_id FROM room_memberships WHERE room_id = ${roomId} AND user_id IN (${list(userIds)})`)
  return new Set(rows.map((row) => Number(row.user_id)))
}
