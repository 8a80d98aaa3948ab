// The room an `/api/rooms/:id/...` route names, as the logged-in user stands in it. A private room
// they are not in answers exactly like a room that does not exist (404); admins see every room.
import { APIError, NotFound, type PayloadRequest } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { userIsAdmin } from '../access/isAdmin'
import { isId } from '../db/ids'
import { type Membership, standingIn } from './memberships'

export interface RoomInUrl {
  user: ReturnType<typeof loggedInUser>
  roomId: number
  membership: Membership | null
  // An owner of the room, or an admin: may add and remove members.
  manages: boolean
}

export function idParam(req: PayloadRequest, name: string, what: string): number {
  const value = req.routeParams?.[name]
  if (!isId(value)) throw new APIError(`The ${what} id must be a positive integer, not "${String(value)}".`, 400)
  return Number(value)
}

export async function roomInUrl(req: PayloadRequest): Promise<RoomInUrl> {
  const user = loggedInUser(req)
  const roomId = idParam(req, 'id', 'room')
  const { visible, exists, membership } = await standingIn(req.payload, roomId, user.id)
  const admin = userIsAdmin(user)
  if (!(visible || (admin && exists))) throw new NotFound(req.t)
  return { user, roomId, membership, manages: admin || membership?.role === 'owner' }
}
