import type { Access } from 'payload'

import { requireUser } from './authenticated'
import { userIsAdmin } from './isAdmin'
import { messagesReadableBy } from './participantOrAdmin'

// An attachment is read (its document, and its file and thumbnail through Payload's file route,
// which applies this same rule) by its uploader, by whoever may read the message it is attached
// to (the DM's two sides, the room's current members) and by admins. Nobody else, whatever the
// filename they try: the route looks the file up through this filter.
export const attachmentReaders: Access = async ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  return { or: [{ uploadedBy: { equals: user.id } }, ...(await messagesReadableBy(req.payload, user.id, 'message.'))] }
}
