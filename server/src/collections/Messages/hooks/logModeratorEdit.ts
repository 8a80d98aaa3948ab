import type { CollectionAfterChangeHook } from 'payload'

import { describeMessage } from '../../../moderation/message-label'
import { recordModerationAction } from '../../../moderation/record-action'
import type { Message } from '../../../payload-types'

// An admin changing the content of someone else's message (stampEditedAt marked it): an audit
// entry with the content before and after, once the change is stored.
export const logModeratorEdit: CollectionAfterChangeHook<Message> = async ({ doc, operation, previousDoc, req }) => {
  if (operation !== 'update' || !doc.editedByModerator || doc.content === previousDoc?.content) return doc
  await recordModerationAction(req, {
    action: 'message.edited',
    targetType: 'message',
    targetId: doc.id,
    targetLabel: await describeMessage(req, doc),
    before: previousDoc?.content ?? null,
    after: doc.content,
  })
  return doc
}
