import type { Access } from 'payload'

import { requireUser } from './authenticated'
import { userIsAdmin } from './isAdmin'

// Reports: a member reads only the reports they made; admins read all.
export const reporterOrAdmin: Access = ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  return { reporter: { equals: user.id } }
}
