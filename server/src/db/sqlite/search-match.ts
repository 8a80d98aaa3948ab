// The SQLite side of a search that needs no database: the FTS5 MATCH expression built from the
// caller's words, and the snippet FTS5 returns split into parts.
import type { SnippetPart } from '../../protocol'

// Every word is one quoted FTS5 string (a `"` inside doubled), so nothing the caller types is
// query syntax: `OR`, `NEAR`, `-`, `*`, `(`, `:` and quotes are text, and the tokenizer splits a
// string exactly as it split the messages ("c++" is the word "c"). Strings are ANDed (juxtaposed);
// one with no word characters matches nothing and is ignored by FTS5 within an AND. `prefix` puts
// FTS5's prefix marker after the last string only, outside its quotes.
export function matchExpression(words: readonly string[], prefix: boolean): string {
  return words.map((word, i) => `"${word.replaceAll('"', '""')}"${prefix && i === words.length - 1 ? '*' : ''}`).join(' ')
}

// Around each match in `snippet()`'s output. Content is plain text: control characters other than
// newline and tab are refused (text/plain-text.ts), so these never occur in a message.
export const MATCH_START = '\u0002'
export const MATCH_END = '\u0003'
// Where snippet() cut the text.
export const ELLIPSIS = '…'

// The parts of a snippet, in order; neighbouring parts differ in `match`, none is empty.
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  const push = (text: string, match: boolean) => {
    if (text === '') return
    const last = parts.at(-1)
    if (last && last.match === match) last.text += text
    else parts.push({ text, match })
  }
  const [before, ...matches] = snippet.split(MATCH_START)
  push(before.replaceAll(MATCH_END, ''), false)
  for (const piece of matches) {
    // A match runs to its end marker (to the end of the snippet, should one be missing).
    const end = piece.includes(MATCH_END) ? piece.indexOf(MATCH_END) : piece.length
    push(piece.slice(0, end), true)
    push(piece.slice(end + 1).replaceAll(MATCH_END, ''), false)
  }
  return parts
}
