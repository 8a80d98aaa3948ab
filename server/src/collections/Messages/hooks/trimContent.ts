import type { FieldHook } from 'payload'

import { normalizeLineEndings } from '../../../text/plain-text'

// Before validation, so whitespace-only content fails as empty; \r\n becomes \n. The response
// shows the content as stored.
export const trimContent: FieldHook = ({ value }) =>
  typeof value === 'string' ? normalizeLineEndings(value).trim() : value
