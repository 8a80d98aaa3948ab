import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { eitherBlocked } from '../../Blocks/either-blocked'
import { isId } from '../../../db/ids'
import { BLOCKED_MESSAGE } from '../../../protocol'
import type { Message } from '../../../payload-types'

// A DM between two people where either blocked the other is refused, with the same words both
// ways: the sender learns they cannot write to this person, not who blocked whom. Nothing is
// stored, so no change row either. Only new DMs: editing one sent before the block stays allowed
// (the receiver already has it; the sender may still correct or empty it). Room messages are
// not refused (the blocker's client collapses them).
// Field validation (a malformed or unknown receiver: 400) runs after this hook: ids that are not
// ids are left to it.
export const refuseBlockedDirectMessage: CollectionBeforeChangeHook<Message> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const [sender, receiver] = [data.sender, data.receiver].map((user) => (user && typeof user === 'object' ? user.id : user))
  if (!isId(sender) || !isId(receiver)) return data
  // With data (and public): the production build's error formatting drops the message of an
  // APIError without data (found by the member e2e: "An unknown error occurred.").
  if (await eitherBlocked(req.payload, sender as number, receiver as number, req)) throw new APIError(BLOCKED_MESSAGE, 403, {}, true)
  return data
}
