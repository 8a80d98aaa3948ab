import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { isSuspended } from '../../../auth/suspension'
import type { User } from '../../../payload-types'

// An admin who suspended themself would be locked out by their own click (the panel sends the
// whole form, so this also catches the box ticked on one's own page).
export const refuseSelfSuspension: CollectionBeforeChangeHook<User> = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !req.user || !originalDoc || String(req.user.id) !== String(originalDoc.id)) return data
  if (isSuspended({ ...originalDoc, ...data }, new Date())) throw new APIError('You cannot suspend yourself.', 403)
  return data
}
