// Compile-time check, server side only (not exported to clients): the protocol's types describe
// what Payload's generated types say the API returns. If a field of `messages` or `users` changes,
// the server's type check fails here until protocol/ (and so the client) follows. The server
// takes the limits and the stream's types from protocol/ itself.
import type { Message, User } from '../payload-types'
import type { SessionUser, StreamMessage, UserRef } from './index'

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

// A message at depth 1: sender and receiver populated (a member sees their id and name).
type MessageAtDepth1 = Omit<Message, 'sender' | 'receiver'> & { sender: UserRef; receiver: UserRef }

export const messageMatches: Same<MessageAtDepth1, StreamMessage> = true
export const sessionUserMatches: Same<Pick<User, 'id' | 'name' | 'email'> & { role?: User['role'] }, SessionUser> = true
