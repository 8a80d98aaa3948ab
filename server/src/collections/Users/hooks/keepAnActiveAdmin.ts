import { APIError, type CollectionBeforeChangeHook, type CollectionBeforeDeleteHook, type PayloadRequest } from 'payload'

import { isSuspended } from '../../../auth/suspension'
import type { User } from '../../../payload-types'

const LAST_ADMIN = 'This would leave no admin who is not suspended: make another admin first.'

type AdminState = Partial<Pick<User, 'role' | 'suspended' | 'suspendedUntil'>> | null | undefined
const isActiveAdmin = (user: AdminState, now: Date) => user?.role === 'admin' && !isSuspended(user, now)

// Admins other than `id` who are not suspended now (null `suspended` counts as not suspended).
async function otherActiveAdmins(req: PayloadRequest, id: number | string, now: Date): Promise<number> {
  const { totalDocs } = await req.payload.count({
    collection: 'users',
    overrideAccess: true,
    req,
    where: {
      and: [
        { role: { equals: 'admin' } },
        { id: { not_equals: id } },
        {
          or: [
            { suspended: { equals: false } },
            { suspended: { exists: false } },
            { suspendedUntil: { less_than_equal: now.toISOString() } },
          ],
        },
      ],
    },
  })
  return totalDocs
}

// Somebody must be able to moderate (and lift suspensions): no change, by anyone, the admin
// panel and scripts included, may leave the server without an admin who is not suspended.
export const keepAnActiveAdminOnChange: CollectionBeforeChangeHook<User> = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc) return data
  const now = new Date()
  if (!isActiveAdmin(originalDoc, now) || isActiveAdmin({ ...originalDoc, ...data }, now)) return data
  if ((await otherActiveAdmins(req, originalDoc.id, now)) === 0) throw new APIError(LAST_ADMIN, 403)
  return data
}

export const keepAnActiveAdminOnDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const now = new Date()
  const user = await req.payload.db.findOne<User>({ collection: 'users', where: { id: { equals: id } }, req })
  if (isActiveAdmin(user, now) && (await otherActiveAdmins(req, id, now)) === 0) throw new APIError(LAST_ADMIN, 403)
}
