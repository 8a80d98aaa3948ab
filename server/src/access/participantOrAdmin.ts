import type { Access, Where } from 'payload'

import { requireUser } from './authenticated'
import { userIsAdmin } from './isAdmin'

// A member reads only the DMs they sent or received; the filter is ANDed with any client query.
export const participantOrAdmin: Access = ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  const ownMessages: Where = {
    or: [{ sender: { equals: user.id } }, { receiver: { equals: user.id } }],
  }
  return ownMessages
}
