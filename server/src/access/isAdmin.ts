import type { Access, FieldAccess } from 'payload'

import { requireUser } from './authenticated'

type MaybeUser = { role?: string | null } | null | undefined

export const userIsAdmin = (user: MaybeUser): boolean => user?.role === 'admin'

export const isAdmin: Access = ({ req }) => userIsAdmin(requireUser(req))

export const isAdminField: FieldAccess = ({ req }) => userIsAdmin(req.user)
