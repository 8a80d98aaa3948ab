// GET and POST /api/rooms, POST /api/rooms/:id/join and /leave. GET /api/rooms/:id, PATCH (owners)
// and DELETE (admins) are Payload's own, under the Rooms collection's access rules.
import type { Endpoint } from 'payload'

import { loggedInUser } from '../access/authenticated'
import type { RoomResponse, RoomsResponse } from '../protocol'
import { builtInResponse } from './built-in'
import { addMemberOnce, removeMember } from './membership-writes'
import { roomInUrl } from './room-in-url'
import { roomSummaries, roomSummary } from './summary'

// The sidebar's list. With query parameters (`?where=…&limit=…`, as the admin panel's pickers
// send) it is Payload's paginated find instead, under the same access rules.
export const listRoomsEndpoint: Endpoint = {
  path: '/',
  method: 'get',
  handler: async (req) => {
    if (req.searchParams.size > 0) return builtInResponse(req, listRoomsEndpoint)
    const user = loggedInUser(req)
    const body: RoomsResponse = { rooms: await roomSummaries(req, user) }
    return Response.json(body)
  },
}

// Payload's create (validation, the creator as owner), answered with the room as the creator
// sees it next to Payload's own `{doc, message}` (which the admin panel reads).
export const createRoomEndpoint: Endpoint = {
  path: '/',
  method: 'post',
  handler: async (req) => {
    const created = await builtInResponse(req, createRoomEndpoint)
    if (created.status !== 201 || !req.user || req.user.collection !== 'users') return created
    const body = (await created.json()) as { doc: { id: number } }
    const room: RoomResponse['room'] = await roomSummary(req, req.user, body.doc.id)
    return Response.json({ ...body, room }, { status: 201, headers: created.headers })
  },
}

// Joining a public room (a private one you were not added to is not found). Joining again is fine.
export const joinRoomEndpoint: Endpoint = {
  path: '/:id/join',
  method: 'post',
  handler: async (req) => {
    const { user, roomId } = await roomInUrl(req)
    await addMemberOnce(req, roomId, user.id)
    const body: RoomResponse = { room: await roomSummary(req, user, roomId) }
    return Response.json(body)
  },
}

// Leaving: an owner's room passes to the longest-standing member (RoomMemberships'
// handOverOwnership); the last member leaves an empty room behind. Leaving again is fine.
export const leaveRoomEndpoint: Endpoint = {
  path: '/:id/leave',
  method: 'post',
  handler: async (req) => {
    const { user, roomId, membership } = await roomInUrl(req)
    if (membership) await removeMember(req, membership.id)
    const body: RoomResponse = { room: await roomSummary(req, user, roomId) }
    return Response.json(body)
  },
}
