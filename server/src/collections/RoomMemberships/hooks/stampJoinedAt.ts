import type { CollectionBeforeChangeHook } from 'payload'

import type { RoomMembership } from '../../../payload-types'
import { latestMessageIdIn } from '../../../rooms/memberships'

// Joining stamps the time and starts the read position at the room's latest message: a newcomer
// to a busy room is not greeted with its whole history as unread (they can scroll back).
export const stampJoinedAt: CollectionBeforeChangeHook<RoomMembership> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  data.joinedAt = new Date().toISOString()
  const room = data.room && typeof data.room === 'object' ? data.room.id : data.room
  if (!data.lastReadId && room) data.lastReadId = await latestMessageIdIn(req.payload, room)
  return data
}
