import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '../../../payload-types'

// The first user of an empty database becomes its admin: that is how an install gets a moderator.
// Runs after field access has stripped any role the request sent.
export const assignFirstUserAdmin: CollectionBeforeChangeHook<User> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: 'users', overrideAccess: true, req })
  if (totalDocs === 0) data.role = 'admin'
  return data
}
