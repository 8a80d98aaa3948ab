import type { SanitizedConfig } from 'payload'

import { isAdmin } from './isAdmin'

// Payload adds `payload-locked-documents` (who is editing what in the admin panel) open to any
// logged-in user, and its config has no access option. Over REST that let a member lock someone
// else's message, so that its sender's edits and deletes answered 423 Locked, list every lock, and
// delete the admins' locks. Only admins enter the panel, so only admins touch its locks; the panel
// reads and writes them on the server as the logged-in admin, so it keeps working.
export function adminOnlyLocks(config: SanitizedConfig): SanitizedConfig {
  const locks = config.collections.find((collection) => collection.slug === 'payload-locked-documents')
  if (locks) locks.access = { ...locks.access, read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin }
  return config
}
