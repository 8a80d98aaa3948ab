import type { CollectionAfterDeleteHook } from 'payload'

import type { RoomMembership } from '../../../payload-types'
import { longestStandingMember, roomHasOwner } from '../../../rooms/memberships'
import { DELETING_ROOM } from '../../Rooms/hooks/deleteRoomContents'

// A room never loses its last owner while it has members: when the last owner leaves or is
// removed (by anyone, the admin panel included), the longest-standing member becomes owner.
// The last member leaving leaves an empty room, which admins may delete.
export const handOverOwnership: CollectionAfterDeleteHook<RoomMembership> = async ({ doc, req }) => {
  if (doc.role !== 'owner' || req.context[DELETING_ROOM]) return doc
  const room = typeof doc.room === 'object' ? doc.room.id : doc.room
  // In the request's transaction (PostgreSQL): the deleted membership is gone there, not yet elsewhere.
  if (await roomHasOwner(req, room)) return doc
  const heir = await longestStandingMember(req, room)
  if (heir !== null) {
    await req.payload.update({ collection: 'room-memberships', id: heir, data: { role: 'owner' }, overrideAccess: true, req })
  }
  return doc
}
