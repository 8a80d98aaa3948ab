import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { userIsAdmin } from '../../../access/isAdmin'

// What a sign-up may send. `role` is allowed and ignored (field access: only admins set it), as
// the API has always answered; `confirm-password` is what Payload's own create-first-user form
// sends along. Anything else (Payload's auth bookkeeping above all: sessions, hash, salt, reset
// tokens) is refused, not dropped, so a client learns its mistake.
const SIGN_UP_FIELDS = new Set(['name', 'email', 'password', 'role', 'confirm-password'])

// Payload's own auth fields: written by Payload alone, by nobody's request, admins' included.
// (Its loginAttempts and lockUntil exist only with maxLoginAttempts > 0, off here: src/limits
// replaces that lockout; were it turned back on, they would belong in this list.)
const AUTH_FIELDS = new Set([
  'sessions',
  'hash',
  'salt',
  'resetPasswordToken',
  'resetPasswordExpiration',
  '_verified',
  '_verificationToken',
  'apiKey',
  'apiKeyIndex',
  'enableAPIKey',
])

// Payload's forgot-password writes the reset token with an update on the client's own request:
// that update, and only it, may set the token. (Refused, a real account's request failed with a
// 400 where an unknown email got 200: the answer told which emails have accounts.)
const RESET_FIELDS = ['resetPasswordToken', 'resetPasswordExpiration']
const forgotPasswordRequests = new WeakSet<object>()
const isResetWrite = (req: object, data: object) =>
  forgotPasswordRequests.has(req) && Object.keys(data).every((key) => RESET_FIELDS.includes(key))

// Requests from users and anonymous REST calls only: the server's own Local API calls (seed,
// tests' fixtures) act with no user and are trusted.
export const allowWritableFields: CollectionBeforeOperationHook<'users'> = ({ args, operation, req }) => {
  if (operation === 'forgotPassword') forgotPasswordRequests.add(req)
  if (operation !== 'create' && operation !== 'update') return args
  if (!req.user && req.payloadAPI !== 'REST') return args
  const data = (args as { data?: unknown }).data
  if (!data || typeof data !== 'object' || Array.isArray(data)) return args
  if (operation === 'update' && isResetWrite(req, data)) return args
  const isSignUp = operation === 'create' && !userIsAdmin(req.user)
  const refused = Object.keys(data).filter((key) => (isSignUp ? !SIGN_UP_FIELDS.has(key) : AUTH_FIELDS.has(key)))
  if (refused.length > 0) {
    const accepted = isSignUp ? 'Sign-up accepts name, email and password only' : 'These fields are set by the server only'
    throw new APIError(`${accepted}: remove ${refused.join(', ')}.`, 400, undefined, true)
  }
  return args
}
