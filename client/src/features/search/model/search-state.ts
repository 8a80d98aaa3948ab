// The search box's results: which query they answer, the pages loaded so far, and what to say
// while loading or after a failure. Pure: the hook feeds it the answers, the components read it.
import type { SearchHit, SearchResponse } from '@payload-chat/server/protocol'

import { conversationOfMessage, type ConversationRef } from '../../../lib/message-link'

export type SearchStatus = 'idle' | 'loading' | 'loaded' | 'failed'

export interface SearchState {
  // The query the hits answer (null: nothing asked).
  q: string | null
  status: SearchStatus
  hits: SearchHit[]
  // The last page loaded (0 before the first).
  page: number
  hasNextPage: boolean
  loadingMore: boolean
  // Why the last request failed, in words (the first page's or a "more").
  error: string | null
}

export type SearchAction =
  | { type: 'asked'; q: string }
  | { type: 'cleared' }
  | { type: 'more' }
  | { type: 'loaded'; q: string; response: SearchResponse }
  | { type: 'failed'; q: string; error: string }

export const initialSearch: SearchState = { q: null, status: 'idle', hits: [], page: 0, hasNextPage: false, loadingMore: false, error: null }

export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'asked':
      return { ...initialSearch, q: action.q, status: 'loading' }
    case 'cleared':
      return initialSearch
    case 'more':
      return state.status === 'loaded' && state.hasNextPage ? { ...state, loadingMore: true, error: null } : state
    case 'loaded': {
      // An answer to an earlier query (typing went on) is not this one's.
      if (action.q !== state.q) return state
      const { docs, page, hasNextPage } = action.response
      // A message may move to a later page between two requests (a new hit ranks before it):
      // each message is listed once, where it was first shown.
      const known = new Set(page === 1 ? [] : state.hits.map((hit) => hit.message.id))
      const hits = page === 1 ? docs : [...state.hits, ...docs.filter((hit) => !known.has(hit.message.id))]
      return { ...state, status: 'loaded', hits, page, hasNextPage, loadingMore: false, error: null }
    }
    case 'failed':
      if (action.q !== state.q) return state
      // A failed "more" keeps what was found.
      return state.loadingMore ? { ...state, loadingMore: false, error: action.error } : { ...state, status: 'failed', error: action.error }
  }
}

export interface HitGroup {
  key: string
  conversation: ConversationRef
  // The DM peer's name (yours with "(you)" for notes to self) or "#room".
  title: string
  hits: SearchHit[]
}

function titleOf(hit: SearchHit, me: number): string {
  const { message } = hit
  if (message.room) return `#${message.room.name}`
  const peer = message.sender.id === me ? (message.receiver ?? message.sender) : message.sender
  return peer.id === me ? `${peer.name} (you)` : peer.name
}

// Hits grouped by conversation, groups in the order of their best hit, hits in rank order.
export function groupHits(hits: SearchHit[], me: number): HitGroup[] {
  const groups = new Map<string, HitGroup>()
  for (const hit of hits) {
    const conversation = conversationOfMessage(me, hit.message)
    const key = `${conversation.kind}:${conversation.id}`
    const group = groups.get(key)
    if (group) group.hits.push(hit)
    else groups.set(key, { key, conversation, title: titleOf(hit, me), hits: [hit] })
  }
  return [...groups.values()]
}
