// What the search box sends: the server takes 2 to 200 characters with at least one letter or
// digit (emoji and punctuation are not indexed); anything less is not sent while typing, and the
// box says why instead of showing a refusal.

export const MIN_QUERY_LENGTH = 2
export const MAX_QUERY_LENGTH = 200

const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}]/u

export type QueryCheck = { ok: true; q: string } | { ok: false; reason: 'empty' | 'short' | 'no-words' }

// The text as typed is sent (a trailing space tells the server the last word is finished).
export function checkQuery(text: string): QueryCheck {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, reason: 'empty' }
  if ([...trimmed].length < MIN_QUERY_LENGTH) return { ok: false, reason: 'short' }
  if (!WORD_CHARACTER.test(trimmed)) return { ok: false, reason: 'no-words' }
  return { ok: true, q: text.trimStart() }
}
