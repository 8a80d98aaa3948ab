// The chat's types: the wire's (from the server's protocol) and the client's view of a message.

// The wire types have one source, the server's protocol: a change to the wire breaks this type
// check. `Message` is the protocol's StreamMessage: REST (depth 1) and the stream send one shape.
import type { ChangeKind, DeletedMessage, StreamMessage as Message } from '@payload-chat/server/protocol'

export type {
  ConversationSummary,
  DeletedMessage,
  StreamMessage as Message,
  UserRef,
} from '@payload-chat/server/protocol'
export { MAX_CONTENT_LENGTH } from '@payload-chat/server/protocol'

// A change to a message the stream reported, at its change-feed position.
export type MessageChange =
  | { kind: Exclude<ChangeKind, 'deleted'>; message: Message; position: number }
  | { kind: 'deleted'; deleted: DeletedMessage; position: number }

// pending: sent, no answer yet; failed: the POST failed (Retry); removed: deleted by someone else.
export type ItemStatus = 'confirmed' | 'pending' | 'failed' | 'removed'

export interface ChatItem {
  key: string // stable React key: `t:<tempId>` for items born locally, `m:<id>` otherwise
  id: number | null
  tempId: string | null
  senderId: number
  receiverId: number | null // a DM's other side; null in a room
  roomId: number | null // the room of a room message; null in a DM
  content: string
  timestamp: string
  editedAt: string | null
  position: number // change-feed position of this copy (0: not from the server yet)
  status: ItemStatus
  error?: string
}

// When the message was sent: the server sets `timestamp` on every message it stores; createdAt
// stands in should a message ever come without one (the wire allows it).
export const sentAt = (message: Message): string => message.timestamp ?? message.createdAt

// The other user of a message between `sender` and `receiver`, seen by `me` (a note to self: me).
// Null when that side is unknown (a deleted message whose user row was already gone).
export const peerOf = <Id extends number | null>(me: number, sender: Id, receiver: Id): Id =>
  sender === me ? receiver : sender
