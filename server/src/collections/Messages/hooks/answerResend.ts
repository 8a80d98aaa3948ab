import type { CollectionAfterErrorHook } from 'payload'

import { violatesUniqueOn } from '../../../db/unique-violation'

// A send retried after its answer was lost carries the same clientId. The unique index on
// (sender, clientId) refuses the second insert, which Payload reports as a uniqueness error on
// `sender_id` (SQLite: the index's first column) or `sender_id, client_id` (PostgreSQL: the key
// its error names); it is the only unique index on messages. Answer that
// with 409 and the stored message's id, so the client can show it instead of a failure. The
// lookup runs only on this rare path, never on an ordinary send.
export const answerResend: CollectionAfterErrorHook = async ({ error, req }) => {
  const clientId = (req.data as { clientId?: unknown } | undefined)?.clientId
  if (!violatesUniqueOn(error, 'sender_id') || !req.user || typeof clientId !== 'string') return
  const stored = await req.payload.db.findOne<{ id: number }>({
    collection: 'messages',
    where: { and: [{ sender: { equals: req.user.id } }, { clientId: { equals: clientId } }] },
    req,
  })
  if (!stored) return
  return { status: 409, response: { errors: [{ message: 'This message was already sent.', data: { id: stored.id } }] } }
}
