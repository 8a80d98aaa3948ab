import path from 'node:path'
import type { CollectionConfig } from 'payload'

import { authenticated } from '../../access/authenticated'
import { isAdmin } from '../../access/isAdmin'
import { never } from '../../access/never'
import { nobody } from '../../access/nobody'
import { env } from '../../env'
import { rejectMalformedRequest } from '../../hooks/rejectMalformedRequest'
import { refuseClientTimestamps } from '../../hooks/refuseClientTimestamps'
import { IMAGE_MIME_TYPES } from '../../protocol'

// Profile pictures (issue #17): a user uploads one and sets it as `avatar` on their own user.
// Shown next to their name to anyone who sees the name (GET /api/users/:id/avatar).
export const Avatars: CollectionConfig = {
  slug: 'avatars',
  access: {
    create: authenticated,
    read: authenticated,
    update: never,
    delete: isAdmin,
  },
  admin: {
    defaultColumns: ['filename', 'uploadedBy', 'createdAt'],
    description: 'Profile pictures.',
  },
  upload: {
    staticDir: path.join(env.uploadsDir, 'avatars'),
    mimeTypes: [...IMAGE_MIME_TYPES],
    imageSizes: [{ name: 'thumbnail', width: 128, height: 128, fit: 'cover', position: 'centre' }],
    adminThumbnail: 'thumbnail',
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
    beforeOperation: [rejectMalformedRequest, refuseClientTimestamps],
  },
  timestamps: true,
}
