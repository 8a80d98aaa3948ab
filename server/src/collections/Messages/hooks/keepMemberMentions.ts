import { APIError, type CollectionBeforeValidateHook } from 'payload'

import { userIsAdmin } from '../../../access/isAdmin'
import { isId } from '../../../db/ids'
import type { Message } from '../../../payload-types'
import { membersAmong, membershipOf } from '../../../rooms/memberships'

// A message names this many people at most (`@room` is for everyone).
const MAX_MENTIONS = 100

const idOf = (value: unknown): number | undefined => (typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value) as number | undefined

// Mentions: names are not unique, so the client sends the ids of the members it inserted and the
// server keeps those of the room's current members (never the sender, never twice; a DM mentions
// nobody). Malformed ids are a 400. `@room` (mentionsRoom) is for the room's owners and admins:
// anyone else gets 403, so it cannot be used to ping a whole room; on a DM it is a 400 (it would
// mean nothing, and silently storing false would alter what was sent). The ids are stored in the
// message row (a JSON field), so the change row written with it carries them.
export const keepMemberMentions: CollectionBeforeValidateHook<Message> = async ({ data, operation, originalDoc, req }) => {
  if (!data) return data
  const roomValue = operation === 'update' ? originalDoc?.room : data.room
  const room = idOf(roomValue)
  const sender = idOf(operation === 'update' ? originalDoc?.sender : data.sender)
  if (data.mentions !== undefined && data.mentions !== null) {
    if (!Array.isArray(data.mentions) || data.mentions.length > MAX_MENTIONS || !data.mentions.every((m) => isId(idOf(m)))) {
      throw new APIError(`"mentions" must be a list of at most ${MAX_MENTIONS} user ids.`, 400)
    }
    const wanted = [...new Set(data.mentions.map((m) => Number(idOf(m))))].filter((id) => id !== Number(sender))
    const members = isId(room) ? await membersAmong(req.payload, Number(room), wanted) : new Set<number>()
    data.mentions = wanted.filter((id) => members.has(id))
  } else if (operation === 'create') {
    data.mentions = []
  }
  if (data.mentionsRoom === true && !(operation === 'update' && originalDoc?.mentionsRoom)) {
    if (!isId(room)) {
      throw new APIError('"mentionsRoom" is for room messages: a direct message has no room to mention.', 400)
    } else if (req.user && !userIsAdmin(req.user) && (await membershipOf(req.payload, Number(room), req.user.id))?.role !== 'owner') {
      throw new APIError('Only an owner of this room may mention @room.', 403)
    }
  }
  return data
}
