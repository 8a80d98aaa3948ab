import { useState, type FormEvent, type KeyboardEvent, type Ref } from 'react'

import { MAX_CONTENT_LENGTH } from '../model/types'

const COUNTER_FROM = MAX_CONTENT_LENGTH - 500

export interface ComposerProps {
  onSend: (content: string) => void
  disabled?: boolean
  // The unsent text this conversation had, and where to keep it while another one is open.
  draft?: string
  onDraftChange?: (text: string) => void
  inputRef?: Ref<HTMLTextAreaElement>
}

export function Composer({ onSend, disabled = false, draft = '', onDraftChange, inputRef }: ComposerProps) {
  const [text, setTextState] = useState(draft)
  const setText = (next: string) => {
    setTextState(next)
    onDraftChange?.(next)
  }
  const length = text.trim().length
  const tooLong = length > MAX_CONTENT_LENGTH
  const canSend = !disabled && length > 0 && !tooLong

  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (!canSend) return
    onSend(text.trim())
    setText('')
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      submit()
    }
  }

  return (
    <form className="composer" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="composer-input">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={inputRef}
        rows={1}
        placeholder="Write a message"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={length >= COUNTER_FROM ? 'composer-counter' : undefined}
        aria-invalid={tooLong || undefined}
      />
      {length >= COUNTER_FROM && (
        <span id="composer-counter" className={`counter${tooLong ? ' over' : ''}`} aria-live="polite">
          {tooLong ? `${length - MAX_CONTENT_LENGTH} over the limit` : `${MAX_CONTENT_LENGTH - length} left`}
        </span>
      )}
      <button type="submit" className="primary" disabled={!canSend}>
        Send
      </button>
    </form>
  )
}
