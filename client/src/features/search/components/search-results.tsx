import type { KeyboardEvent } from 'react'

import type { ConversationRef } from '../../../lib/message-link'
import type { QueryCheck } from '../model/search-query'
import { groupHits, type SearchState } from '../model/search-state'
import { Snippet } from './snippet'

export interface SearchResultsProps {
  id: string
  me: number
  check: QueryCheck
  state: SearchState
  onOpen: (conversation: ConversationRef, messageId: number) => void
  onMore: () => void
  onRetry: () => void
  // Arrow keys and Escape on a hit (the box moves the focus).
  onHitKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void
}

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : '')

// What the status line says (a live region: screen readers hear the count when it changes).
function statusText(check: QueryCheck, state: SearchState): string {
  if (!check.ok) {
    if (check.reason === 'short') return 'Type at least 2 characters to search.'
    if (check.reason === 'no-words') return 'Search for words: emoji and punctuation alone are not searched.'
    return ''
  }
  // Typing went on: what is shown answers an earlier query.
  if (state.q !== check.q) return 'Searching…'
  switch (state.status) {
    case 'idle':
    case 'loading':
      return 'Searching…'
    case 'failed':
      return `Search failed: ${state.error ?? 'something went wrong'}.`
    case 'loaded': {
      const n = state.hits.length
      if (n === 0) return `No messages match “${state.q?.trim()}”.`
      return `${n}${state.hasNextPage ? '+' : ''} message${n === 1 ? '' : 's'} found.`
    }
  }
}

// Hits grouped by conversation, each a button that opens the conversation at that message.
export function SearchResults({ id, me, check, state, onOpen, onMore, onRetry, onHitKeyDown }: SearchResultsProps) {
  // Only the answer to what is typed now: a hit of an earlier query is not there to be chosen.
  const current = check.ok && state.q === check.q
  const groups = current && state.status === 'loaded' ? groupHits(state.hits, me) : []
  return (
    <div id={id} className="search-results" aria-label="Search results" role="region">
      <p className="muted search-status" role="status">
        {statusText(check, state)}
      </p>
      {current && state.status === 'failed' && (
        <button type="button" className="link" onClick={onRetry}>
          Try again
        </button>
      )}
      {groups.map((group) => (
        <section key={group.key} className="search-group" aria-labelledby={`${id}-${group.key}`}>
          <h3 id={`${id}-${group.key}`}>{group.title}</h3>
          <ul>
            {group.hits.map((hit) => (
              <li key={hit.message.id}>
                <button
                  type="button"
                  className="search-hit"
                  data-message-id={hit.message.id}
                  onClick={() => onOpen(group.conversation, hit.message.id)}
                  onKeyDown={onHitKeyDown}
                >
                  <span className="hit-meta">
                    <strong>{hit.message.sender.name}</strong>{' '}
                    <time dateTime={hit.message.timestamp ?? undefined}>{when(hit.message.timestamp)}</time>
                  </span>
                  <Snippet parts={hit.snippet} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {current && state.status === 'loaded' && state.error && <p className="form-error" role="alert">{`Could not load more: ${state.error}.`}</p>}
      {current && state.status === 'loaded' && state.hasNextPage && (
        <button type="button" className="link" onClick={onMore} disabled={state.loadingMore}>
          {state.loadingMore ? 'Loading…' : 'More results'}
        </button>
      )}
    </div>
  )
}
