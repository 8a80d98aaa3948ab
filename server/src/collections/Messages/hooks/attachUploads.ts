import { APIError, type CollectionBeforeValidateHook } from 'payload'

import { isId } from '../../../db/ids'
import type { Attachment, Message } from '../../../payload-types'
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../../../protocol'
import { attachmentRefOf } from '../../../uploads/attachment-ref'

const idOf = (value: unknown) => (typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value)

// A new message's `attachments`: the client sends the ids of its own uploads that no message has
// yet (each once, at most 10); the row stores each one's AttachmentRef, so REST, the change feed
// and the stream carry the files without looking them up. Any id that is not such an upload is a
// 400 that says which, the same whether the upload is someone else's, attached already, or does
// not exist (nothing about others' files is learnt). claimAttachments links them after the create.
export const attachUploads: CollectionBeforeValidateHook<Message> = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data) return data
  const given: unknown = data.attachments
  if (given === undefined || given === null) {
    data.attachments = []
    return data
  }
  if (!Array.isArray(given) || given.length > MAX_ATTACHMENTS_PER_MESSAGE || !given.every(isId)) {
    throw new APIError(`"attachments" must be a list of at most ${MAX_ATTACHMENTS_PER_MESSAGE} upload ids.`, 400)
  }
  const ids = given.map(Number)
  // Most messages have no files (the default value is []): nothing to look up.
  if (ids.length === 0) return data
  if (new Set(ids).size !== ids.length) throw new APIError('"attachments" names an upload more than once.', 400)
  const sender = Number(idOf(data.sender))
  const { docs } = await req.payload.find({
    collection: 'attachments',
    where: { id: { in: ids } },
    limit: ids.length,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const byId = new Map(docs.map((doc) => [doc.id, doc as Attachment]))
  const unusable = ids.filter((id) => {
    const doc = byId.get(id)
    return !doc || Number(idOf(doc.uploadedBy)) !== sender || (doc.message !== null && doc.message !== undefined)
  })
  if (unusable.length > 0) {
    throw new APIError(`Attachment ${unusable.join(', ')} is not an upload of yours waiting to be sent.`, 400)
  }
  data.attachments = ids.map((id) => attachmentRefOf(byId.get(id)!))
  // A message may be files alone: the column keeps '' (contentOrAttachments allows it).
  if (ids.length > 0 && (data.content === undefined || data.content === null)) data.content = ''
  return data
}
