// Every conversation this tab has opened, keyed by the peer's id (the other user), each holding its
// messages, so switching back keeps history, pending sends and scroll-loaded pages. Stream events
// go to the conversation they belong to.
import { messagesReducer, initialMessages, type MessagesAction, type MessagesState } from './messages-reducer'

export type ConversationsState = Record<number, MessagesState>

export type ConversationsAction = { type: 'conversation'; peer: number; action: MessagesAction } | { type: 'reset-all' }

export function conversationsReducer(state: ConversationsState, action: ConversationsAction): ConversationsState {
  if (action.type === 'reset-all') {
    // Every conversation goes back to "not loaded" (live events are still kept) with its local sends.
    const next: ConversationsState = {}
    for (const [peer, messages] of Object.entries(state)) next[Number(peer)] = messagesReducer(messages, { type: 'reset' })
    return next
  }
  const current = state[action.peer]
  // Live events for a conversation never loaded are skipped: opening it loads it from REST.
  if (!current && (action.action.type === 'created' || action.action.type === 'updated' || action.action.type === 'deleted')) {
    return state
  }
  const next = messagesReducer(current ?? initialMessages, action.action)
  return next === current ? state : { ...state, [action.peer]: next }
}
