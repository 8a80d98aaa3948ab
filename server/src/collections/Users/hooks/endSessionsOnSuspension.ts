import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import { revokeAccess } from '../../../auth/revoke-access'
import { isSuspended } from '../../../auth/suspension'
import type { User } from '../../../payload-types'

// Removes every session of the user (a write of its own, after the suspension's: transactions
// are off). Payload's session writes carry only `sessions` (src/db/keep-session-writes-narrow.ts),
// so a login overlapping this cannot undo the flag, and its login is refused (refuseSuspendedLogin).
export async function clearSessions(req: PayloadRequest, id: number): Promise<void> {
  await req.payload.db.updateOne({
    collection: 'users',
    id,
    // updatedAt: null keeps Payload's own value, as its logout does when it removes sessions.
    data: { sessions: [], updatedAt: null },
    req,
    returning: false,
  })
}

// A suspended user has no session (whoever suspended them: an admin, the panel, a script): any
// old token is refused by every process once its auth cache forgets it (AUTH_CACHE_MS) and its
// streams end at the next session check; in this process the remembered logins and open streams
// end at once. A lift clears them too: a login that overlapped the suspension may have written
// its stale list back, and a lift must not bring those sessions back to life.
export const endSessionsOnSuspension: CollectionAfterChangeHook<User> = async ({ doc, previousDoc, req }) => {
  const now = new Date()
  const suspended = isSuspended(doc, now)
  const lifted = !suspended && isSuspended(previousDoc, now)
  if (!suspended && !lifted) return doc
  await clearSessions(req, doc.id)
  if (suspended) await revokeAccess(doc.id)
  return doc
}
