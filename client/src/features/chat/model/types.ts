// The chat's types: the wire's (from the server's protocol) and the client's view of a message.

// The wire types have one source, the server's protocol: a change to the wire breaks this type
// check. `Message` is the protocol's StreamMessage: REST (depth 1) and the stream send one shape.
import type { AttachmentRef, ChangeKind, DeletedMessage, Reaction, RemovedBy, ReplyQuote, RoomMemberChange, RoomUpdate, StreamMessage as Message } from '@payload-chat/server/protocol'

import { attachmentsSummary } from '../../../attachments/model/display'
import type { ReactionOverride } from './reactions'

export type {
  AttachmentRef,
  ConversationSummary,
  DeletedMessage,
  Reaction,
  ReplyQuote,
  RemovedBy,
  RoomMember,
  RoomMemberChange,
  RoomRef,
  RoomSummary,
  RoomUpdate,
  RoomVisibility,
  StreamMessage as Message,
  UserRef,
} from '@payload-chat/server/protocol'
export { MAX_CONTENT_LENGTH, MAX_ROOM_NAME_LENGTH, MAX_ROOM_TOPIC_LENGTH } from '@payload-chat/server/protocol'

// Where messages are written: a DM with a person (their user id) or a room (its id).
export type Target = { kind: 'dm'; id: number } | { kind: 'room'; id: number }

// The key of a target's conversation in maps and URLs.
export const targetKey = (target: Target): string => `${target.kind}:${target.id}`

export const sameTarget = (a: Target | null, b: Target | null): boolean =>
  a === b || (a !== null && b !== null && a.kind === b.kind && a.id === b.id)

// A change to a message the stream reported, at its change-feed position.
export type MessageChange =
  | { kind: Exclude<ChangeKind, 'deleted'>; message: Message; position: number }
  | { kind: 'deleted'; deleted: DeletedMessage; position: number }

// A change to a room's membership or the room itself, at its change-feed position.
export type RoomEvent =
  | { kind: 'joined' | 'left'; change: RoomMemberChange; position: number }
  | { kind: 'updated'; update: RoomUpdate; position: number }

// pending: sent, no answer yet; failed: the POST failed (Retry); removed: deleted by someone else.
export type ItemStatus = 'confirmed' | 'pending' | 'failed' | 'removed'

export interface ChatItem {
  key: string // stable React key: `t:<tempId>` for items born locally, `m:<id>` otherwise
  id: number | null
  tempId: string | null
  senderId: number
  senderName: string
  receiverId: number | null // a DM's other side; null in a room
  roomId: number | null // the room of a room message; null in a DM
  mentions: number[] // user ids a room message mentions
  mentionsRoom: boolean // @room
  content: string
  attachments: AttachmentRef[] // files and images, in the sender's order (a send's: its uploads)
  timestamp: string
  editedAt: string | null
  editedByModerator: boolean // the last edit was a moderator's, not the sender's
  removedBy?: RemovedBy // with status 'removed': who removed it
  position: number // change-feed position of this copy (0: not from the server yet)
  status: ItemStatus
  error?: string
  // Issue #17. Left out: none (an item born here before the server answered).
  replyTo?: number | null // the message this one replies to
  replyQuote?: ReplyQuote | null // the server's quote of it (null: the original is gone)
  reactions?: Reaction[] // the server's, as of `position`
  myReactions?: ReactionOverride[] // this user's toggles the server has not shown yet
}

// When the message was sent: the server sets `timestamp` on every message it stores; createdAt
// stands in should a message ever come without one (the wire allows it).
export const sentAt = (message: Message): string => message.timestamp ?? message.createdAt

// What a preview or a notification says of a message: its text, or its files when it has none.
export const previewText = (message: Message): string => message.content || attachmentsSummary(message.attachments ?? [])

// The other user of a message between `sender` and `receiver`, seen by `me` (a note to self: me).
// Null when that side is unknown (a deleted message whose user row was already gone).
export const peerOf = <Id extends number | null>(me: number, sender: Id, receiver: Id): Id =>
  sender === me ? receiver : sender

// The conversation a message belongs to, seen by `me`.
export const targetOf = (me: number, message: Message): Target =>
  message.room ? { kind: 'room', id: message.room.id } : { kind: 'dm', id: peerOf(me, message.sender.id, message.receiver?.id ?? me) }

// The conversation of a deleted message, or null when its other side is unknown.
export function targetOfDeleted(me: number, deleted: Pick<DeletedMessage, 'sender' | 'receiver' | 'room'>): Target | null {
  if (deleted.room) return { kind: 'room', id: deleted.room }
  const peer = peerOf(me, deleted.sender, deleted.receiver)
  return peer === null ? null : { kind: 'dm', id: peer }
}

// Whether a message mentions `me` (by id, or everyone with @room).
export const mentionsMe = (me: number, item: { mentions: number[]; mentionsRoom: boolean }): boolean =>
  item.mentionsRoom || item.mentions.includes(me)
