import type { CollectionBeforeChangeHook } from 'payload'

import type { Room } from '../../../payload-types'

// The creator is whoever is logged in, never what the body says. Only trusted server code with
// no user may name one itself.
export const setCreatedBy: CollectionBeforeChangeHook<Room> = ({ data, operation, req }) => {
  if (operation === 'create' && req.user) data.createdBy = req.user.id
  return data
}
