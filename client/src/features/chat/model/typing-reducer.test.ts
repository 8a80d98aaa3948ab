import { TYPING_EXPIRY_MS, TYPING_THROTTLE_MS } from '@payload-chat/server/protocol'
import { describe, expect, it } from 'vitest'

import { initialTyping, nextExpiry, typingKey, typingLine, typingReducer, typists, TypingThrottle } from './typing-reducer'

describe('typingReducer', () => {
  it('shows who types until TYPING_EXPIRY_MS after their last event; a refresh extends it', () => {
    let state = typingReducer(initialTyping, { type: 'typing', key: 'room:1', user: 2, now: 1000 })
    state = typingReducer(state, { type: 'typing', key: 'room:1', user: 3, now: 2000 })
    expect(typists(state, 'room:1', 2000)).toEqual([2, 3])
    expect(nextExpiry(state)).toBe(1000 + TYPING_EXPIRY_MS)
    state = typingReducer(state, { type: 'typing', key: 'room:1', user: 2, now: 4000 }) // refreshed
    const later = 1000 + TYPING_EXPIRY_MS
    state = typingReducer(state, { type: 'tick', now: later })
    expect(typists(state, 'room:1', later)).toEqual([2, 3])
    state = typingReducer(state, { type: 'tick', now: 2000 + TYPING_EXPIRY_MS })
    expect(typists(state, 'room:1', 2000 + TYPING_EXPIRY_MS)).toEqual([2])
    expect(typists(state, 'room:1', 4000 + TYPING_EXPIRY_MS)).toEqual([]) // expired even before a tick
    state = typingReducer(state, { type: 'tick', now: 4000 + TYPING_EXPIRY_MS })
    expect(state.byConversation).toEqual({})
    expect(nextExpiry(state)).toBeNull()
  })

  it('hides a typist at once when their message arrives, in that conversation only', () => {
    let state = typingReducer(initialTyping, { type: 'typing', key: 'dm:2', user: 2, now: 0 })
    state = typingReducer(state, { type: 'typing', key: 'room:1', user: 2, now: 0 })
    state = typingReducer(state, { type: 'sent', key: 'dm:2', user: 2 })
    expect(typists(state, 'dm:2', 1)).toEqual([])
    expect(typists(state, 'room:1', 1)).toEqual([2])
  })

  it('names the conversation of an event: the DM with the typist, or the room', () => {
    expect(typingKey({ user: 2, receiver: 1, room: null })).toBe('dm:2')
    expect(typingKey({ user: 2, receiver: null, room: 7 })).toBe('room:7')
  })
})

describe('typingLine', () => {
  it('says who is typing in words', () => {
    expect(typingLine([])).toBeNull()
    expect(typingLine(['Alice'])).toBe('Alice is typing…')
    expect(typingLine(['Alice', 'Bob'])).toBe('Alice and Bob are typing…')
    expect(typingLine(['Alice', 'Bob', 'Carol'])).toBe('3 people are typing…')
  })
})

describe('TypingThrottle', () => {
  it('tells the server at most once per TYPING_THROTTLE_MS, and at once again after a send', () => {
    const throttle = new TypingThrottle()
    expect(throttle.shouldSend(0)).toBe(true)
    expect(throttle.shouldSend(100)).toBe(false)
    expect(throttle.shouldSend(TYPING_THROTTLE_MS - 1)).toBe(false)
    expect(throttle.shouldSend(TYPING_THROTTLE_MS)).toBe(true)
    throttle.sent()
    expect(throttle.shouldSend(TYPING_THROTTLE_MS + 10)).toBe(true)
  })
})
