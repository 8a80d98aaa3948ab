import { type Access, type PayloadRequest, UnauthorizedError } from 'payload'

type User = NonNullable<PayloadRequest['user']>

// Rules that need a login. Over REST a missing, expired or forged token answers 401 (not
// Payload's default 403) so the client knows to log in again. Elsewhere (the admin panel
// rendering its login page, the Local API) the rule simply denies, and so it does for the
// permission queries (/api/access, /api/<collection>/access/<id>): for someone not logged in,
// "may not" is their answer, and Payload turns a throw there into a 500.
const PERMISSION_QUERY = /^\/api\/(?:[\w-]+\/)?access(?:\/|$)/

export function requireUser(req: PayloadRequest): User | null {
  if (req.user) return req.user
  if (req.payloadAPI === 'REST' && !PERMISSION_QUERY.test(req.pathname ?? '')) throw new UnauthorizedError(req.t)
  return null
}

// For this project's own REST endpoints, which only a logged-in member may call: the user, or 401.
// Only an account of `users` is a member (their id is what conversations are keyed by).
export function loggedInUser(req: PayloadRequest): User {
  const user = requireUser(req)
  if (!user || user.collection !== 'users') throw new UnauthorizedError(req.t)
  return user
}

export const authenticated: Access = ({ req }) => Boolean(requireUser(req))
