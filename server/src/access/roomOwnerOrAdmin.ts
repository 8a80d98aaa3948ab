import type { Access } from 'payload'

import { roomIdsOf } from '../rooms/memberships'
import { requireUser } from './authenticated'
import { userIsAdmin } from './isAdmin'

// Renaming a room, its topic and visibility: its owners and admins.
export const roomOwnerOrAdmin: Access = async ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  const owned = await roomIdsOf(req.payload, user.id, 'owner')
  return owned.length > 0 ? { id: { in: owned } } : false
}
