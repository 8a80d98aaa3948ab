import type { CollectionAfterReadHook } from 'payload'

import { userIsAdmin } from '../../../access/isAdmin'
import type { User } from '../../../payload-types'

// A member sees only the id and name of other users, wherever a user is read: lists, lookups,
// and users populated into messages. Reads with no user (server internals) are left whole.
export const hideOthersPrivateFields: CollectionAfterReadHook<User> = ({ doc, req: { user } }) => {
  if (!user || userIsAdmin(user) || user.id === doc.id) return doc
  return { id: doc.id, name: doc.name, collection: doc.collection }
}
