import type { Access, Payload, Where } from 'payload'

import { roomIdsOf } from '../rooms/memberships'
import { requireUser } from './authenticated'
import { userIsAdmin } from './isAdmin'

// The messages a member reads, as a Where on the fields of a message found at `path` ('' for a
// message itself, 'message.' for what links to one: attachments). Looked up per request.
export async function messagesReadableBy(payload: Payload, userId: number | string, path = ''): Promise<Where[]> {
  const conversations: Where[] = [
    { [`${path}receiver`]: { equals: userId } },
    // A room message has no receiver: sending one does not make it a DM of the sender's.
    { and: [{ [`${path}sender`]: { equals: userId } }, { [`${path}receiver`]: { exists: true } }] },
  ]
  const rooms = await roomIdsOf(payload, userId)
  if (rooms.length > 0) conversations.push({ [`${path}room`]: { in: rooms } })
  return conversations
}

// A member reads the DMs they sent or received and the messages of the rooms they are in now
// (looked up per request: a removed member loses the room's history at once, their own messages
// in it too). The filter is ANDed with any client query, so no `where` reaches further.
export const participantOrAdmin: Access = async ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  return { or: await messagesReadableBy(req.payload, user.id) }
}
