import type { Access, FieldAccess } from 'payload'

import { requireUser } from './authenticated'
import { userIsAdmin } from './isAdmin'

// Collection level: admins anything, members only their own user document.
export const adminOrSelf: Access = ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  return { id: { equals: user.id } }
}

// Field level (e.g. email): readable by admins and by the user it belongs to.
export const adminOrSelfField: FieldAccess = ({ req: { user }, doc }) =>
  userIsAdmin(user) || (Boolean(user) && user?.id === doc?.id)
