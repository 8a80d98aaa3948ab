import type { CollectionBeforeDeleteHook } from 'payload'

import { userIsAdmin } from '../../../access/isAdmin'
import { markRemoval } from '../../../db'
import { inCascade } from '../../../moderation/cascade'
import { actsAsModerator } from '../../../moderation/record-action'
import type { RemovedBy } from '../../../protocol'

// Who removes this message, for its `message.deleted` event: the delete trigger cannot see the
// request, so the marker is left for it just before the delete (db/sqlite/feed-schema.ts). Only
// the sender (or a participant deleting their own account's DMs) deletes as a member; an admin
// removing someone else's message, or anything in a cascade they started, is a moderator. Server
// code with no user leaves no marker: the trigger records that as a moderator's removal.
export const recordRemover: CollectionBeforeDeleteHook = async ({ id, req }) => {
  if (!req.user) return
  let by: RemovedBy = 'sender'
  if (userIsAdmin(req.user)) {
    if (inCascade(req)) by = 'moderator'
    else {
      const message = await req.payload.db.findOne<{ id: number; sender?: number | null }>({ collection: 'messages', where: { id: { equals: id } }, req })
      if (actsAsModerator(req, message?.sender)) by = 'moderator'
    }
  }
  await markRemoval(req.payload, id, by)
}
