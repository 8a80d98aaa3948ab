import type { CollectionBeforeDeleteHook } from 'payload'

// Messages, memberships, read markers and blocks need their users: deleting a user removes the
// DMs they sent or received, their room messages, their room memberships (an owner's room is
// handed over), the read markers and the blocks that name them first. Messages and memberships go
// through the Local API so each removal reaches the change feed and the stream.
export const deleteUserData: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: 'messages',
    where: { or: [{ sender: { equals: id } }, { receiver: { equals: id } }] },
    overrideAccess: true,
    req,
  })
  await req.payload.delete({ collection: 'room-memberships', where: { user: { equals: id } }, overrideAccess: true, req })
  // Read markers and blocks (the user's and those of them) have no hooks or feed to notify: one
  // statement each.
  await req.payload.db.deleteMany({
    collection: 'conversation-reads',
    where: { or: [{ user: { equals: id } }, { peer: { equals: id } }] },
    req,
  })
  await req.payload.db.deleteMany({ collection: 'blocks', where: { or: [{ blocker: { equals: id } }, { blocked: { equals: id } }] }, req })
}
