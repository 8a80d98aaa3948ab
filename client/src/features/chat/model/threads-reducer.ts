// Every conversation this tab has opened, keyed by peer id, so switching back keeps history,
// pending sends and scroll-loaded pages. Stream events go to the thread they belong to.
import { conversationReducer, initialConversation, type ConversationAction, type ConversationState } from './conversation-reducer'

export type ThreadsState = Record<number, ConversationState>

export type ThreadsAction = { type: 'thread'; peer: number; action: ConversationAction } | { type: 'reset-all' }

export function threadsReducer(state: ThreadsState, action: ThreadsAction): ThreadsState {
  if (action.type === 'reset-all') {
    // Every thread goes back to "not loaded" (live events are still kept) with its local sends.
    const next: ThreadsState = {}
    for (const [peer, thread] of Object.entries(state)) next[Number(peer)] = conversationReducer(thread, { type: 'reset' })
    return next
  }
  const current = state[action.peer]
  // Live events for a conversation never loaded are skipped: opening it loads it from REST.
  if (!current && (action.action.type === 'created' || action.action.type === 'updated' || action.action.type === 'deleted')) {
    return state
  }
  const next = conversationReducer(current ?? initialConversation, action.action)
  return next === current ? state : { ...state, [action.peer]: next }
}
