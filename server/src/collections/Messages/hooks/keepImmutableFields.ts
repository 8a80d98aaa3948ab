import type { CollectionBeforeValidateHook } from 'payload'

import type { Message } from '../../../payload-types'

const IMMUTABLE = ['sender', 'receiver', 'room', 'clientId', 'timestamp', 'editedAt'] as const

// After creation only the content of a message may change, for admins too: a DM or room message
// never moves to another conversation, and its timestamps are the server's (editedAt is stamped on change).
export const keepImmutableFields: CollectionBeforeValidateHook<Message> = ({ data, operation, originalDoc }) => {
  if (operation !== 'update' || !data || !originalDoc) return data
  // A field-by-field copy of the stored values: each keeps its own type (data is a Partial<Message>).
  const kept: Partial<Message> = Object.fromEntries(IMMUTABLE.map((field) => [field, originalDoc[field]]))
  Object.assign(data, kept)
  return data
}
