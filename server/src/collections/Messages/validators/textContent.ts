import type { TextareaFieldValidation } from 'payload'

import { textarea } from 'payload/shared'

// Content must be a string; then Payload's own rules (required, maxLength) apply.
export const textContent: TextareaFieldValidation = (value, options) => {
  if (value !== undefined && value !== null && typeof value !== 'string') return 'Content must be text.'
  return textarea(value, options)
}
