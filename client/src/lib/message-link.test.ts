import { describe, expect, it } from 'vitest'

import { conversationHash, conversationOfMessage, messageHash, parseChatHash } from './message-link'

describe('links to conversations and messages', () => {
  it('reads back what it writes', () => {
    expect(parseChatHash(messageHash({ kind: 'room', id: 7 }, 1234))).toEqual({ conversation: { kind: 'room', id: 7 }, messageId: 1234 })
    expect(parseChatHash(messageHash({ kind: 'dm', id: 2 }, 5))).toEqual({ conversation: { kind: 'dm', id: 2 }, messageId: 5 })
    expect(parseChatHash(conversationHash({ kind: 'dm', id: 2 }))).toEqual({ conversation: { kind: 'dm', id: 2 }, messageId: null })
    expect(messageHash({ kind: 'dm', id: 2 }, 5)).toBe('#/c/2/m/5')
  })

  it('refuses anything else', () => {
    for (const hash of ['#/c/2/m/', '#/c/2/m/0', '#/c/2/m/x', '#/c/2/x/5', '#/c/2/m/5/', '#/room/1/m/12345678901234567']) {
      expect(parseChatHash(hash), hash).toBeNull()
    }
  })

  it('finds the conversation of a DM from either side, of a note to self and of a room message', () => {
    const dm = { sender: { id: 1 }, receiver: { id: 2 }, room: null }
    expect(conversationOfMessage(1, dm)).toEqual({ kind: 'dm', id: 2 })
    expect(conversationOfMessage(2, dm)).toEqual({ kind: 'dm', id: 1 })
    expect(conversationOfMessage(1, { sender: { id: 1 }, receiver: { id: 1 }, room: null })).toEqual({ kind: 'dm', id: 1 })
    expect(conversationOfMessage(1, { sender: { id: 3 }, receiver: null, room: { id: 9 } })).toEqual({ kind: 'room', id: 9 })
  })
})
