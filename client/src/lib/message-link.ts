// Where the chat is, in the URL: a conversation (#/c/<user id> with a person, #/room/<room id>),
// or one message in it (…/m/<message id>: the chat opens the conversation there, loading older
// history if it must). Any part of the app opens a message with a link to it (`messageHash`) or
// `openMessage`, without knowing the chat feature: the hash is the interface.

// A conversation: with a person (their user id) or in a room (its id).
export type ConversationRef = { kind: 'dm'; id: number } | { kind: 'room'; id: number }

export interface ChatLocation {
  conversation: ConversationRef
  messageId: number | null
}

const ID = '([1-9]\\d{0,15})'
const HASH = new RegExp(`^#/(c|room)/${ID}(?:/m/${ID})?$`)

// What the hash names, or null (the list of conversations, or anything else).
export function parseChatHash(hash: string): ChatLocation | null {
  const match = HASH.exec(hash)
  if (!match) return null
  return { conversation: { kind: match[1] === 'c' ? 'dm' : 'room', id: Number(match[2]) }, messageId: match[3] ? Number(match[3]) : null }
}

export const conversationHash = (conversation: ConversationRef | null): string =>
  conversation === null ? '#/' : conversation.kind === 'dm' ? `#/c/${conversation.id}` : `#/room/${conversation.id}`

export const messageHash = (conversation: ConversationRef, messageId: number): string => `${conversationHash(conversation)}/m/${messageId}`

// The conversation a message is in, seen by user `me`: its room, or the other person of a DM
// (yourself for a note to self).
export function conversationOfMessage(me: number, message: { sender: { id: number } | null; receiver: { id: number } | null; room: { id: number } | null }): ConversationRef {
  if (message.room) return { kind: 'room', id: message.room.id }
  const peer = message.sender?.id === me ? (message.receiver?.id ?? me) : (message.sender?.id ?? me)
  return { kind: 'dm', id: peer }
}

// Opens a conversation at a message (a new history entry: Back returns to where you were).
export function openMessage(conversation: ConversationRef, messageId: number): void {
  window.location.hash = messageHash(conversation, messageId)
}
