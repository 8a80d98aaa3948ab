import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import { describeMessage } from '../../../moderation/message-label'
import { recordModerationAction } from '../../../moderation/record-action'
import { resolving } from '../../../moderation/resolving'
import type { Report } from '../../../payload-types'

// The audit entry of a resolved report: how, and the moderator's reason when the resolve endpoint
// was given one (the panel has none).
export async function recordResolution(req: PayloadRequest, doc: Report): Promise<void> {
  const message = await describeMessage(req, { sender: doc.author, room: doc.room, receiver: doc.receiver })
  await recordModerationAction(req, {
    action: 'report.resolved',
    targetType: 'report',
    targetId: doc.id,
    targetLabel: `${doc.reason}: ${message}`,
    before: doc.content ?? null,
    after: doc.resolution ?? null,
    reason: resolving(req)?.reason ?? null,
  })
}

// A report resolved through the Local API (the panel, or the other open reports of a message the
// resolve endpoint removed). The report the endpoint claims is logged by the endpoint itself.
export const logResolution: CollectionAfterChangeHook<Report> = async ({ doc, operation, previousDoc, req }) => {
  if (operation !== 'update' || previousDoc?.status !== 'open' || doc.status !== 'resolved') return doc
  await recordResolution(req, doc)
  return doc
}
