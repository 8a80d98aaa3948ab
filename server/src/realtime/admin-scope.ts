// The admin scope of the stream (`GET /api/messages/sse?scope=all`): every change on the server,
// for moderators (role admin) only. It shares the member stream's machinery; what differs is its
// hub key (ADMIN_AUDIENCE, delivered every change: ./hub.ts), its replay (the feed with no user
// filter: ./catch-up.ts) and this: who may open it, and who may keep it open.
import type { Payload } from 'payload'

import { userIsAdmin } from '../access/isAdmin'
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

export const mayOpenScope = (scope: StreamScope, user: { role?: string | null }): boolean =>
  scope === 'own' || userIsAdmin(user)

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
  const now = Date.now()
  const suspended = (doc: (typeof docs)[number]) =>
    Boolean(doc.suspended) && (!doc.suspendedUntil || Date.parse(doc.suspendedUntil) > now)
  return new Set(docs.filter((doc) => !suspended(doc)).map((doc) => String(doc.id)))
}
