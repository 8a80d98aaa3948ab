// "Alice is typing…": who is typing in which conversation, each until TYPING_EXPIRY_MS after their
// last `typing` event, or until their message arrives there. Pure: the time is given.
import { TYPING_EXPIRY_MS, TYPING_THROTTLE_MS, type TypingData } from '@payload-chat/server/protocol'

import { targetKey } from './types'

export interface TypingState {
  // conversation key → user id → when their "typing" stops showing (ms)
  byConversation: Record<string, Record<number, number>>
}

export type TypingAction =
  | { type: 'typing'; key: string; user: number; now: number }
  | { type: 'sent'; key: string; user: number } // their message arrived
  | { type: 'tick'; now: number }

export const initialTyping: TypingState = { byConversation: {} }

// The conversation a `typing` event is about, seen by `me`: a DM with the typist, or the room.
export const typingKey = (event: TypingData): string =>
  event.room !== null ? targetKey({ kind: 'room', id: event.room }) : targetKey({ kind: 'dm', id: event.user })

function without(state: TypingState, key: string, drop: (user: number, until: number) => boolean): TypingState {
  const users = state.byConversation[key]
  if (!users) return state
  const kept = Object.entries(users).filter(([user, until]) => !drop(Number(user), until))
  if (kept.length === Object.keys(users).length) return state
  const byConversation = { ...state.byConversation }
  if (kept.length) byConversation[key] = Object.fromEntries(kept)
  else delete byConversation[key]
  return { byConversation }
}

export function typingReducer(state: TypingState, action: TypingAction): TypingState {
  switch (action.type) {
    case 'typing': {
      const users = { ...state.byConversation[action.key], [action.user]: action.now + TYPING_EXPIRY_MS }
      return { byConversation: { ...state.byConversation, [action.key]: users } }
    }
    case 'sent':
      return without(state, action.key, (user) => user === action.user)
    case 'tick':
      return Object.keys(state.byConversation).reduce((next, key) => without(next, key, (_user, until) => until <= action.now), state)
  }
}

// Who is typing in a conversation (by user id): at `now`, or (without it) as of the
// last tick.
export const typists = (state: TypingState, key: string, now = -Infinity): number[] =>
  Object.entries(state.byConversation[key] ?? {})
    .filter(([, until]) => until > now)
    .map(([user]) => Number(user))

// When the next "typing" runs out (to re-render then), or null.
export const nextExpiry = (state: TypingState): number | null => {
  const all = Object.values(state.byConversation).flatMap((users) => Object.values(users))
  return all.length ? Math.min(...all) : null
}

export function typingLine(names: string[]): string | null {
  if (names.length === 0) return null
  if (names.length === 1) return `${names[0]} is typing…`
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`
  return `${names.length} people are typing…`
}

// The composer tells the server at most once per TYPING_THROTTLE_MS while the user types; sending
// the message starts over, so typing the next one is told at once.
export class TypingThrottle {
  #last: number | null = null
  shouldSend(now: number): boolean {
    if (this.#last !== null && now - this.#last < TYPING_THROTTLE_MS) return false
    this.#last = now
    return true
  }
  sent() {
    this.#last = null
  }
}
