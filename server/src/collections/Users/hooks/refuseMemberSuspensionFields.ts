import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { userIsAdmin } from '../../../access/isAdmin'

const SUSPENSION_FIELDS = ['suspended', 'suspendedReason', 'suspendedUntil']

// Field access alone would drop these silently from a member's update (their own included) and
// answer 200, as if the member had suspended someone or lifted their own suspension. Refuse it
// instead. (A sign-up sending them is refused by allowWritableFields; trusted server code with no
// user may set them.)
export const refuseMemberSuspensionFields: CollectionBeforeOperationHook<'users'> = ({ args, operation, req }) => {
  if ((operation !== 'create' && operation !== 'update') || !req.user || userIsAdmin(req.user)) return args
  const data = (args as { data?: unknown }).data
  if (!data || typeof data !== 'object' || Array.isArray(data)) return args
  const sent = SUSPENSION_FIELDS.filter((field) => field in data)
  if (sent.length > 0) throw new APIError(`Only admins can suspend a user or lift a suspension: remove ${sent.join(', ')}.`, 403)
  return args
}
