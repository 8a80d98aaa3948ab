import type { CollectionBeforeDeleteHook } from 'payload'

import { markCascade } from '../../../moderation/cascade'

// Messages, memberships and read markers need their users: deleting a user removes the DMs they
// sent or received, their room messages, their room memberships (an owner's room is handed over)
// and the read markers that name them first. Messages and memberships go through the Local API
// so each removal reaches the change feed and the stream; as a cascade (moderation/cascade.ts).
export const deleteUserData: CollectionBeforeDeleteHook = async ({ id, req }) => {
  markCascade(req)
  await req.payload.delete({
    collection: 'messages',
    where: { or: [{ sender: { equals: id } }, { receiver: { equals: id } }] },
    overrideAccess: true,
    req,
  })
  await req.payload.delete({ collection: 'room-memberships', where: { user: { equals: id } }, overrideAccess: true, req })
  // Read markers have no hooks or feed to notify: one statement.
  await req.payload.db.deleteMany({
    collection: 'conversation-reads',
    where: { or: [{ user: { equals: id } }, { peer: { equals: id } }] },
    req,
  })
}
