// Taking access away at once in this process: the remembered login (src/auth) and the open
// streams (src/realtime) of a user who logs out, is deleted or resets their password.
import {
  APIError,
  type CollectionAfterChangeHook,
  type CollectionAfterDeleteHook,
  type CollectionAfterLogoutHook,
  type CollectionAfterOperationHook,
  type CollectionBeforeOperationHook,
} from 'payload'

import { authCache } from '../../../auth/cachedJwtAuthentication'
import { endUserStreams } from '../../../realtime/runtime'

// A user's role, name or password changed: the next request loads them afresh.
export const forgetCachedLoginOnChange: CollectionAfterChangeHook = ({ doc, operation }) => {
  if (operation === 'update') authCache().forgetUser(doc.id)
  return doc
}

export const revokeAccessOnDelete: CollectionAfterDeleteHook = ({ id }) => {
  authCache().revokeAllSessions(id)
  endUserStreams(id)
}

// Payload runs this before it removes the session(s), so they are revoked here rather than
// forgotten: a request looking the user up meanwhile must not put them back.
export const revokeAccessOnLogout: CollectionAfterLogoutHook = ({ req }) => {
  const user = req.user as (typeof req.user & { _sid?: string }) | null
  if (!user) return
  if (req.searchParams?.get('allSessions') === 'true') {
    authCache().revokeAllSessions(user.id)
    endUserStreams(user.id)
  } else {
    authCache().revokeSessions(user.id, [user._sid])
    endUserStreams(user.id, [user._sid])
  }
}

// Payload writes a password reset (which ends every session) without running update hooks.
export const revokeAccessOnPasswordReset: CollectionAfterOperationHook = ({ operation, result }) => {
  if (operation !== 'resetPassword') return result
  const userId = (result as { user?: { id?: number | string } } | undefined)?.user?.id
  if (userId !== undefined) {
    authCache().revokeAllSessions(userId)
    endUserStreams(userId)
  }
  return result
}

// A remembered login may outlive its session by up to AUTH_CACHE_MS when another process ended
// it; Payload's refresh then finds no session to extend (and would fail with a 500). Check the
// session in the database first, as Payload's strategy would have.
export const confirmSessionOnRefresh: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'refresh' || !req.user) return args
  const user = req.user as typeof req.user & { _sid?: string }
  const stored = await req.payload.db.findOne<{ id: number; sessions?: Array<{ id: string }> | null }>({
    collection: 'users',
    where: { id: { equals: user.id } },
    req,
  })
  if (!stored?.sessions?.some((session) => session.id === user._sid)) {
    authCache().forgetUser(user.id)
    throw new APIError('Your session has ended; log in again.', 401)
  }
  return args
}
