import type { Validate } from 'payload'
import { textarea } from 'payload/shared'

import { plainText } from '../../../fields/plainText'

// A message's text, as any text a person sees (fields/plainText.ts), but a message with files may
// have none: stored as '' (the column stays NOT NULL). With neither text nor files it is a 400.
const textRules = plainText('Content', { multiline: true }, textarea)

const hasFiles = (data: unknown) => {
  const files = (data as { attachments?: unknown } | null | undefined)?.attachments
  return Array.isArray(files) && files.length > 0
}

export const contentOrAttachments: Validate<string | null | undefined> = (value, options) => {
  if ((value === '' || value === undefined || value === null) && hasFiles(options.siblingData)) return true
  return (textRules as unknown as Validate<string | null | undefined>)(value, options)
}
