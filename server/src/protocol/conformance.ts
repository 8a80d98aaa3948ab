// Compile-time check, server side only (not exported to clients): the protocol's types describe
// what Payload's generated types say the API returns. If a field of `messages` or `users` changes,
// the server's type check fails here until protocol/ (and so the client) follows. The server
// takes the limits and the stream's types from protocol/ itself.
import type { Message, User } from '../payload-types'
import type { AttachmentRef, Reaction, ReplyQuote, RoomRef, SessionUser, StreamMessage, UserRef } from './index'

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

// A message at depth 1: sender, receiver and room populated (a member sees their id and name),
// mentions as ids; exactly one of receiver and room is set, the other null.
// The JSON and virtual fields of issue #17 are typed by what the hooks that fill them return.
type MessageAtDepth1 = Omit<
  Message,
  'sender' | 'receiver' | 'room' | 'mentions' | 'mentionsRoom' | 'editedByModerator' | 'replyTo' | 'replyQuote' | 'reactions' | 'attachments'
> & {
  sender: UserRef
  receiver: UserRef | null
  room: RoomRef | null
  mentions: number[]
  mentionsRoom: boolean
  editedByModerator: boolean
  replyTo: number | null
  replyQuote: ReplyQuote | null
  reactions: Reaction[]
  attachments: AttachmentRef[]
}

export const messageMatches: Same<MessageAtDepth1, StreamMessage> = true
export const sessionUserMatches: Same<Pick<User, 'id' | 'name' | 'email'> & { role?: User['role'] }, SessionUser> = true
