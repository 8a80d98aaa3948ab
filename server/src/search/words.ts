// What a search is for: the words of `q`, as typed. Search takes words, not a query language.
import { APIError } from 'payload'

import { plainTextProblem } from '../text/plain-text'

export const SEARCH_BOUNDS = {
  // Characters of `q` (code points, after trimming): one letter finds too much to be useful.
  minLength: 2,
  maxLength: 200,
  // Every word must match: more than this narrows nothing and costs a lookup each.
  maxWords: 20,
} as const

// A word the index can hold: messages are indexed as runs of letters and digits (unicode61), so a
// "word" of punctuation or emoji alone matches nothing and is left out of the search.
const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}]/u

export interface SearchWords {
  words: string[]
  // The last word is still being typed (no space after it): it also finds words it begins.
  prefix: boolean
}

// `q` as words, or a 400 that says what is wrong with it.
export function searchWordsOf(q: string | null): SearchWords {
  if (q === null) throw new APIError('Say what to search for: "q" (2 to 200 characters).', 400)
  // A control character (newline and tab separate words), a broken one or nothing visible is no
  // search (and a NUL would cut the query short in the database driver).
  const problem = plainTextProblem(q, '"q"', { multiline: true })
  if (problem) throw new APIError(problem, 400)
  const length = [...q.trim()].length
  if (length < SEARCH_BOUNDS.minLength || length > SEARCH_BOUNDS.maxLength) {
    throw new APIError(`"q" must have ${SEARCH_BOUNDS.minLength} to ${SEARCH_BOUNDS.maxLength} characters (it has ${length}).`, 400)
  }
  const typed = q.trim().split(/\s+/u)
  const words = typed.filter((word) => WORD_CHARACTER.test(word))
  if (words.length === 0) throw new APIError('Search for at least one word with letters or digits: punctuation and emoji alone are not indexed.', 400)
  if (words.length > SEARCH_BOUNDS.maxWords) throw new APIError(`Search for at most ${SEARCH_BOUNDS.maxWords} words.`, 400)
  const lastTyped = typed.at(-1)!
  return { words, prefix: lastTyped === words.at(-1) && !/\s$/u.test(q) }
}
