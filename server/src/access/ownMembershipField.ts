import type { FieldAccess } from 'payload'

import { userIsAdmin } from './isAdmin'

// A membership's private part (read position, notification level): its member and admins.
export const ownMembershipField: FieldAccess = ({ req: { user }, doc }) => {
  if (userIsAdmin(user)) return true
  const member = doc?.user
  const memberId = member && typeof member === 'object' ? member.id : member
  return Boolean(user) && memberId === user?.id
}
