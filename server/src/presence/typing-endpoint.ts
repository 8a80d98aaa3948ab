// POST /api/typing {receiver} | {room}: "X is typing…" to the others in that conversation, as an
// ephemeral stream event, at most once per (user, conversation) every TYPING_THROTTLE_MS however
// often the client calls (within the window the call is a 204 that sends nothing). Checked here,
// then sent to every process on the database (the presence store), each of which delivers it to
// its own streams (./typing-delivery.ts).
import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { eitherBlocked } from '../collections/Blocks/either-blocked'
import { isId, userExists } from '../db/ids'
import { readJsonObject } from '../http/json-body'
import { consumeOrReject, limiters } from '../limits/rate-limits'
import { processGlobal } from '../process-global.mjs'
import { BLOCKED_MESSAGE, TYPING_PATH, TYPING_THROTTLE_MS, type TypingData } from '../protocol'
import { realtime } from '../realtime/runtime'
import { membershipOf } from '../rooms/memberships'
import { WindowThrottle } from './window-throttle'

const SHAPE = '{"receiver": <user id>} or {"room": <room id>}'

// One per process (a `next dev` reload keeps it); also reset when a message is sent (runtime).
export const typingThrottle = (): WindowThrottle => processGlobal('typing-throttle', () => new WindowThrottle(TYPING_THROTTLE_MS))

export const typingKey = (userId: number, conversation: { receiver: number } | { room: number }): string =>
  'room' in conversation ? `${userId}:room:${conversation.room}` : `${userId}:dm:${conversation.receiver}`

async function typingFor(req: PayloadRequest, user: { id: number }, body: Record<string, unknown>): Promise<TypingData> {
  const keys = Object.keys(body)
  if (keys.length !== 1 || (keys[0] !== 'receiver' && keys[0] !== 'room')) throw new APIError(`Send exactly one of ${SHAPE}.`, 400)
  if ('receiver' in body) {
    if (!isId(body.receiver)) throw new APIError('"receiver" must be a user id.', 400)
    const receiver = Number(body.receiver)
    if (receiver === user.id) throw new APIError('You cannot type to yourself.', 400)
    if (!(await userExists(req, receiver))) throw new APIError(`No user with id ${receiver} to type to.`, 403)
    // A block ends the DM both ways, typing notices included (the same words as a refused DM).
    if (await eitherBlocked(req.payload, user.id, receiver, req)) throw new APIError(BLOCKED_MESSAGE, 403, {}, true)
    return { user: user.id, receiver, room: null }
  }
  if (!isId(body.room)) throw new APIError('"room" must be a room id.', 400)
  const room = Number(body.room)
  // A room you are not in (or that does not exist, or you may not see) is the same 403.
  if (!(await membershipOf(req.payload, room, user.id))) throw new APIError('Only members of this room may type in it.', 403)
  return { user: user.id, receiver: null, room }
}

export const typingEndpoint: Endpoint = {
  path: TYPING_PATH.slice('/api'.length),
  method: 'post',
  handler: async (req) => {
    const user = loggedInUser(req)
    await consumeOrReject(req, limiters().typing, `user:${user.id}`, 'You are sending typing notices too fast.')
    const data = await typingFor(req, user, await readJsonObject(req, SHAPE))
    const conversation = data.room === null ? { receiver: data.receiver! } : { room: data.room }
    if (typingThrottle().allow(typingKey(user.id, conversation))) await realtime(req.payload).presence.sendTyping(data)
    return new Response(null, { status: 204 })
  },
}
