// `GET /api/messages/conversations` and `POST /api/messages/read`: the list of everyone this user
// has exchanged messages with, and the read marker of each of those conversations.
import type { StreamMessage, UserRef } from './messages'

// One entry of the list, latest activity first. `unread` counts the other user's messages after
// `lastReadId`; a note to self is never unread.
export interface ConversationSummary {
  user: UserRef
  lastMessage: StreamMessage | null
  unread: number
  lastReadId: number
  // How far the other person has read this conversation (0: nothing yet), for "Seen"; the `read`
  // event moves it live.
  peerLastReadId: number
}

export interface ConversationsResponse {
  conversations: ConversationSummary[]
}

// Marks the conversation with `peer` read up to message `upTo`; the marker only moves forward.
// Marks a room read the same way: `{room, upTo}` (members only).
export type ReadRequest = { peer: number; upTo: number } | { room: number; upTo: number }

export type ReadResponse = { peer: number; lastReadId: number } | { room: number; lastReadId: number }
