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
export const plainText = <T extends (value: any, options: any) => string | true | Promise<string | true>>(
  label: string,
  { multiline }: { multiline: boolean },
  base: T,
): T =>
  ((value: unknown, options: unknown) => {
    if (value !== undefined && value !== null && typeof value !== 'string') return `${label} must be text.`
    const problem = typeof value === 'string' ? plainTextProblem(value, label, { multiline }) : null
    return problem ?? base(value, options)
  }) as T
