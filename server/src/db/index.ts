// Where the rest of the app gets its storage from. Today SQLite only; a PostgreSQL feed is chosen
// here by the adapter in use, and nothing that takes a ChangeFeed or CrossProcess changes.
import type { Payload } from 'payload'

import type { ChangeFeed } from './change-feed'
import type { CrossProcess } from './cross-process'
import type { MessageSearch } from './message-search'
import { env } from '../env'
import { sqliteChangeFeed } from './sqlite/change-feed'
import { sqliteCrossProcess } from './sqlite/cross-process'
import { sqliteMessageSearch } from './sqlite/search'

export { markRemoval } from './sqlite/change-feed'
export { claimOpenReport, releaseReport } from './sqlite/report-claim'

// Replies' quotes and reactions (issue #17): what REST adds to messages, and the toggle.
export { repliesAndReactionsOf, type RepliesAndReactions, toggleReaction, type ToggleOutcome } from './sqlite/reactions'

export function changeFeedOf(payload: Payload): ChangeFeed {
  return sqliteChangeFeed(payload)
}

export function crossProcessOf(payload: Payload): CrossProcess {
  return sqliteCrossProcess(payload, env.databaseUrl)
}

// Message search (issue #17): FTS5 on SQLite; PostgreSQL full-text search behind the same interface.
export type { MessageSearch } from './message-search'
export function messageSearchOf(payload: Payload): MessageSearch {
  return sqliteMessageSearch(payload)
}
