// "Alice is typing…": others' `typing` events, shown until they expire or the typist's message
// arrives; and this user's own typing, told to the server at most once per TYPING_THROTTLE_MS.
import type { TypingData } from '@payload-chat/server/protocol'
import { useCallback, useEffect, useReducer, useRef } from 'react'

import { sendTyping } from '../api/presence-api'
import { initialTyping, nextExpiry, typingKey, typingReducer, TypingThrottle, typists } from '../model/typing-reducer'
import { targetKey, targetOf, type Message, type Target } from '../model/types'

export function useTyping(me: number, shown: Target | null) {
  const [state, dispatch] = useReducer(typingReducer, initialTyping)

  // Each "typing" is dropped when it runs out.
  useEffect(() => {
    const next = nextExpiry(state)
    if (next === null) return
    const timer = setTimeout(() => dispatch({ type: 'tick', now: Date.now() }), Math.max(0, next - Date.now()))
    return () => clearTimeout(timer)
  }, [state])

  const apply = useCallback(
    (event: TypingData) => {
      if (event.user !== me) dispatch({ type: 'typing', key: typingKey(event), user: event.user, now: Date.now() })
    },
    [me],
  )

  const arrived = useCallback((message: Message) => dispatch({ type: 'sent', key: targetKey(targetOf(me, message)), user: message.sender.id }), [me])

  // One throttle per conversation shown: another conversation is told at once.
  const throttleRef = useRef(new TypingThrottle())
  useEffect(() => {
    throttleRef.current = new TypingThrottle()
  }, [shown])
  const typing = useCallback(() => {
    if (shown && throttleRef.current.shouldSend(Date.now())) sendTyping(shown).catch(() => {}) // a hint: a failure changes nothing
  }, [shown])
  const sent = useCallback(() => throttleRef.current.sent(), [])

  // Who is typing in a conversation (user ids).
  const typistsIn = useCallback((key: string) => typists(state, key), [state])

  return { apply, arrived, typing, sent, typistsIn }
}
