import type { Access } from 'payload'

import { requireUser } from './authenticated'

// Blocks are private to the person who made them: nobody else reads or lifts them, admins included
// (a block is a member's own safety setting, not something moderators act on).
export const ownBlocks: Access = ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  return { blocker: { equals: user.id } }
}
