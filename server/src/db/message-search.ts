// Full-text search of messages as search/ sees it: a storage-neutral interface. The SQLite
// implementation (FTS5) is in ./sqlite/search.ts; a PostgreSQL one (tsvector) implements the same
// interface and search/ does not change.
import type { SnippetPart } from '../protocol'

// The conversation a search is limited to: one DM (the caller and `peer`) or one room.
export type SearchConversation = { peer: number } | { room: number }

export interface SearchQuery {
  // Whose conversations: their DMs and the rooms they are a member of now, nothing else.
  userId: number
  // The words to find, each as typed (never query syntax); every one must match. At least one has
  // a letter or digit.
  words: string[]
  // The last word also matches words it begins ("hel" finds "hello"): search as you type.
  prefix: boolean
  conversation?: SearchConversation
  limit: number
  offset: number
}

// One message that matched: its id and a snippet of its text around the match.
export interface SearchMatch {
  id: number
  snippet: SnippetPart[]
}

export interface MessageSearch {
  // Creates the index and what keeps it current (idempotent); rebuilds a stale one.
  install(): Promise<void>
  // Best match first, then newest, among the newest matches (at least the 1,000 newest, and
  // always as many as `offset + limit`): ranking every match of a word that is in most messages
  // would cost a score per message.
  search(query: SearchQuery): Promise<SearchMatch[]>
}
