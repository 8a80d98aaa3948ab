import type { CollectionAfterDeleteHook } from 'payload'

import { revokeAccess } from '../../../auth/revoke-access'
import type { User } from '../../../payload-types'

// A deleted user's remembered logins and open streams end at once.
export const revokeAccessOnDelete: CollectionAfterDeleteHook<User> = async ({ id }) => {
  await revokeAccess(id)
}
