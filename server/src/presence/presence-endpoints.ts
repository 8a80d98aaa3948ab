// GET /api/presence?users=1,2 (the snapshot a client asks on `ready`, and a large room's member
// list) and POST /api/presence {status} (this browser is visible or hidden).
import { APIError, type Endpoint } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { readJsonObject } from '../http/json-body'
import { PRESENCE_PATH, PRESENCE_SNAPSHOT_MAX, type PresenceResponse } from '../protocol'
import { realtime } from '../realtime/runtime'
import { idListParam } from './query-ids'
import { sharingAConversation } from './shared-conversations'

const path = PRESENCE_PATH.slice('/api'.length)

// Users who share no DM and no room with the caller are left out, not refused: whether someone
// is online is nobody else's business, and a 403 would tell that the id exists.
export const presenceSnapshotEndpoint: Endpoint = {
  path,
  method: 'get',
  handler: async (req) => {
    const user = loggedInUser(req)
    const ids = idListParam(req, 'users', PRESENCE_SNAPSHOT_MAX)
    const visible = await sharingAConversation(req.payload, user.id, ids)
    const body: PresenceResponse = { presence: await realtime(req.payload).presence.snapshot(ids.filter((id) => visible.has(id))) }
    return Response.json(body)
  },
}

const STATUS_SHAPE = '{"status": "online"} or {"status": "away"}'

// For the caller's login session (every tab of one browser shares it): away when every tab of
// the browser is hidden. The user is away when every session with an open stream is.
export const presenceStatusEndpoint: Endpoint = {
  path,
  method: 'post',
  handler: async (req) => {
    const user = loggedInUser(req)
    const body = await readJsonObject(req, STATUS_SHAPE)
    const keys = Object.keys(body)
    if (keys.length !== 1 || (body.status !== 'online' && body.status !== 'away')) throw new APIError(`Send ${STATUS_SHAPE}.`, 400)
    // Payload puts the login session's id on the user it authenticated (as the stream reads it).
    const { _sid: sessionId } = user as { _sid?: string }
    realtime(req.payload).presence.setAway(user.id, sessionId, body.status === 'away')
    return new Response(null, { status: 204 })
  },
}
