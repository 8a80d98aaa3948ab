import { useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent, type RefObject } from 'react'

import { AttachButton, AttachmentTray, holdUp, pastedFiles, readyAttachments, type Uploads } from '../../../attachments'

import type { Mentions } from '../api/chat-api'
import { useMentionPicker } from '../hooks/use-mention-picker'
import { mentionsIn, type MentionCandidate } from '../model/mentions'
import { MAX_CONTENT_LENGTH, type AttachmentRef } from '../model/types'
import { LengthCounter, showsCounter } from './length-counter'
import { MentionPicker } from './mention-picker'

export interface ComposerProps {
  // `attachments`: the files uploaded for this message (the composer's `uploads`), if any.
  onSend: (content: string, mentions?: Mentions, attachments?: AttachmentRef[]) => void
  // The unsent text this conversation had, and where to keep it while another one is open.
  draft?: string
  onDraftChange?: (text: string) => void
  inputRef?: RefObject<HTMLTextAreaElement | null>
  // In a room: who `@` may mention (ROOM_MENTION among them for owners). Absent in a DM.
  mentionables?: MentionCandidate[]
  onTyping?: () => void // the user typed (throttled by the caller)
  // The files being attached (the conversation owns them: files dropped on it land here too).
  // Absent: no attaching.
  uploads?: Uploads
}

const PICKER_ID = 'mention-picker'

export function Composer({ onSend, draft = '', onDraftChange, inputRef, mentionables, onTyping, uploads }: ComposerProps) {
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
  // A message may be only files; none may still be uploading or have failed (holdUp).
  const files = uploads ? readyAttachments(uploads.queue) : []
  const filesHeld = uploads ? holdUp(uploads.queue) !== null : false
  const canSend = (length > 0 || files.length > 0) && !tooLong && !filesHeld

  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (!canSend) return
    const content = text.trim()
    const chosen = mentionables ? mentionsIn(content, mentions.chosen()) : undefined
    if (files.length) onSend(content, chosen, files)
    else if (chosen) onSend(content, chosen)
    else onSend(content)
    mentions.reset()
    setText('')
    uploads?.clear()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mentions.onKeyDown(event)) return
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      submit()
    }
  }

  // A pasted image (a screenshot) is attached; pasted text goes in as usual.
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = uploads ? pastedFiles(event.clipboardData) : []
    if (!pasted.length) return
    event.preventDefault()
    uploads?.add(pasted)
  }

  return (
    <form className="composer" onSubmit={submit}>
      {mentions.picker && <MentionPicker {...mentions.picker} />}
      {uploads && <AttachmentTray queue={uploads.queue} onCancel={uploads.cancel} />}
      {uploads && <AttachButton onFiles={uploads.add} />}
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
        onPaste={onPaste}
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
