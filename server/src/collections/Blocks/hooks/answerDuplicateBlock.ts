import { ValidationError, type CollectionAfterErrorHook } from 'payload'

// A second block of the same person is a 409 (the first stands): the unique index on
// (blocker, blocked) refuses the insert, which Payload reports as a uniqueness error on its first
// column. One check for the ordinary case and two racing requests alike.
export const answerDuplicateBlock: CollectionAfterErrorHook = ({ error }) => {
  const duplicate =
    error instanceof ValidationError &&
    error.data.errors.some((e) => e.path === 'blocker_id' && e.message === 'Value must be unique')
  if (duplicate) return { status: 409, response: { errors: [{ message: 'You have already blocked this person.' }] } }
}
