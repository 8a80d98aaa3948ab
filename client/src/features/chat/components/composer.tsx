import { useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react'

import type { Mentions } from '../api/chat-api'
import { insertMention, matchCandidates, mentionQuery, mentionsIn, type MentionCandidate } from '../model/mentions'
import { MAX_CONTENT_LENGTH } from '../model/types'
import { LengthCounter, showsCounter } from './length-counter'
import { MentionPicker, optionId } from './mention-picker'

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
  const [caret, setCaret] = useState(draft.length)
  const [active, setActive] = useState(0)
  const [dismissedAt, setDismissedAt] = useState<number | null>(null)
  // The mentions chosen in the picker since the last send.
  const chosenRef = useRef<MentionCandidate[]>([])
  const ownRef = useRef<HTMLTextAreaElement | null>(null)
  const boxRef = inputRef ?? ownRef
  const setText = (next: string) => {
    setTextState(next)
    onDraftChange?.(next)
  }
  const length = text.trim().length
  const tooLong = length > MAX_CONTENT_LENGTH
  const canSend = length > 0 && !tooLong

  const query = mentionables ? mentionQuery(text, caret) : null
  const candidates = query && query.start !== dismissedAt ? matchCandidates(mentionables ?? [], query.query) : []
  const picking = candidates.length > 0
  const activeIndex = Math.min(active, candidates.length - 1)

  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (!canSend) return
    const content = text.trim()
    if (mentionables) onSend(content, mentionsIn(content, chosenRef.current))
    else onSend(content)
    chosenRef.current = []
    setText('')
    setCaret(0)
  }

  const pick = (candidate: MentionCandidate) => {
    if (!query) return
    const next = insertMention(text, query.start, caret, candidate.name)
    chosenRef.current = [...chosenRef.current, candidate]
    setText(next.text)
    setCaret(next.caret)
    setActive(0)
    // Put the caret after the inserted name once React has written the new text.
    requestAnimationFrame(() => boxRef.current?.setSelectionRange(next.caret, next.caret))
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picking) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        const step = event.key === 'ArrowDown' ? 1 : -1
        setActive((activeIndex + step + candidates.length) % candidates.length)
        return
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
        event.preventDefault()
        pick(candidates[activeIndex])
        return
      }
      if (event.key === 'Escape') {
        event.preventDefault()
        setDismissedAt(query!.start)
        return
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      submit()
    }
  }

  return (
    <form className="composer" onSubmit={submit}>
      {picking && <MentionPicker id={PICKER_ID} candidates={candidates} active={activeIndex} onPick={pick} />}
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
          setCaret(e.target.selectionStart ?? e.target.value.length)
          setActive(0)
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onKeyDown={onKeyDown}
        role={mentionables ? 'combobox' : undefined}
        aria-autocomplete={mentionables ? 'list' : undefined}
        aria-expanded={mentionables ? picking : undefined}
        aria-controls={picking ? PICKER_ID : undefined}
        aria-activedescendant={picking ? optionId(PICKER_ID, activeIndex) : undefined}
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
