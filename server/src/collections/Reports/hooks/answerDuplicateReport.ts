import { type CollectionAfterErrorHook, ValidationError } from 'payload'

// One open report per (reporter, message): the partial unique index `reports_open_once` refuses
// a second one even when two arrive at once (the adapter reports it as a uniqueness error: it is
// the collection's only unique index). Answered as the conflict it is.
export const answerDuplicateReport: CollectionAfterErrorHook = ({ error }) => {
  const duplicate = error instanceof ValidationError && error.data.errors.some((e) => e.message === 'Value must be unique')
  if (!duplicate) return
  return { status: 409, response: { errors: [{ message: 'You have already reported this message; a moderator will look at it.' }] } }
}
