import type { Validate } from 'payload'

import { isId } from '../../../db/ids'
import { refId, type Ref } from '../../../moderation/refs'

// A user's avatar is an image that user uploaded (POST /api/avatars), never someone else's: a
// picture of another person's choosing cannot be pinned to your name, nor yours to theirs. Empty
// clears it (the user themself, or an admin for anyone: update access decides who).
export const ownAvatar: Validate = async (value, { id, req }) => {
  if (value === null || value === undefined) return true
  const avatarId = refId(value as Ref)
  if (!isId(avatarId)) return 'The avatar must be the id of an uploaded image.'
  const avatar = await req.payload.db.findOne({ collection: 'avatars', where: { id: { equals: avatarId } }, req })
  if (!avatar || id === undefined || refId((avatar as { uploadedBy?: Ref }).uploadedBy) !== Number(id)) {
    return 'The avatar must be an image this user uploaded (POST /api/avatars).'
  }
  return true
}
