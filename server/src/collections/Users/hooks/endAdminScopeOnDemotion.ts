import type { CollectionAfterChangeHook } from 'payload'

import { endAdminScopeStreams } from '../../../realtime/runtime'
import type { User } from '../../../payload-types'

// A moderator who stops being an admin stops watching every conversation at once on this process
// (their own stream stays; a reconnect to `?scope=all` is refused 403, checked against the
// database). Other processes end it at their next session check (SSE_SESSION_CHECK_MS). A
// suspension ends all of the user's streams (endSessionsOnSuspension).
export const endAdminScopeOnDemotion: CollectionAfterChangeHook<User> = ({ doc, previousDoc, operation }) => {
  if (operation === 'update' && previousDoc?.role === 'admin' && doc.role !== 'admin') endAdminScopeStreams(doc.id)
  return doc
}
