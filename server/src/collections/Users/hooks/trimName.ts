import { ValidationError, type FieldHook } from 'payload'

import { trimText } from '../../../fields/plainText'
import type { User } from '../../../payload-types'
import { plainTextProblem } from '../../../text/plain-text'

const trimLine = trimText({ multiline: false })

// Trims the name, then refuses one that could not be shown as given: control characters (a name
// is one line) or nothing visible (zero-width characters only…). Refused here, before Payload's
// validation, with the 400 the API has always given: one error, path `name`, whatever else the
// request got wrong.
export const trimName: FieldHook<User, User['name']> = (args) => {
  const name: unknown = trimLine(args)
  if (typeof name !== 'string') return name as User['name']
  const problem = plainTextProblem(name, 'Name', { multiline: false })
  if (problem) {
    throw new ValidationError({ collection: args.collection?.slug, errors: [{ message: problem, path: 'name' }], req: args.req })
  }
  return name
}
