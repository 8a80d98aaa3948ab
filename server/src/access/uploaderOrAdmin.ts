import type { Access, Where } from 'payload'

import { requireUser } from './authenticated'
import { userIsAdmin } from './isAdmin'

// Uploads (field `uploadedBy`) seen by their uploader alone, and admins. Avatars: others get a
// user's picture from GET /api/users/:id/avatar, never the list of who uploaded which file.
export const uploaderOrAdmin: Access = ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  return { uploadedBy: { equals: user.id } }
}

// An upload not sent yet may be deleted by its uploader (the client's cancel); once attached it
// goes with its message. Admins delete any (it is then removed from its message).
export const ownUnsentUploadOrAdmin: Access = ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  const unsent: Where[] = [{ uploadedBy: { equals: user.id } }, { message: { exists: false } }]
  return { and: unsent }
}
