import type { CollectionAfterDeleteHook } from 'payload'

import type { Attachment } from '../../../payload-types'
import { messagesBeingDeleted } from '../../../uploads/attachment-ref'
import { removeAttachmentRef } from '../../../uploads/remove-ref'

// An attachment deleted on its own (a moderator in /admin) leaves its message: the message's list
// of files is rewritten without it, an update like any other, so `message.updated` tells everyone
// who sees the message (one SQL statement: see remove-ref). Not when the message itself is being deleted (it takes its files along).
// A message left with neither text nor files is deleted instead.
export const detachFromMessage: CollectionAfterDeleteHook<Attachment> = async ({ doc, req }) => {
  const messageId = typeof doc.message === 'object' && doc.message !== null ? doc.message.id : doc.message
  if (!messageId || messagesBeingDeleted(req.context).has(Number(messageId))) return doc
  const left = await removeAttachmentRef(req.payload, Number(messageId), Number(doc.id))
  // A message that was only this file would be left empty: it goes too (a moderator's removal).
  if (left && left.files === 0 && !left.content) {
    await req.payload.delete({ collection: 'messages', id: Number(messageId), overrideAccess: true, req })
  }
  return doc
}
