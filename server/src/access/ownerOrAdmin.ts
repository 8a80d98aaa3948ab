import type { Access } from 'payload'

import { requireUser } from './authenticated'
import { userIsAdmin } from './isAdmin'

// Documents that belong to one user (field `user`): theirs alone, and admins'.
export const ownerOrAdmin: Access = ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  return { user: { equals: user.id } }
}
