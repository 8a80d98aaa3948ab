// GET and POST /api/rooms/:id/members, DELETE /api/rooms/:id/members/:userId.
import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { isId, userExists } from '../db/ids'
import { readJsonObject } from '../http/json-body'
import type { RoomMembersResponse } from '../protocol'
import { membershipOf } from './memberships'
import { addMemberOnce, removeMember } from './membership-writes'
import { idParam, roomInUrl } from './room-in-url'
import { memberRows } from './summaries'

const membersOf = async (req: PayloadRequest, roomId: number): Promise<RoomMembersResponse> => ({
  members: await memberRows(req.payload, roomId),
})

// Who is in a room: for anyone who may see it (a public room, or one you are in).
export const listMembersEndpoint: Endpoint = {
  path: '/:id/members',
  method: 'get',
  handler: async (req) => {
    const { roomId } = await roomInUrl(req)
    return Response.json(await membersOf(req, roomId))
  },
}

// An owner (or admin) adds someone: 201 with the members now.
export const addMemberEndpoint: Endpoint = {
  path: '/:id/members',
  method: 'post',
  handler: async (req) => {
    const { roomId, manages } = await roomInUrl(req)
    if (!manages) throw new APIError('Only an owner of this room may add members.', 403)
    const { user } = await readJsonObject(req, '{"user": <user id>}')
    if (!isId(user)) throw new APIError('"user" must be a user id.', 400)
    if (!(await userExists(req, Number(user)))) throw new APIError(`No user with id ${String(user)} exists.`, 400)
    if (!(await addMemberOnce(req, roomId, Number(user)))) throw new APIError('That user is already a member of this room.', 409)
    return Response.json(await membersOf(req, roomId), { status: 201 })
  },
}

// An owner (or admin) removes anyone; a member only themself. Removing the last owner hands the
// room over as leaving does.
export const removeMemberEndpoint: Endpoint = {
  path: '/:id/members/:userId',
  method: 'delete',
  handler: async (req) => {
    const { user, roomId, manages } = await roomInUrl(req)
    const target = idParam(req, 'userId', 'user')
    if (!manages && target !== user.id) throw new APIError('Only an owner of this room may remove other members.', 403)
    const membership = await membershipOf(req.payload, roomId, target)
    if (!membership) throw new APIError(`User ${target} is not a member of this room.`, 404)
    await removeMember(req, membership.id)
    return Response.json(await membersOf(req, roomId))
  },
}
