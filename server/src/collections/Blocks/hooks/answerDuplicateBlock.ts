import type { CollectionAfterErrorHook } from 'payload'

import { violatesUniqueOn } from '../../../db/unique-violation'

// A second block of the same person is a 409 (the first stands): the unique index on
// (blocker, blocked) refuses the insert, which Payload reports as a uniqueness error on its first
// column (or its whole key, on PostgreSQL). One check for the ordinary case and two racing
// requests alike.
export const answerDuplicateBlock: CollectionAfterErrorHook = ({ error }) => {
  if (violatesUniqueOn(error, 'blocker_id')) return { status: 409, response: { errors: [{ message: 'You have already blocked this person.' }] } }
}
