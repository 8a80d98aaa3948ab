// The live stream, `GET /api/messages/sse`: its path, its event names and each event's data.
// Every event's SSE `id:` is a change-feed position; a client resumes with `Last-Event-ID` (or
// `?lastEventId=`) set to the last one it saw. The ephemeral events (EPHEMERAL_EVENTS) have none.
import type { StreamMessage } from './messages'
import type { RemovedBy, ReportChange } from './moderation'
import type { PresenceData, ReadData, TypingData } from './presence'
import type { MessageReactions } from './rich'
import type { RoomMemberChange, RoomUpdate } from './rooms'

export const STREAM_PATH = '/api/messages/sse'

export type ChangeKind = 'created' | 'updated' | 'deleted'

// A deleted message: who it was between, so a client can find its conversation. A side is null
// only if that user's row was already gone when the message was deleted.
export interface DeletedMessage {
  id: number
  sender: number | null
  // A DM's receiver, or the room of a room message (the other is null).
  receiver: number | null
  room: number | null
  // The sender removed it, or a moderator did (clients say "Removed by a moderator").
  by: RemovedBy
}

// Why a stream tells the client to reload instead of replaying: its cursor is older than the
// feed keeps (`expired`), past the feed's end (`ahead`: the database was restored), or too much
// was missed to replay (`backlog`).
export type ResetReason = 'expired' | 'ahead' | 'backlog'

// First frame of every stream: the feed's latest position when the stream opened, and whose
// stream it is (the session's user), so a tab still showing another user knows it is logged out.
export interface ReadyData {
  cursor: string
  user: number
}

// Sent right after `ready` when the client must reload everything from REST.
export interface ResetData {
  cursor: string
  reason: ResetReason
}

// The data of each named event. A client that handles `StreamEventName` exhaustively fails to
// compile when an event is added or its data changes.
export interface StreamEventData {
  ready: ReadyData
  reset: ResetData
  'message.created': StreamMessage
  'message.updated': StreamMessage
  'message.deleted': DeletedMessage
  // A message's reactions changed (a change row: replayed on resume); see rich.ts.
  'message.reactions': MessageReactions
  // Membership and room changes: change rows in the same feed, in commit order with the messages.
  'room.member.joined': RoomMemberChange
  'room.member.left': RoomMemberChange
  'room.updated': RoomUpdate
  // A DM peer moved their read position (a change row: has an id, is replayed).
  read: ReadData
  // A report opened or resolved: only on the admin scope (`?scope=all`).
  'report.changed': ReportChange
  // Ephemeral (no `id:` line, never replayed): see presence.ts.
  presence: PresenceData
  typing: TypingData
}

// Events sent without an `id:` line: they must not move a client's resume cursor.
export const EPHEMERAL_EVENTS = ['presence', 'typing'] as const satisfies ReadonlyArray<StreamEventName>

export type StreamEventName = keyof StreamEventData

export type MessageEventName = `message.${ChangeKind}`
