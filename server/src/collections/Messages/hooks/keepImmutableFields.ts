import type { CollectionBeforeValidateHook } from 'payload'

const IMMUTABLE = ['sender', 'receiver', 'clientId', 'timestamp', 'editedAt'] as const

// After creation only the content of a message may change, for admins too: a DM never moves to
// another conversation, and its timestamps are the server's (editedAt is stamped on change).
export const keepImmutableFields: CollectionBeforeValidateHook = ({ data, operation, originalDoc }) => {
  if (operation !== 'update' || !data || !originalDoc) return data
  for (const field of IMMUTABLE) data[field] = originalDoc[field]
  return data
}
