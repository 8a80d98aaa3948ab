import type { TextareaFieldValidation } from 'payload'

import { textarea } from 'payload/shared'

import { plainTextProblem } from '../../../text/plain-text'

// Content must be text a person can see, with no control characters but newline and tab (see
// src/text/plain-text.ts); then Payload's own rules (required, maxLength) apply.
export const textContent: TextareaFieldValidation = (value, options) => {
  if (value !== undefined && value !== null && typeof value !== 'string') return 'Content must be text.'
  const problem = typeof value === 'string' ? plainTextProblem(value, 'Content', { multiline: true }) : null
  return problem ?? textarea(value, options)
}
