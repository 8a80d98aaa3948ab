// GET /api/messages/conversations and POST /api/messages/read: the sidebar's data and read markers
// (of DMs and rooms).
import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { isId, userExists } from '../db/ids'
import { readJsonObject } from '../http/json-body'
import type { ReadResponse } from '../protocol'
import { wakeRealtime } from '../realtime/runtime'
import { standingIn } from '../rooms/memberships'
import { markRoomRead } from '../rooms/read-position'
import { sees } from '../rooms/room-in-url'
import { messagesById } from './messages-by-id'
import { listConversations, markRead } from './read-state'

export const conversationsEndpoint: Endpoint = {
  path: '/conversations',
  method: 'get',
  handler: async (req) => {
    const user = loggedInUser(req)
    const rows = await listConversations(req.payload, user.id)
    const ids = rows.map((row) => row.lastMessageId)
    const messages = await messagesById(req, user, ids)
    const peerIds = rows.map((row) => row.peerId)
    const { docs: peers } = await req.payload.find({
      collection: 'users',
      where: { id: { in: peerIds } },
      limit: peerIds.length,
      pagination: false,
      depth: 0,
      overrideAccess: false,
      user,
    })
    const names = new Map(peers.map((peer) => [peer.id, peer.name]))
    return Response.json({
      conversations: rows.map((row) => ({
        user: { id: row.peerId, name: names.get(row.peerId) ?? '' },
        lastMessage: messages.get(row.lastMessageId) ?? null,
        unread: row.unread,
        lastReadId: row.lastReadId,
        peerLastReadId: row.peerLastReadId,
      })),
    })
  },
}

export const markReadEndpoint: Endpoint = {
  path: '/read',
  method: 'post',
  handler: async (req) => {
    const user = loggedInUser(req)
    const body = await readJsonObject(req, '{"peer": <user id>, "upTo": <message id>} or {"room": <room id>, "upTo": <message id>}')
    const { peer, room, upTo } = body
    if ('peer' in body && 'room' in body) throw new APIError('Send "peer" (a DM) or "room", not both.', 400)
    if (!isId(upTo)) throw new APIError('"upTo" must be a message id.', 400)
    if ('room' in body) {
      if (!isId(room)) throw new APIError('"room" must be a room id.', 400)
      const membership = await roomMembershipToMark(req, Number(room), user)
      const lastReadId = await markRoomRead(req.payload, membership, Number(upTo))
      return Response.json({ room: Number(room), lastReadId } satisfies ReadResponse)
    }
    if (!isId(peer)) throw new APIError('"peer" must be a user id.', 400)
    if (!(await userExists(req, Number(peer)))) throw new APIError(`No user with id ${peer} exists.`, 400)
    const { lastReadId, moved } = await markRead(req.payload, user.id, Number(peer), Number(upTo))
    // Raw SQL wakes no hook: the `read` row it wrote goes out now, not at the next poll.
    if (moved) wakeRealtime()
    return Response.json({ peer: Number(peer), lastReadId } satisfies ReadResponse)
  },
}

// Only members have a read position: a room you may see but are not in is 403, one you may not
// see answers like a missing one (400, as for an unknown peer).
async function roomMembershipToMark(req: PayloadRequest, roomId: number, user: NonNullable<PayloadRequest['user']>): Promise<number> {
  const standing = await standingIn(req.payload, roomId, user.id)
  const { membership } = standing
  if (!sees(user, standing)) throw new APIError(`No room with id ${roomId} exists.`, 400)
  if (!membership) throw new APIError('Only members of this room have a read position in it.', 403)
  return membership.id
}
