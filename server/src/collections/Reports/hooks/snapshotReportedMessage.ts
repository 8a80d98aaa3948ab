import { APIError, type CollectionBeforeValidateHook } from 'payload'

import { isId } from '../../../db/ids'
import { refId } from '../../../moderation/refs'
import type { Message, Report } from '../../../payload-types'

// The message named as Payload names a relationship: its id (a number, or digits as text), or
// `{id}`. Anything else (true would be Number(true) = 1) is not quietly turned into an id.
const namedId = (value: unknown): unknown => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { id?: unknown }).id : value)

// A member reports a message they can read, read exactly as they would read it (the messages'
// own access, on their behalf): one they cannot read answers like one that does not exist, 404,
// so a report never confirms that a message is there. Not their own (400). The report keeps the
// message as it is now (its text, author and conversation) and its id, for after it is removed.
export const snapshotReportedMessage: CollectionBeforeValidateHook<Report> = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data || !req.user) return data
  const id = namedId(data.message)
  if (!isId(id)) throw new APIError('"message" must be the id of the message you report.', 400)
  const message: Message | null = await req.payload.findByID({
    collection: 'messages',
    id: Number(id),
    depth: 0,
    overrideAccess: false,
    disableErrors: true,
    req,
  })
  if (!message) throw new APIError('Message not found.', 404)
  if (refId(message.sender) === req.user.id) throw new APIError('You cannot report your own message.', 400)
  return {
    ...data,
    message: message.id,
    reportedMessageId: message.id,
    reporter: req.user.id,
    content: message.content,
    author: refId(message.sender),
    room: refId(message.room),
    receiver: refId(message.receiver),
    status: 'open',
  }
}
