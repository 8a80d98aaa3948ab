import type { CollectionAfterReadHook } from 'payload'

import { isSuspended } from '../../../auth/suspension'
import type { User } from '../../../payload-types'

// Payload's JWT strategy (and ours, behind the auth cache) accepts a token whose session is on
// the user it reads. A suspension removes the sessions, but one written around it by another
// process, or a suspension written straight into the database, could leave one: a suspended
// user's sessions are never shown, so no token of theirs authenticates.
export const hideSessionsWhileSuspended: CollectionAfterReadHook<User> = ({ doc }) => {
  if (doc.sessions?.length && isSuspended(doc, new Date())) return { ...doc, sessions: [] }
  return doc
}
