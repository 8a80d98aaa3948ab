// Message search (issue #17).
import type { StreamMessage } from './messages'

// `GET /api/messages/search?q=…[&peer=<userId> | &room=<roomId>][&page=N][&limit=N]`: full-text
// search over the messages the caller can read in conversations they are in now (their DMs, the
// rooms they are a member of), best match first. `q` is words (2-200 characters), not a query
// language: quotes and operators are taken as text. 400 for a bad `q`, page or limit.
export const SEARCH_PATH = '/api/messages/search'
export const SEARCH_PAGE_SIZE = 20

// A snippet of the message's text around the match, as parts to render (never HTML): the parts
// with `match` are the words that matched.
export interface SnippetPart {
  text: string
  match: boolean
}

export interface SearchHit {
  message: StreamMessage
  snippet: SnippetPart[]
}

export interface SearchResponse {
  docs: SearchHit[]
  page: number
  hasNextPage: boolean
}
