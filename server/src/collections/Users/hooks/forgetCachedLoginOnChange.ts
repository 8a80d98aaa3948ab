import type { CollectionAfterChangeHook } from 'payload'

import { authCache } from '../../../auth/cachedJwtAuthentication'
import type { User } from '../../../payload-types'

// A user's role, name or password changed: the next request loads them afresh.
export const forgetCachedLoginOnChange: CollectionAfterChangeHook<User> = ({ doc, operation }) => {
  if (operation === 'update') authCache().forgetUser(doc.id)
  return doc
}
