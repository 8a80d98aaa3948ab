import type { FieldHook } from 'payload'

import { normalizeLineEndings, plainTextProblem } from '../text/plain-text'

// Text is stored exactly as the answer shows it. Trimmed before validation, so whitespace only
// fails as empty; text with lines stores a Windows \r\n as \n.
export const trimText =
  ({ multiline }: { multiline: boolean }): FieldHook =>
  ({ value }) =>
    typeof value === 'string' ? (multiline ? normalizeLineEndings(value) : value).trim() : value

// A field's validation for text a person can see (see src/text/plain-text.ts): no control
// characters (but newline and tab with `multiline`), no broken characters, something visible;
// then Payload's own rules for the field (`base`: required, lengths).
type ValidationResult = string | true | Promise<string | true>
// Any of Payload's field validations (each names its own value and options types).
type FieldValidation = (value: never, options: never) => ValidationResult

export const plainText = <T extends FieldValidation>(
  label: string,
  { multiline }: { multiline: boolean },
  base: T,
): T => {
  const baseRules = base as unknown as (value: unknown, options: unknown) => ValidationResult
  const validate = (value: unknown, options: unknown): ValidationResult => {
    if (value !== undefined && value !== null && typeof value !== 'string') return `${label} must be text.`
    const problem = typeof value === 'string' ? plainTextProblem(value, label, { multiline }) : null
    return problem ?? baseRules(value, options)
  }
  // The same signature as `base`: Payload calls it exactly as it would have called `base`.
  return validate as unknown as T
}
