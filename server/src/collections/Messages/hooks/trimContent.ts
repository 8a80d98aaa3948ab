import type { FieldHook } from 'payload'

// Trim before validation, so whitespace-only content fails as empty.
export const trimContent: FieldHook = ({ value }) =>
  typeof value === 'string' ? value.trim() : value
