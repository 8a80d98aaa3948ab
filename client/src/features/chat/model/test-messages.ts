// Message and room factories for tests.
import type { Message, RoomSummary } from './types'

export const ALICE = { id: 1, name: 'Alice' }
export const BOB = { id: 2, name: 'Bob' }

export function makeMessage(id: number, overrides: Partial<Message> = {}): Message {
  const at = new Date(Date.UTC(2026, 0, 1, 12, 0, id)).toISOString()
  return {
    id,
    sender: ALICE,
    receiver: BOB,
    room: null,
    content: `message ${id}`,
    mentions: [],
    mentionsRoom: false,
    timestamp: at,
    editedAt: null,
    editedByModerator: false,
    replyTo: null,
    replyQuote: null,
    reactions: [],
    attachments: [],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  }
}

// A public room you are a member of, with nothing unread, as `GET /api/rooms` lists it.
export function makeRoomSummary(room: { id: number; name: string }, overrides: Partial<RoomSummary> = {}): RoomSummary {
  return {
    ...room,
    topic: null,
    visibility: 'public',
    memberCount: 3,
    isMember: true,
    role: 'member',
    unread: 0,
    mentions: 0,
    lastReadId: 0,
    notify: 'mentions',
    lastMessage: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  }
}
