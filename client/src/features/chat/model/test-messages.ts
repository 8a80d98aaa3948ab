// Message factories for tests.
import type { Message } from './types'

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
    createdAt: at,
    updatedAt: at,
    ...overrides,
  }
}
