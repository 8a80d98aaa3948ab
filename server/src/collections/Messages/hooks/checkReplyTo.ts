import { type CollectionBeforeOperationHook, type CollectionBeforeValidateHook, type PayloadRequest, ValidationError } from 'payload'

import { idOf, isId } from '../../../db/ids'
import { storedIfUpdatable } from '../../../hooks/refuseClientTimestamps'
import type { Message } from '../../../payload-types'
import { readableMessage } from '../../../reactions/readable-message'

const invalid = (req: PayloadRequest, message: string) =>
  new ValidationError({ collection: 'messages', errors: [{ path: 'replyTo', message }] }, req.t)

// `replyTo` as the client sent it, before Payload's number field reads "12x" as 12: an id (a
// positive integer) or null on create. It is set on create only: an edit that names another value
// than the stored one is refused (400), not silently dropped (the field's update access would drop
// it); sending the stored one back, as a form round-trips it, is fine.
// Looked up on replies only, and by the unique (sender, clientId) index.
async function isResend(req: PayloadRequest, data: Partial<Message>): Promise<boolean> {
  const sender = idOf(data.sender)
  if (typeof data.clientId !== 'string' || !isId(sender)) return false
  const stored = await req.payload.db.findOne({
    collection: 'messages',
    where: { and: [{ sender: { equals: sender } }, { clientId: { equals: data.clientId } }] },
    req,
  })
  return stored !== null
}

export const checkReplyToShape: CollectionBeforeOperationHook<'messages'> = async ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const data: unknown = (args as { data?: unknown }).data
  if (!data || typeof data !== 'object' || !('replyTo' in data) || data.replyTo === undefined) return args
  const replyTo = data.replyTo
  if (operation === 'create') {
    if (replyTo !== null && !(typeof replyTo === 'number' && Number.isSafeInteger(replyTo) && replyTo > 0)) {
      throw invalid(req, '"replyTo" must be the id of a message (a positive integer).')
    }
    return args
  }
  // A bulk edit (no id) has no one stored value to keep: naming replyTo there is refused outright.
  const stored = await storedIfUpdatable(args as { id?: number | string }, collection, req)
  if (!stored || replyTo !== (stored.replyTo ?? null)) {
    throw invalid(req, '"replyTo" is set when a message is sent and never changes: leave it out of an edit.')
  }
  return args
}

// A reply answers a message of its own conversation (the same DM pair, either direction, or the
// same room) that its sender may read now: anything else is a 400 naming `replyTo`, and a message
// that does not exist answers like one the sender may not read. Runs after setSenderAndTimestamp
// (the sender is the logged-in user); trusted server code with no user may name any message of the
// conversation. A resend (the sender already has a message with this clientId) is not checked: its
// original may be gone since the first send, and the insert answers it with 409 (answerResend.ts).
export const checkReplyTo: CollectionBeforeValidateHook<Message> = async ({ data, operation, req }) => {
  const replyTo = data?.replyTo
  if (operation !== 'create' || !data || typeof replyTo !== 'number') return data
  if (await isResend(req, data)) return data
  const original = await readableMessage(req.payload, req.user, replyTo)
  const [room, sender, receiver] = [idOf(data.room), idOf(data.sender), idOf(data.receiver)].map((id) => (id === null ? null : String(id)))
  const sides = (a: unknown, b: unknown) => [String(a), String(b)].sort().join()
  const sameConversation =
    original !== null &&
    (room !== null
      ? String(idOf(original.room)) === room
      : receiver !== null && idOf(original.room) === null && sides(idOf(original.sender), idOf(original.receiver)) === sides(sender, receiver))
  if (!sameConversation) throw invalid(req, `No message with id ${replyTo} in this conversation to reply to.`)
  return data
}
