import type { CollectionBeforeOperationHook } from 'payload'

import { consumeOrReject, limiters } from '../limits/rate-limits'

// Each upload is stored on disk until it is sent or swept: a user's uploads (attachments and
// avatars together) are limited per hour (UPLOADS_PER_HOUR), so one account cannot fill the disk
// between two sweeps. Server code (overrideAccess) is not limited.
export const limitUploadRate: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' || (args as { overrideAccess?: boolean }).overrideAccess || !req.user) return args
  await consumeOrReject(req, limiters().uploads, `user:${req.user.id}`, 'You are uploading files too fast.')
  return args
}
