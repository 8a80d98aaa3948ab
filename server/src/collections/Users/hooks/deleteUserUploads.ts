import type { CollectionAfterDeleteHook, CollectionBeforeDeleteHook } from 'payload'

// A user's uploads go with them, files included. Their sent attachments went with their messages
// (deleteUserData); the ones never sent are deleted here, before the user (their rows name the
// uploader until then). Their avatars are deleted after the user row, which refers to one of them.
const avatarsOf = (id: number | string) => `avatarsOfDeletedUser:${id}`

export const deleteUserUploads: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({ collection: 'attachments', where: { uploadedBy: { equals: id } }, overrideAccess: true, req })
  const { docs } = await req.payload.find({ collection: 'avatars', where: { uploadedBy: { equals: id } }, pagination: false, depth: 0, overrideAccess: true, req })
  req.context[avatarsOf(id)] = docs.map((doc) => doc.id)
}

export const deleteUserAvatars: CollectionAfterDeleteHook = async ({ id, req }) => {
  const ids = (req.context[avatarsOf(id)] as number[] | undefined) ?? []
  if (ids.length > 0) await req.payload.delete({ collection: 'avatars', where: { id: { in: ids } }, overrideAccess: true, req })
}
