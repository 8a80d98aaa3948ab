import { useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react'

import type { Mentions } from '../api/chat-api'
import { useMentionPicker } from '../hooks/use-mention-picker'
import { mentionsIn, type MentionCandidate } from '../model/mentions'
import { MAX_CONTENT_LENGTH } from '../model/types'
import { LengthCounter, showsCounter } from './length-counter'
import { MentionPicker } from './mention-picker'

export interface ComposerProps {
  onSend: (content: string, mentions?: Mentions) => void
  // The unsent text this conversation had, and where to keep it while another one is open.
  draft?: string
  onDraftChange?: (text: string) => void
  inputRef?: RefObject<HTMLTextAreaElement | null>
  // In a room: who `@` may mention (ROOM_MENTION among them for owners). Absent in a DM.
  mentionables?: MentionCandidate[]
  onTyping?: () => void // the user typed (throttled by the caller)
}

const PICKER_ID = 'mention-picker'

export function Composer({ onSend, draft = '', onDraftChange, inputRef, mentionables, onTyping }: ComposerProps) {
  const [text, setTextState] = useState(draft)
  const ownRef = useRef<HTMLTextAreaElement | null>(null)
  const boxRef = inputRef ?? ownRef
  const setText = (next: string) => {
    setTextState(next)
    onDraftChange?.(next)
  }
  const mentions = useMentionPicker({ id: PICKER_ID, text, setText, boxRef, mentionables })
  const length = text.trim().length
  const tooLong = length > MAX_CONTENT_LENGTH
  const canSend = length > 0 && !tooLong

  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (!canSend) return
    const content = text.trim()
    if (mentionables) onSend(content, mentionsIn(content, mentions.chosen()))
    else onSend(content)
    mentions.reset()
    setText('')
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mentions.onKeyDown(event)) return
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      submit()
    }
  }

  return (
    <form className="composer" onSubmit={submit}>
      {mentions.picker && <MentionPicker {...mentions.picker} />}
      <label className="visually-hidden" htmlFor="composer-input">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={boxRef}
        rows={1}
        placeholder={mentionables ? 'Write a message (@ to mention)' : 'Write a message'}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          if (e.target.value.trim()) onTyping?.()
          mentions.onChange(e)
        }}
        onSelect={mentions.onSelect}
        onKeyDown={onKeyDown}
        {...mentions.boxProps}
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
