import {
  APIError,
  type CollectionBeforeChangeHook,
  type CollectionBeforeDeleteHook,
  type CollectionBeforeOperationHook,
  type PayloadRequest,
  type Where,
} from 'payload'

import { isSuspended } from '../../../auth/suspension'
import type { User } from '../../../payload-types'

const LAST_ADMIN = 'This would leave no admin who is not suspended: make another admin first.'

type AdminState = Partial<Pick<User, 'role' | 'suspended' | 'suspendedUntil'>> | null | undefined
const isActiveAdmin = (user: AdminState, now: Date) => user?.role === 'admin' && !isSuspended(user, now)

// Not suspended now (null `suspended` counts as not suspended).
const activeClause = (now: Date): Where[] => [
  { suspended: { equals: false } },
  { suspended: { exists: false } },
  { suspendedUntil: { less_than_equal: now.toISOString() } },
]

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
        { or: activeClause(now) },
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

// A where-based update or delete runs its documents in parallel: each one's check above still
// counts the others as active admins. Refuse it up front when it would reach every active admin.
// Separate requests (two admins suspending each other at the same moment) are not serialised:
// the check and the write are separate statements, so across requests it is best-effort.
export const keepAnActiveAdminInBulk: CollectionBeforeOperationHook<'users'> = async ({ args, operation, req }) => {
  if ((operation !== 'update' && operation !== 'delete') || ('id' in args && args.id !== undefined) || !('where' in args) || !args.where) return args
  const now = new Date()
  const data = (operation === 'update' ? args.data : undefined) as AdminState
  if (data && isActiveAdmin({ role: 'admin', suspended: false, ...data }, now)) return args
  const active: Where = { and: [{ role: { equals: 'admin' } }, { or: activeClause(now) }] }
  const all = await req.payload.count({ collection: 'users', overrideAccess: true, req, where: active })
  const reached = await req.payload.count({ collection: 'users', overrideAccess: true, req, where: { and: [active, args.where as Where] } })
  if (all.totalDocs > 0 && reached.totalDocs === all.totalDocs) throw new APIError(LAST_ADMIN, 403)
  return args
}
