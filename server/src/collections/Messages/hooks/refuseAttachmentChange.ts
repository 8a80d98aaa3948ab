import { isDeepStrictEqual } from 'node:util'
import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { storedIfUpdatable } from '../../../hooks/refuseClientTimestamps'

// A message's files are what it was sent with: an edit (or a bulk update) that sends another
// `attachments` is refused (400) rather than silently ignored. Sending back the stored list (a
// form that round-trips the document) is fine; server code (overrideAccess) rewrites it when a
// moderator deletes one of the files (Attachments/hooks/detachFromMessage.ts).
export const refuseAttachmentChange: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'update') return args
  const { data, overrideAccess } = args as { data?: Record<string, unknown>; overrideAccess?: boolean }
  if (overrideAccess || !data || typeof data !== 'object' || data.attachments === undefined) return args
  const stored = await storedIfUpdatable(args as { id?: number | string }, collection, req)
  // Someone who may not update it gets the operation's own 403/404.
  if (stored === null && (args as { id?: unknown }).id !== undefined) return args
  if (!stored || !isDeepStrictEqual(stored.attachments ?? [], data.attachments)) {
    throw new APIError('A message keeps the files it was sent with: "attachments" cannot be changed.', 400)
  }
  return args
}
