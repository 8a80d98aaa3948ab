import { APIError, type CollectionBeforeOperationHook } from 'payload'

// `editedByModerator` says a moderator changed the text: only stampEditedAt (an admin's edit of
// someone else's message) sets it. A new message has not been edited by anyone, so a create that
// claims otherwise is refused rather than stored or quietly corrected (a sender could otherwise
// make their own words look like a moderator's). `false`, the form's default, says nothing and
// is accepted; updates cannot set the field at all (field access). Server code with no user is
// not refused: stampEditedAt stores false for every new message.
export const refuseModeratorMark: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' || !req.user) return args
  const data = (args as { data?: Record<string, unknown> }).data
  const mark = data && typeof data === 'object' ? data.editedByModerator : undefined
  if (mark !== undefined && mark !== null && mark !== false) {
    throw new APIError('"editedByModerator" is set by the server: leave it out of the request.', 400)
  }
  return args
}
