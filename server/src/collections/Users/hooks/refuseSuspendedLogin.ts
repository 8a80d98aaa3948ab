import type { CollectionBeforeLoginHook } from 'payload'

import { isSuspended, suspendedError } from '../../../auth/suspension'
import { forgiveLoginAttempt } from '../../../limits/login-limits'
import type { User } from '../../../payload-types'

// Runs once the password is known to be right (a wrong one stays the ordinary 401, telling a
// guesser nothing about the account), inside the login's transaction, after its session was
// written: reading the flag again here, a suspension committed since Payload first read the user
// is seen, and one committed after this login removes its session. Refusing rolls the session
// back. The right password is not a failed attempt: it is forgiven like a successful login.
export const refuseSuspendedLogin: CollectionBeforeLoginHook<User> = async ({ req, user }) => {
  const stored = await req.payload.db.findOne<User>({ collection: 'users', where: { id: { equals: user.id } }, req })
  if (!isSuspended(stored, new Date())) return user
  await forgiveLoginAttempt(req)
  throw suspendedError(stored)
}
