import type { Access, Where } from 'payload'

import { roomIdsOf } from '../rooms/memberships'
import { requireUser } from './authenticated'
import { userIsAdmin } from './isAdmin'

// Edits and deletes: the sender, of a DM or of a message in a room they are still in; admins any.
export const senderOrAdmin: Access = async ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  const rooms = await roomIdsOf(req.payload, user.id)
  const where: Where[] = [{ receiver: { exists: true } }]
  if (rooms.length > 0) where.push({ room: { in: rooms } })
  const own: Where = { and: [{ sender: { equals: user.id } }, { or: where }] }
  return own
}
