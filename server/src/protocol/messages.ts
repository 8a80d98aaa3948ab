import type { RoomRef, UserRef } from './refs'
import type { AttachmentRef, Reaction, ReplyQuote } from './rich'

export type { RoomRef, UserRef } from './refs'

// A message as the API returns it: REST at depth 1 (`GET /api/messages`, the `doc` of a POST or
// PATCH) and the data of the stream's `message.created` / `message.updated` events.
export interface StreamMessage {
  id: number
  sender: UserRef
  // Exactly one of `receiver` (a DM) and `room` (a room message) is set; the other is null.
  receiver: UserRef | null
  room: RoomRef | null
  // Empty only when the message has attachments.
  content: string
  // The message this one answers (same conversation), or null. Kept when the original is deleted.
  replyTo: number | null
  // The original as it is now; null when not a reply or when the original is gone (rich.ts).
  replyQuote: ReplyQuote | null
  // Emoji reactions, in order of first use (rich.ts); `message.reactions` events update them.
  reactions: Reaction[]
  // Files and images, in the order the sender attached them (at most MAX_ATTACHMENTS_PER_MESSAGE).
  attachments: AttachmentRef[]
  // Ids of the room members this message mentions (the client sends the ids it inserted; the
  // server keeps only current members). Always empty in a DM.
  mentions: number[]
  // `@room`: mentions every member (owners only).
  mentionsRoom: boolean
  // The sender's key for the message (8-64 of A-Z a-z 0-9 - _), if it sent one: a resend with
  // the same key is answered 409 instead of stored twice.
  clientId?: string | null
  // Set by the server when the message is created.
  timestamp?: string | null
  // Set by the server on every edit of `content`; null until then.
  editedAt?: string | null
  // The last edit of `content` was made by a moderator, not the sender (clients say so).
  editedByModerator: boolean
  updatedAt: string
  createdAt: string
}

// `content` is at most this many characters (after trimming).
export const MAX_CONTENT_LENGTH = 4000

// One page of a collection, as Payload answers a `find` (the fields the client reads).
export interface PagedDocs<T> {
  docs: T[]
  hasNextPage: boolean
  page?: number
  totalDocs?: number
}
