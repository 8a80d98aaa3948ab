import type { CollectionAfterLoginHook, CollectionAfterOperationHook, CollectionBeforeOperationHook } from 'payload'

import { userIsAdmin } from '../../../access/isAdmin'
import { clientAddress } from '../../../limits/client-address'
import { forgetAccountFailures, forgiveLoginAttempt, takeLoginAttempt } from '../../../limits/login-limits'
import { consumeOrReject, limiters } from '../../../limits/rate-limits'
import type { User } from '../../../payload-types'

// Over REST only (the Local API is the server itself). Logins: failures per address and per
// (account, address), see src/limits/login-limits.ts. Sign-ups: per address, except by admins.
// Forgot-password requests: per address, charged before the email is looked up, so existing and
// unknown emails count alike.
export const limitAuthAttempts: CollectionBeforeOperationHook<'users'> = async ({ args, operation, req }) => {
  if (req.payloadAPI !== 'REST') return args
  if (operation === 'login') {
    await takeLoginAttempt(req, (args as { data?: { email?: unknown } }).data?.email)
  } else if (operation === 'create' && !userIsAdmin(req.user)) {
    const key = clientAddress(req.headers)
    await consumeOrReject(req, limiters().signups, key, 'Too many sign-ups from this address.')
  } else if (operation === 'forgotPassword') {
    await consumeOrReject(req, limiters().passwordResets, clientAddress(req.headers), 'Too many password reset requests from this address.')
  }
  return args
}

export const refundSuccessfulLogin: CollectionAfterLoginHook<User> = async ({ req, user }) => {
  await forgiveLoginAttempt(req)
  return user
}

// Payload's unlock resets its own lockout, which is off here; ours is these counters.
export const forgetFailuresOnUnlock: CollectionAfterOperationHook<'users'> = async ({ args, operation, result }) => {
  if (operation === 'unlock' && result) await forgetAccountFailures((args as { data?: { email?: unknown } }).data?.email)
  return result
}
