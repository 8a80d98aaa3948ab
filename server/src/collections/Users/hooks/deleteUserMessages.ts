import type { CollectionBeforeDeleteHook } from 'payload'

// A message needs both its users: deleting a user removes the DMs they sent or received first,
// through the Local API so each removal reaches the change feed and the stream.
export const deleteUserMessages: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: 'messages',
    where: { or: [{ sender: { equals: id } }, { receiver: { equals: id } }] },
    overrideAccess: true,
    req,
  })
}
