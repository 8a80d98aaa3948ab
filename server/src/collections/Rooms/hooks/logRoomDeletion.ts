import type { CollectionAfterDeleteHook } from 'payload'

import { userIsAdmin } from '../../../access/isAdmin'
import { recordModerationAction } from '../../../moderation/record-action'
import type { Room } from '../../../payload-types'

// Deleting a room (admins only) is a moderator action: one audit entry with the room's name, for
// the room and every message and membership that went with it (hooks/deleteRoomContents.ts).
export const logRoomDeletion: CollectionAfterDeleteHook<Room> = async ({ doc, id, req }) => {
  if (!userIsAdmin(req.user)) return doc
  await recordModerationAction(req, { action: 'room.deleted', targetType: 'room', targetId: Number(id), targetLabel: doc.name })
  return doc
}
