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
// code with no user is no sender either: 'moderator', written (not left to the trigger's default)
// so that a stale marker from a delete that failed after this hook is never reused.
export const recordRemover: CollectionBeforeDeleteHook = async ({ id, req }) => {
  let by: RemovedBy = req.user ? 'sender' : 'moderator'
  if (req.user && userIsAdmin(req.user)) {
    if (inCascade(req)) by = 'moderator'
    else {
      const message = await req.payload.db.findOne<{ id: number; sender?: number | null }>({ collection: 'messages', where: { id: { equals: id } }, req })
      if (actsAsModerator(req, message?.sender)) by = 'moderator'
    }
  }
  await markRemoval(req.payload, id, by)
}
