import type { CollectionBeforeLoginHook } from 'payload'

import { isSuspended, suspendedError } from '../../../auth/suspension'
import { forgiveLoginAttempt } from '../../../limits/login-limits'
import type { User } from '../../../payload-types'

// Runs once the password is known to be right (a wrong one stays the ordinary 401, telling a
// guesser nothing about the account) and after Payload wrote the login's session. Transactions
// are off, so the flag is read again here: a suspension written since Payload first read the user
// is seen. On the refusal Payload removes the new session by writing back the list it read first,
// which may bring back sessions the suspension removed: they stay dead while the user is
// suspended (hideSessionsWhileSuspended) and a lift clears them (endSessionsOnSuspension).
// The right password is not a failed attempt: it is forgiven like a successful login.
export const refuseSuspendedLogin: CollectionBeforeLoginHook<User> = async ({ req, user }) => {
  const stored = await req.payload.db.findOne<User>({ collection: 'users', where: { id: { equals: user.id } }, req })
  if (!isSuspended(stored, new Date())) return user
  await forgiveLoginAttempt(req)
  throw suspendedError(stored)
}
