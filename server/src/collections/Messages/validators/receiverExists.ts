import type { Validate } from 'payload'

import { isId, userExists } from '../../../db/ids'
import { isSet } from './oneConversation'

// Payload checks the id's shape; this also checks that the user exists, so an unknown receiver
// is a 400 with a clear message instead of a foreign-key failure. A room message has none.
export const receiverExists: Validate = async (value, { req, operation, data }) => {
  const room = (data as { room?: unknown } | undefined)?.room
  if (!isSet(value)) return isSet(room) || operation === 'update' || 'A receiver is required (or a room, for a room message).'
  if (operation !== 'update' && isSet(room)) return 'A message goes to a receiver or to a room, not both.'
  // The receiver names one collection, so it is an id; an object ({ value: 1 }, the polymorphic
  // shape) would pass a shape check and reach SQLite as "[object Object]" (a 500).
  if (typeof value === 'object') return 'The receiver must be a user id.'
  const id = value
  if (!isId(id)) return 'The receiver must be a user id.'
  if (operation === 'update') return true
  return (await userExists(req, id)) || `No user with id ${id} exists.`
}
