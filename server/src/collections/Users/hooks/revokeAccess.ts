import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionAfterLogoutHook } from 'payload'

import { authCache } from '../../../auth/cachedJwtAuthentication'

// A user's role, name or password changed: the next request loads them afresh.
export const forgetCachedAuthAfterChange: CollectionAfterChangeHook = ({ doc, operation }) => {
  if (operation === 'update') authCache().forgetUser(doc.id)
  return doc
}

export const forgetCachedAuthAfterDelete: CollectionAfterDeleteHook = ({ id }) => {
  authCache().forgetUser(id)
}

// Payload runs this before it removes the session, so the session is revoked here rather than
// forgotten: a request looking the user up meanwhile must not put it back.
export const revokeCachedSessionOnLogout: CollectionAfterLogoutHook = ({ req }) => {
  const user = req.user as (typeof req.user & { _sid?: string }) | null
  if (!user) return
  const everywhere = req.searchParams?.get('allSessions') === 'true'
  const sessions = everywhere ? (user.sessions ?? []).map((session) => session.id) : [user._sid]
  authCache().revokeSessions(user.id, sessions)
}
