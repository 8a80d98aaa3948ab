// Whether a failed write was refused by a unique index whose first column is `firstColumn`, as
// Payload reports it: a ValidationError "Value must be unique" whose path is that column (SQLite:
// the column its message names) or the index's whole key, `a, b` (PostgreSQL: the key its error
// detail names).
import { ValidationError } from 'payload'

export const violatesUniqueOn = (error: unknown, firstColumn: string): boolean =>
  error instanceof ValidationError &&
  error.data.errors.some((e) => e.message === 'Value must be unique' && e.path?.split(',')[0]?.trim() === firstColumn)
