// POST /api/messages/:id/reactions {emoji}: toggles the caller's reaction (issue #17). Only those
// in the conversation may react: the two sides of a DM, the current members of a room. Anyone else
// (an admin too: moderators read through /admin and take no part) gets what a missing message gets.
import { APIError, type Endpoint, NotFound, type PayloadRequest } from 'payload'

import { loggedInUser } from '../access/authenticated'
import { eitherBlocked } from '../collections/Blocks/either-blocked'
import { repliesAndReactionsOf, toggleReaction } from '../db'
import { idOf, isId } from '../db/ids'
import { readJsonObject } from '../http/json-body'
import { consumeOrReject, limiters } from '../limits/rate-limits'
import type { Message } from '../payload-types'
import { BLOCKED_MESSAGE, MAX_REACTION_EMOJI, type ReactionResponse } from '../protocol'
import { wakeRealtime } from '../realtime/runtime'
import { membershipOf } from '../rooms/memberships'
import { idParam } from '../rooms/room-in-url'
import { isOneEmoji, MAX_EMOJI_LENGTH } from './emoji'
import { readableMessage } from './readable-message'

type Conversation = Pick<Message, 'sender' | 'receiver' | 'room'>

export const reactionsEndpoint: Endpoint = {
  path: '/:id/reactions',
  method: 'post',
  handler: async (req) => {
    const user = loggedInUser(req)
    const messageId = idParam(req, 'id', 'message')
    await consumeOrReject(req, limiters().reactions, `user:${user.id}`, 'You are reacting too fast.')
    const { emoji } = await readJsonObject(req, '{"emoji": "👍"}')
    if (!isOneEmoji(emoji)) {
      throw new APIError(`"emoji" must be exactly one emoji (at most ${MAX_EMOJI_LENGTH} characters), such as "👍".`, 400, {}, true)
    }
    const message = await readableMessage(req.payload, user, messageId)
    if (!message || !(await takesPart(req, message, user.id))) throw new NotFound(req.t)
    const outcome = await toggleReaction(req.payload, {
      message: messageId,
      user: user.id,
      emoji,
      maxEmoji: MAX_REACTION_EMOJI,
      mayAdd: () => refuseBlockedConversation(req, message),
    })
    if (outcome === 'gone') throw new NotFound(req.t)
    if (outcome === 'full') {
      throw new APIError(`A message has at most ${MAX_REACTION_EMOJI} different reactions: add one of those already there.`, 409, {}, true)
    }
    // Raw SQL wakes no hook: the change row the trigger wrote goes out now, not at the next poll.
    wakeRealtime()
    const reactions = (await repliesAndReactionsOf(req.payload, [messageId])).get(messageId)?.reactions ?? []
    return Response.json({ message: messageId, reacted: outcome === 'added', reactions } satisfies ReactionResponse)
  },
}

// Whether the user is in the message's conversation now: a side of its DM, or a member of its room.
async function takesPart(req: PayloadRequest, message: Conversation, userId: number): Promise<boolean> {
  const room = idOf(message.room)
  if (isId(room)) return (await membershipOf(req.payload, room as number, userId)) !== null
  return [idOf(message.sender), idOf(message.receiver)].some((id) => String(id) === String(userId))
}

// A DM between two people where either blocked the other takes no new reactions, as it takes no new
// message (the same 403 and words, collections/Messages/hooks/refuseBlockedDirectMessage.ts); taking
// one's own reaction back stays allowed, as editing or deleting one's own message does.
async function refuseBlockedConversation(req: PayloadRequest, message: Conversation): Promise<void> {
  const [sender, receiver] = [idOf(message.sender), idOf(message.receiver)]
  if (!isId(sender) || !isId(receiver)) return
  if (await eitherBlocked(req.payload, sender as number, receiver as number, req)) throw new APIError(BLOCKED_MESSAGE, 403, {}, true)
}
