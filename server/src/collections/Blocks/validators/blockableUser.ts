import type { Validate } from 'payload'

import { isId, userExists } from '../../../db/ids'

// Whom a block names: required (the schema leaves the column nullable, see the field), another
// user who exists. An unknown id is a 400 with a clear message, not a foreign-key failure.
export const blockableUser: Validate = async (value, { req, operation, data }) => {
  if (operation !== 'create') return true
  if (value === undefined || value === null || value === '') return 'Say whom to block: "blocked" is required.'
  if (typeof value === 'object' || !isId(value)) return '"blocked" must be a user id.'
  const blocker = (data as { blocker?: unknown } | undefined)?.blocker
  if (String(value) === String(blocker)) return 'You cannot block yourself.'
  return (await userExists(req, value as number)) || `No user with id ${String(value)} exists.`
}
