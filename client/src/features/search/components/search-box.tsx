import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'

import { openMessage, type ConversationRef } from '../../../lib/message-link'
import { useSearch } from '../hooks/use-search'
import { MAX_QUERY_LENGTH } from '../model/search-query'
import { SearchResults } from './search-results'

export interface SearchBoxProps {
  me: number
  // Opens the conversation at that message (default: the message link, which the chat follows:
  // it loads older history as needed, then highlights and focuses the message).
  onOpen?: (conversation: ConversationRef, messageId: number) => void
}

// Typing in a field keeps "/" for the text; Ctrl+K (⌘K) works from anywhere.
const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

// The message search in the top bar: "/" or Ctrl+K focuses it; ↓ moves into the results, ↑/↓
// between them, Escape closes them and returns to the box.
export function SearchBox({ me, onOpen = openMessage }: SearchBoxProps) {
  const { text, setText, check, state, more, retry } = useSearch()
  const [open, setOpen] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const box = useRef<HTMLDivElement>(null)
  const resultsId = useId()

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const shortcut = (event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey)
      if (shortcut || (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !typingIn(event.target))) {
        event.preventDefault()
        input.current?.focus()
        input.current?.select()
        setOpen(true)
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  const hits = () => [...(box.current?.querySelectorAll<HTMLButtonElement>('.search-hit') ?? [])]
  // Focus first: the box's onFocus opens the results, and the last update wins.
  const close = () => {
    input.current?.focus()
    setOpen(false)
  }

  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      setOpen(true)
      hits()[0]?.focus()
    } else if (event.key === 'Escape' && open) {
      event.preventDefault()
      setOpen(false)
    }
  }

  const onHitKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const all = hits()
    const at = all.indexOf(event.currentTarget)
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const next = at + (event.key === 'ArrowDown' ? 1 : -1)
      if (next < 0) input.current?.focus()
      else all[Math.min(next, all.length - 1)]?.focus()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      close()
    }
  }

  const showResults = open && text.trim() !== ''
  return (
    <div
      className="message-search"
      role="search"
      ref={box}
      // Focus leaving the box and its results closes them (a click elsewhere, Tab away).
      onBlur={(event) => {
        if (!box.current?.contains(event.relatedTarget as Node | null)) setOpen(false)
      }}
    >
      <label className="visually-hidden" htmlFor={`${resultsId}-input`}>
        Search messages
      </label>
      <input
        id={`${resultsId}-input`}
        ref={input}
        type="search"
        placeholder="Search messages (/)"
        autoComplete="off"
        maxLength={MAX_QUERY_LENGTH}
        value={text}
        aria-keyshortcuts="/ Control+K"
        aria-controls={showResults ? resultsId : undefined}
        onChange={(event) => {
          setText(event.target.value)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onInputKeyDown}
      />
      {showResults && (
        <SearchResults
          id={resultsId}
          me={me}
          check={check}
          state={state}
          onMore={more}
          onRetry={retry}
          onHitKeyDown={onHitKeyDown}
          onOpen={(conversation, messageId) => {
            setOpen(false)
            onOpen(conversation, messageId)
          }}
        />
      )}
    </div>
  )
}
