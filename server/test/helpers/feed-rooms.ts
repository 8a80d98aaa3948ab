// Rooms for the live-path tests (rooms.ts has the REST way), written the way any writer can: rooms and memberships through
// the Local API (trusted, overrideAccess), room messages with plain SQL (a room message is a row
// of `messages` with a room and no receiver; the feed's triggers catch it like any other write).
// The rooms REST endpoints are tested with the rooms work; these tests are about the feed.
import type { Payload } from 'payload'

import { query, sql } from '../../src/db/sql'
import { wakeRealtime } from '../../src/realtime/runtime'

export async function createRoom(
  payload: Payload,
  { name, members = [], visibility = 'public' }: { name: string; members?: number[]; visibility?: 'public' | 'private' },
): Promise<{ id: number; name: string }> {
  const room = await payload.create({ collection: 'rooms', data: { name, visibility }, overrideAccess: true })
  for (const user of members) await addMember(payload, room.id, user)
  return { id: room.id, name: room.name }
}

export async function addMember(payload: Payload, room: number, user: number): Promise<void> {
  await payload.create({ collection: 'room-memberships', data: { room, user, role: 'member', lastReadId: 0, notify: 'all' }, overrideAccess: true })
  wakeRealtime()
}

export async function removeMember(payload: Payload, room: number, user: number): Promise<void> {
  await payload.delete({
    collection: 'room-memberships',
    where: { and: [{ room: { equals: room } }, { user: { equals: user } }] },
    overrideAccess: true,
  })
  wakeRealtime()
}

export async function renameRoom(payload: Payload, room: number, name: string): Promise<void> {
  await payload.update({ collection: 'rooms', id: room, data: { name }, overrideAccess: true })
  wakeRealtime()
}

// A message to a room with its mentions, as Payload writes it: one row, the mentions a JSON list
// of user ids in it. Returns the message id.
export async function postToRoom(
  payload: Payload,
  { sender, room, content, mentions = [] }: { sender: number; room: number; content: string; mentions?: number[] },
): Promise<number> {
  const now = new Date().toISOString()
  const [inserted] = await query(payload, sql`INSERT INTO messages (sender_id, room_id, content, mentions, mentions_room, timestamp, updated_at, created_at)
    VALUES (${sender}, ${room}, ${content}, ${JSON.stringify(mentions)}, ${false}, ${now}, ${now}, ${now}) RETURNING id`)
  wakeRealtime()
  return Number(inserted!.id)
}

// The feed's own record of a room: its change rows in order, as [id, kind, message id, user id].
export async function roomChanges(payload: Payload, room: number): Promise<Array<[number, string, number | null, number | null]>> {
  const rows = await query(payload, sql`SELECT id, kind, message_id, user_id FROM message_changes WHERE room_id = ${room} ORDER BY id`)
  return rows.map((row) => [
    Number(row.id),
    String(row.kind),
    row.message_id === null ? null : Number(row.message_id),
    row.user_id === null ? null : Number(row.user_id),
  ])
}
