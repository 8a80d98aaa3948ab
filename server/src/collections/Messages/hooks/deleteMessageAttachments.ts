import type { CollectionBeforeDeleteHook } from 'payload'

import { messagesBeingDeleted } from '../../../uploads/attachment-ref'

// A message's files go with it: their rows and their files on disk (Payload deletes an upload's
// files with its document). Before the message row goes, while its uploads still name it.
export const deleteMessageAttachments: CollectionBeforeDeleteHook = async ({ id, req }) => {
  messagesBeingDeleted(req.context).add(Number(id))
  await req.payload.delete({ collection: 'attachments', where: { message: { equals: id } }, overrideAccess: true, req })
}
