// GET /api/messages/conversations and POST /api/messages/read: the sidebar's data and read markers.
import { APIError, type Endpoint } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { isId, userExists } from '../db/ids'
import { readJsonObject } from '../http/json-body'
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
      })),
    })
  },
}

export const markReadEndpoint: Endpoint = {
  path: '/read',
  method: 'post',
  handler: async (req) => {
    const user = loggedInUser(req)
    const { peer, upTo } = await readJsonObject(req, '{"peer": <user id>, "upTo": <message id>}')
    if (!isId(peer)) throw new APIError('"peer" must be a user id.', 400)
    if (!isId(upTo)) throw new APIError('"upTo" must be a message id.', 400)
    if (!(await userExists(req, Number(peer)))) throw new APIError(`No user with id ${peer} exists.`, 400)
    const lastReadId = await markRead(req.payload, user.id, Number(peer), Number(upTo))
    return Response.json({ peer: Number(peer), lastReadId })
  },
}
