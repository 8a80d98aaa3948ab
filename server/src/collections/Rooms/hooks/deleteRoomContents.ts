import type { CollectionBeforeDeleteHook } from 'payload'

import { asCascade } from '../../../moderation/cascade'

// Deleting a room (admins) takes its messages, then its memberships, with it: each removal goes
// through the Local API, so it is a change row and members' streams hear of it in that order.
// The flag tells the memberships' hand-over hook not to promote anyone in a room that is going;
// the cascade mark makes the messages' removal the admin's (by: 'moderator', one audit entry).
export const DELETING_ROOM = 'deletingRoom'

export const deleteRoomContents: CollectionBeforeDeleteHook = async ({ id, req }) => {
  req.context[DELETING_ROOM] = true
  await asCascade(req, async () => {
    await req.payload.delete({ collection: 'messages', where: { room: { equals: id } }, overrideAccess: true, req })
    await req.payload.delete({ collection: 'room-memberships', where: { room: { equals: id } }, overrideAccess: true, req })
  })
}
