// Whether a new message shows a desktop notification, and what it says. Pure. Only the leader tab
// asks (one notification per browser), and only while no tab of the browser is visible.
import type { NotifyLevel } from '@payload-chat/server/protocol'

import { mentionsMe, previewText, type Message } from './types'

export interface NotifyContext {
  me: number
  permitted: boolean // the browser's permission is granted
  // Some tab of this browser is visible. This covers "the conversation is open in a visible tab"
  // too: while any tab is visible nothing notifies (the unread counts and title tell).
  anyTabVisible: boolean
  roomLevel: (room: number) => NotifyLevel | null // your level in a room; null: not a member
}

export function shouldNotify(message: Message, context: NotifyContext): boolean {
  const { me, permitted, anyTabVisible, roomLevel } = context
  if (!permitted || anyTabVisible || message.sender.id === me) return false
  if (!message.room) return true // a DM
  const level = roomLevel(message.room.id)
  if (level === 'all') return true
  if (level === 'mentions') return mentionsMe(me, message)
  return false
}

const BODY_LENGTH = 120

export function notificationFor(message: Message): { title: string; body: string; tag: string } {
  const title = message.room ? `${message.sender.name} in #${message.room.name}` : message.sender.name
  const text = previewText(message).replace(/\s+/g, ' ')
  const body = text.length > BODY_LENGTH ? `${text.slice(0, BODY_LENGTH - 1)}…` : text
  // One per message, whichever tab shows it.
  return { title, body, tag: `message-${message.id}` }
}
