import type { CollectionBeforeOperationHook } from 'payload'

import { spendDummyHash } from '../../../auth/password-hash'
import { normalizeEmail } from '../../../limits/login-limits'

// Payload hashes the password only when the email belongs to an account, so a failed login for
// an unknown email answered in ~3 ms against ~100 ms for a real one: anyone could tell which
// emails have accounts. An unknown email now costs the same hash before Payload refuses it.
export const hashForUnknownLogin: CollectionBeforeOperationHook<'users'> = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
  const { email, password } = (args as { data?: { email?: unknown; password?: unknown } }).data ?? {}
  // Without a password Payload answers 400 before looking anyone up.
  if (typeof password !== 'string' || !password.trim()) return args
  const account = normalizeEmail(email)
  const { totalDocs } = account
    ? await req.payload.db.count({ collection: 'users', where: { email: { equals: account } }, req })
    : { totalDocs: 0 }
  if (totalDocs === 0) await spendDummyHash(password)
  return args
}
