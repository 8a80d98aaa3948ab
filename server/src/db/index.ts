// Where the rest of the app gets its storage from: SQLite or PostgreSQL, by the adapter in use
// (./adapter.ts). Nothing that takes a ChangeFeed or CrossProcess changes with it.
import type { Payload } from 'payload'

import type { RemovedBy } from '../protocol'
import type { ChangeFeed } from './change-feed'
import type { CrossProcess } from './cross-process'
import type { SharedLimiters } from './rate-limit-store'
import type { MessageSearch } from './message-search'
import type { SharedPresenceDb } from './presence-store'
import { env } from '../env'
import { usesPostgres } from './adapter'
import { dialectOfUrl } from './dialect'
import { markRemovalPostgres, postgresChangeFeed } from './postgres/change-feed'
import { postgresCrossProcess } from './postgres/cross-process'
import { postgresRateLimiters } from './postgres/rate-limit-store'
import { postgresPresenceDb } from './postgres/presence-store'
import { postgresMessageSearch } from './postgres/search'
import { markRemoval as markRemovalSqlite, sqliteChangeFeed } from './sqlite/change-feed'
import { sqliteCrossProcess } from './sqlite/cross-process'
import { sqlitePresenceDb } from './sqlite/presence-store'
import { sqliteRateLimiters } from './sqlite/rate-limit-store'
import { sqliteMessageSearch } from './sqlite/search'

export { claimOpenReport, releaseReport } from './report-claim'

// Replies' quotes and reactions (issue #17): what REST adds to messages, and the toggle.
export { repliesAndReactionsOf, type RepliesAndReactions, toggleReaction, type ToggleOutcome } from './reactions'

export function changeFeedOf(payload: Payload): ChangeFeed {
  return usesPostgres ? postgresChangeFeed(payload) : sqliteChangeFeed(payload)
}

export function crossProcessOf(payload: Payload): CrossProcess {
  return usesPostgres ? postgresCrossProcess(payload, env.databaseUrl) : sqliteCrossProcess(payload, env.databaseUrl)
}

// Presence and typing shared by every process on the database (./presence-store.ts).
export function presenceDbOf(payload: Payload): SharedPresenceDb {
  return usesPostgres ? postgresPresenceDb(payload) : sqlitePresenceDb(payload)
}

// Who is removing a message, just before its delete (the feed's delete trigger reads it).
export function markRemoval(payload: Payload, messageId: number | string, by: RemovedBy): Promise<void> {
  return (usesPostgres ? markRemovalPostgres : markRemovalSqlite)(payload, messageId, by)
}

export type { SharedLimiters } from './rate-limit-store'

// Rate limits every process on the database shares (RATE_LIMIT_STORE=database).
export function sharedRateLimiters(databaseUrl: string): SharedLimiters {
  return dialectOfUrl(databaseUrl) === 'postgres' ? postgresRateLimiters(databaseUrl) : sqliteRateLimiters(databaseUrl)
}

// Message search (issue #17): FTS5 on SQLite, tsvector/tsquery on PostgreSQL.
export type { MessageSearch } from './message-search'
export function messageSearchOf(payload: Payload): MessageSearch {
  return usesPostgres ? postgresMessageSearch(payload) : sqliteMessageSearch(payload)
}
