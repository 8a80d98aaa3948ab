import type { CollectionAfterChangeHook } from 'payload'

import { revokeAccess } from '../../../auth/revoke-access'
import { isSuspended } from '../../../auth/suspension'
import type { User } from '../../../payload-types'

// A suspended user has no session: removed in the same transaction as the suspension (whoever
// wrote it: an admin, the panel, a script), so any old token is refused by every process once
// its auth cache forgets it (AUTH_CACHE_MS) and its streams end at the next session check. In
// this process the remembered logins and open streams end at once. A login racing the
// suspension is refused by refuseSuspendedLogin, which re-reads the flag in its own transaction.
export const endSessionsOnSuspension: CollectionAfterChangeHook<User> = async ({ doc, req }) => {
  if (!isSuspended(doc, new Date())) return doc
  await req.payload.db.updateOne({
    collection: 'users',
    id: doc.id,
    // updatedAt: null keeps Payload's own value, as its logout does when it removes sessions.
    data: { sessions: [], updatedAt: null },
    req,
    returning: false,
  })
  revokeAccess(doc.id)
  return doc
}
