import path from 'node:path'
import type { CollectionConfig } from 'payload'

import { authenticated } from '../../access/authenticated'
import { isAdmin } from '../../access/isAdmin'
import { never } from '../../access/never'
import { nobody } from '../../access/nobody'
import { uploaderOrAdmin } from '../../access/uploaderOrAdmin'
import { env } from '../../env'
import { rejectMalformedRequest } from '../../hooks/rejectMalformedRequest'
import { refuseClientTimestamps } from '../../hooks/refuseClientTimestamps'
import { IMAGE_TYPES, mimeTypesOf } from '../../uploads/allowed-types'
import { serveStoredFilesOnly, uploadResponseHeaders } from '../../uploads/file-route'
import { limitUploadRate } from '../../uploads/limit-upload-rate'
import { checkAvatarFile } from './hooks/checkAvatarFile'
import { setAvatarUploader } from './hooks/setAvatarUploader'

const staticDir = path.join(env.uploadsDir, 'avatars')

// Profile pictures (issue #17): a user uploads one and sets it as `avatar` on their own user.
// Shown next to their name to anyone who sees the name (GET /api/users/:id/avatar, which checks
// that itself); the documents and file routes: the uploader and admins only.
export const Avatars: CollectionConfig = {
  slug: 'avatars',
  access: {
    create: authenticated,
    read: uploaderOrAdmin,
    update: never,
    delete: isAdmin,
  },
  admin: {
    defaultColumns: ['filename', 'uploadedBy', 'createdAt'],
    description: 'Profile pictures. Replaced ones are deleted; unused ones after UPLOAD_ORPHAN_HOURS.',
  },
  upload: {
    staticDir,
    mimeTypes: mimeTypesOf(IMAGE_TYPES),
    imageSizes: [{ name: 'thumbnail', width: 128, height: 128, fit: 'cover', position: 'centre' }],
    adminThumbnail: 'thumbnail',
    handlers: [serveStoredFilesOnly(staticDir, ['thumbnail'])],
    modifyResponseHeaders: uploadResponseHeaders,
  },
  fields: [
    {
      name: 'uploadedBy',
      type: 'relationship',
      relationTo: 'users',
      maxDepth: 0,
      index: true,
      access: { update: nobody },
      admin: { readOnly: true },
    },
  ],
  hooks: {
    beforeOperation: [limitUploadRate, checkAvatarFile, rejectMalformedRequest, refuseClientTimestamps, setAvatarUploader],
  },
  timestamps: true,
}
