// The change feed as realtime/ sees it: a storage-neutral interface. The SQLite implementation is
// in ./sqlite/change-feed.ts; a PostgreSQL one implements the same interface (its commit-order
// safety is its own business) and realtime/ does not change.
//
// A change id is a position in the feed: it only grows in commit (delivery) order, it is the SSE
// `id:` and what `Last-Event-ID` resumes from. Never a timestamp. Messages (DMs and room
// messages), room memberships and room updates share one feed, so one cursor orders them all.
import type { EPHEMERAL_EVENTS, StreamEventData } from '../protocol'

// The wire's own types (protocol/, which the client compiles against too).
export type {
  ChangeKind,
  DeletedMessage,
  ReportChange,
  RoomMemberChange,
  RoomRef,
  RoomUpdate,
  RoomVisibility,
  StreamMessage,
  UserRef,
} from '../protocol'

// The events the feed carries (all but the stream's own control frames, ready and reset).
// Ephemeral events (presence, typing) are not changes: they never come from the feed.
export type FeedEventName = Exclude<keyof StreamEventData, 'ready' | 'reset' | (typeof EPHEMERAL_EVENTS)[number]>

// One change as an event: its type and data as the wire has them, and who may see it.
export type ChangeEvent = {
  [T in FeedEventName]: {
    id: number
    type: T
    // Hub keys of everyone who may see it: `user:<id>` (a DM's sides, the user a membership
    // change concerns), `room:<id>` (the room's members when the change was committed) and
    // ADMIN_AUDIENCE (a report: admin scope only).
    audience: string[]
    data: StreamEventData[T]
  }
}[FeedEventName]

// The hub key of one user's streams.
export const userAudience = (userId: number | string) => `user:${userId}`
// The hub key of a room's members: resolved to their user keys by the process's audience index.
export const roomAudience = (roomId: number | string) => `room:${roomId}`
// The hub key of the admin scope (`?scope=all`): report changes have this audience only, which no
// member's stream subscribes to; admin-scope streams receive every change (protocol ADMIN_SCOPE).
export const ADMIN_AUDIENCE = 'scope:all'

// One read of the feed. `through` is the id of the last change row read (null: none), which may
// be past the last event: a change whose message is gone by now has no event (its delete follows),
// yet the reader's cursor moves past it. `full` says the read hit its limit: more may follow.
export interface ChangeBatch {
  events: ChangeEvent[]
  through: number | null
  full: boolean
}

// Who was a member of which room at some position of the feed.
export interface RoomMember {
  roomId: number
  userId: number
}

export interface ChangeFeed {
  // Creates the change rows' storage and the triggers that write them (idempotent).
  install(): Promise<void>
  // After a write of this process that wrote change rows, once committed: what the database needs
  // for other processes to read them now (PostgreSQL: sequence and NOTIFY, even with no stream
  // open here; SQLite: nothing, ids are commit order). Never throws; failures are logged.
  afterWrite?(): void
  // The id of the latest change written (0 for none).
  latest(): Promise<number>
  // The smallest cursor from which every later change is still stored (older ones were pruned).
  oldestResumable(): Promise<number>
  // Changes after `after` in feed order, at most `limit` rows; with `userId`, only those that
  // user may see: the DMs they take part in, the membership changes concerning them, and the
  // changes of a room committed while they were its member.
  read(options: { after: number; limit: number; userId?: number | string }): Promise<ChangeBatch>
  // How many of a user's changes (without `userId`: of all changes) follow `after`, counting no
  // further than `atMost`.
  count(options: { after: number; userId?: number | string; atMost: number }): Promise<number>
  // Every room membership as it stood at feed position `cursor` (all changes up to it applied,
  // none after it), whatever has been written since.
  membersAt(cursor: number): Promise<RoomMember[]>
  // Deletes changes older than the retention; returns how many.
  prune(retentionDays: number): Promise<number>
  // Of these users' login sessions, the ids of those still valid at `now`.
  liveSessions(userIds: ReadonlyArray<string>, now: Date): Promise<Set<string>>
}
