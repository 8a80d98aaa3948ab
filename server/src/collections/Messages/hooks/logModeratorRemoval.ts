import type { CollectionAfterDeleteHook } from 'payload'

import { inCascade } from '../../../moderation/cascade'
import { describeMessage } from '../../../moderation/message-label'
import { actsAsModerator, recordModerationAction } from '../../../moderation/record-action'
import { refId } from '../../../moderation/refs'
import { resolving } from '../../../moderation/resolving'
import type { Message } from '../../../payload-types'

// An admin removing someone else's message: an audit entry with the content as it was. A removal
// that is part of deleting a room or a user has the room's or user's entry instead. Removed by
// resolving a report: with the moderator's reason.
export const logModeratorRemoval: CollectionAfterDeleteHook<Message> = async ({ doc, id, req }) => {
  if (inCascade(req) || !actsAsModerator(req, refId(doc.sender))) return doc
  await recordModerationAction(req, {
    action: 'message.removed',
    targetType: 'message',
    targetId: Number(id),
    targetLabel: await describeMessage(req, doc),
    before: doc.content,
    reason: resolving(req)?.reason ?? null,
  })
  return doc
}
