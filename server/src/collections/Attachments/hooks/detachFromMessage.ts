import type { CollectionAfterDeleteHook } from 'payload'

import type { Attachment, Message } from '../../../payload-types'
import { messagesBeingDeleted } from '../../../uploads/attachment-ref'

// An attachment deleted on its own (a moderator in /admin) leaves its message: the message's list
// of files is rewritten without it, an update like any other, so `message.updated` tells everyone
// who sees the message. Not when the message itself is being deleted (it takes its files along).
// A message left with neither text nor files is deleted instead.
export const detachFromMessage: CollectionAfterDeleteHook<Attachment> = async ({ doc, req }) => {
  const messageId = typeof doc.message === 'object' && doc.message !== null ? doc.message.id : doc.message
  if (!messageId || messagesBeingDeleted(req.context).has(Number(messageId))) return doc
  const message = (await req.payload.db.findOne({ collection: 'messages', where: { id: { equals: messageId } }, req })) as Message | null
  if (!message) return doc
  const refs = Array.isArray(message.attachments) ? message.attachments : []
  const kept = refs.filter((ref) => Number((ref as { id?: unknown } | null)?.id) !== doc.id)
  // A message that was only this file would be left empty: it goes too (a moderator's removal).
  if (kept.length === 0 && !message.content) {
    await req.payload.delete({ collection: 'messages', id: message.id, overrideAccess: true, req })
  } else {
    await req.payload.update({ collection: 'messages', id: message.id, data: { attachments: kept }, overrideAccess: true, depth: 0, req })
  }
  return doc
}
