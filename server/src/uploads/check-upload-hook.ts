import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { requireUser } from '../access/authenticated'
import { checkUploadedFile, type UploadRules } from './check-upload'

// Before Payload stores an upload sent by a client: a logged-in user (401 first, not a 400 about
// the file), a file in the request (a JSON body naming a `url` would have the server fetch it from
// anywhere: refused), and the file's size and type (uploads/check-upload.ts). The server's own
// Local API calls (overrideAccess) are trusted. Runs before rejectMalformedRequest: a multipart
// upload without Payload's `_payload` field has no data, which is an empty document, not a
// malformed one.
export const checkUploadBefore =
  (rules: UploadRules): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    if (operation !== 'create' || (args as { overrideAccess?: boolean }).overrideAccess) return args
    requireUser(req)
    if (!req.file) throw new APIError('Send the file as multipart/form-data, in a field named "file".', 400)
    await checkUploadedFile(req.file, rules)
    ;(args as { data?: unknown }).data ??= {}
    return args
  }
