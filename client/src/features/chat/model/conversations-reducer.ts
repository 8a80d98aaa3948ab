// Every conversation this tab has opened (with a person or a room), keyed by `targetKey` (`dm:<user
// id>`, `room:<room id>`), each holding its messages, so switching back keeps history, pending
// sends and scroll-loaded pages. Stream events go to the conversation they belong to.
import { messagesReducer, initialMessages, type MessagesAction, type MessagesState } from './messages-reducer'

export type ConversationsState = Record<string, MessagesState>

export type ConversationsAction =
  | { type: 'conversation'; key: string; action: MessagesAction }
  | { type: 'reset-all' }
  // Drops a conversation and everything it held (a room you left or were removed from).
  | { type: 'forget'; key: string }

export function conversationsReducer(state: ConversationsState, action: ConversationsAction): ConversationsState {
  if (action.type === 'reset-all') {
    // Every conversation goes back to "not loaded" (live events are still kept) with its local sends.
    const next: ConversationsState = {}
    for (const [key, messages] of Object.entries(state)) next[key] = messagesReducer(messages, { type: 'reset' })
    return next
  }
  if (action.type === 'forget') {
    if (!(action.key in state)) return state
    const next = { ...state }
    delete next[action.key]
    return next
  }
  const current = state[action.key]
  // Live events for a conversation never loaded are skipped: opening it loads it from REST.
  if (!current && ['created', 'updated', 'deleted', 'reactions'].includes(action.action.type)) {
    return state
  }
  const next = messagesReducer(current ?? initialMessages, action.action)
  return next === current ? state : { ...state, [action.key]: next }
}
