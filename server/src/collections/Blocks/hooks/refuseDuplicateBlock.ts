import { APIError, ValidationError, type CollectionAfterErrorHook, type CollectionBeforeChangeHook } from 'payload'

import { isId } from '../../../db/ids'
import type { Block } from '../../../payload-types'

const ALREADY_BLOCKED = 'You have already blocked this person.'

// A second block of the same person is a 409 (the first stands), checked before the insert
// (field validation, which refuses a malformed `blocked`, runs after this hook)...
export const refuseDuplicateBlock: CollectionBeforeChangeHook<Block> = async ({ data, operation, req }) => {
  if (operation !== 'create' || !isId(data.blocker) || !isId(data.blocked)) return data
  const { totalDocs } = await req.payload.db.count({
    collection: 'blocks',
    where: { and: [{ blocker: { equals: data.blocker } }, { blocked: { equals: data.blocked } }] },
    req,
  })
  if (totalDocs > 0) throw new APIError(ALREADY_BLOCKED, 409)
  return data
}

// ...and, for two racing requests, by the unique index on (blocker, blocked), which Payload
// reports as a uniqueness error on its first column.
export const answerDuplicateBlock: CollectionAfterErrorHook = ({ error }) => {
  const duplicate =
    error instanceof ValidationError &&
    error.data.errors.some((e) => e.path === 'blocker_id' && e.message === 'Value must be unique')
  if (duplicate) return { status: 409, response: { errors: [{ message: ALREADY_BLOCKED }] } }
}
