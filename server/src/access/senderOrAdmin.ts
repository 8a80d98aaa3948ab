import type { Access } from 'payload'

import { requireUser } from './authenticated'
import { userIsAdmin } from './isAdmin'

export const senderOrAdmin: Access = ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  return { sender: { equals: user.id } }
}
