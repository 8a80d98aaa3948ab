import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { isSuspended, untilOf } from '../../../auth/suspension'
import { actsAsModerator, recordModerationAction } from '../../../moderation/record-action'
import type { User } from '../../../payload-types'

// The audit trail of what an admin does to another user: suspending (or changing a suspension's
// reason or end), lifting, changing the role, deleting. A user's own changes, scripts with no
// user, and a suspension lifting itself by time write nothing.
export const recordUserModeration: CollectionAfterChangeHook<User> = async ({ doc, operation, previousDoc, req }) => {
  if (operation !== 'update' || !actsAsModerator(req, doc.id)) return doc
  const now = new Date()
  const target = { targetType: 'user', targetId: doc.id, targetLabel: doc.name } as const
  const was = isSuspended(previousDoc, now)
  const is = isSuspended(doc, now)
  const termsChanged = doc.suspendedReason !== previousDoc.suspendedReason || doc.suspendedUntil !== previousDoc.suspendedUntil
  if (is && (!was || termsChanged)) {
    await recordModerationAction(req, {
      action: 'user.suspended',
      ...target,
      reason: doc.suspendedReason ?? null,
      // The end as a bare ISO date; null: until an admin lifts it.
      after: untilOf(doc),
    })
  } else if (was && !is) {
    await recordModerationAction(req, { action: 'user.unsuspended', ...target })
  }
  if (doc.role !== previousDoc.role) {
    await recordModerationAction(req, { action: 'user.role-changed', ...target, before: previousDoc.role, after: doc.role })
  }
  return doc
}

export const recordUserDeletion: CollectionAfterDeleteHook<User> = async ({ doc, id, req }) => {
  if (!actsAsModerator(req, id)) return
  await recordModerationAction(req, { action: 'user.deleted', targetType: 'user', targetId: Number(id), targetLabel: doc?.name ?? null })
}
