import type { Access, Where } from 'payload'

import { roomIdsOf } from '../rooms/memberships'
import { requireUser } from './authenticated'
import { userIsAdmin } from './isAdmin'

// A member reads the DMs they sent or received and the messages of the rooms they are in now
// (looked up per request: a removed member loses the room's history at once, their own messages
// in it too). The filter is ANDed with any client query, so no `where` reaches further.
export const participantOrAdmin: Access = async ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  const conversations: Where[] = [
    { receiver: { equals: user.id } },
    // A room message has no receiver: sending one does not make it a DM of the sender's.
    { and: [{ sender: { equals: user.id } }, { receiver: { exists: true } }] },
  ]
  const rooms = await roomIdsOf(req.payload, user.id)
  if (rooms.length > 0) conversations.push({ room: { in: rooms } })
  return { or: conversations }
}
