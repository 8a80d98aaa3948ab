// The admin scope of the stream (`GET /api/messages/sse?scope=all`): every change on the server,
// for moderators (role admin) only. It shares the member stream's machinery; what differs is its
// hub key (ADMIN_AUDIENCE, delivered every change: ./hub.ts), its replay (the feed with no user
// filter: ./catch-up.ts) and this: who may open it, and who may keep it open.
import type { Payload } from 'payload'

import { userIsAdmin } from '../access/isAdmin'
import { isSuspended } from '../auth/suspension'
import { ADMIN_AUDIENCE, userAudience } from '../db/change-feed'
import { ADMIN_SCOPE } from '../protocol'

// A member's own stream (no `scope`) or the admin scope.
export type StreamScope = 'own' | typeof ADMIN_SCOPE

// `?scope=` as given; null: a value no stream has (a 400, never silently the member's stream).
export function parseScope(raw: string | null): StreamScope | null {
  if (raw === null) return 'own'
  return raw === ADMIN_SCOPE ? ADMIN_SCOPE : null
}

export const scopeAudience = (scope: StreamScope, userId: number | string): string =>
  scope === ADMIN_SCOPE ? ADMIN_AUDIENCE : userAudience(userId)

type ScopeUser = { id: number | string; role?: string | null; suspended?: boolean | null; suspendedUntil?: string | null }

// For the admin scope, the role and suspension must be the user's as the database has them now,
// not as the auth cache remembers the login (AUTH_CACHE_MS, per process): see withCurrentRole.
export const mayOpenScope = (scope: StreamScope, user: Omit<ScopeUser, 'id'>): boolean =>
  scope === 'own' || (userIsAdmin(user) && !isSuspended(user, new Date()))

// The user who asks for the admin scope, with their role and suspension re-read from the database
// (one indexed read, only for `?scope=all`): a moderator demoted or suspended on another process a
// moment ago is refused at once, though that process's cached login still says admin. Null: the
// user no longer exists. Any other scope keeps the authenticated user as is.
export async function withCurrentRole<U extends ScopeUser>(payload: Payload, user: U | null, rawScope: string | null): Promise<U | null> {
  if (!user || parseScope(rawScope) !== ADMIN_SCOPE) return user
  const { docs } = await payload.find({
    collection: 'users',
    where: { id: { equals: user.id } },
    select: { role: true, suspended: true, suspendedUntil: true },
    depth: 0,
    limit: 1,
    overrideAccess: true,
  })
  const [current] = docs
  return current ? { ...user, role: current.role, suspended: current.suspended, suspendedUntil: current.suspendedUntil } : null
}

// Of these users, those who may still hold an admin-scope stream: admins now, and not suspended
// (a suspension with a past `suspendedUntil` has lifted). The session check asks this for the
// admin-scope streams only, so a demoted or suspended moderator's stream ends within an interval
// on every process.
export async function stillModerators(payload: Payload, userIds: ReadonlyArray<string>): Promise<Set<string>> {
  if (userIds.length === 0) return new Set()
  const { docs } = await payload.find({
    collection: 'users',
    where: { and: [{ id: { in: [...userIds] } }, { role: { equals: 'admin' } }] },
    select: { suspended: true, suspendedUntil: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  const now = new Date()
  return new Set(docs.filter((doc) => !isSuspended(doc, now)).map((doc) => String(doc.id)))
}
