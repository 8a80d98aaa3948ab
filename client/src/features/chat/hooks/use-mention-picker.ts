// The `@` member picker of a text box (the composer's and the message editor's): where the caret
// is, which candidate is active, what was chosen since the last reset. The box keeps the focus;
// the picker list follows aria-activedescendant.
import { useRef, useState, type ChangeEvent, type KeyboardEvent, type RefObject, type SyntheticEvent } from 'react'

import { optionId, type MentionPickerProps } from '../components/mention-picker'
import { insertMention, matchCandidates, mentionQuery, type MentionCandidate } from '../model/mentions'

export interface MentionPickerOptions {
  id: string // the picker list's element id
  text: string
  setText: (text: string) => void
  boxRef: RefObject<HTMLTextAreaElement | null>
  mentionables?: MentionCandidate[] // absent: no picker (a DM)
}

export function useMentionPicker({ id, text, setText, boxRef, mentionables }: MentionPickerOptions) {
  const [caret, setCaret] = useState(text.length)
  const [active, setActive] = useState(0)
  const [dismissedAt, setDismissedAt] = useState<number | null>(null)
  // The mentions chosen in the picker since the last reset.
  const chosenRef = useRef<MentionCandidate[]>([])

  const query = mentionables ? mentionQuery(text, caret) : null
  const candidates = query && query.start !== dismissedAt ? matchCandidates(mentionables ?? [], query.query) : []
  const picking = candidates.length > 0
  const activeIndex = Math.min(active, candidates.length - 1)

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

  // Arrow keys, Enter/Tab and Escape while the picker is open; true when the key was the picker's.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!picking) return false
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((activeIndex + step + candidates.length) % candidates.length)
    } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
      pick(candidates[activeIndex])
    } else if (event.key === 'Escape') {
      setDismissedAt(query!.start)
    } else {
      return false
    }
    event.preventDefault()
    return true
  }

  // Follow the caret: call from the box's onChange (after setting the text) and onSelect.
  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    setCaret(event.target.selectionStart ?? event.target.value.length)
    setActive(0)
  }
  const onSelect = (event: SyntheticEvent<HTMLTextAreaElement>) => setCaret(event.currentTarget.selectionStart ?? 0)

  const reset = () => {
    chosenRef.current = []
    setCaret(0)
  }

  const picker: MentionPickerProps | null = picking ? { id, candidates, active: activeIndex, onPick: pick } : null
  // The box is a combobox over the picker (in a room).
  const boxProps = mentionables
    ? {
        role: 'combobox' as const,
        'aria-autocomplete': 'list' as const,
        'aria-expanded': picking,
        'aria-controls': picking ? id : undefined,
        'aria-activedescendant': picking ? optionId(id, activeIndex) : undefined,
      }
    : {}
  return { picker, boxProps, onKeyDown, onChange, onSelect, reset, chosen: () => chosenRef.current }
}
