import type { CollectionAfterChangeHook } from 'payload'

import { refId, type Ref } from '../../../moderation/refs'
import type { User } from '../../../payload-types'

// A replaced or cleared avatar is deleted, its files with it: nobody shows it any more.
export const removeReplacedAvatar: CollectionAfterChangeHook<User> = async ({ doc, operation, previousDoc, req }) => {
  if (operation !== 'update') return doc
  const before = refId(previousDoc?.avatar as Ref)
  if (before === null || before === refId(doc.avatar as Ref)) return doc
  await req.payload.delete({ collection: 'avatars', where: { id: { equals: before } }, overrideAccess: true, req })
  return doc
}
