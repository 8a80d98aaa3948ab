import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '../../../payload-types'
import { generalRoomId } from '../../../rooms/general-room'
import { addMember } from '../../../rooms/membership-writes'

// Every new user (the first one, demo users and admin-created ones too) is a member of `general`:
// the everyone channel. A membership row like any join, so the room's members hear of it.
export const joinGeneralRoom: CollectionAfterChangeHook<User> = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const general = await generalRoomId(req.payload)
  if (general !== null) await addMember(req, general, doc.id)
  return doc
}
