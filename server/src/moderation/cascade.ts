import type { PayloadRequest } from 'payload'

import { withContext } from './scoped-context'

// Deleting a room or a user deletes their messages first, in the same request. Those removals are
// part of one moderator action: each message's `message.deleted` says `by: 'moderator'` when an
// admin did it, and the audit trail gets one entry for the room or the user, not one per message.
const CASCADE = 'moderationCascade'

// The deletes done in `work` are the cascade; the mark ends with them.
export const asCascade = <T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> => withContext(req, CASCADE, true, work)

// Marks the rest of the request as a cascade (deleteUserData, mod-accounts' file: prefer asCascade,
// which ends the mark with the deletes).
export function markCascade(req: PayloadRequest): void {
  req.context[CASCADE] = true
}

export const inCascade = (req: PayloadRequest): boolean => req.context[CASCADE] === true
