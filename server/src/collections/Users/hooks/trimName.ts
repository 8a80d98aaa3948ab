import { ValidationError, type FieldHook } from 'payload'

import { plainTextProblem } from '../../../text/plain-text'

// Trims the name, then refuses one that could not be shown as given: control characters (a name
// is one line) or nothing visible (zero-width characters only…). Refused here, before Payload's
// validation, with the same 400 a failed validation gives.
export const trimName: FieldHook = ({ value, collection, req }) => {
  if (typeof value !== 'string') return value
  const name = value.trim()
  const problem = plainTextProblem(name, 'Name', { multiline: false })
  if (problem) throw new ValidationError({ collection: collection?.slug, errors: [{ message: problem, path: 'name' }], req })
  return name
}
