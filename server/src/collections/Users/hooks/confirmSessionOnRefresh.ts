import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { authCache } from '../../../auth/cachedJwtAuthentication'
import { isSuspended } from '../../../auth/suspension'
import type { User } from '../../../payload-types'

// A remembered login may outlive its session by up to AUTH_CACHE_MS when another process ended
// it; Payload's refresh then finds no session to extend (and would fail with a 500). Check the
// session in the database first, as Payload's strategy would have.
// A refresh with no live token at all (expired, logged out, its user suspended) is a 401 like any
// other request that needs a login, not Payload's 403.
export const confirmSessionOnRefresh: CollectionBeforeOperationHook<'users'> = async ({ args, operation, req }) => {
  if (operation !== 'refresh') return args
  if (!req.user) throw new APIError('Your session has ended; log in again.', 401)
  const user = req.user as typeof req.user & { _sid?: string }
  const stored = await req.payload.db.findOne<Pick<User, 'id' | 'sessions' | 'suspended' | 'suspendedUntil'>>({
    collection: 'users',
    where: { id: { equals: user.id } },
    req,
  })
  // Read raw (no hideSessionsWhileSuspended): a suspension whose sessions survived counts here too.
  if (!stored?.sessions?.some((session) => session.id === user._sid) || isSuspended(stored, new Date())) {
    authCache().forgetUser(user.id)
    throw new APIError('Your session has ended; log in again.', 401)
  }
  return args
}
