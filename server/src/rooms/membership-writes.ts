// Joining and leaving are inserts and deletes of `room-memberships` through the Local API, so the
// collection's hooks (read position, owner hand-over, waking the stream) and the feed's triggers
// see them the same way whoever writes: these routes, sign-up, the admin panel.
import type { PayloadRequest } from 'payload'

import { DEFAULT_NOTIFY_LEVEL, type RoomRole } from '../protocol'
import { membershipOf } from './memberships'

// Callers have checked that the acting user may do this.
export async function addMember(req: PayloadRequest, room: number, user: number, role: RoomRole = 'member') {
  return req.payload.create({
    collection: 'room-memberships',
    // lastReadId 0: stampJoinedAt starts it at the room's latest message.
    data: { room, user, role, lastReadId: 0, notify: DEFAULT_NOTIFY_LEVEL },
    overrideAccess: true,
    req,
  })
}

// Adds the user unless they are a member already, also when two requests race (the unique
// (room, user) index refuses the second insert): false when they were a member.
export async function addMemberOnce(req: PayloadRequest, room: number, user: number): Promise<boolean> {
  if (await membershipOf(req.payload, room, user)) return false
  try {
    await addMember(req, room, user)
    return true
  } catch (error) {
    if (await membershipOf(req.payload, room, user)) return false
    throw error
  }
}

export async function removeMember(req: PayloadRequest, membershipId: number) {
  return req.payload.delete({ collection: 'room-memberships', id: membershipId, overrideAccess: true, req })
}
