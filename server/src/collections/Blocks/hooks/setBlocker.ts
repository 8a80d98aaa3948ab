import { APIError, type CollectionBeforeOperationHook, type CollectionBeforeValidateHook } from 'payload'

import type { Block } from '../../../payload-types'

// The blocker is whoever is logged in. A body that names one is refused rather than ignored (a
// client that thinks it can block on someone else's behalf learns it cannot): checked on the
// request's own data, before Payload fills in the fields it lacks. Trusted server code with no
// user (scripts) names the blocker itself.
export const refuseClientBlocker: CollectionBeforeOperationHook<'blocks'> = ({ args, operation, req }) => {
  const data = (args as { data?: unknown }).data
  if (operation !== 'create' || !req.user || !data || typeof data !== 'object' || !('blocker' in data)) return args
  throw new APIError('"blocker" is set by the server: leave it out of the request.', 400)
}

export const setBlocker: CollectionBeforeValidateHook<Block> = ({ data, operation, req }) => {
  if (operation === 'create' && data && req.user) data.blocker = req.user.id
  return data
}
