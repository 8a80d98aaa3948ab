// The change feed as realtime/ sees it: a storage-neutral interface. The SQLite implementation is
// in ./sqlite/change-feed.ts; a PostgreSQL one implements the same interface (its commit-order
// safety is its own business) and realtime/ does not change.
//
// A change id is a position in the feed: it only grows in commit (delivery) order, it is the SSE
// `id:` and what `Last-Event-ID` resumes from. Never a timestamp.
import type { ChangeKind, DeletedMessage, StreamMessage } from '../protocol'

// The wire's own types (protocol/, which the client compiles against too).
export type { ChangeKind, DeletedMessage, StreamMessage, UserRef } from '../protocol'

export interface ChangeEvent {
  id: number
  type: `message.${ChangeKind}`
  // Hub keys of everyone who may see it: `user:<id>` today, room keys can join later.
  audience: string[]
  data: StreamMessage | DeletedMessage
}

// The hub key of one user's streams.
export const userAudience = (userId: number | string) => `user:${userId}`

// One read of the feed. `through` is the id of the last change row read (null: none), which may
// be past the last event: a change whose message is gone by now has no event (its delete follows),
// yet the reader's cursor moves past it. `full` says the read hit its limit: more may follow.
export interface ChangeBatch {
  events: ChangeEvent[]
  through: number | null
  full: boolean
}

export interface ChangeFeed {
  // Creates the change rows' storage and the triggers that write them (idempotent).
  install(): Promise<void>
  // The id of the latest change written (0 for none).
  latest(): Promise<number>
  // The smallest cursor from which every later change is still stored (older ones were pruned).
  oldestResumable(): Promise<number>
  // Changes after `after` in feed order, at most `limit` rows; with `userId`, only those that
  // user takes part in.
  read(options: { after: number; limit: number; userId?: number | string }): Promise<ChangeBatch>
  // How many of a user's changes follow `after`, counting no further than `atMost`.
  count(options: { after: number; userId: number | string; atMost: number }): Promise<number>
  // Deletes changes older than the retention; returns how many.
  prune(retentionDays: number): Promise<number>
  // Of these users' login sessions, the ids of those still valid at `now`.
  liveSessions(userIds: ReadonlyArray<string>, now: Date): Promise<Set<string>>
}
