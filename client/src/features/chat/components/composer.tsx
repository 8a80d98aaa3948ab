import { useState, type FormEvent, type KeyboardEvent, type Ref } from 'react'

import { MAX_CONTENT_LENGTH } from '../model/types'
import { LengthCounter, showsCounter } from './length-counter'


export interface ComposerProps {
  onSend: (content: string) => void
  // The unsent text this conversation had, and where to keep it while another one is open.
  draft?: string
  onDraftChange?: (text: string) => void
  inputRef?: Ref<HTMLTextAreaElement>
}

export function Composer({ onSend, draft = '', onDraftChange, inputRef }: ComposerProps) {
  const [text, setTextState] = useState(draft)
  const setText = (next: string) => {
    setTextState(next)
    onDraftChange?.(next)
  }
  const length = text.trim().length
  const tooLong = length > MAX_CONTENT_LENGTH
  const canSend = length > 0 && !tooLong

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
        aria-describedby={showsCounter(length) ? 'composer-counter' : undefined}
        aria-invalid={tooLong || undefined}
      />
      <LengthCounter id="composer-counter" length={length} />
      <button type="submit" className="primary" disabled={!canSend}>
        Send
      </button>
    </form>
  )
}
