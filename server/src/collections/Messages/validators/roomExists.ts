import type { Validate } from 'payload'

import { isId } from '../../../db/ids'
import { visibilityOf } from '../../../rooms/memberships'

export const noSuchRoom = (id: unknown) => `No room with id ${String(id)} exists.`

// The room of a room message: an id of a room that exists (a 400 with a clear message instead of
// a foreign-key failure). Whether the sender may post there is checkRoomMembership's concern.
export const roomExists: Validate = async (value, { req, operation }) => {
  if (value === undefined || value === null || value === '') return true
  if (typeof value === 'object' || !isId(value)) return 'The room must be a room id.'
  if (operation === 'update') return true
  return (await visibilityOf(req.payload, value as number)) !== null || noSuchRoom(value)
}
