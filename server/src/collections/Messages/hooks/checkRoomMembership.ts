import { APIError, type CollectionBeforeValidateHook, ValidationError } from 'payload'

import { userIsAdmin } from '../../../access/isAdmin'
import { isId } from '../../../db/ids'
import type { Message } from '../../../payload-types'
import { standingIn } from '../../../rooms/memberships'
import { noSuchRoom } from '../validators/roomExists'

// Only members post in a room, even a public one (join it first: 403). A private room the sender
// is not in answers exactly like a room that does not exist (400), never confirming it is there.
// Admins may post in any room (moderation notes); trusted server code with no user is not checked.
export const checkRoomMembership: CollectionBeforeValidateHook<Message> = async ({ data, operation, req }) => {
  const room = data?.room
  if (operation !== 'create' || !req.user || userIsAdmin(req.user) || !isId(room)) return data
  const { visible, membership } = await standingIn(req.payload, room as number, req.user.id)
  if (!visible) {
    throw new ValidationError({ collection: 'messages', errors: [{ path: 'room', message: noSuchRoom(room) }] }, req.t)
  }
  if (!membership) throw new APIError('Join this room before posting in it.', 403)
  return data
}
