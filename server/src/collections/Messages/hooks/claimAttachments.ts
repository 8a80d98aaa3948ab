import { APIError, type CollectionAfterChangeHook } from 'payload'

import type { Message } from '../../../payload-types'
import { attachmentIdsOf } from '../../../uploads/attachment-ref'

// After a message with files is created, in its transaction: each upload now belongs to it (and is
// readable by whoever reads it). Only uploads no message has taken are linked: if another message
// took one meanwhile (two sends racing with the same upload), this message is refused and undone.
export const claimAttachments: CollectionAfterChangeHook<Message> = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const ids = attachmentIdsOf(doc.attachments)
  if (ids.length === 0) return doc
  await req.payload.db.updateMany({
    collection: 'attachments',
    where: { and: [{ id: { in: ids } }, { message: { exists: false } }] },
    data: { message: doc.id },
    req,
    returning: false,
  })
  const { totalDocs } = await req.payload.db.count({
    collection: 'attachments',
    where: { and: [{ id: { in: ids } }, { message: { equals: doc.id } }] },
    req,
  })
  if (totalDocs !== ids.length) throw new APIError('An attachment of this message was sent with another message meanwhile.', 409)
  return doc
}
