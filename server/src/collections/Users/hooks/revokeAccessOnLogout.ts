import type { CollectionAfterLogoutHook } from 'payload'

import { revokeAccess } from '../../../auth/revoke-access'
import type { User } from '../../../payload-types'

// Payload runs this before it removes the session(s), so they are revoked here rather than
// forgotten: a request looking the user up meanwhile must not put them back. A logout ends its
// own session's streams; `?allSessions=true` all of the user's.
export const revokeAccessOnLogout: CollectionAfterLogoutHook<User> = async ({ req }) => {
  const user = req.user as (typeof req.user & { _sid?: string }) | null
  if (!user) return
  if (req.searchParams?.get('allSessions') === 'true') await revokeAccess(user.id)
  else await revokeAccess(user.id, [user._sid])
}
