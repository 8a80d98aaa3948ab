import type { CollectionAfterLoginHook, CollectionBeforeOperationHook } from 'payload'

import { clientAddress } from '../../../limits/client-address'
import { consumeOrReject, limiters } from '../../../limits/rate-limits'

// Per client address, over REST only. Every login attempt takes a point before the password is
// checked (so parallel guesses cannot slip through) and a successful one gives it back: only
// failures count. Payload's per-account lockout (5 failures, 15 minutes) applies as well.
// Anonymous sign-ups take a point each; admins creating users are not limited.
export const limitAuthAttempts: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (req.payloadAPI !== 'REST') return args
  if (operation === 'login') {
    const key = clientAddress(req.headers)
    await consumeOrReject(req, limiters().loginFailures, key, 'Too many failed logins from this address.')
  } else if (operation === 'create' && !req.user) {
    const key = clientAddress(req.headers)
    await consumeOrReject(req, limiters().signups, key, 'Too many sign-ups from this address.')
  }
  return args
}

export const refundSuccessfulLogin: CollectionAfterLoginHook = async ({ req, user }) => {
  if (req.payloadAPI === 'REST') await limiters().loginFailures.reward(clientAddress(req.headers), 1)
  return user
}
