// GET /api/messages/conversations and POST /api/messages/read: the sidebar's data and read markers.
import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { isId, userExists } from '../db/ids'
import { listConversations, markRead } from './read-state'

export const conversationsEndpoint: Endpoint = {
  path: '/conversations',
  method: 'get',
  handler: async (req) => {
    const user = loggedInUser(req)
    const rows = await listConversations(req.payload, user.id)
    const ids = rows.map((row) => row.lastMessageId)
    const { docs } = ids.length
      ? await req.payload.find({
          collection: 'messages',
          where: { id: { in: ids } },
          depth: 1,
          limit: ids.length,
          pagination: false,
          overrideAccess: false,
          user,
        })
      : { docs: [] }
    const messages = new Map(docs.map((doc) => [doc.id, doc]))
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

async function readBody(req: PayloadRequest): Promise<Record<string, unknown>> {
  try {
    const body = await req.json?.()
    if (body && typeof body === 'object' && !Array.isArray(body)) return body
  } catch {
    // fall through to the error below
  }
  throw new APIError('The request body must be a JSON object: {"peer": <user id>, "upTo": <message id>}.', 400)
}

export const markReadEndpoint: Endpoint = {
  path: '/read',
  method: 'post',
  handler: async (req) => {
    const user = loggedInUser(req)
    const { peer, upTo } = await readBody(req)
    if (!isId(peer)) throw new APIError('"peer" must be a user id.', 400)
    if (!isId(upTo)) throw new APIError('"upTo" must be a message id.', 400)
    if (!(await userExists(req, Number(peer)))) throw new APIError(`No user with id ${peer} exists.`, 400)
    const lastReadId = await markRead(req.payload, user.id, Number(peer), Number(upTo))
    return Response.json({ peer: Number(peer), lastReadId })
  },
}
