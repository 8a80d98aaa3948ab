import path from 'node:path'
import type { CollectionConfig } from 'payload'

import { attachmentReaders } from '../../access/attachmentReaders'
import { authenticated } from '../../access/authenticated'
import { never } from '../../access/never'
import { nobody } from '../../access/nobody'
import { ownUnsentUploadOrAdmin } from '../../access/uploaderOrAdmin'
import { env } from '../../env'
import { rejectMalformedRequest } from '../../hooks/rejectMalformedRequest'
import { refuseClientTimestamps } from '../../hooks/refuseClientTimestamps'
import { THUMBNAIL_SIZE } from '../../protocol'
import { ATTACHMENT_TYPES, mimeTypesOf } from '../../uploads/allowed-types'
import { serveStoredFilesOnly, uploadResponseHeaders } from '../../uploads/file-route'
import { limitUploadRate } from '../../uploads/limit-upload-rate'
import { checkAttachmentFile } from './hooks/checkAttachmentFile'
import { detachFromMessage } from './hooks/detachFromMessage'
import { setAttachmentUploader } from './hooks/setAttachmentUploader'

const staticDir = path.join(env.uploadsDir, 'attachments')

// Files and images people share in messages (issue #17): uploaded first (`POST /api/attachments`),
// then named in a message's `attachments`. Stored on disk in UPLOADS_DIR/attachments (Payload's S3
// adapter for deployments: docs). Readable only by the uploader and by whoever can read the message
// it is attached to; served by Payload's upload routes, which apply this collection's read access.
// Never changed after upload (a message's copy of its metadata stays true).
export const Attachments: CollectionConfig = {
  slug: 'attachments',
  access: {
    create: authenticated,
    read: attachmentReaders,
    update: never,
    delete: ownUnsentUploadOrAdmin,
  },
  admin: {
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'mimeType', 'filesize', 'message', 'uploadedBy', 'createdAt'],
    description: 'Files shared in messages. Deleting one removes it from its message.',
  },
  upload: {
    staticDir,
    mimeTypes: mimeTypesOf(ATTACHMENT_TYPES),
    imageSizes: [{ name: 'thumbnail', width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true }],
    adminThumbnail: 'thumbnail',
    handlers: [serveStoredFilesOnly(staticDir, ['thumbnail'])],
    modifyResponseHeaders: uploadResponseHeaders,
  },
  fields: [
    // Set by the server from the logged-in user.
    {
      name: 'uploadedBy',
      type: 'relationship',
      relationTo: 'users',
      maxDepth: 1,
      index: true,
      access: { update: nobody },
      admin: { readOnly: true },
    },
    // The message it is attached to, set when that message is created (null until then: removed
    // after a while if it never is).
    {
      name: 'message',
      type: 'relationship',
      relationTo: 'messages',
      maxDepth: 0,
      index: true,
      access: { update: nobody },
      admin: { readOnly: true },
    },
  ],
  hooks: {
    beforeOperation: [limitUploadRate, checkAttachmentFile, rejectMalformedRequest, refuseClientTimestamps, setAttachmentUploader],
    afterDelete: [detachFromMessage],
  },
  timestamps: true,
}
