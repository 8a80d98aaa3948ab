import type { CollectionAfterChangeHook } from 'payload'

import type { Room } from '../../../payload-types'
import { addMember } from '../../../rooms/membership-writes'

// The creator of a room is its owner and first member: a membership row like any other join, so
// the feed announces it.
export const addCreatorAsOwner: CollectionAfterChangeHook<Room> = async ({ doc, operation, req }) => {
  const creator = doc.createdBy && typeof doc.createdBy === 'object' ? doc.createdBy.id : doc.createdBy
  if (operation !== 'create' || !creator) return doc
  await addMember(req, doc.id, creator, 'owner')
  return doc
}
