// Writing the audit trail (collection `moderation-log`): one entry per moderator action, from the
// hook or endpoint that performs the action, in the same request (and its transaction, if any).
// The collection refuses every write through the API; this is the only writer.
import type { PayloadRequest } from 'payload'

import { userIsAdmin } from '../access/isAdmin'
import type { ModerationAction } from '../protocol'

export interface ModerationEntry {
  action: ModerationAction
  targetType: 'message' | 'room' | 'user' | 'report'
  targetId: number
  // The target's name as it is now (a user's name, a room's name, "Alice in #general").
  targetLabel?: string | null
  // An edit or a removal: the content before (and after, for an edit); a role change: the roles.
  before?: string | null
  after?: string | null
  reason?: string | null
}

export async function recordModerationAction(req: PayloadRequest, entry: ModerationEntry): Promise<void> {
  const actor = req.user
  await req.payload.create({
    collection: 'moderation-log',
    data: { ...entry, actor: actor?.id ?? null, actorName: actor ? String(actor.name ?? actor.email ?? actor.id) : 'system' },
    overrideAccess: true,
    req,
  })
}

// An admin acting on what belongs to someone else: a moderator action (an admin editing their own
// message is just an author).
export function actsAsModerator(req: PayloadRequest, ownerId: number | string | null | undefined): boolean {
  return userIsAdmin(req.user) && ownerId !== undefined && String(req.user?.id) !== String(ownerId)
}
