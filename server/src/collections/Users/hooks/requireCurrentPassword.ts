// A stolen session must not be enough to take an account over: changing one's own password or
// email needs the current password (`currentPassword` in the same PATCH). An admin setting
// another user's password or email needs none, and is logged.
import { APIError, type CollectionBeforeChangeHook, type CollectionBeforeOperationHook, type PayloadRequest } from 'payload'

import { passwordMatches } from '../../../auth/password-hash'
import { forgiveLoginAttempt, normalizeEmail, takeLoginAttempt } from '../../../limits/login-limits'
import type { User } from '../../../payload-types'

// Requests whose currentPassword was checked.
const confirmed = new WeakSet<PayloadRequest>()

// Checks (and removes: it is no field) a currentPassword sent with an update. A wrong one counts
// as a failed login, so a stolen session guesses no faster than the login form.
export const checkCurrentPassword: CollectionBeforeOperationHook<'users'> = async ({ args, operation, req }) => {
  if (operation !== 'update' || !req.user) return args
  const data = (args as { data?: Record<string, unknown> }).data
  if (!data || !('currentPassword' in data)) return args
  const { currentPassword } = data
  delete data.currentPassword
  if (typeof currentPassword !== 'string' || !currentPassword) {
    throw new APIError('currentPassword must be your current password.', 400, undefined, true)
  }
  const isRest = req.payloadAPI === 'REST'
  if (isRest) await takeLoginAttempt(req, req.user.email)
  const stored = await req.payload.db.findOne<{ id: number; hash?: string; salt?: string }>({ collection: 'users', where: { id: { equals: req.user.id } }, req })
  if (!stored || !(await passwordMatches(stored, currentPassword))) {
    throw new APIError('The current password is incorrect.', 403, undefined, true)
  }
  if (isRest) await forgiveLoginAttempt(req)
  confirmed.add(req)
  return args
}

export const requireCurrentPassword: CollectionBeforeChangeHook<User> = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !req.user || !originalDoc) return data
  const changes = [
    typeof data.password === 'string' && data.password !== '' ? 'password' : null,
    typeof data.email === 'string' && normalizeEmail(data.email) !== normalizeEmail(originalDoc.email) ? 'email' : null,
  ].filter(Boolean)
  if (changes.length === 0) return data
  if (originalDoc.id === req.user.id) {
    if (!confirmed.has(req)) {
      throw new APIError(`Changing your ${changes.join(' or ')} needs your current password: send it as currentPassword.`, 400, undefined, true)
    }
  } else {
    // Only admins may update other users (access.update): a reset, on the record.
    req.payload.logger.info(`admin ${req.user.id} (${req.user.email}) set a new ${changes.join(' and ')} for user ${originalDoc.id}`)
  }
  return data
}
