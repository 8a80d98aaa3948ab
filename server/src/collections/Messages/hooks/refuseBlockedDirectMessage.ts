import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { BLOCKED_MESSAGE } from '../../../protocol'
import type { Message } from '../../../payload-types'

// A DM between two people where either blocked the other is refused, with the same words both
// ways: the sender learns they cannot write to this person, not who blocked whom. Nothing is
// stored, so no change row either. Only new DMs: editing one sent before the block stays allowed
// (the receiver already has it; the sender may still correct or empty it). Room messages are
// not refused (the blocker's client collapses them).
export const refuseBlockedDirectMessage: CollectionBeforeChangeHook<Message> = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data.receiver || !data.sender) return data
  const [sender, receiver] = [data.sender, data.receiver].map((user) => (typeof user === 'object' ? user.id : user))
  const { totalDocs } = await req.payload.db.count({
    collection: 'blocks',
    where: {
      or: [
        { and: [{ blocker: { equals: sender } }, { blocked: { equals: receiver } }] },
        { and: [{ blocker: { equals: receiver } }, { blocked: { equals: sender } }] },
      ],
    },
    req,
  })
  if (totalDocs > 0) throw new APIError(BLOCKED_MESSAGE, 403)
  return data
}
