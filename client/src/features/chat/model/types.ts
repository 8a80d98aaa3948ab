// Wire types of the server contract and the client's view of a message.

export interface UserRef {
  id: number
  name: string
}

export interface Message {
  id: number
  sender: UserRef
  receiver: UserRef
  content: string
  // The sender's key for the message (the tempId of the client that sent it), if any.
  clientId?: string | null
  timestamp: string
  editedAt: string | null
  createdAt: string
  updatedAt: string
}

export interface DeletedEvent {
  id: number
  sender: number
  receiver: number
}

export interface ConversationSummary {
  user: UserRef
  lastMessage: Message | null
  unread: number
  lastReadId: number
}

export const MAX_CONTENT_LENGTH = 4000

// pending: sent, no answer yet; failed: the POST failed (Retry); removed: deleted by someone else.
export type ItemStatus = 'confirmed' | 'pending' | 'failed' | 'removed'

export interface ChatItem {
  key: string // stable React key: `t:<tempId>` for items born locally, `m:<id>` otherwise
  id: number | null
  tempId: string | null
  senderId: number
  receiverId: number
  content: string
  timestamp: string
  editedAt: string | null
  position: number // change-feed position of this copy (0: not from the server yet)
  status: ItemStatus
  error?: string
}

export const peerOf = (me: number, sender: number, receiver: number): number => (sender === me ? receiver : sender)
