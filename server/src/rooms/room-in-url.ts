// The room an `/api/rooms/:id/...` route names, as the logged-in user stands in it. A private room
// they are not in answers exactly like a room that does not exist (404); admins see every room.
import { APIError, NotFound, type PayloadRequest } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { userIsAdmin } from '../access/isAdmin'
import { isId } from '../db/ids'
import { type Membership, type RoomStanding, standingIn } from './memberships'

export interface RoomInUrl {
  user: ReturnType<typeof loggedInUser>
  roomId: number
  membership: Membership | null
  // An owner of the room, or an admin: may add and remove members.
  manages: boolean
}

// Admins see every room; others public ones and their own.
export const sees = (user: PayloadRequest['user'], { exists, visible }: RoomStanding): boolean => visible || (exists && userIsAdmin(user))

export function idParam(req: PayloadRequest, name: string, what: string): number {
  const value = req.routeParams?.[name]
  if (!isId(value)) throw new APIError(`The ${what} id must be a positive integer, not "${String(value)}".`, 400)
  return Number(value)
}

export async function roomInUrl(req: PayloadRequest): Promise<RoomInUrl> {
  const user = loggedInUser(req)
  const roomId = idParam(req, 'id', 'room')
  const standing = await standingIn(req.payload, roomId, user.id)
  if (!sees(user, standing)) throw new NotFound(req.t)
  const { membership } = standing
  return { user, roomId, membership, manages: userIsAdmin(user) || membership?.role === 'owner' }
}
