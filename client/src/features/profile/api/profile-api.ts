// Changing one's own profile: Payload's `PATCH /api/users/:id` (name; password with the current one;
// avatar, an upload of one's own to `POST /api/avatars`). The answer's `doc` is the user as the
// session knows them.
import { AVATARS_PATH, type SessionUser } from '@payload-chat/server/protocol'

import { uploadFile } from '../../../attachments'
import { ApiError, apiRequest, HIDDEN_ERROR_MESSAGE } from '../../../lib/api-client'

export type ProfileChange = { name: string } | { password: string; currentPassword: string } | { avatar: number | null }

export async function updateProfile(me: number, change: ProfileChange): Promise<SessionUser> {
  try {
    const { doc } = await apiRequest<{ doc: SessionUser }>(`/api/users/${me}`, { method: 'PATCH', body: change })
    return { id: doc.id, name: doc.name, email: doc.email, role: doc.role }
  } catch (error) {
    // A 403 to a change with the current password is that password being wrong (the server's
    // own words may be hidden by a production build).
    if (error instanceof ApiError && error.status === 403 && 'currentPassword' in change && error.message === HIDDEN_ERROR_MESSAGE) {
      throw new ApiError(403, ['The current password is incorrect.'])
    }
    throw error
  }
}

// Uploads a picture and makes it the avatar.
export async function changeAvatar(me: number, file: File): Promise<SessionUser> {
  const upload = await uploadFile(AVATARS_PATH, file).done
  return updateProfile(me, { avatar: upload.id })
}
