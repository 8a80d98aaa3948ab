import type { CollectionAfterOperationHook } from 'payload'

import { revokeAccess } from '../../../auth/revoke-access'

// Payload writes a password reset (which ends every session) without running update hooks.
export const revokeAccessOnPasswordReset: CollectionAfterOperationHook<'users'> = async ({ operation, result }) => {
  if (operation !== 'resetPassword') return result
  const userId = (result as { user?: { id?: number | string } } | undefined)?.user?.id
  if (userId !== undefined) await revokeAccess(userId)
  return result
}
