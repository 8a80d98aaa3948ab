import type { CollectionBeforeValidateHook } from 'payload'

import type { Message } from '../../../payload-types'

// The sender is whoever is logged in, never what the body says. Only trusted server code with
// no user (seeds, scripts) may name a sender itself.
export const setSenderAndTimestamp: CollectionBeforeValidateHook<Message> = ({ data, operation, req }) => {
  if (operation !== 'create' || !data) return data
  if (req.user) data.sender = req.user.id
  data.timestamp = new Date().toISOString()
  delete data.editedAt
  return data
}
