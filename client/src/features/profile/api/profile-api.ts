// Changing one's own profile: Payload's `PATCH /api/users/:id` (name; password with the current one;
// avatar, an upload of one's own to `POST /api/avatars`). The answer's `doc` is the user as the
// session knows them.
import { AVATARS_PATH, type SessionUser } from '@payload-chat/server/protocol'

import { uploadFile } from '../../../attachments'
import { apiRequest } from '../../../lib/api-client'

export type ProfileChange = { name: string } | { password: string; currentPassword: string } | { avatar: number | null }

export async function updateProfile(me: number, change: ProfileChange): Promise<SessionUser> {
  const { doc } = await apiRequest<{ doc: SessionUser }>(`/api/users/${me}`, { method: 'PATCH', body: change })
  return { id: doc.id, name: doc.name, email: doc.email, role: doc.role }
}

// Uploads a picture and makes it the avatar.
export async function changeAvatar(me: number, file: File): Promise<SessionUser> {
  const upload = await uploadFile(AVATARS_PATH, file).done
  return updateProfile(me, { avatar: upload.id })
}
