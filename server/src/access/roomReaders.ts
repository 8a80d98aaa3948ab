import type { Access, Where } from 'payload'

import { roomIdsOf } from '../rooms/memberships'
import { requireUser } from './authenticated'
import { userIsAdmin } from './isAdmin'

// Rooms a member may see: every public room and the private rooms they are in. A private room
// they are not in is not found by id, not listed and not counted.
export const publicOrOwnRoom: Access = async ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  const visible: Where[] = [{ visibility: { equals: 'public' } }]
  const rooms = await roomIdsOf(req.payload, user.id)
  if (rooms.length > 0) visible.push({ id: { in: rooms } })
  return { or: visible }
}

// Memberships of the rooms a member may see (who is in a public room is public to members).
export const membershipOfVisibleRoom: Access = async ({ req }) => {
  const user = requireUser(req)
  if (!user) return false
  if (userIsAdmin(user)) return true
  const visible: Where[] = [{ 'room.visibility': { equals: 'public' } }]
  const rooms = await roomIdsOf(req.payload, user.id)
  if (rooms.length > 0) visible.push({ room: { in: rooms } })
  return { or: visible }
}
