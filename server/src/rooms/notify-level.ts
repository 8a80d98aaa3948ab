// POST /api/rooms/:id/notify {notify}: a member sets which of the room's messages notify them.
// A room you may not see is 404 (as every room route); one you see but are not in is 403.
import { APIError, type Endpoint, type Payload } from 'payload'

import { run, sql } from '../db/sql'
import { readJsonObject } from '../http/json-body'
import type { NotifyLevel, RoomResponse } from '../protocol'
import { roomInUrl } from './room-in-url'
import { roomSummary } from './summary'

export const NOTIFY_LEVELS: ReadonlyArray<NotifyLevel> = ['all', 'mentions', 'none']
const SHAPE = '{"notify": "all" | "mentions" | "none"}'

const isNotifyLevel = (value: unknown): value is NotifyLevel => NOTIFY_LEVELS.includes(value as NotifyLevel)

// A plain update of the member's own row, like the read position: nothing on the stream.
async function setNotifyLevel(payload: Payload, membershipId: number, notify: NotifyLevel): Promise<void> {
  await run(payload, sql`UPDATE room_memberships SET notify = ${notify}, updated_at = ${new Date().toISOString()} WHERE id = ${membershipId}`)
}

export const notifyLevelEndpoint: Endpoint = {
  path: '/:id/notify',
  method: 'post',
  handler: async (req) => {
    const { user, roomId, membership } = await roomInUrl(req)
    if (!membership) throw new APIError('Only members of this room have a notification level in it.', 403)
    const body = await readJsonObject(req, SHAPE)
    if (Object.keys(body).length !== 1 || !isNotifyLevel(body.notify)) throw new APIError(`Send ${SHAPE}.`, 400)
    await setNotifyLevel(req.payload, membership.id, body.notify)
    const answer: RoomResponse = { room: await roomSummary(req, user, roomId) }
    return Response.json(answer)
  },
}
