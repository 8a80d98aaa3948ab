import type { CollectionAfterChangeHook } from 'payload'

import { forgetLoginEverywhere } from '../../../auth/revoke-access'
import type { User } from '../../../payload-types'

// A user's role, name or password changed: the next request loads them afresh, on every process.
export const forgetCachedLoginOnChange: CollectionAfterChangeHook<User> = async ({ doc, operation }) => {
  if (operation === 'update') await forgetLoginEverywhere(doc.id)
  return doc
}
