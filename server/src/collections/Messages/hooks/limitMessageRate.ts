import type { CollectionBeforeOperationHook } from 'payload'

import { consumeOrReject, limiters } from '../../../limits/rate-limits'

// Each logged-in user has their own budget for new messages over REST (the chat and the admin
// panel); one user's flood never slows anyone else. Server code with no user is not limited.
export const limitMessageRate: CollectionBeforeOperationHook<'messages'> = async ({ args, operation, req }) => {
  if (operation !== 'create' || !req.user || req.payloadAPI !== 'REST') return args
  await consumeOrReject(req, limiters().messages, `user:${req.user.id}`, 'You are sending messages too fast.')
  return args
}
