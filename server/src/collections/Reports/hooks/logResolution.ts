import type { CollectionAfterChangeHook } from 'payload'

import { describeMessage } from '../../../moderation/message-label'
import { recordModerationAction } from '../../../moderation/record-action'
import type { Report } from '../../../payload-types'

// A report resolved (by the resolve endpoint or in the panel): an audit entry with how.
export const logResolution: CollectionAfterChangeHook<Report> = async ({ doc, operation, previousDoc, req }) => {
  if (operation !== 'update' || previousDoc?.status !== 'open' || doc.status !== 'resolved') return doc
  const message = await describeMessage(req, { sender: doc.author, room: doc.room, receiver: doc.receiver })
  await recordModerationAction(req, {
    action: 'report.resolved',
    targetType: 'report',
    targetId: doc.id,
    targetLabel: `${doc.reason}: ${message}`,
    before: doc.content ?? null,
    after: doc.resolution ?? null,
  })
  return doc
}
