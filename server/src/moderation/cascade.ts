import type { PayloadRequest } from 'payload'

// Deleting a room or a user deletes their messages first, in the same request. Those removals are
// part of one moderator action: each message's `message.deleted` says `by: 'moderator'` when an
// admin did it, and the audit trail gets one entry for the room or the user, not one per message.
const CASCADE = 'moderationCascade'

export function markCascade(req: PayloadRequest): void {
  req.context[CASCADE] = true
}

export const inCascade = (req: PayloadRequest): boolean => req.context[CASCADE] === true
