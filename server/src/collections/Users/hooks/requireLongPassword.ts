import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

import { MIN_PASSWORD_LENGTH } from '../../../protocol'

// Payload's own floor is 3 characters. Checked before any operation that sets a password: sign-up,
// the first user, an update and a password reset.
export const requireLongPassword: CollectionBeforeOperationHook<'users'> = ({ args, operation, req }) => {
  if (!['create', 'update', 'resetPassword'].includes(operation)) return args
  const password: unknown = (args as { data?: { password?: unknown } }).data?.password
  if (typeof password === 'string' && password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError({
      collection: 'users',
      errors: [{ path: 'password', message: `The password must be at least ${MIN_PASSWORD_LENGTH} characters.` }],
      req,
    })
  }
  return args
}
