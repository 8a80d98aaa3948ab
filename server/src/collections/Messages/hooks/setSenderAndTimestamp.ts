import type { CollectionBeforeValidateHook } from 'payload'

// The sender is whoever is logged in, never what the body says. Only trusted server code with
// no user (seeds, scripts) may name a sender itself.
export const setSenderAndTimestamp: CollectionBeforeValidateHook = ({ data, operation, req }) => {
  if (operation !== 'create' || !data) return data
  if (req.user) data.sender = req.user.id
  data.timestamp = new Date().toISOString()
  delete data.editedAt
  return data
}
