// A hit's snippet on PostgreSQL, cut from the message's text as stored: what FTS5's snippet() gives
// on SQLite (../sqlite/search.ts), the same number of words around the best match, `…` where the
// text was cut, the matched words marked as parts. Done here rather than with ts_headline, which
// parses the raw text with the database locale's rules (a `C` database lowercases ASCII only) and
// does not say where it cut; this splits words as the index does and returns the text verbatim.
import type { SnippetPart } from '../../protocol'

// Words of context, as FTS5's snippet on SQLite.
export const SNIPPET_TOKENS = 24
const ELLIPSIS = '…'

// Runs of letters and digits (and a letter's combining marks): the index's words (./search-schema.ts).
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu

// Case and accents aside ("Café" is "cafe").
const fold = (word: string) => word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

interface Token {
  start: number
  end: number
  // Which searched word it matches (an index into the terms), or -1.
  term: number
}

// The searched words as the index splits them: "zebra-cro" is "zebra" and "cro". With `prefix`
// the last one also matches words it begins.
function termsOf(words: readonly string[]): string[] {
  return words.flatMap((word) => [...word.matchAll(WORD)].map(([text]) => fold(text)))
}

function tokensOf(text: string, terms: string[], prefix: boolean): Token[] {
  const last = terms.length - 1
  return [...text.matchAll(WORD)].map((match) => {
    const word = fold(match[0])
    const term = terms.findIndex((t, i) => word === t || (prefix && i === last && word.startsWith(t)))
    return { start: match.index, end: match.index + match[0].length, term }
  })
}

// The first token of the window with the most different terms (then the most matches), moved so
// its matches sit in the middle, as FTS5 does.
function windowStart(tokens: Token[]): number {
  let best = { start: 0, score: -1, first: 0, last: 0 }
  tokens.forEach((token, start) => {
    if (token.term < 0) return
    const inside = tokens.slice(start, start + SNIPPET_TOKENS)
    const matched = inside.map((t, i) => ({ t, i })).filter(({ t }) => t.term >= 0)
    const score = new Set(matched.map(({ t }) => t.term)).size * 1000 + matched.length
    if (score > best.score) best = { start, score, first: start, last: start + matched.at(-1)!.i }
  })
  if (best.score < 0) return 0
  const centred = best.first - Math.floor((SNIPPET_TOKENS - (best.last - best.first + 1)) / 2)
  return Math.max(0, Math.min(centred, tokens.length - SNIPPET_TOKENS))
}

export function snippetOf(text: string, words: readonly string[], prefix: boolean): SnippetPart[] {
  const tokens = tokensOf(text, termsOf(words), prefix)
  const parts: SnippetPart[] = []
  const push = (part: string, match: boolean) => {
    if (part === '') return
    const previous = parts.at(-1)
    if (previous && previous.match === match) previous.text += part
    else parts.push({ text: part, match })
  }
  if (tokens.length === 0) {
    push(text, false)
    return parts
  }
  const first = windowStart(tokens)
  const shown = tokens.slice(first, first + SNIPPET_TOKENS)
  // Whole text before the first word and after the last when the window reaches them.
  let at = first === 0 ? 0 : shown[0]!.start
  if (first > 0) push(ELLIPSIS, false)
  for (const token of shown) {
    push(text.slice(at, token.start), false)
    push(text.slice(token.start, token.end), token.term >= 0)
    at = token.end
  }
  const cut = first + shown.length < tokens.length
  push(cut ? ELLIPSIS : text.slice(at), false)
  return parts
}
